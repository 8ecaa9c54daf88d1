import type { Db } from '../../db/client.js'
export function createSectionsRepository (_db: Db) { return {} }
export type SectionsRepository = ReturnType<typeof createSectionsRepository>
