// Signed, expiring preview links: any article, whatever its status, for whoever holds the link until it expires.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { ForbiddenError, HttpError } from '../../shared/errors.js'
import type { Principal } from '../../shared/roles.js'
import type { ArticlesService } from '../articles/articles.service.js'

export const PREVIEW_ERRORS = {
  invalid: 'This preview link was not signed by this service: it was altered, cut short or made up. Ask an editor for a new one.',
  expired: (at: string) => `This preview link expired at ${at}. Ask an editor for a new one.`
} as const

interface PreviewPayload {
  article: number
  /** Expiry, in seconds since the epoch. */
  exp: number
}

function isPayload (value: unknown): value is PreviewPayload {
  return typeof value === 'object' && value !== null &&
    Number.isSafeInteger((value as PreviewPayload).article) && Number.isSafeInteger((value as PreviewPayload).exp)
}

export function createPreviewsService (deps: {
  /** The shared key that signs links, the same in every process (settings: preview_signing_key). */
  signingKey: Buffer
  articles: Pick<ArticlesService, 'getForWriter' | 'findAny'>
}) {
  const { signingKey, articles } = deps

  function signatureOf (payload: string): string {
    return createHmac('sha256', signingKey).update(payload).digest('base64url')
  }

  /** The article id a token grants; throws unless this service signed it and it has not expired. */
  async function verify (token: string, now: Date): Promise<number> {
    const [payload = '', signature = '', ...rest] = token.split('.')
    const expected = Buffer.from(signatureOf(payload))
    const given = Buffer.from(signature)
    // Compared as canonical text in constant time: decoding first would accept several spellings of one signature.
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForbiddenError('PREVIEW_TOKEN_INVALID', PREVIEW_ERRORS.invalid)
    }
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (!isPayload(claims)) throw new ForbiddenError('PREVIEW_TOKEN_INVALID', PREVIEW_ERRORS.invalid)
    if (claims.exp * 1000 <= now.getTime()) {
      throw new HttpError(410, 'PREVIEW_TOKEN_EXPIRED', 'Gone', PREVIEW_ERRORS.expired(new Date(claims.exp * 1000).toISOString()))
    }
    return claims.article
  }

  return {
    /** A link to one article for expiresIn seconds, for those who may write it (editors: any; authors: their own). */
    async mint (principal: Principal, articleId: number, expiresIn: number, now = new Date()): Promise<{ token: string, expiresAt: string }> {
      const article = await articles.getForWriter(principal, articleId)
      const exp = Math.floor(now.getTime() / 1000) + expiresIn
      const payload = Buffer.from(JSON.stringify({ article: article.id, exp } satisfies PreviewPayload)).toString('base64url')
      return { token: `${payload}.${signatureOf(payload)}`, expiresAt: new Date(exp * 1000).toISOString() }
    },

    async read (token: string, now = new Date()) {
      const articleId = await verify(token, now)
      return articles.findAny(articleId)
    }
  }
}

export type PreviewsService = ReturnType<typeof createPreviewsService>
