-- As in SQLite (migrations/sqlite/0014_representation_encodings.sql): each stored representation as it is sent by
-- default, compressed in both codings by the refresher, and the queue of those to compress.
CREATE TABLE "article_encoding_queue" (
	"article_id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_representation_encodings" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"etag" text NOT NULL,
	"br" "bytea" NOT NULL,
	"gzip" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_encoding_queue" ADD CONSTRAINT "article_encoding_queue_article_id_article_representations_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article_representations"("article_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_representation_encodings" ADD CONSTRAINT "article_representation_encodings_article_id_article_representations_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article_representations"("article_id") ON DELETE cascade ON UPDATE no action;

--> statement-breakpoint
-- Hand-written from here. Compressed already: PostgreSQL's own compression of a value out of line would find nothing to save.
ALTER TABLE "article_representation_encodings" ALTER COLUMN "br" SET STORAGE EXTERNAL, ALTER COLUMN "gzip" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- A representation stored, or stored again under another ETag, is queued for compressing in the same statement. DO
-- UPDATE, not DO NOTHING: it waits for an encoder that holds the row, which unqueues it as encoded before this write
-- commits, and then queues it again; DO NOTHING found the row, and the article was left unqueued with an old encoding.
CREATE FUNCTION article_representation_encoding_queue() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path FROM CURRENT
	AS $$
	BEGIN
		INSERT INTO article_encoding_queue (article_id) VALUES (NEW.article_id)
			ON CONFLICT (article_id) DO UPDATE SET article_id = excluded.article_id;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER article_representations_encoding_after_insert AFTER INSERT ON "article_representations"
	FOR EACH ROW EXECUTE FUNCTION article_representation_encoding_queue();
--> statement-breakpoint
CREATE TRIGGER article_representations_encoding_after_update AFTER UPDATE OF "etag" ON "article_representations"
	FOR EACH ROW WHEN (OLD.etag IS DISTINCT FROM NEW.etag) EXECUTE FUNCTION article_representation_encoding_queue();
--> statement-breakpoint
INSERT INTO article_encoding_queue (article_id) SELECT article_id FROM article_representations;
