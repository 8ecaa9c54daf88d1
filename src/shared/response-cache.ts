// Public responses kept in memory, each valid for one generation of the public content: a section front or a feed,
// asked for again and again while nothing the public sees changes, is sent as it was made instead of being assembled
// again. Whether anything changed is one read of the public version (migrations 0011): every instance on a shared
// database sees the same, so no instance serves what another's write made stale.
import type { OutgoingHttpHeaders } from 'node:http'
import type { ContentCoding } from './compression.js'

/** A response as it was sent: its bytes and the headers that describe them, not those of the request it answered. */
export interface CachedResponse {
  generation: string
  payload: Buffer
  headers: OutgoingHttpHeaders
}

// What an entry costs beyond its payload: its key, its headers and the Map's own bookkeeping, roughly.
const ENTRY_OVERHEAD = 512

/**
 * The payload in memory of its own. A short one is usually a view into an 8 KiB slab of Node's Buffer pool, shared with
 * whatever was allocated around it: kept as it is, it would hold the whole slab for as long as it is kept, many times
 * the bytes counted against RESPONSE_CACHE_MB.
 */
function ownBytes (payload: Buffer): Buffer {
  if (payload.byteLength === payload.buffer.byteLength) return payload
  const own = Buffer.allocUnsafeSlow(payload.byteLength)
  payload.copy(own)
  return own
}

/** A response found in the cache. */
export interface KeptResponse extends CachedResponse {
  /**
   * Its payload in a content coding: encoded when a client first asks for that coding, then kept with the response,
   * its bytes counted against the cache's. Requests that ask while it is being encoded share the one encoding.
   */
  encoded: (coding: ContentCoding) => Promise<Buffer>
}

interface Entry extends KeptResponse {
  encodings: Map<ContentCoding, Promise<Buffer>>
  bytes: number
}

export interface ResponseCache {
  /** The response kept under the key, if it was made in this generation of the public content. */
  get: (key: string, generation: string) => KeptResponse | undefined
  /** Keeps a response, unless a later generation has been seen since it was made (its content may be older). */
  set: (key: string, response: CachedResponse) => void
  /** The bytes held, payloads and an estimate of the rest. */
  readonly size: number
  /** Lookups that found a response of their generation, and those that did not, since the start. */
  readonly hits: number
  readonly misses: number
}

/**
 * At most maxBytes of responses and their encodings, the least recently used dropped first. Every entry of one
 * generation is useless once a newer one has been seen, so seeing another generation drops them all at once instead
 * of waiting for the LRU.
 */
export function createResponseCache (maxBytes: number, encode: (payload: Buffer, coding: ContentCoding) => Promise<Buffer>): ResponseCache {
  const entries = new Map<string, Entry>()
  let generation: string | undefined
  let size = 0
  let hits = 0
  let misses = 0

  function drop (key: string): void {
    const entry = entries.get(key)
    if (entry === undefined) return
    entries.delete(key)
    size -= entry.bytes
  }

  function evictBeyondBudget (): void {
    for (const [oldest] of entries) {
      if (size <= maxBytes) break
      drop(oldest)
    }
  }

  function encodedOf (key: string, entry: Entry, coding: ContentCoding): Promise<Buffer> {
    let encoding = entry.encodings.get(coding)
    if (encoding !== undefined) return encoding
    // A short encoding is cut from a larger block of zlib's or of Node's pool, which keeping it would hold.
    encoding = encode(entry.payload, coding).then(ownBytes)
    entry.encodings.set(coding, encoding)
    encoding.then((bytes) => {
      // Dropped while it was being encoded: the requests waiting get the bytes, and nothing keeps them after.
      if (entries.get(key) !== entry) return
      entry.bytes += bytes.length
      size += bytes.length
      evictBeyondBudget()
    }, () => entry.encodings.delete(coding))
    return encoding
  }

  function observe (seen: string): void {
    if (seen === generation) return
    generation = seen
    entries.clear()
    size = 0
  }

  return {
    get (key, seen) {
      observe(seen)
      const entry = entries.get(key)
      if (entry === undefined) {
        misses++
        return undefined
      }
      hits++
      // Most recently used last: Map keeps insertion order, and eviction takes from the front.
      entries.delete(key)
      entries.set(key, entry)
      return entry
    },

    set (key, response) {
      // Made from a read of an older generation than the last one seen: it may show content that has changed since.
      if (response.generation !== generation) return
      const bytes = response.payload.length + key.length + ENTRY_OVERHEAD
      // One response that would take much of the room would push out everything else for a single address.
      if (bytes > maxBytes / 4) return
      drop(key)
      const entry: Entry = {
        ...response,
        payload: ownBytes(response.payload),
        bytes,
        encodings: new Map(),
        encoded: (coding) => encodedOf(key, entry, coding)
      }
      entries.set(key, entry)
      size += bytes
      evictBeyondBudget()
    },

    get size () { return size },
    get hits () { return hits },
    get misses () { return misses }
  }
}
