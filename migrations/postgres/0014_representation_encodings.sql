-- As in SQLite (migrations/sqlite/0014_representation_encodings.sql): each stored representation as it is sent by
-- default, compressed in both codings by the refresher, pending (null) until then.
CREATE TABLE "article_representation_encodings" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"etag" text NOT NULL,
	"br" "bytea",
	"gzip" "bytea"
);
--> statement-breakpoint
ALTER TABLE "article_representation_encodings" ADD CONSTRAINT "article_representation_encodings_article_id_article_representations_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article_representations"("article_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_representation_encodings_pending_idx" ON "article_representation_encodings" USING btree ("article_id") WHERE "article_representation_encodings"."br" is null;
--> statement-breakpoint
-- Hand-written from here. Compressed already: PostgreSQL's own compression of a value out of line would find nothing to save.
ALTER TABLE "article_representation_encodings" ALTER COLUMN "br" SET STORAGE EXTERNAL, ALTER COLUMN "gzip" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- A representation stored, or stored again under another ETag, makes its encodings pending in the same statement.
CREATE FUNCTION article_representation_encodings_reset() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path FROM CURRENT
	AS $$
	BEGIN
		INSERT INTO article_representation_encodings (article_id, etag) VALUES (NEW.article_id, NEW.etag)
			ON CONFLICT (article_id) DO UPDATE SET etag = excluded.etag, br = NULL, gzip = NULL;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER article_representations_encodings_after_insert AFTER INSERT ON "article_representations"
	FOR EACH ROW EXECUTE FUNCTION article_representation_encodings_reset();
--> statement-breakpoint
CREATE TRIGGER article_representations_encodings_after_update AFTER UPDATE OF "etag" ON "article_representations"
	FOR EACH ROW WHEN (OLD.etag IS DISTINCT FROM NEW.etag) EXECUTE FUNCTION article_representation_encodings_reset();
--> statement-breakpoint
INSERT INTO article_representation_encodings (article_id, etag) SELECT article_id, etag FROM article_representations;
