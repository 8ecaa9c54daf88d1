CREATE TABLE "article_representation_queue" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_representations" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"rendered_with" text NOT NULL,
	"etag" text NOT NULL,
	"last_modified" timestamp(3) with time zone NOT NULL,
	"surrogate_keys" text NOT NULL,
	"summary" text NOT NULL,
	"head" text NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"body_blocks" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_representation_queue" ADD CONSTRAINT "article_representation_queue_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_representations" ADD CONSTRAINT "article_representations_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_representations_rendered_with_idx" ON "article_representations" USING btree ("rendered_with");
--> statement-breakpoint
-- Hand-written from here: the triggers that queue an article's representation for refreshing whenever something it
-- shows changes, whichever path writes it, as in SQLite (migrations/sqlite/0010_stored_representations.sql). Every
-- article starts queued; the writer's own commit renders it at once. Articles and their links are often written many
-- rows to a statement, so their triggers run once per statement over its rows. A row whose article is being deleted
-- with it (by a foreign key) queues nothing.
CREATE FUNCTION articles_representation_enqueue() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO article_representation_queue (article_id)
			SELECT changed.id FROM changed
			ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE FUNCTION article_links_representation_enqueue() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO article_representation_queue (article_id)
			SELECT DISTINCT changed.article_id FROM changed JOIN articles ON articles.id = changed.article_id
			ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER articles_representation_after_insert AFTER INSERT ON "articles"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION articles_representation_enqueue();
--> statement-breakpoint
-- PostgreSQL allows no column list with a transition table: every update queues, and the writers' own columns (the
-- version, the preview generation) cost a rendering that changes nothing, its Last-Modified included.
CREATE TRIGGER articles_representation_after_update AFTER UPDATE ON "articles"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION articles_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_authors_representation_after_insert AFTER INSERT ON "article_authors"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_authors_representation_after_delete AFTER DELETE ON "article_authors"
	REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_tags_representation_after_insert AFTER INSERT ON "article_tags"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_tags_representation_after_delete AFTER DELETE ON "article_tags"
	REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_corrections_representation_after_insert AFTER INSERT ON "article_corrections"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_corrections_representation_after_update AFTER UPDATE ON "article_corrections"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_corrections_representation_after_delete AFTER DELETE ON "article_corrections"
	REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION article_links_representation_enqueue();
--> statement-breakpoint
-- An article shows its count of approved replies.
CREATE FUNCTION replies_representation_enqueue() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	DECLARE
		reply replies := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
	BEGIN
		INSERT INTO article_representation_queue (article_id)
			SELECT id FROM articles WHERE id = reply.article_id
			ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER replies_representation_after_insert AFTER INSERT ON "replies"
	FOR EACH ROW WHEN (NEW.status = 'approved') EXECUTE FUNCTION replies_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER replies_representation_after_update AFTER UPDATE OF "status" ON "replies"
	FOR EACH ROW WHEN ((OLD.status = 'approved') <> (NEW.status = 'approved')) EXECUTE FUNCTION replies_representation_enqueue();
--> statement-breakpoint
CREATE TRIGGER replies_representation_after_delete AFTER DELETE ON "replies"
	FOR EACH ROW WHEN (OLD.status = 'approved') EXECUTE FUNCTION replies_representation_enqueue();
--> statement-breakpoint
-- A section's name and address are on its articles, and on every article below it, in their breadcrumbs. Only
-- published articles have a representation: the others get one when they are published. A write that leaves the
-- shown columns as they were (a new description) queues nothing: a section may hold tens of thousands of articles.
--
-- A rename must also reach an article being published (or moved, or credited) at the same moment, which its snapshot
-- does not show yet and whose writer may have read the old name. Every such write holds the public content clock's
-- row from its update of the article to its commit; a rename waits for it on that row, without moving the clock, so
-- its next statement sees the article as written and queues it. A write that comes second waits for the rename in
-- turn, and reads the new name.
CREATE FUNCTION sections_representation_enqueue() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		PERFORM 1 FROM settings WHERE key = 'content_changed_at' FOR SHARE;
		INSERT INTO article_representation_queue (article_id)
			SELECT id FROM articles WHERE status = 'published' AND section_id IN (
				WITH RECURSIVE subtree(id) AS (SELECT NEW.id UNION SELECT s.id FROM sections s JOIN subtree ON s.parent_id = subtree.id)
				SELECT id FROM subtree)
			ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER sections_representation_after_update AFTER UPDATE OF "slug", "name", "parent_id" ON "sections"
	FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
	EXECUTE FUNCTION sections_representation_enqueue();
--> statement-breakpoint
-- An author's rename, and a tag's, wait for public article writes under way as a section's does.
CREATE FUNCTION authors_representation_enqueue() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		PERFORM 1 FROM settings WHERE key = 'content_changed_at' FOR SHARE;
		INSERT INTO article_representation_queue (article_id)
			SELECT articles.id FROM article_authors JOIN articles ON articles.id = article_authors.article_id
			WHERE article_authors.author_id = NEW.id AND articles.status = 'published'
			ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER authors_representation_after_update AFTER UPDATE OF "slug", "name", "job_title", "avatar_url" ON "authors"
	FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name OR OLD.job_title IS DISTINCT FROM NEW.job_title
		OR OLD.avatar_url IS DISTINCT FROM NEW.avatar_url)
	EXECUTE FUNCTION authors_representation_enqueue();
--> statement-breakpoint
CREATE FUNCTION tags_representation_enqueue() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		PERFORM 1 FROM settings WHERE key = 'content_changed_at' FOR SHARE;
		INSERT INTO article_representation_queue (article_id)
			SELECT articles.id FROM article_tags JOIN articles ON articles.id = article_tags.article_id
			WHERE article_tags.tag_id = NEW.id AND articles.status = 'published'
			ON CONFLICT (article_id) DO UPDATE SET generation = article_representation_queue.generation + 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER tags_representation_after_update AFTER UPDATE OF "slug", "name" ON "tags"
	FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name)
	EXECUTE FUNCTION tags_representation_enqueue();
--> statement-breakpoint
-- The articles written before this migration: the refresher renders them in the background.
INSERT INTO article_representation_queue (article_id) SELECT id FROM articles ON CONFLICT (article_id) DO NOTHING;
