// Opaque keyset cursors: the sort key of the last item of a page, as base64url JSON.
import { BadRequestError } from './errors.js'

export type CursorKey = [string, number]

const INVALID = 'The cursor is not one this API issued. Use meta.nextCursor of the previous page as it is, or drop it to start again.'

export function encodeCursor (key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

/** Decodes a cursor made by encodeCursor; anything else is the client's error, never ours. */
export function decodeCursor (raw: string): CursorKey {
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw new BadRequestError('INVALID_CURSOR', INVALID)
  }
  if (
    !Array.isArray(key) || key.length !== 2 ||
    typeof key[0] !== 'string' || key[0].length > 100 ||
    !Number.isSafeInteger(key[1]) || key[1] < 0
  ) {
    throw new BadRequestError('INVALID_CURSOR', INVALID)
  }
  return [key[0], key[1]]
}
