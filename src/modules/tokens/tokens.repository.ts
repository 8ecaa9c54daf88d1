// Every query about API tokens. Only hashes of secrets are ever stored.
import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { apiTokens, authors } from '../../db/schema.js'
import type { Principal } from '../../shared/roles.js'
import { UnprocessableError } from '../../shared/errors.js'
import type { CreatedToken, CreateTokenInput, Token } from './tokens.schemas.js'

const SECRET_PREFIX = 'nca_'
// Recording every use would turn each authenticated read into a write.
const LAST_USED_PRECISION_MS = 60_000

export function hashSecret (secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

function toToken (row: typeof apiTokens.$inferSelect): Token {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    authorId: row.authorId,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt
  }
}

export function createTokensRepository (db: Db) {
  const byHash = db.select().from(apiTokens)
    .where(and(eq(apiTokens.secretHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
    .prepare()
  const touch = db.update(apiTokens)
    .set({ lastUsedAt: sql`${sql.placeholder('now')}` })
    .where(eq(apiTokens.id, sql.placeholder('id')))
    .prepare()

  return {
    async create (input: CreateTokenInput): Promise<CreatedToken> {
      if (input.authorId != null && !db.select({ id: authors.id }).from(authors).where(eq(authors.id, input.authorId)).get()) {
        throw new UnprocessableError('AUTHOR_NOT_FOUND', `No author has id ${input.authorId}.`, [{ path: '/body/authorId', message: 'is not an author id' }])
      }
      const secret = SECRET_PREFIX + randomBytes(32).toString('base64url')
      const row = db.insert(apiTokens).values({
        name: input.name,
        role: input.role,
        authorId: input.authorId ?? null,
        secretHash: hashSecret(secret)
      }).returning().get()
      return { ...toToken(row), secret }
    },

    async list (): Promise<Token[]> {
      return db.select().from(apiTokens).orderBy(desc(apiTokens.id)).all().map(toToken)
    },

    /** Revokes a token; false when there is no such token or it was already revoked. */
    async revoke (id: number): Promise<boolean> {
      const result = db.update(apiTokens)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .run()
      return result.changes === 1
    },

    async exists (id: number): Promise<boolean> {
      return db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, id)).get() !== undefined
    },

    /** The caller a secret stands for, or null for an unknown or revoked secret. */
    async authenticate (secret: string): Promise<Principal | null> {
      const row = byHash.get({ hash: hashSecret(secret) })
      if (!row) return null
      const now = new Date()
      if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_PRECISION_MS) {
        touch.run({ id: row.id, now: now.toISOString() })
      }
      return { tokenId: row.id, role: row.role, authorId: row.authorId }
    }
  }
}

export type TokensRepository = ReturnType<typeof createTokensRepository>
