-- Old slugs keep answering with a 301 to the current one. Triggers record them whatever path renames an
-- article, and a slug that comes back into use (by the same or another article) stops redirecting.
CREATE TRIGGER `article_slug_history_after_rename` AFTER UPDATE OF slug ON `articles` WHEN old.slug <> new.slug BEGIN
	DELETE FROM article_slug_history WHERE slug = new.slug;
	INSERT OR REPLACE INTO article_slug_history(slug, article_id, created_at) VALUES (old.slug, old.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `article_slug_history_after_insert` AFTER INSERT ON `articles` BEGIN
	DELETE FROM article_slug_history WHERE slug = new.slug;
END;
