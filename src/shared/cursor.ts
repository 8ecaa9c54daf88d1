// Opaque keyset cursors: the sort key of the last item of a page, as base64url JSON.
import { BadRequestError } from './errors.js'
import { MAX_ID } from './http-schemas.js'

export type CursorKey = [string, number]

const INVALID = 'The cursor is not one this API issued. Use meta.nextCursor of the previous page as it is, or drop it to start again.'

/**
 * A list that can be sorted several ways names its sort, and the cursor carries it: a key taken in one
 * order means nothing in another.
 */
export function encodeCursor (key: CursorKey, sort?: string): string {
  return Buffer.from(JSON.stringify(sort === undefined ? key : [sort, ...key])).toString('base64url')
}

/** Decodes a cursor made by encodeCursor with the same sort; anything else is the client's error, never ours. */
export function decodeCursor (raw: string, sort?: string): CursorKey {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw new BadRequestError('INVALID_CURSOR', INVALID)
  }
  if (!Array.isArray(decoded)) throw new BadRequestError('INVALID_CURSOR', INVALID)
  if (sort !== undefined) {
    if (decoded.length === 3 && typeof decoded[0] === 'string' && decoded[0] !== sort) {
      throw new BadRequestError('CURSOR_SORT_MISMATCH', `The cursor was issued for another sort than sort=${sort}. Keep the sort of the page the cursor came from, or drop the cursor to start again.`)
    }
    if (decoded[0] !== sort) throw new BadRequestError('INVALID_CURSOR', INVALID)
    decoded = decoded.slice(1)
  }
  const key = decoded as unknown[]
  if (
    key.length !== 2 ||
    typeof key[0] !== 'string' || key[0].length > 100 ||
    !Number.isSafeInteger(key[1]) || (key[1] as number) < 0 || (key[1] as number) > MAX_ID
  ) {
    throw new BadRequestError('INVALID_CURSOR', INVALID)
  }
  return [key[0], key[1] as number]
}

/**
 * A cursor whose key is a time the API issued (an ISO 8601 UTC string). PostgreSQL compares it as a timestamptz,
 * where anything else would fail the statement, so both engines refuse it up front alike.
 */
export function decodeTimeCursor (raw: string, sort?: string): CursorKey {
  const key = decodeCursor(raw, sort)
  const time = Date.parse(key[0])
  // PostgreSQL has no year 0 nor any before it, which JavaScript writes as 0000 and -000001.
  if (Number.isNaN(time) || new Date(time).toISOString() !== key[0] || new Date(time).getUTCFullYear() < 1) throw new BadRequestError('INVALID_CURSOR', INVALID)
  return key
}
