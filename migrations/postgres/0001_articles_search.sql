-- Full-text search over headline, subtitle and body text, the PostgreSQL twin of SQLite's FTS5 table
-- (migrations/sqlite/0002_articles_fts.sql). The 'simple' configuration lowercases without stemming and unaccent folds
-- accents, as unicode61 with remove_diacritics 2 does: on both engines "Senegal" finds "Sénégal" and "election"
-- stays apart from "elections". Weights A, B and D let ts_rank prefer a match in the headline, then the subtitle.
-- The column is kept out of src/db/schema.pg.ts (see its header) and filled by a trigger, so every write path keeps
-- it right, as the FTS5 triggers do. unaccent is a trusted extension: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE, because its dictionary could be changed; ours never is, and a function used to fill a
-- stored column and to build queries must give the same answer every time. This function and the next fix their
-- search_path to the migration's, so the names inside resolve the same way whoever calls them, as IMMUTABLE promises.
CREATE FUNCTION news_unaccent(text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path FROM CURRENT
	AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- One definition of the document, for the trigger and the backfill below.
CREATE FUNCTION article_search_vector(headline text, subtitle text, body_text text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path FROM CURRENT
	AS $$
		SELECT setweight(to_tsvector('simple', news_unaccent(coalesce(headline, ''))), 'A')
			|| setweight(to_tsvector('simple', news_unaccent(coalesce(subtitle, ''))), 'B')
			|| setweight(to_tsvector('simple', news_unaccent(coalesce(body_text, ''))), 'D')
	$$;
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search_vector" tsvector;
--> statement-breakpoint
CREATE FUNCTION articles_search_vector_refresh() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		NEW.search_vector := article_search_vector(NEW.headline, NEW.subtitle, NEW.body_text);
		RETURN NEW;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER articles_search_vector_before_write BEFORE INSERT OR UPDATE OF headline, subtitle, body_text ON "articles"
	FOR EACH ROW EXECUTE FUNCTION articles_search_vector_refresh();
--> statement-breakpoint
CREATE INDEX "articles_search_vector_idx" ON "articles" USING gin ("search_vector");
--> statement-breakpoint
UPDATE "articles" SET "search_vector" = article_search_vector("headline", "subtitle", "body_text");
