CREATE TABLE "article_representation_bodies" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"rendered_with" text NOT NULL,
	"digest" text NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"body_blocks" text NOT NULL,
	"body_xml" text NOT NULL
);
--> statement-breakpoint
-- Hand-edited, as in SQLite: the stored forms are rendered again anyway, so the rows go before the NOT NULL columns come.
DELETE FROM "article_representations";
--> statement-breakpoint
ALTER TABLE "article_representations" ADD COLUMN "rss_before" text NOT NULL;--> statement-breakpoint
ALTER TABLE "article_representations" ADD COLUMN "rss_after" text NOT NULL;--> statement-breakpoint
ALTER TABLE "article_representations" ADD COLUMN "atom_before" text NOT NULL;--> statement-breakpoint
ALTER TABLE "article_representations" ADD COLUMN "atom_after" text NOT NULL;--> statement-breakpoint
ALTER TABLE "article_representations" ADD COLUMN "json_feed_before" text NOT NULL;--> statement-breakpoint
ALTER TABLE "article_representations" ADD COLUMN "json_feed_after" text NOT NULL;--> statement-breakpoint
ALTER TABLE "article_representation_bodies" ADD CONSTRAINT "article_representation_bodies_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_representations" DROP COLUMN "body_html";--> statement-breakpoint
ALTER TABLE "article_representations" DROP COLUMN "body_text";--> statement-breakpoint
ALTER TABLE "article_representations" DROP COLUMN "body_blocks";--> statement-breakpoint
ALTER TABLE "article_representations" DROP COLUMN "rss_item";--> statement-breakpoint
ALTER TABLE "article_representations" DROP COLUMN "atom_entry";--> statement-breakpoint
ALTER TABLE "article_representations" DROP COLUMN "json_feed_item";
--> statement-breakpoint
-- Hand-written from here, as in SQLite (migrations/sqlite/0012_representation_bodies.sql): a changed body, withheld or
-- given back, drops its stored forms in the statement that queues the article. json has no equality: its text is compared.
CREATE FUNCTION articles_representation_body_drop() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		DELETE FROM article_representation_bodies WHERE article_id = NEW.id;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER articles_representation_body_after_update AFTER UPDATE OF "body", "body_html", "body_text", "withdrawn_at" ON "articles"
	FOR EACH ROW WHEN (OLD.body::text IS DISTINCT FROM NEW.body::text OR OLD.body_html IS DISTINCT FROM NEW.body_html OR OLD.body_text IS DISTINCT FROM NEW.body_text
		OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL))
	EXECUTE FUNCTION articles_representation_body_drop();
--> statement-breakpoint
INSERT INTO article_representation_queue (article_id) SELECT id FROM articles WHERE status = 'published'
	ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
