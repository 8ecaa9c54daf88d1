// Roles, weakest first: a role may do everything the roles before it may.
import { ROLES } from '../db/schema.js'

export type Role = typeof ROLES[number]
export { ROLES }

const RANK: Record<Role, number> = { partner: 0, contributor: 1, author: 2, editor: 3, admin: 4 }

export function hasRole (role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum]
}

/** Who is calling, as established from a valid API token. */
export interface Principal {
  tokenId: number
  role: Role
  authorId: number | null
}
