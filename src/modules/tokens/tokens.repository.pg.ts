// Every query about API tokens, on PostgreSQL: the twin of tokens.repository.ts. Only hashes of secrets are ever stored.
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { apiTokens } from '../../db/schema.pg.js'
import type { Role } from '../../shared/roles.js'
import { toToken, type TokensRepository } from './tokens.repository.js'
import type { Token } from './tokens.schemas.js'

export function createPostgresTokensRepository (db: PgExecutor): TokensRepository {
  return {
    async insert (values: { name: string, role: Role, authorId: number | null, secretHash: string }): Promise<Token> {
      const [row] = await db.insert(apiTokens).values(values).returning()
      return toToken(row)
    },

    async list (): Promise<Token[]> {
      return (await db.select().from(apiTokens).orderBy(desc(apiTokens.id))).map(toToken)
    },

    /** Revokes a token; false when there is no such token or it was already revoked. */
    async revoke (id: number): Promise<boolean> {
      const revoked = await db.update(apiTokens)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id })
      return revoked.length === 1
    },

    async findById (id: number): Promise<Token | null> {
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id))
      return row ? toToken(row) : null
    },

    async exists (id: number): Promise<boolean> {
      return (await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, id))).length > 0
    },

    /** The token that is not revoked and whose secret has this hash. */
    async findActiveByHash (secretHash: string): Promise<Token | null> {
      const [row] = await db.select().from(apiTokens)
        .where(and(eq(apiTokens.secretHash, secretHash), isNull(apiTokens.revokedAt)))
      return row ? toToken(row) : null
    },

    async recordUse (id: number, at: string): Promise<void> {
      await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id))
    }
  }
}
