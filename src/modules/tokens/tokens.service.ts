// Issuing, revoking and checking API tokens. A secret is shown once, at creation; only its hash is stored.
import { createHash, randomBytes } from 'node:crypto'
import type { Store } from '../../db/store.js'
import { UnprocessableError } from '../../shared/errors.js'
import type { Principal, Role } from '../../shared/roles.js'
import type { CreatedToken, CreateTokenInput, Token } from './tokens.schemas.js'

const SECRET_PREFIX = 'nca_'
// Recording every use would turn each authenticated read into a write.
const LAST_USED_PRECISION_MS = 60_000
// Contributors and authors write as an author: a token bound to none would be refused every write it tried.
const WRITES_AS_AUTHOR: ReadonlySet<Role> = new Set(['contributor', 'author'])

// Answered over HTTP and printed by token:create alike, so they name neither a JSON field nor a flag.
const TOKEN_ERRORS = {
  authorRequired: (role: Role) => `${role === 'author' ? 'An' : 'A'} ${role} token writes as an author, so it must be bound to one: give the author's id (GET /v1/authors lists authors with their ids).`,
  authorNotFound: (id: number) => `No author has id ${id}: give the id of an existing author (GET /v1/authors lists authors with their ids).`
}

// Tokens carry 256 random bits, so a slow hash would add nothing but latency.
export function hashSecret (secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function createTokensService (store: Store) {
  return {
    async create (input: CreateTokenInput): Promise<CreatedToken> {
      if (input.authorId == null && WRITES_AS_AUTHOR.has(input.role)) {
        throw new UnprocessableError('AUTHOR_REQUIRED', TOKEN_ERRORS.authorRequired(input.role), [{ path: '/body/authorId', message: `is required for a ${input.role} token` }])
      }
      return store.transaction(async ({ authors, tokens }) => {
        if (input.authorId != null && !(await authors.exists(input.authorId))) {
          throw new UnprocessableError('AUTHOR_NOT_FOUND', TOKEN_ERRORS.authorNotFound(input.authorId), [{ path: '/body/authorId', message: 'is not an author id' }])
        }
        const secret = SECRET_PREFIX + randomBytes(32).toString('base64url')
        const token = await tokens.insert({ name: input.name, role: input.role, authorId: input.authorId ?? null, secretHash: hashSecret(secret) })
        return { ...token, secret }
      })
    },

    async list (): Promise<Token[]> {
      return store.read.tokens.list()
    },

    /** Revokes a token; false when there is no such token or it was already revoked. */
    async revoke (id: number): Promise<boolean> {
      return store.transaction(async ({ tokens }) => tokens.revoke(id))
    },

    /** The caller a secret stands for, or null for an unknown or revoked secret. */
    async authenticate (secret: string): Promise<Principal | null> {
      const token = await store.read.tokens.findActiveByHash(hashSecret(secret))
      if (!token) return null
      const now = new Date()
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > LAST_USED_PRECISION_MS) {
        await store.transaction(async ({ tokens }) => tokens.recordUse(token.id, now.toISOString()))
      }
      return { tokenId: token.id, role: token.role, authorId: token.authorId }
    }
  }
}

export type TokensService = ReturnType<typeof createTokensService>
