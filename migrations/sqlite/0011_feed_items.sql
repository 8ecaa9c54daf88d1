ALTER TABLE `article_representations` ADD `rss_item` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `article_representations` ADD `atom_entry` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `article_representations` ADD `json_feed_item` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written: the representations stored before feeds stored their items are rendered again by the refresher.
INSERT INTO article_representation_queue (article_id) SELECT article_id FROM article_representations WHERE true
	ON CONFLICT (article_id) DO UPDATE SET generation = generation + 1;
