CREATE TABLE `article_representation_queue` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `article_representations` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`rendered_with` text NOT NULL,
	`etag` text NOT NULL,
	`last_modified` text NOT NULL,
	`surrogate_keys` text NOT NULL,
	`summary` text NOT NULL,
	`head` text NOT NULL,
	`body_html` text NOT NULL,
	`body_text` text NOT NULL,
	`body_blocks` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_representations_rendered_with_idx` ON `article_representations` (`rendered_with`);
--> statement-breakpoint
-- Hand-written from here: the triggers that queue an article's representation for refreshing whenever something it
-- shows changes, whichever path writes it. Every article starts queued; the writer's own commit renders it at once.
CREATE TRIGGER `articles_representation_after_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
-- Every column a reader sees; the writers' version and credits and the preview generation are the newsroom's own.
CREATE TRIGGER `articles_representation_after_update` AFTER UPDATE OF `slug`, `headline`, `subtitle`, `excerpt`, `body`, `body_html`, `body_text`, `word_count`, `reading_time`, `status`, `published_at`, `scheduled_at`, `section_id`, `featured_image`, `dateline`, `language`, `canonical_url`, `featured`, `byline`, `replies_enabled`, `withdrawn_at`, `withdrawn_reason`, `embargoed_until`, `created_at`, `updated_at` ON `articles` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
-- Links, corrections and replies of an article being deleted go with it (its foreign keys delete them, and SQLite runs
-- these triggers for those rows too): there is nothing left to queue then.
CREATE TRIGGER `article_authors_representation_after_insert` AFTER INSERT ON `article_authors` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_representation_after_delete` AFTER DELETE ON `article_authors` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id) BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (OLD.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_representation_after_insert` AFTER INSERT ON `article_tags` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_representation_after_delete` AFTER DELETE ON `article_tags` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id) BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (OLD.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_representation_after_insert` AFTER INSERT ON `article_corrections` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_representation_after_update` AFTER UPDATE ON `article_corrections` BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_representation_after_delete` AFTER DELETE ON `article_corrections` WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id) BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (OLD.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
-- An article shows its count of approved replies.
CREATE TRIGGER `replies_representation_after_insert` AFTER INSERT ON `replies` WHEN NEW.status = 'approved' BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_representation_after_update` AFTER UPDATE OF `status` ON `replies` WHEN (OLD.status = 'approved') <> (NEW.status = 'approved') BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (NEW.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_representation_after_delete` AFTER DELETE ON `replies` WHEN OLD.status = 'approved' AND EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id) BEGIN
	INSERT INTO article_representation_queue (article_id) VALUES (OLD.article_id)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
-- A section's name and address are on its articles, and on every article below it, in their breadcrumbs. Only
-- published articles have a representation: the others get one when they are published. A write that leaves the
-- shown columns as they were (a new description) queues nothing: a section may hold tens of thousands of articles.
CREATE TRIGGER `sections_representation_after_update` AFTER UPDATE OF `slug`, `name`, `parent_id` ON `sections` WHEN OLD.slug IS NOT NEW.slug OR OLD.name IS NOT NEW.name OR OLD.parent_id IS NOT NEW.parent_id BEGIN
	INSERT INTO article_representation_queue (article_id)
		SELECT id FROM articles WHERE status = 'published' AND section_id IN (
			WITH RECURSIVE subtree(id) AS (SELECT NEW.id UNION SELECT s.id FROM sections s JOIN subtree ON s.parent_id = subtree.id)
			SELECT id FROM subtree)
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_representation_after_update` AFTER UPDATE OF `slug`, `name`, `job_title`, `avatar_url` ON `authors` WHEN OLD.slug IS NOT NEW.slug OR OLD.name IS NOT NEW.name OR OLD.job_title IS NOT NEW.job_title OR OLD.avatar_url IS NOT NEW.avatar_url BEGIN
	INSERT INTO article_representation_queue (article_id)
		SELECT articles.id FROM article_authors JOIN articles ON articles.id = article_authors.article_id
		WHERE article_authors.author_id = NEW.id AND articles.status = 'published'
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_representation_after_update` AFTER UPDATE OF `slug`, `name` ON `tags` WHEN OLD.slug IS NOT NEW.slug OR OLD.name IS NOT NEW.name BEGIN
	INSERT INTO article_representation_queue (article_id)
		SELECT articles.id FROM article_tags JOIN articles ON articles.id = article_tags.article_id
		WHERE article_tags.tag_id = NEW.id AND articles.status = 'published'
		ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
-- The articles written before this migration: the refresher renders them in the background.
INSERT INTO article_representation_queue (article_id) SELECT id FROM articles WHERE true
	ON CONFLICT (article_id) DO NOTHING;
