-- Full-text search over headline, subtitle and body text. An external-content FTS5 table stores only the
-- index; triggers keep it in step with every write, whatever path the write takes. remove_diacritics 2
-- makes "Senegal" find "Sénégal".
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	headline, subtitle, body_text,
	content='articles', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO articles_fts(rowid, headline, subtitle, body_text) VALUES (new.id, new.headline, new.subtitle, new.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_delete` AFTER DELETE ON `articles` BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id, old.headline, old.subtitle, old.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_update` AFTER UPDATE OF headline, subtitle, body_text ON `articles` BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id, old.headline, old.subtitle, old.body_text);
	INSERT INTO articles_fts(rowid, headline, subtitle, body_text) VALUES (new.id, new.headline, new.subtitle, new.body_text);
END;
--> statement-breakpoint
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
