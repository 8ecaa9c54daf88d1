// The key that signs preview links, kept in the settings table so every process and every restart agrees on it.
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { settings } from '../../db/schema.js'

const SIGNING_KEY = 'preview_signing_key'

export function createPreviewsRepository (db: Db) {
  const read = db.select({ value: settings.value }).from(settings).where(eq(settings.key, SIGNING_KEY)).prepare()

  return {
    /** The signing key, made at first use; processes racing to make it all end up with the one stored first. */
    async signingKey (): Promise<Buffer> {
      let row = read.get()
      if (!row) {
        db.insert(settings).values({ key: SIGNING_KEY, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run()
        row = read.get()
      }
      if (!row) throw new Error('The preview signing key could not be stored')
      return Buffer.from(row.value, 'base64url')
    }
  }
}

export type PreviewsRepository = ReturnType<typeof createPreviewsRepository>
