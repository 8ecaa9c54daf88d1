-- The articles table rebuilt with its three body columns last. A row of some 12 KB spills into overflow pages, and
-- SQLite reaches a column by walking the row from its start: with the bodies first, reading an article's status,
-- dates or section read two or three overflow pages, which made every refresh after a rename, and every list that
-- checked visibility in the row, read about four times the pages it needed from a cold cache.
--
-- The rows keep their ids, so the full-text indexes (keyed by id) and every table that refers to an article stay as
-- they are; the AUTOINCREMENT counter is carried over, so an id deleted before is still never reused. The migrator
-- runs with foreign keys off (migrateDatabase), as dropping a table with them on would first delete its rows and
-- cascade to every article's authors, tags, revisions and replies; legacy_alter_table lets the rename through while
-- the views and other tables' triggers that name articles have no table of that name to check against for a moment.
-- The indexes and triggers are those of migrations 0000 to 0012, as they stood.
CREATE TABLE `__new_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`headline` text NOT NULL,
	`subtitle` text,
	`excerpt` text DEFAULT '' NOT NULL,
	`word_count` integer NOT NULL,
	`reading_time` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`scheduled_at` text,
	`section_id` integer NOT NULL,
	`featured_image` text,
	`dateline` text,
	`language` text DEFAULT 'en' NOT NULL,
	`canonical_url` text,
	`featured` integer DEFAULT false NOT NULL,
	`byline` text,
	`replies_enabled` integer DEFAULT true NOT NULL,
	`withdrawn_at` text,
	`withdrawn_reason` text,
	`embargoed_until` text,
	`version` integer DEFAULT 1 NOT NULL,
	`preview_generation` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`updated_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`body_text` text NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_articles` (`id`, `slug`, `headline`, `subtitle`, `excerpt`, `word_count`, `reading_time`, `status`, `published_at`, `scheduled_at`, `section_id`, `featured_image`, `dateline`, `language`, `canonical_url`, `featured`, `byline`, `replies_enabled`, `withdrawn_at`, `withdrawn_reason`, `embargoed_until`, `version`, `preview_generation`, `created_by`, `updated_by`, `created_at`, `updated_at`, `body`, `body_html`, `body_text`)
	SELECT `id`, `slug`, `headline`, `subtitle`, `excerpt`, `word_count`, `reading_time`, `status`, `published_at`, `scheduled_at`, `section_id`, `featured_image`, `dateline`, `language`, `canonical_url`, `featured`, `byline`, `replies_enabled`, `withdrawn_at`, `withdrawn_reason`, `embargoed_until`, `version`, `preview_generation`, `created_by`, `updated_by`, `created_at`, `updated_at`, `body`, `body_html`, `body_text` FROM `articles`;
--> statement-breakpoint
DELETE FROM sqlite_sequence WHERE name = '__new_articles';
--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_articles', seq FROM sqlite_sequence WHERE name = 'articles';
--> statement-breakpoint
DROP TABLE `articles`;
--> statement-breakpoint
PRAGMA legacy_alter_table = ON;
--> statement-breakpoint
ALTER TABLE `__new_articles` RENAME TO `articles`;
--> statement-breakpoint
PRAGMA legacy_alter_table = OFF;
--> statement-breakpoint
CREATE INDEX `articles_embargo_idx` ON `articles` (`embargoed_until`);
--> statement-breakpoint
CREATE INDEX `articles_featured_published_idx` ON `articles` (`featured`,`status`,`published_at`,`id`);
--> statement-breakpoint
CREATE INDEX `articles_scheduled_idx` ON `articles` (`status`,`scheduled_at`);
--> statement-breakpoint
CREATE INDEX `articles_section_published_idx` ON `articles` (`section_id`,`status`,`withdrawn_at`,`published_at`,`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_unique` ON `articles` (`slug`);
--> statement-breakpoint
CREATE INDEX `articles_status_published_idx` ON `articles` (`status`,`withdrawn_at`,`published_at`,`id`);
--> statement-breakpoint
CREATE INDEX `articles_status_updated_idx` ON `articles` (`status`,`updated_at`,`id`);
--> statement-breakpoint
CREATE INDEX `articles_visibility_idx` ON `articles` (`id`,`status`,`withdrawn_at`,`published_at`);
--> statement-breakpoint
CREATE TRIGGER `article_slug_history_after_insert` AFTER INSERT ON `articles` BEGIN
	DELETE FROM article_slug_history WHERE slug = new.slug;
END;
--> statement-breakpoint
CREATE TRIGGER `article_slug_history_after_rename` AFTER UPDATE OF slug ON `articles` WHEN old.slug <> new.slug BEGIN
	DELETE FROM article_slug_history WHERE slug = new.slug;
	INSERT OR REPLACE INTO article_slug_history(slug, article_id, created_at) VALUES (old.slug, old.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_delete` AFTER DELETE ON `articles` WHEN OLD.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE OLD.embargoed_until IS NULL
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_insert` AFTER INSERT ON `articles` WHEN NEW.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE NEW.embargoed_until IS NULL
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_update` AFTER UPDATE OF `slug`, `headline`, `subtitle`, `excerpt`, `body`, `body_html`, `body_text`, `word_count`, `reading_time`, `status`, `published_at`, `section_id`, `featured_image`, `dateline`, `language`, `canonical_url`, `featured`, `byline`, `replies_enabled`, `withdrawn_at`, `withdrawn_reason`, `embargoed_until`, `created_at`, `updated_at` ON `articles` WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE (OLD.status = 'published' AND OLD.embargoed_until IS NULL) OR (NEW.status = 'published' AND NEW.embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_delete` AFTER DELETE ON `articles` BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id,
		replace(replace(old.headline, char(57344), ''), char(57345), ''),
		replace(replace(old.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(old.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_after_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO articles_fts(rowid, headline, subtitle, body_text) VALUES (new.id,
		replace(replace(new.headline, char(57344), ''), char(57345), ''),
		replace(replace(new.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(new.body_text, char(57344), ''), char(57345), ''));
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
CREATE TRIGGER `articles_public_fts_after_delete` AFTER DELETE ON `articles`
	WHEN old.status = 'published' AND old.embargoed_until IS NULL AND old.withdrawn_at IS NULL BEGIN
	INSERT INTO articles_public_fts(articles_public_fts, rowid, headline, subtitle, body_text) VALUES ('delete', old.id,
		replace(replace(old.headline, char(57344), ''), char(57345), ''),
		replace(replace(old.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(old.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_public_fts_after_insert` AFTER INSERT ON `articles`
	WHEN new.status = 'published' AND new.embargoed_until IS NULL AND new.withdrawn_at IS NULL BEGIN
	INSERT INTO articles_public_fts(rowid, headline, subtitle, body_text) VALUES (new.id,
		replace(replace(new.headline, char(57344), ''), char(57345), ''),
		replace(replace(new.subtitle, char(57344), ''), char(57345), ''),
		replace(replace(new.body_text, char(57344), ''), char(57345), ''));
END;
--> statement-breakpoint
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
CREATE TRIGGER `articles_representation_after_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_representation_after_update` AFTER UPDATE OF `slug`, `headline`, `subtitle`, `excerpt`, `body`, `body_html`, `body_text`, `word_count`, `reading_time`, `status`, `published_at`, `scheduled_at`, `section_id`, `featured_image`, `dateline`, `language`, `canonical_url`, `featured`, `byline`, `replies_enabled`, `withdrawn_at`, `withdrawn_reason`, `embargoed_until`, `created_at`, `updated_at` ON `articles` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_representation_body_after_update` AFTER UPDATE OF `body`, `body_html`, `body_text`, `withdrawn_at` ON `articles`
	WHEN OLD.body IS NOT NEW.body OR OLD.body_html IS NOT NEW.body_html OR OLD.body_text IS NOT NEW.body_text OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL) BEGIN
	DELETE FROM article_representation_bodies WHERE article_id = NEW.id;
END;
