DROP INDEX `articles_status_published_idx`;--> statement-breakpoint
DROP INDEX `articles_section_published_idx`;--> statement-breakpoint
CREATE INDEX `articles_visibility_idx` ON `articles` (`id`,`status`,`withdrawn_at`,`published_at`);--> statement-breakpoint
CREATE INDEX `articles_status_published_idx` ON `articles` (`status`,`withdrawn_at`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `articles_section_published_idx` ON `articles` (`section_id`,`status`,`withdrawn_at`,`published_at`,`id`);