// Compresses the stored representations as they are sent by default, in each coding the service offers, once per change
// of a representation instead of once per request: brotli alone cost an article read more than the rest of it, and
// nearly every reader asks for a coding (browsers and CDNs always do). Triggers queue a representation whenever it is
// stored under another ETag (migration 0014); a read sends stored bytes only while they were made of the representation
// stored now, and compresses for itself meanwhile, so this work can lag without ever being wrong.
import type { Store } from '../../db/store.js'
import { COMPRESSION_THRESHOLD, encodeStored } from '../../shared/compression.js'
import { assemble, DEFAULT_FORMATS, type EncodedRepresentation, type PendingEncoding } from './articles.representations.js'

// A batch is compressed in the unit of work that took it, on the event loop, an article at a time: about 3 ms for 16
// articles of 7 KB. It takes no more articles once it has compressed BATCH_BYTES, so that long ones (a live blog of
// 1 MB takes about 45 ms) hold requests and SQLite's write lock little longer than a batch of the refresher does.
const BATCH_SIZE = 16
const BATCH_BYTES = 256 * 1024

function encode ({ articleId, etag }: PendingEncoding, identity: Buffer): EncodedRepresentation {
  // Below the threshold a response goes as it is, however it is made: the coding would not pay for itself.
  if (identity.length < COMPRESSION_THRESHOLD) return { articleId, etag, codings: null }
  return { articleId, etag, codings: { br: encodeStored(identity, 'br'), gzip: encodeStored(identity, 'gzip') } }
}

/** Compresses the batch's articles until it has compressed BATCH_BYTES; the rest stay queued for the next batch. */
function encodeBatch (pending: PendingEncoding[]): EncodedRepresentation[] {
  const batch: EncodedRepresentation[] = []
  let bytes = 0
  for (const article of pending) {
    if (bytes >= BATCH_BYTES) break
    // One whose body an edit dropped stays queued: the refresher's next round stores the body, and it is made then.
    if (article.bodyHtml === null) continue
    const identity = Buffer.from(assemble({ head: article.head, bodyHtml: article.bodyHtml }, DEFAULT_FORMATS))
    bytes += identity.length
    batch.push(encode(article, identity))
  }
  return batch
}

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
      const batch = encodeBatch(pending)
      await articles.storeEncodings(batch)
      return { claimed: pending.length, made: batch.length }
    })
    encoded += made
    if (claimed < BATCH_SIZE || made === 0 || Date.now() >= until || shouldStop()) return encoded
    // SQLite answers synchronously: without this, requests would wait for the whole round.
    await new Promise((resolve) => setImmediate(resolve))
  }
}
