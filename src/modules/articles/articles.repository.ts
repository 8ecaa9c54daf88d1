import type { Db } from '../../db/client.js'
export function createArticlesRepository (_db: Db) { return {} }
export type ArticlesRepository = ReturnType<typeof createArticlesRepository>
