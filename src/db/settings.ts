// Values kept in the settings table that every process sharing the database must agree on.
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from './client.js'
import { settings } from './schema.js'

/**
 * A random 256-bit key stored under this name, made at first use: every process and every restart signs or
 * hashes alike, and processes racing to make it all end up with the one stored first.
 */
export function sharedSecret (db: Db, name: string): Buffer {
  const read = () => db.select({ value: settings.value }).from(settings).where(eq(settings.key, name)).get()
  let row = read()
  if (!row) {
    db.insert(settings).values({ key: name, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run()
    row = read()
  }
  if (!row) throw new Error(`The ${name} setting could not be stored`)
  return Buffer.from(row.value, 'base64url')
}

/** The time of the last write to any public content, kept by triggers (migrations/0005_content_clock.sql). */
export function createContentClock (db: Db) {
  const read = db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'content_changed_at')).prepare()
  return {
    /** An ISO 8601 time; undefined only on a database that has never been migrated. */
    async lastChange (): Promise<string | undefined> {
      return read.get()?.value
    }
  }
}
