// Response compression: the codings offered, and how a response kept in memory, or an article stored, is encoded once
// for every client that asks for that coding, instead of once per request.
import type { IncomingHttpHeaders } from 'node:http'
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib'
import { negotiate } from '@fastify/accept-negotiator'

/** The content codings responses are offered in, the preferred first: brotli is smaller, gzip is what every client reads. */
export const CONTENT_CODINGS = ['br', 'gzip'] as const
export type ContentCoding = typeof CONTENT_CODINGS[number]

/**
 * What @fastify/compress negotiates among (app.ts registers it with these): identity too, so that a client that
 * weights it above the codings, or refuses them, gets the bytes as they are.
 */
export const NEGOTIATED_CODINGS: Array<ContentCoding | 'identity'> = [...CONTENT_CODINGS, 'identity']

/**
 * The coding @fastify/compress would choose for this Accept-Encoding, by its own negotiator and its own reading of
 * the header (lower case, * and x-gzip taken for gzip), or null for none: a response kept in memory goes in the
 * coding the same request gets when its response is made afresh.
 */
function negotiatedCoding (acceptEncoding: string | undefined): ContentCoding | null {
  if (acceptEncoding === undefined) return null
  const coding = negotiate(acceptEncoding.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), NEGOTIATED_CODINGS)
  return coding === 'br' || coding === 'gzip' ? coding : null
}

/**
 * The coding a response of at least COMPRESSION_THRESHOLD bytes goes in for this request, as @fastify/compress decides
 * for a response made afresh, its x-no-compression included: for sending bytes encoded beforehand.
 */
export function requestedCoding (headers: IncomingHttpHeaders): ContentCoding | null {
  return headers['x-no-compression'] === undefined ? negotiatedCoding(headers['accept-encoding']) : null
}

/** Below this many bytes a response goes as it is: the coding's own overhead would eat what it saves. */
export const COMPRESSION_THRESHOLD = 1024

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/**
 * Brotli for a response encoded once and sent to every client that asks, so worth more effort than a response
 * compressed for one request (@fastify/compress's brotli quality is 4): quality 6 makes the feed of 50 articles 7%
 * smaller again for 14 ms, once (quality 7 and above cost two to twenty times as long for another 1 to 8%). The window
 * is no larger than the payload, which loses nothing: the default 4 MB one made each encoder allocate several MB.
 */
function brotliOptions (payload: Buffer): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 6,
      [constants.BROTLI_PARAM_SIZE_HINT]: payload.length,
      [constants.BROTLI_PARAM_LGWIN]: Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(payload.length + 1))))
    }
  }
}

/** Encodes a kept response off the event loop: a feed of 50 articles takes 14 ms of a worker thread. */
export function encodeKept (payload: Buffer, coding: ContentCoding): Promise<Buffer> {
  return coding === 'gzip' ? gzipped(payload) : brotli(payload, brotliOptions(payload))
}

/**
 * Encodes a stored article on this thread: about 0.2 ms for both codings of a 7 KB article, less than handing it to
 * the thread pool costs, and one encoder alive at a time, where 16 in flight on the pool added 30 MB to the process.
 */
export function encodeStored (payload: Buffer, coding: ContentCoding): Buffer {
  return coding === 'gzip' ? gzipSync(payload) : brotliCompressSync(payload, brotliOptions(payload))
}
