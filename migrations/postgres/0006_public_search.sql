-- Public search reads an index of public articles only, the twin of SQLite's articles_public_fts
-- (migrations/sqlite/0007_public_search.sql). ts_rank reads each article alone, so no score depends on unpublished
-- work; with this index what a public search reads does not either: neither its plan nor its time varies with the
-- drafts that hold a word. The condition is isPublic's (src/db/visibility.ts); articles_search_vector_idx stays for
-- the editors' list. It fills itself from the rows public now, and follows every write that changes them.
CREATE INDEX "articles_public_search_vector_idx" ON "articles" USING gin ("search_vector")
	WHERE "status" = 'published' AND "embargoed_until" IS NULL AND "withdrawn_at" IS NULL;
