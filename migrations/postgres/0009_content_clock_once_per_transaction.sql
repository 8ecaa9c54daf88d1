-- Hand-written: the content clocks move once per transaction and audience, not once per row. Since 0007 the
-- article triggers run for each row, and each moved the clock row again: a statement writing 50,000 published
-- articles rewrote one settings row 100,000 times, and ran past the statement timeout. The first move in a
-- transaction records the time; later ones in it find the mark (a transaction-local setting, gone at its end and
-- undone with a rolled-back savepoint) and change nothing. The clock then says when the transaction began to change
-- what its audience sees, which is no later than its commit: a reader can never hold content older than it claims.
CREATE OR REPLACE FUNCTION content_clock_move(to_public boolean) RETURNS void
	LANGUAGE plpgsql
	AS $$
	DECLARE
		moved text := coalesce(current_setting('news.content_clock_moved', true), '');
		changed_at text;
	BEGIN
		IF moved = 'public' OR (moved = 'syndicated' AND NOT to_public) THEN
			RETURN;
		END IF;
		changed_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
		INSERT INTO settings (key, value) VALUES ('syndicated_content_changed_at', changed_at)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value;
		IF to_public THEN
			INSERT INTO settings (key, value) VALUES ('content_changed_at', changed_at)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value;
		END IF;
		PERFORM set_config('news.content_clock_moved', CASE WHEN to_public THEN 'public' ELSE 'syndicated' END, true);
	END
	$$;
