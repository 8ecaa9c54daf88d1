-- Hand-written: a token that changes with every move of the public content clock, so that a response kept in memory
-- can be served while nothing the public sees has changed since it was made. The clock itself cannot say so: it
-- holds milliseconds, and two transactions may write the same one. Random rather than counted, so a database restored
-- or copied under a running service never brings back a token that named other content. The clock moves once per
-- transaction (0009), and so does this.
INSERT INTO settings(key, value) VALUES ('content_generation', md5(random()::text || clock_timestamp()::text))
	ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION content_generation_move() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO settings(key, value) VALUES ('content_generation', md5(random()::text || clock_timestamp()::text))
			ON CONFLICT (key) DO UPDATE SET value = excluded.value;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER content_generation_on_clock AFTER INSERT OR UPDATE OF value ON settings
	FOR EACH ROW WHEN (NEW.key = 'content_changed_at') EXECUTE FUNCTION content_generation_move();
