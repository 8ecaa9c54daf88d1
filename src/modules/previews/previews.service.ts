// Signed, expiring, revocable preview links: any article, whatever its status, for whoever holds the link until it
// expires or is revoked.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Store } from '../../db/store.js'
import { ForbiddenError, HttpError, NotFoundError } from '../../shared/errors.js'
import { hasRole, type Principal } from '../../shared/roles.js'
import { lockWritable, type ArticlesService } from '../articles/articles.service.js'
import type { WriterArticle } from '../articles/articles.schemas.js'

export const PREVIEW_ERRORS = {
  invalid: 'This preview link was not signed by this service: it was altered, cut short or made up. Ask an editor for a new one.',
  expired: (at: string) => `This preview link expired at ${at}. Ask an editor for a new one.`,
  revoked: 'This preview link is no longer valid: it was revoked (the article was withdrawn, taken down or deleted, its links were revoked, ' +
    'or the API token that minted it was revoked or is no longer credited on the article). Ask an editor for a new one.'
} as const

interface PreviewClaims {
  article: number
  /** Expiry, in seconds since the epoch. */
  exp: number
}

/**
 * What a link carries to be revocable: the article's preview generation when it was minted (bumped on withdrawal,
 * unpublishing and on demand), the API token that minted it (checked against revocation), and the article's version
 * then (a writer's link stands only while every later version credits them). Links without all three fail closed as
 * revoked.
 */
interface PreviewPayload extends PreviewClaims {
  gen: number
  by: number
  ver: number
}

function isClaims (value: unknown): value is PreviewClaims & Partial<PreviewPayload> {
  return typeof value === 'object' && value !== null &&
    Number.isSafeInteger((value as PreviewClaims).article) && Number.isSafeInteger((value as PreviewClaims).exp)
}

function isRevocable (claims: PreviewClaims & Partial<PreviewPayload>): claims is PreviewPayload {
  return Number.isSafeInteger(claims.gen) && Number.isSafeInteger(claims.by) && Number.isSafeInteger(claims.ver)
}

/** 410, as for an expired link: it was good once, and a new one will be. */
const revoked = () => new HttpError(410, 'PREVIEW_TOKEN_REVOKED', 'Gone', PREVIEW_ERRORS.revoked)

export function createPreviewsService (deps: {
  /** The shared key that signs links, the same in every process (settings: preview_signing_key). */
  signingKey: Buffer
  store: Store
  articles: Pick<ArticlesService, 'getForWriter'>
}) {
  const { signingKey, store, articles } = deps

  function signatureOf (payload: string): string {
    return createHmac('sha256', signingKey).update(payload).digest('base64url')
  }

  /** The claims of a token; throws unless this service signed it and it has not expired. */
  async function verify (token: string, now: Date): Promise<PreviewClaims & Partial<PreviewPayload>> {
    const [payload = '', signature = '', ...rest] = token.split('.')
    const expected = Buffer.from(signatureOf(payload))
    const given = Buffer.from(signature)
    // Compared as canonical text in constant time: decoding first would accept several spellings of one signature.
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForbiddenError('PREVIEW_TOKEN_INVALID', PREVIEW_ERRORS.invalid)
    }
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (!isClaims(claims)) throw new ForbiddenError('PREVIEW_TOKEN_INVALID', PREVIEW_ERRORS.invalid)
    if (claims.exp * 1000 <= now.getTime()) {
      throw new HttpError(410, 'PREVIEW_TOKEN_EXPIRED', 'Gone', PREVIEW_ERRORS.expired(new Date(claims.exp * 1000).toISOString()))
    }
    return claims
  }

  /**
   * Throws unless the link still stands: its article's generation unchanged, and the token that minted it neither
   * revoked nor, unless it is an editor's, taken off the byline at any version since (being credited again does not
   * bring a revoked link back). Read after the article: a withdrawal committed meanwhile is then seen here, so the
   * text it retracted is never served.
   */
  async function assertStands (claims: PreviewPayload, article: WriterArticle): Promise<void> {
    const [generation, minter] = await Promise.all([store.read.articles.previewGeneration(article.id), store.read.tokens.findById(claims.by)])
    if (generation !== claims.gen || !minter || minter.revokedAt !== null) throw revoked()
    if (hasRole(minter.role, 'editor')) return
    if (minter.authorId === null || !article.authors.some((author) => author.id === minter.authorId)) throw revoked()
    if (!(await store.read.articles.creditedSince(article.id, claims.ver, minter.authorId))) throw revoked()
  }

  return {
    /** A link to one article for expiresIn seconds, for those who may write it (editors: any; authors: their own). */
    async mint (principal: Principal, articleId: number, expiresIn: number, now = new Date()): Promise<{ token: string, expiresAt: string }> {
      const article = await articles.getForWriter(principal, articleId)
      const gen = await store.read.articles.previewGeneration(article.id)
      if (gen === null) throw new NotFoundError('article', articleId)
      const exp = Math.floor(now.getTime() / 1000) + expiresIn
      const payload = Buffer.from(JSON.stringify({ article: article.id, exp, gen, by: principal.tokenId, ver: article.version } satisfies PreviewPayload)).toString('base64url')
      return { token: `${payload}.${signatureOf(payload)}`, expiresAt: new Date(exp * 1000).toISOString() }
    },

    async read (token: string, now = new Date()): Promise<WriterArticle> {
      const claims = await verify(token, now)
      if (!isRevocable(claims)) throw revoked()
      // Deleting an article revokes its links: answered as any revoked link, so a holder cannot tell it was deleted.
      const article = await store.read.articles.findById(claims.article)
      if (!article) throw revoked()
      await assertStands(claims, article)
      return article
    },

    /** Revokes every link minted for the article so far, for those who may mint them. */
    async revokeAll (principal: Principal, articleId: number): Promise<void> {
      await store.transaction(async (tx) => {
        await lockWritable(tx, principal, articleId)
        await tx.articles.revokePreviews(articleId)
      })
    }
  }
}

export type PreviewsService = ReturnType<typeof createPreviewsService>
