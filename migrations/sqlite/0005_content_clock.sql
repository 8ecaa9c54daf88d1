-- One clock for all public content: every write to a table the public reads moves it, whatever path wrote.
-- Last-Modified is this time, so a 304 to If-Modified-Since can never hide an article that left a list, a renamed
-- section or a new reply count, which the updatedAt of the entities in a response would not show.
INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
	ON CONFLICT(key) DO UPDATE SET value = excluded.value;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_update` AFTER UPDATE ON `articles` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_content_clock_after_delete` AFTER DELETE ON `articles` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_content_clock_after_insert` AFTER INSERT ON `article_authors` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_content_clock_after_update` AFTER UPDATE ON `article_authors` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_content_clock_after_delete` AFTER DELETE ON `article_authors` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_content_clock_after_insert` AFTER INSERT ON `article_tags` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_content_clock_after_update` AFTER UPDATE ON `article_tags` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_content_clock_after_delete` AFTER DELETE ON `article_tags` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_content_clock_after_insert` AFTER INSERT ON `article_corrections` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_content_clock_after_update` AFTER UPDATE ON `article_corrections` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `article_corrections_content_clock_after_delete` AFTER DELETE ON `article_corrections` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `sections_content_clock_after_insert` AFTER INSERT ON `sections` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `sections_content_clock_after_update` AFTER UPDATE ON `sections` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `sections_content_clock_after_delete` AFTER DELETE ON `sections` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_insert` AFTER INSERT ON `authors` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_update` AFTER UPDATE ON `authors` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `authors_content_clock_after_delete` AFTER DELETE ON `authors` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_insert` AFTER INSERT ON `tags` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_update` AFTER UPDATE ON `tags` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_content_clock_after_delete` AFTER DELETE ON `tags` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_insert` AFTER INSERT ON `replies` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_update` AFTER UPDATE ON `replies` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER `replies_content_clock_after_delete` AFTER DELETE ON `replies` BEGIN
	INSERT INTO settings(key, value) VALUES ('content_changed_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
