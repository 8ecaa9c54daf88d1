// The key that signs preview links, kept in the settings table so every process and every restart agrees on it.
import type { Db } from '../../db/client.js'
import { sharedSecret } from '../../db/settings.js'

export function createPreviewsRepository (db: Db) {
  return {
    async signingKey (): Promise<Buffer> {
      return sharedSecret(db, 'preview_signing_key')
    }
  }
}

export type PreviewsRepository = ReturnType<typeof createPreviewsRepository>
