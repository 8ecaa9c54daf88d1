// Values kept in the settings table that every process sharing the database must agree on.
import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Db } from './client.js'
import { settings } from './schema.js'

/** The settings key of the public's content clock, or the partners'. */
export const clockOf = (includeEmbargoed: boolean) => includeEmbargoed ? 'syndicated_content_changed_at' : 'content_changed_at'

export function createSettingsRepository (db: Db) {
  const byKey = db.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare()
  const readKey = (key: string): string | undefined => byKey.get({ key })?.value

  return {
    /**
     * A random 256-bit key stored under this name, made at first use: every process and every restart signs or
     * hashes alike, and processes racing to make it all end up with the one stored first. A write: call it in a transaction.
     */
    async sharedSecret (name: string): Promise<Buffer> {
      db.insert(settings).values({ key: name, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run()
      const value = readKey(name)
      if (value === undefined) throw new Error(`The ${name} setting could not be stored`)
      return Buffer.from(value, 'base64url')
    },

    /**
     * The time of the last change the public can see, or with includeEmbargoed the last one partners can see (the
     * same, plus articles under embargo; never earlier). Kept by triggers (migrations/sqlite/0008_private_work.sql),
     * which never move either for unpublished work; undefined before migrating.
     */
    async lastContentChange ({ includeEmbargoed }: { includeEmbargoed: boolean }): Promise<string | undefined> {
      return readKey(clockOf(includeEmbargoed))
    }
  }
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>
