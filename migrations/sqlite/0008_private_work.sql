ALTER TABLE `articles` ADD `preview_generation` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written from here on: carry this block over when the migration is regenerated.
--
-- Two content clocks, each moved only by changes its audience can see, so that Last-Modified tells no one when the
-- newsroom works on unpublished pieces (issue 12). content_changed_at is the public's: articles that are published
-- and out of embargo (withdrawn ones included: they keep their URL and notice), their authors, tags and corrections,
-- approved replies to such articles, and sections, authors and tags, which the public lists. syndicated_content_changed_at is the
-- partners': the same, plus published articles under embargo. Every tick of the public clock ticks the partners'
-- too, so theirs is never behind. Drafts, schedules, archived articles and pending or rejected replies move neither.
-- The ticks are INSERT ... SELECT ... WHERE so that a condition can pick the clocks; SQLite parses the upsert clause
-- after such a SELECT only when it has a WHERE, hence WHERE true where all is seen.
DROP TRIGGER `articles_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `articles_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `articles_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `article_authors_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `article_authors_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `article_authors_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `article_tags_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `article_tags_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `article_tags_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `article_corrections_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `article_corrections_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `article_corrections_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `sections_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `sections_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `sections_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `authors_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `authors_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `authors_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `tags_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `tags_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `tags_content_clock_after_delete`;
--> statement-breakpoint
DROP TRIGGER `replies_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `replies_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `replies_content_clock_after_delete`;
--> statement-breakpoint
INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
	ON CONFLICT(key) DO UPDATE SET value = excluded.value;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_insert` AFTER INSERT ON `articles` WHEN NEW.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE NEW.embargoed_until IS NULL
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_update` AFTER UPDATE ON `articles` WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE (OLD.status = 'published' AND OLD.embargoed_until IS NULL) OR (NEW.status = 'published' AND NEW.embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_delete` AFTER DELETE ON `articles` WHEN OLD.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE OLD.embargoed_until IS NULL
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_content_clock_after_insert` AFTER INSERT ON `article_authors` WHEN EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_content_clock_after_update` AFTER UPDATE ON `article_authors` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published') OR EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL) OR EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_content_clock_after_delete` AFTER DELETE ON `article_authors` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_content_clock_after_insert` AFTER INSERT ON `article_tags` WHEN EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_content_clock_after_update` AFTER UPDATE ON `article_tags` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published') OR EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL) OR EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_content_clock_after_delete` AFTER DELETE ON `article_tags` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_content_clock_after_insert` AFTER INSERT ON `article_corrections` WHEN EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_content_clock_after_update` AFTER UPDATE ON `article_corrections` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published') OR EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL) OR EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_content_clock_after_delete` AFTER DELETE ON `article_corrections` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `sections_content_clock_after_insert` AFTER INSERT ON `sections` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `sections_content_clock_after_update` AFTER UPDATE ON `sections` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `sections_content_clock_after_delete` AFTER DELETE ON `sections` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_insert` AFTER INSERT ON `authors` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_update` AFTER UPDATE ON `authors` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_delete` AFTER DELETE ON `authors` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_insert` AFTER INSERT ON `tags` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_update` AFTER UPDATE ON `tags` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_delete` AFTER DELETE ON `tags` BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_insert` AFTER INSERT ON `replies` WHEN NEW.status = 'approved' AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL) BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_update` AFTER UPDATE ON `replies` WHEN (OLD.status = 'approved' OR NEW.status = 'approved') AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL) BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_delete` AFTER DELETE ON `replies` WHEN OLD.status = 'approved' AND EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL) BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
