-- One clock for all public content, as in SQLite (migrations/sqlite/0005_content_clock.sql): every write to a table the
-- public reads moves it, whatever path wrote. Last-Modified is this time, so a 304 to If-Modified-Since can never hide
-- an article that left a list, a renamed section or a new reply count.
-- Statement-level triggers: one upsert per statement rather than per row, since the clock only needs the latest time.
-- They also fire on statements that touch no row, which at worst costs a client one needless full response.
-- clock_timestamp(), not now(): the time of the write, not of the start of a transaction that may have begun long
-- before, written as the ISO string SQLite writes.
-- The clock is one row, so transactions that write public content queue on its lock until they commit: the one-writer
-- order SQLite already imposes on every write.
CREATE FUNCTION content_clock_tick() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO settings (key, value)
			VALUES ('content_changed_at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
			ON CONFLICT (key) DO UPDATE SET value = excluded.value;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER articles_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "articles"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER article_authors_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "article_authors"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER article_tags_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "article_tags"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER article_corrections_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "article_corrections"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER sections_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sections"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER authors_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "authors"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER tags_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tags"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
CREATE TRIGGER replies_content_clock AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "replies"
	FOR EACH STATEMENT EXECUTE FUNCTION content_clock_tick();
--> statement-breakpoint
INSERT INTO settings (key, value)
	VALUES ('content_changed_at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
	ON CONFLICT (key) DO UPDATE SET value = excluded.value;
