CREATE TABLE `article_representation_bodies` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`rendered_with` text NOT NULL,
	`digest` text NOT NULL,
	`body_html` text NOT NULL,
	`body_text` text NOT NULL,
	`body_blocks` text NOT NULL,
	`body_xml` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-edited: drizzle-kit adds NOT NULL columns without a default, which SQLite refuses. The stored forms are rendered
-- again by the refresher anyway (their feed items are cut differently now), so the table is made anew, empty.
DROP TABLE `article_representations`;
--> statement-breakpoint
CREATE TABLE `article_representations` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`rendered_with` text NOT NULL,
	`etag` text NOT NULL,
	`last_modified` text NOT NULL,
	`surrogate_keys` text NOT NULL,
	`summary` text NOT NULL,
	`head` text NOT NULL,
	`rss_before` text NOT NULL,
	`rss_after` text NOT NULL,
	`atom_before` text NOT NULL,
	`atom_after` text NOT NULL,
	`json_feed_before` text NOT NULL,
	`json_feed_after` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_representations_rendered_with_idx` ON `article_representations` (`rendered_with`);
--> statement-breakpoint
-- Hand-written from here. A stored body is reused while the article's body is unchanged; this drops it, in the statement
-- that changes the body (or withholds it, or gives it back) and queues the article, so no path can leave an old body
-- to be reused. An edit that writes the same body again keeps it.
CREATE TRIGGER `articles_representation_body_after_update` AFTER UPDATE OF `body`, `body_html`, `body_text`, `withdrawn_at` ON `articles`
	WHEN OLD.body IS NOT NEW.body OR OLD.body_html IS NOT NEW.body_html OR OLD.body_text IS NOT NEW.body_text OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL) BEGIN
	DELETE FROM article_representation_bodies WHERE article_id = NEW.id;
END;
--> statement-breakpoint
-- The representations dropped above: the refresher renders them in the background, and reads render them meanwhile.
INSERT INTO article_representation_queue (article_id) SELECT id FROM articles WHERE status = 'published'
	ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
