// Change feed tokens: where a reader stopped in the outbox, and for which audience, as opaque base64url text.
import { BadRequestError } from '../../shared/errors.js'
import { MAX_ID } from '../../shared/http-schemas.js'

/** Who reads the feed: the public skips what is under embargo; partners (any token) see it. */
export type ChangesAudience = 'public' | 'partner'

const VERSION = 1
const AUDIENCES: readonly ChangesAudience[] = ['public', 'partner']

const INVALID = 'The since token is not one this API issued. Pass meta.next of the previous page as it is, or leave since out to read the feed from its start.'

/**
 * A token names the last event a reader was given, not an article or a time, and is not signed: it reveals only
 * a position in a feed its holder may read from the start anyway, and a forged one in range is just another place
 * to resume, while one past the end is refused. The encoding keeps clients from doing arithmetic on it, and the
 * version lets its structure change; the audience stops a public position resuming a partner's mirror, which
 * would silently miss what was under embargo before it.
 */
export function encodeChangesToken (audience: ChangesAudience, position: number): string {
  return Buffer.from(JSON.stringify([VERSION, audience, position])).toString('base64url')
}

/** The position a token names, for this audience; anything else is the client's error, never ours. */
export function decodeChangesToken (token: string, audience: ChangesAudience): number {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw new BadRequestError('INVALID_CHANGES_TOKEN', INVALID)
  }
  if (!Array.isArray(decoded) || decoded.length !== 3 || decoded[0] !== VERSION || !AUDIENCES.includes(decoded[1])) {
    throw new BadRequestError('INVALID_CHANGES_TOKEN', INVALID)
  }
  const [, issuedTo, position] = decoded as [number, ChangesAudience, unknown]
  // Base64 decoding skips stray characters: only the exact text this API issued is accepted.
  if (!Number.isSafeInteger(position) || (position as number) < 0 || (position as number) > MAX_ID || encodeChangesToken(issuedTo, position as number) !== token) {
    throw new BadRequestError('INVALID_CHANGES_TOKEN', INVALID)
  }
  if (issuedTo !== audience) {
    throw new BadRequestError('CHANGES_TOKEN_AUDIENCE_MISMATCH', issuedTo === 'public'
      ? 'The since token comes from the public change feed, which leaves out what is under embargo: a partner mirror resumed from it would miss those changes. With a partner token, leave since out and mirror from the start.'
      : 'The since token comes from a partner\'s change feed: send the partner token with it, or leave since out to read the public feed from its start.')
  }
  return position as number
}
