// Compresses the stored representations as they are sent by default, in each coding the service offers, once per change
// of a representation instead of once per request: brotli alone cost an article read more than the rest of it, and
// nearly every reader asks for a coding (browsers and CDNs always do). Triggers queue a representation whenever it is
// stored under another ETag (migration 0014); a read sends stored bytes only while they were made of the representation
// stored now, and compresses for itself meanwhile, so this work can lag without ever being wrong.
import type { Store } from '../../db/store.js'
import { encodeStored } from '../../shared/compression.js'
import { assemble, DEFAULT_FORMATS, type EncodedRepresentation, type PendingEncoding } from './articles.representations.js'

// A batch is compressed in the unit of work that took it, on the event loop: about 3 ms for 16 articles, shorter than a
// batch of the refresher holds it and SQLite's write lock.
const BATCH_SIZE = 16

function encode ({ articleId, etag, head, bodyHtml }: PendingEncoding & { bodyHtml: string }): EncodedRepresentation {
  const identity = Buffer.from(assemble({ head, bodyHtml }, DEFAULT_FORMATS))
  return { articleId, etag, br: encodeStored(identity, 'br'), gzip: encodeStored(identity, 'gzip') }
}

const hasBody = (pending: PendingEncoding): pending is PendingEncoding & { bodyHtml: string } => pending.bodyHtml !== null

/**
 * Encodes queued representations, batch after batch, until none is left or budgetMs has passed (a round of the
 * refresher must not wait behind the whole archive after an upgrade); returns how many it encoded.
 */
export async function encodePendingRepresentations (store: Store, budgetMs: number, shouldStop: () => boolean = () => false): Promise<number> {
  const until = Date.now() + budgetMs
  let encoded = 0
  for (;;) {
    const { claimed, made } = await store.transaction(async ({ articles }) => {
      const pending = await articles.pendingEncodings(BATCH_SIZE)
      // One whose body an edit dropped stays queued: the refresher's next round stores the body, and it is made then.
      const batch = pending.filter(hasBody).map(encode)
      await articles.storeEncodings(batch)
      return { claimed: pending.length, made: batch.length }
    })
    encoded += made
    if (claimed < BATCH_SIZE || made === 0 || Date.now() >= until || shouldStop()) return encoded
    // SQLite answers synchronously: without this, requests would wait for the whole round.
    await new Promise((resolve) => setImmediate(resolve))
  }
}
