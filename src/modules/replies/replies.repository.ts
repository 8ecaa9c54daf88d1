import type { Db } from '../../db/client.js'
export function createRepliesRepository (_db: Db) { return {} }
export type RepliesRepository = ReturnType<typeof createRepliesRepository>
