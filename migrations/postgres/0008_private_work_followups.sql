-- Hand-written: no schema change, only the clock triggers of 0007_private_work.sql narrowed to what their audience
-- can see, as in SQLite (migrations/sqlite/0009_private_work_followups.sql).
--
-- An article's update ticks the clocks only when a column the public or partners read is written: revoking preview
-- links (preview_generation), the writers' version, who wrote it last and the schedule are the newsroom's own. A
-- column added to articles that readers see belongs in this list.
DROP TRIGGER articles_content_clock ON "articles";
--> statement-breakpoint
CREATE TRIGGER articles_content_clock AFTER INSERT OR DELETE OR UPDATE OF "slug", "headline", "subtitle", "excerpt", "body", "body_html",
	"body_text", "word_count", "reading_time", "status", "published_at", "section_id", "featured_image", "dateline", "language", "canonical_url",
	"featured", "byline", "replies_enabled", "withdrawn_at", "withdrawn_reason", "embargoed_until", "created_at", "updated_at" ON "articles"
	FOR EACH ROW EXECUTE FUNCTION articles_content_clock();
--> statement-breakpoint
-- A tag is seen where an article that carries it is: created, it is on none, and a tag made for an embargoed scoop or
-- a draft must not date its making in Last-Modified. A tag deleted leaves its articles, and the row triggers of
-- article_tags (which PostgreSQL runs for rows its foreign keys delete) tick the clocks of those that were seen. It
-- becomes public with the first public article carrying it, whose publication ticks the clocks.
CREATE FUNCTION tags_content_clock() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	DECLARE
		seen boolean;
		to_public boolean;
	BEGIN
		SELECT bool_or(articles.status = 'published'), bool_or(articles.status = 'published' AND articles.embargoed_until IS NULL) INTO seen, to_public
			FROM article_tags JOIN articles ON articles.id = article_tags.article_id WHERE article_tags.tag_id = NEW.id;
		IF coalesce(seen, false) THEN
			PERFORM content_clock_move(to_public);
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
DROP TRIGGER tags_content_clock ON "tags";
--> statement-breakpoint
CREATE TRIGGER tags_content_clock AFTER UPDATE ON "tags"
	FOR EACH ROW EXECUTE FUNCTION tags_content_clock();
--> statement-breakpoint
-- TRUNCATE has no rows to look at: it empties the table, which is a change for everyone.
CREATE TRIGGER tags_content_clock_truncate AFTER TRUNCATE ON "tags"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
-- An author is seen where an article that credits them is, for the same reason (a new hire before their first piece,
-- the guest writer of a scoop): created, they are credited nowhere, and an author an article credits cannot be
-- deleted, so a deletion was never seen.
CREATE FUNCTION authors_content_clock() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	DECLARE
		seen boolean;
		to_public boolean;
	BEGIN
		SELECT bool_or(articles.status = 'published'), bool_or(articles.status = 'published' AND articles.embargoed_until IS NULL) INTO seen, to_public
			FROM article_authors JOIN articles ON articles.id = article_authors.article_id WHERE article_authors.author_id = NEW.id;
		IF coalesce(seen, false) THEN
			PERFORM content_clock_move(to_public);
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
DROP TRIGGER authors_content_clock ON "authors";
--> statement-breakpoint
CREATE TRIGGER authors_content_clock AFTER UPDATE ON "authors"
	FOR EACH ROW EXECUTE FUNCTION authors_content_clock();
--> statement-breakpoint
CREATE TRIGGER authors_content_clock_truncate AFTER TRUNCATE ON "authors"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
-- The public reads no replies of a withdrawn article (their list is a 404 there, as for any article it cannot list),
-- so moderating them there ticks no clock either.
CREATE OR REPLACE FUNCTION replies_content_clock() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		IF (coalesce(OLD.status = 'approved', false) OR coalesce(NEW.status = 'approved', false)) AND EXISTS (
			SELECT 1 FROM articles WHERE id = coalesce(NEW.article_id, OLD.article_id) AND status = 'published' AND embargoed_until IS NULL AND withdrawn_at IS NULL
		) THEN
			PERFORM content_clock_move(true);
		END IF;
		RETURN NULL;
	END
	$$;
