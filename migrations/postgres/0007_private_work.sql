ALTER TABLE "articles" ADD COLUMN "preview_generation" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written from here on: carry this block over when the migration is regenerated.
--
-- Two content clocks, as in SQLite (migrations/sqlite/0008_private_work.sql), each moved only by changes its audience
-- can see, so that Last-Modified tells no one when the newsroom works on unpublished pieces (issue 12).
-- content_changed_at is the public's: articles that are published and out of embargo (withdrawn ones included),
-- their authors, tags and corrections, approved replies to such articles, and sections, authors and tags, which the
-- public lists. syndicated_content_changed_at is the partners': the same, plus published articles under embargo.
-- Every tick of the public clock ticks the partners' too, so theirs is never behind. Drafts, schedules, archived
-- articles and pending or rejected replies move neither, and so no longer queue on the clock rows' locks either.
-- Articles, their parts and replies need row-level triggers to look at the rows; sections, authors and tags keep
-- their statement-level ones.
CREATE FUNCTION content_clock_move(to_public boolean) RETURNS void
	LANGUAGE plpgsql
	AS $$
	DECLARE
		changed_at text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
	BEGIN
		INSERT INTO settings (key, value) VALUES ('syndicated_content_changed_at', changed_at)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value;
		IF to_public THEN
			INSERT INTO settings (key, value) VALUES ('content_changed_at', changed_at)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value;
		END IF;
	END
	$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION content_clock_tick() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		PERFORM content_clock_move(true);
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
-- OLD is null on INSERT and NEW on DELETE: coalesce turns "no such row" into "not seen".
CREATE FUNCTION articles_content_clock() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	DECLARE
		was_seen boolean := coalesce(OLD.status = 'published', false);
		is_seen boolean := coalesce(NEW.status = 'published', false);
	BEGIN
		IF was_seen OR is_seen THEN
			PERFORM content_clock_move((was_seen AND OLD.embargoed_until IS NULL) OR (is_seen AND NEW.embargoed_until IS NULL));
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
-- An article's authors, tags and corrections: seen when their article is. A row removed with its article finds none,
-- and the article's own trigger has moved the clocks.
CREATE FUNCTION article_parts_content_clock() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	DECLARE
		seen boolean;
		to_public boolean;
	BEGIN
		SELECT bool_or(status = 'published'), bool_or(status = 'published' AND embargoed_until IS NULL) INTO seen, to_public
			FROM articles WHERE id IN (OLD.article_id, NEW.article_id);
		IF coalesce(seen, false) THEN
			PERFORM content_clock_move(to_public);
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
-- A reply is seen when it is approved and its article is public. A reply never moves to another article.
CREATE FUNCTION replies_content_clock() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		IF (coalesce(OLD.status = 'approved', false) OR coalesce(NEW.status = 'approved', false)) AND EXISTS (
			SELECT 1 FROM articles WHERE id = coalesce(NEW.article_id, OLD.article_id) AND status = 'published' AND embargoed_until IS NULL
		) THEN
			PERFORM content_clock_move(true);
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
DROP TRIGGER articles_content_clock ON "articles";
--> statement-breakpoint
DROP TRIGGER article_authors_content_clock ON "article_authors";
--> statement-breakpoint
DROP TRIGGER article_tags_content_clock ON "article_tags";
--> statement-breakpoint
DROP TRIGGER article_corrections_content_clock ON "article_corrections";
--> statement-breakpoint
DROP TRIGGER replies_content_clock ON "replies";
--> statement-breakpoint
CREATE TRIGGER articles_content_clock AFTER INSERT OR UPDATE OR DELETE ON "articles"
	FOR EACH ROW EXECUTE FUNCTION articles_content_clock();
--> statement-breakpoint
CREATE TRIGGER article_authors_content_clock AFTER INSERT OR UPDATE OR DELETE ON "article_authors"
	FOR EACH ROW EXECUTE FUNCTION article_parts_content_clock();
--> statement-breakpoint
CREATE TRIGGER article_tags_content_clock AFTER INSERT OR UPDATE OR DELETE ON "article_tags"
	FOR EACH ROW EXECUTE FUNCTION article_parts_content_clock();
--> statement-breakpoint
CREATE TRIGGER article_corrections_content_clock AFTER INSERT OR UPDATE OR DELETE ON "article_corrections"
	FOR EACH ROW EXECUTE FUNCTION article_parts_content_clock();
--> statement-breakpoint
CREATE TRIGGER replies_content_clock AFTER INSERT OR UPDATE OR DELETE ON "replies"
	FOR EACH ROW EXECUTE FUNCTION replies_content_clock();
--> statement-breakpoint
-- TRUNCATE has no rows to look at: it empties the table, which is a change for everyone.
CREATE TRIGGER articles_content_clock_truncate AFTER TRUNCATE ON "articles"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER article_authors_content_clock_truncate AFTER TRUNCATE ON "article_authors"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER article_tags_content_clock_truncate AFTER TRUNCATE ON "article_tags"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER article_corrections_content_clock_truncate AFTER TRUNCATE ON "article_corrections"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER replies_content_clock_truncate AFTER TRUNCATE ON "replies"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
INSERT INTO settings (key, value)
	VALUES ('syndicated_content_changed_at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
	ON CONFLICT (key) DO UPDATE SET value = excluded.value;
