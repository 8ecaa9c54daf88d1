-- Public search gets an index of its own, holding public articles only. bm25 weighs a word by how many indexed
-- articles hold it, so with drafts in the same index as the published articles, saving a draft moved every public
-- score: anyone could test whether unpublished work contains a word. articles_fts stays, over every article, for the
-- editors' list.
--
-- Both indexes read their text through views that drop the snippet markers (U+E000 and U+E001, see
-- src/modules/articles/articles.search.ts), so the only markers in a snippet are those FTS5 put there, whatever the
-- stored text holds. The triggers index the same stripped text: FTS5 finds a snippet's hits by token position, and
-- the text it reads back must tokenize as the indexed text did.
DROP TRIGGER `articles_fts_after_insert`;
--> statement-breakpoint
DROP TRIGGER `articles_fts_after_delete`;
--> statement-breakpoint
DROP TRIGGER `articles_fts_after_update`;
--> statement-breakpoint
DROP TABLE `articles_fts`;
--> statement-breakpoint
CREATE VIEW `article_search_text` AS
	SELECT id,
		replace(replace(headline, char(57344), ''), char(57345), '') AS headline,
		replace(replace(subtitle, char(57344), ''), char(57345), '') AS subtitle,
		replace(replace(body_text, char(57344), ''), char(57345), '') AS body_text
	FROM articles;
--> statement-breakpoint
-- What the public may see, as isPublic in src/db/visibility.ts says it.
CREATE VIEW `public_article_search_text` AS
	SELECT id,
		replace(replace(headline, char(57344), ''), char(57345), '') AS headline,
		replace(replace(subtitle, char(57344), ''), char(57345), '') AS subtitle,
		replace(replace(body_text, char(57344), ''), char(57345), '') AS body_text
	FROM articles
	WHERE status = 'published' AND embargoed_until IS NULL AND withdrawn_at IS NULL;
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	headline, subtitle, body_text,
	content='article_search_text', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_public_fts` USING fts5(
	headline, subtitle, body_text,
	content='public_article_search_text', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO articles_fts(rowid, headline, subtitle, body_text) VALUES (new.id,
		replace(replace(new.headline, char(57344), ''), char(57345), ''),
		replace(replace(new.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(new.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_delete` AFTER DELETE ON `articles` BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id,
		replace(replace(old.headline, char(57344), ''), char(57345), ''),
		replace(replace(old.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(old.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_update` AFTER UPDATE OF headline, subtitle, body_text ON `articles` BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id,
		replace(replace(old.headline, char(57344), ''), char(57345), ''),
		replace(replace(old.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(old.body_text, char(57344), ''), char(57345), ''));
	INSERT INTO articles_fts(rowid, headline, subtitle, body_text) VALUES (new.id,
		replace(replace(new.headline, char(57344), ''), char(57345), ''),
		replace(replace(new.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(new.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
-- The public index takes an article in when it becomes public and lets it go when it stops being public, whichever
-- write does it: publishing, the scheduler, an embargo lifted, a withdrawal or its undoing, unpublishing, deletion.
CREATE TRIGGER `articles_public_fts_after_insert` AFTER INSERT ON `articles`
	WHEN new.status = 'published' AND new.embargoed_until IS NULL AND new.withdrawn_at IS NULL BEGIN
	INSERT INTO articles_public_fts(rowid, headline, subtitle, body_text) VALUES (new.id,
		replace(replace(new.headline, char(57344), ''), char(57345), ''),
		replace(replace(new.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(new.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_public_fts_after_delete` AFTER DELETE ON `articles`
	WHEN old.status = 'published' AND old.embargoed_until IS NULL AND old.withdrawn_at IS NULL BEGIN
	INSERT INTO articles_public_fts(articles_public_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id,
		replace(replace(old.headline, char(57344), ''), char(57345), ''),
		replace(replace(old.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(old.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
-- One trigger, so that the old text leaves before the new text enters: the order in which SQLite fires two triggers
-- is not defined, and an article entering the index while still in it would be indexed twice.
CREATE TRIGGER `articles_public_fts_after_update` AFTER UPDATE OF headline, subtitle, body_text, status, embargoed_until, withdrawn_at ON `articles` BEGIN
	INSERT INTO articles_public_fts(articles_public_fts, rowid, headline, subtitle, body_text) SELECT 'delete', old.id,
		replace(replace(old.headline, char(57344), ''), char(57345), ''),
		replace(replace(old.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(old.body_text, char(57344), ''), char(57345), '')
	WHERE old.status = 'published' AND old.embargoed_until IS NULL AND old.withdrawn_at IS NULL;
	INSERT INTO articles_public_fts(rowid, headline, subtitle, body_text) SELECT new.id,
		replace(replace(new.headline, char(57344), ''), char(57345), ''),
		replace(replace(new.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(new.body_text, char(57344), ''), char(57345), '')
	WHERE new.status = 'published' AND new.embargoed_until IS NULL AND new.withdrawn_at IS NULL;
END;
--> statement-breakpoint
-- Both indexes are filled from their views: every article's stripped text, and that of the articles public now.
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO articles_public_fts(articles_public_fts) VALUES ('rebuild');
