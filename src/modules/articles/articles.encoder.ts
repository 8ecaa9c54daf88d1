// Compresses the stored representations as they are sent by default, in each coding the service offers, once per change
// of a representation instead of once per request: brotli alone cost an article read more than the rest of it, and
// nearly every reader asks for a coding (browsers and CDNs always do). Triggers make a representation's encodings
// pending whenever it is stored under another ETag (migration 0014); a read sends stored bytes only while they were made
// of the representation stored now, and compresses for itself meanwhile, so this work can lag without ever being wrong.
import type { Store } from '../../db/store.js'
import { CONTENT_CODINGS, encodeKept } from '../../shared/compression.js'
import { assemble, DEFAULT_FORMATS, type EncodedRepresentation, type PendingEncoding } from './articles.representations.js'

// Each article is compressed on the thread pool, a batch at once, inside the unit of work that took it: a few ms of
// SQLite's write lock a batch, less than a batch of the refresher holds it. Each encoder in flight holds its own
// buffers: 16 at once cost the process about 20 MB, 50 about 50 MB.
const BATCH_SIZE = 16

async function encode ({ articleId, etag, head, bodyHtml }: PendingEncoding): Promise<EncodedRepresentation> {
  const identity = Buffer.from(assemble({ head, bodyHtml }, DEFAULT_FORMATS))
  const [br, gzip] = await Promise.all(CONTENT_CODINGS.map((coding) => encodeKept(identity, coding)))
  return { articleId, etag, br, gzip }
}

/**
 * Encodes pending representations, batch after batch, until none is left or budgetMs has passed (a round of the
 * refresher must not wait behind the whole archive after an upgrade); returns how many it encoded.
 */
export async function encodePendingRepresentations (store: Store, budgetMs: number, shouldStop: () => boolean = () => false): Promise<number> {
  const until = Date.now() + budgetMs
  let encoded = 0
  for (;;) {
    const batch = await store.transaction(async ({ articles }) => {
      const made = await Promise.all((await articles.pendingEncodings(BATCH_SIZE)).map(encode))
      await articles.storeEncodings(made)
      return made.length
    })
    encoded += batch
    if (batch < BATCH_SIZE || Date.now() >= until || shouldStop()) return encoded
  }
}
