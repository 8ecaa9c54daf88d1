import type { Db } from '../../db/client.js'
export function createAuthorsRepository (_db: Db) { return {} }
export type AuthorsRepository = ReturnType<typeof createAuthorsRepository>
