-- Hand-written: no schema change, only the clock triggers of 0008_private_work.sql narrowed to what their audience
-- can see (issue 12, review of the private work).
--
-- An article's update ticks the clocks only when a column the public or partners read is written: revoking preview
-- links (preview_generation), the writers' version, who wrote it last and the schedule are the newsroom's own. A
-- column added to articles that readers see belongs in this list.
DROP TRIGGER `articles_content_clock_after_update`;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_update` AFTER UPDATE OF `slug`, `headline`, `subtitle`, `excerpt`, `body`, `body_html`, `body_text`, `word_count`, `reading_time`, `status`, `published_at`, `section_id`, `featured_image`, `dateline`, `language`, `canonical_url`, `featured`, `byline`, `replies_enabled`, `withdrawn_at`, `withdrawn_reason`, `embargoed_until`, `created_at`, `updated_at` ON `articles` WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE (OLD.status = 'published' AND OLD.embargoed_until IS NULL) OR (NEW.status = 'published' AND NEW.embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
-- A tag is seen where an article that carries it is: created, it is on none, and a tag made for an embargoed scoop or
-- a draft must not date its making in Last-Modified. A tag deleted leaves its articles, and the triggers of
-- article_tags (which SQLite runs for rows its foreign keys delete) tick the clocks of those that were seen. It
-- becomes public with the first public article carrying it, whose publication ticks the clocks.
DROP TRIGGER `tags_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `tags_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `tags_content_clock_after_delete`;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_update` AFTER UPDATE ON `tags` WHEN EXISTS (SELECT 1 FROM article_tags JOIN articles ON articles.id = article_tags.article_id WHERE article_tags.tag_id = NEW.id AND articles.status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM article_tags JOIN articles ON articles.id = article_tags.article_id WHERE article_tags.tag_id = NEW.id AND articles.status = 'published' AND articles.embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
-- An author is seen where an article that credits them is, for the same reason (a new hire before their first piece,
-- the guest writer of a scoop): created, they are credited nowhere, and an author an article credits cannot be
-- deleted, so a deletion was never seen.
DROP TRIGGER `authors_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `authors_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `authors_content_clock_after_delete`;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_update` AFTER UPDATE ON `authors` WHEN EXISTS (SELECT 1 FROM article_authors JOIN articles ON articles.id = article_authors.article_id WHERE article_authors.author_id = NEW.id AND articles.status = 'published') BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM article_authors JOIN articles ON articles.id = article_authors.article_id WHERE article_authors.author_id = NEW.id AND articles.status = 'published' AND articles.embargoed_until IS NULL)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
-- The public reads no replies of a withdrawn article (their list is a 404 there, as for any article it cannot list),
-- so moderating them there ticks no clock either.
DROP TRIGGER `replies_content_clock_after_insert`;
--> statement-breakpoint
DROP TRIGGER `replies_content_clock_after_update`;
--> statement-breakpoint
DROP TRIGGER `replies_content_clock_after_delete`;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_insert` AFTER INSERT ON `replies` WHEN NEW.status = 'approved' AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL AND withdrawn_at IS NULL) BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_update` AFTER UPDATE ON `replies` WHEN (OLD.status = 'approved' OR NEW.status = 'approved') AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND status = 'published' AND embargoed_until IS NULL AND withdrawn_at IS NULL) BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_delete` AFTER DELETE ON `replies` WHEN OLD.status = 'approved' AND EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND status = 'published' AND embargoed_until IS NULL AND withdrawn_at IS NULL) BEGIN
	INSERT INTO settings(key, value) SELECT 'syndicated_content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
	INSERT INTO settings(key, value) SELECT 'content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE true
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
