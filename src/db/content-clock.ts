// The time of the last write to any public content, kept by triggers (migrations/0005_content_clock.sql).
import { eq } from 'drizzle-orm'
import type { Db } from './client.js'
import { settings } from './schema.js'

export function createContentClock (db: Db) {
  const read = db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'content_changed_at')).prepare()
  return {
    /** An ISO 8601 time; undefined only on a database that has never been migrated. */
    async lastChange (): Promise<string | undefined> {
      return read.get()?.value
    }
  }
}

export type ContentClock = ReturnType<typeof createContentClock>
