-- Public search reads a table of its own: the id and search vector of each public article, nothing else. A search
-- vector is about 5 KB, kept out of line (TOAST), and articles rows are wide, so finding the public matches of a
-- common word through articles_public_search_vector_idx visited most of the 90 MB articles heap, and the relevance
-- window checked the vectors of its non-matches one by one: 150 ms to 1.3 s a search at 100,000 articles, which 50
-- readers at once turned into timeouts. This heap is a few MB of ids and pointers, so the matches come from the GIN
-- index and a few hundred pages, and a vector is only read to rank the window's own matches. Like search_vector, it
-- is kept out of src/db/schema.pg.ts and kept by a trigger, on every write path; public means isPublic's condition
-- (src/db/visibility.ts). articles_search_vector_idx stays for the editors' list. The trigger watches the columns the
-- vector is made of, not the vector: a later migration that changes how the vector is made must refill both.
CREATE TABLE "article_public_search" (
	"article_id" integer PRIMARY KEY NOT NULL REFERENCES "articles"("id") ON DELETE CASCADE,
	"search_vector" tsvector NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION article_public_search_follow() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path FROM CURRENT
	AS $$
	BEGIN
		IF NEW.status = 'published' AND NEW.embargoed_until IS NULL AND NEW.withdrawn_at IS NULL THEN
			INSERT INTO article_public_search (article_id, search_vector) VALUES (NEW.id, coalesce(NEW.search_vector, ''))
				ON CONFLICT (article_id) DO UPDATE SET search_vector = excluded.search_vector;
		ELSE
			DELETE FROM article_public_search WHERE article_id = NEW.id;
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
-- The columns that make an article public, and those its vector is made of (0001's BEFORE trigger sets the vector,
-- which an UPDATE OF list never names).
CREATE TRIGGER article_public_search_after_write AFTER INSERT OR UPDATE OF status, embargoed_until, withdrawn_at, headline, subtitle, body_text ON "articles"
	FOR EACH ROW EXECUTE FUNCTION article_public_search_follow();
--> statement-breakpoint
INSERT INTO "article_public_search" ("article_id", "search_vector")
	SELECT "id", coalesce("search_vector", '') FROM "articles"
	WHERE "status" = 'published' AND "embargoed_until" IS NULL AND "withdrawn_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "article_public_search_vector_idx" ON "article_public_search" USING gin ("search_vector");
--> statement-breakpoint
DROP INDEX "articles_public_search_vector_idx";
--> statement-breakpoint
-- Statistics now, not when autovacuum gets to it (if it runs): the planner weighs the index against them.
ANALYZE "article_public_search";
