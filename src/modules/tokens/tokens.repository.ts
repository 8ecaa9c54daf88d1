// Every query about API tokens. Only hashes of secrets are ever stored.
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { apiTokens } from '../../db/schema.js'
import type { Role } from '../../shared/roles.js'
import type { Token } from './tokens.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

/** Row to API object, shared with the PostgreSQL twin. */
export function toToken (row: typeof apiTokens.$inferSelect): Token {
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
  const activeByHash = preparedOnFirstUse(() => db.select().from(apiTokens)
    .where(and(eq(apiTokens.secretHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
    .prepare())
  const touch = preparedOnFirstUse(() => db.update(apiTokens)
    .set({ lastUsedAt: sql`${sql.placeholder('now')}` })
    .where(eq(apiTokens.id, sql.placeholder('id')))
    .prepare())

  return {
    async insert (values: { name: string, role: Role, authorId: number | null, secretHash: string }): Promise<Token> {
      return toToken(db.insert(apiTokens).values(values).returning().get())
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

    /** The token with this id, revoked or not. */
    async findById (id: number): Promise<Token | null> {
      const row = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()
      return row ? toToken(row) : null
    },

    async exists (id: number): Promise<boolean> {
      return db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, id)).get() !== undefined
    },

    /** The token that is not revoked and whose secret has this hash. */
    async findActiveByHash (secretHash: string): Promise<Token | null> {
      const row = activeByHash.get({ hash: secretHash })
      return row ? toToken(row) : null
    },

    async recordUse (id: number, at: string): Promise<void> {
      touch.run({ id, now: at })
    }
  }
}

export type TokensRepository = ReturnType<typeof createTokensRepository>
