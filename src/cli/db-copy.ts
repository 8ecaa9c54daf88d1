// npm run db:copy -- --to postgres://...: copies the newsroom in the SQLite file at DATABASE_PATH into an empty
// PostgreSQL database, in one transaction, and checks that every table arrived whole.
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { describeStore, openSqliteStore, rootMessage } from '../db/open-store.js'
import { createPostgresStore } from '../db/postgres-store.js'
import { copyNewsroom } from '../db/copy.js'
import { TABLES } from '../db/rows.js'
import { CommandError } from '../shared/errors.js'
import { createWebAddresses } from '../shared/web-addresses.js'
import { runCli, UsageError } from './run-cli.js'

const USAGE = 'usage: npm run db:copy -- --to postgres://user:password@host:5432/database'

function parse (argv: string[]): string {
  let to: string | undefined
  try {
    to = parseArgs({ args: argv, options: { to: { type: 'string' } } }).values.to
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`)
  }
  if (!to || !/^postgres(ql)?:\/\//.test(to)) throw new UsageError(`--to must be a postgres:// URL\n${USAGE}`)
  return to
}

runCli(async () => {
  const url = parse(process.argv.slice(2))
  const config = loadConfig(process.env)
  const target = describeStore({ ...config, databaseUrl: url })
  // Opening a missing file would make an empty newsroom and copy nothing, successfully.
  if (!existsSync(config.databasePath)) throw new UsageError(`There is no SQLite database at ${config.databasePath} (DATABASE_PATH) to copy from.`)
  const links = createWebAddresses(config)
  const from = openSqliteStore(config.databasePath, links)
  try {
    if (!(await from.read.rows.hasContent())) throw new UsageError(`${config.databasePath} (DATABASE_PATH) holds no newsroom: nothing to copy.`)
    const to = await createPostgresStore(url, { poolSize: 2, statementTimeoutMs: 0 }, links).catch((error: unknown) => {
      throw new CommandError(`Cannot open the PostgreSQL database at ${target} (--to): ${rootMessage(error)}`)
    })
    try {
      const copied = await copyNewsroom(from, to)
      const summary = TABLES.map((table) => `${copied[table]} ${table.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)}`).join(', ')
      console.log(`copied ${describeStore(config)} into ${target}: ${summary}`)
    } finally {
      await to.close()
    }
  } finally {
    await from.close()
  }
})
