-- Hand-written: a token that changes with every move of the public content clock, so that a response kept in memory
-- can be served while nothing the public sees has changed since it was made. The clock itself cannot say so: it
-- holds milliseconds, and two writes in one millisecond leave it as it was. Random rather than counted, so a database
-- restored or copied under a running service never brings back a token that named other content.
INSERT INTO settings(key, value) VALUES ('content_generation', lower(hex(randomblob(8))))
	ON CONFLICT(key) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER content_generation_on_clock_insert AFTER INSERT ON settings WHEN new.key = 'content_changed_at' BEGIN
	INSERT INTO settings(key, value) VALUES ('content_generation', lower(hex(randomblob(8))))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
--> statement-breakpoint
CREATE TRIGGER content_generation_on_clock_update AFTER UPDATE OF value ON settings WHEN new.key = 'content_changed_at' BEGIN
	INSERT INTO settings(key, value) VALUES ('content_generation', lower(hex(randomblob(8))))
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;
END;
