-- Old slugs keep answering with a 301 to the current one, as in SQLite (migrations/sqlite/0003_article_slug_redirects.sql).
-- Triggers record them whatever path renames an article, and a slug that comes back into use (by the same or
-- another article) stops redirecting.
CREATE FUNCTION article_slug_history_after_rename() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		DELETE FROM article_slug_history WHERE slug = NEW.slug;
		INSERT INTO article_slug_history (slug, article_id, created_at) VALUES (OLD.slug, OLD.id, now())
			ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id, created_at = excluded.created_at;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER article_slug_history_after_rename AFTER UPDATE OF slug ON "articles"
	FOR EACH ROW WHEN (OLD.slug <> NEW.slug) EXECUTE FUNCTION article_slug_history_after_rename();
--> statement-breakpoint
CREATE FUNCTION article_slug_history_after_insert() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		DELETE FROM article_slug_history WHERE slug = NEW.slug;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER article_slug_history_after_insert AFTER INSERT ON "articles"
	FOR EACH ROW EXECUTE FUNCTION article_slug_history_after_insert();
