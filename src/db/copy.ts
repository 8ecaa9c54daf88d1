// Copying a newsroom between engines: every table, parents first, in the target's one transaction.
import { CommandError } from '../shared/errors.js'
import { rootMessage } from './open-store.js'
import { TABLES, type TableName } from './rows.js'
import type { Store } from './store.js'

const PAGE = 1000

/**
 * Copies every table a page at a time and answers how many rows each had. Into an empty target only; a count that
 * does not match rolls everything back.
 */
export async function copyNewsroom (from: Store, to: Store): Promise<Record<TableName, number>> {
  return to.transaction(async (tx) => {
    await tx.rows.lockForImport()
    if (await tx.rows.hasContent() || await tx.rows.count('apiTokens') > 0) {
      throw new CommandError('The target database already has content: db:copy only fills an empty one.')
    }
    const copied = {} as Record<TableName, number>
    for (const table of TABLES) {
      copied[table] = 0
      // Queued by the triggers as articles, credits and replies arrived: what is stale is what was stale at the source.
      if (table === 'articleRepresentationQueue') await tx.rows.clear(table)
      for (let offset = 0; ; offset += PAGE) {
        const rows = await from.read.rows.page(table, { offset, limit: PAGE })
        // The driver's own message, not the query with its values: those are readers' emails and address hashes.
        if (rows.length > 0) {
          await tx.rows.insert(table, rows).catch((error: unknown) => {
            throw new CommandError(`Copying ${table} failed at rows ${offset + 1} to ${offset + rows.length}: ${rootMessage(error)}. Nothing was copied.`)
          })
        }
        copied[table] += rows.length
        if (rows.length < PAGE) break
      }
      const arrived = await tx.rows.count(table)
      // settings gains the keys the migrations wrote, which the copy then overwrites.
      if (table !== 'settings' ? arrived !== copied[table] : arrived < copied[table]) {
        throw new CommandError(`${table}: ${copied[table]} rows read but ${arrived} stored. Nothing was copied.`)
      }
    }
    await tx.rows.afterImport(await from.read.rows.lastIds())
    return copied
  })
}
