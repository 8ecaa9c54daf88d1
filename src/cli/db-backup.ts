// npm run db:backup -- FILE [--force]: a consistent copy of the SQLite database at DATABASE_PATH, taken while the
// service runs and writes. PostgreSQL has its own tools, which this command points at.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { loadConfig } from '../config.js'
import { describeStore } from '../db/open-store.js'
import { CommandError } from '../shared/errors.js'
import { runCli, UsageError } from './run-cli.js'

const USAGE = 'usage: npm run db:backup -- FILE [--force]   (--force replaces FILE if it exists)'

function parse (argv: string[]): { file: string, force: boolean } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean', default: false } } })
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`)
  }
  const [file, ...extra] = parsed.positionals
  if (!file || extra.length > 0) throw new UsageError(`Give one file to write the backup to.\n${USAGE}`)
  return { file, force: parsed.values.force }
}

runCli(async () => {
  const { file, force } = parse(process.argv.slice(2))
  const config = loadConfig(process.env)
  if (config.databaseUrl !== null) {
    throw new UsageError(`DATABASE_URL names a PostgreSQL database (${describeStore(config)}): back it up with PostgreSQL's own tools, ` +
      'such as pg_dump --format=custom --file=news.dump "$DATABASE_URL" (restore with pg_restore), or your provider\'s snapshots. ' +
      'db:backup copies the SQLite database at DATABASE_PATH.')
  }
  const database = describeStore(config)
  if (config.databasePath === ':memory:' || !existsSync(config.databasePath)) {
    throw new UsageError(`There is no SQLite database at ${database} (DATABASE_PATH) to back up.`)
  }
  const target = resolve(file)
  if (target === database) throw new UsageError(`${target} is the database itself (DATABASE_PATH): give another file.`)
  if (existsSync(target) && statSync(target).isDirectory()) throw new UsageError(`${target} is a folder: give a file, such as ${join(target, 'news-backup.db')}.`)
  if (existsSync(target) && !force) throw new UsageError(`${target} exists already: give another file, or add --force to replace it.`)

  // Written beside the target and renamed into place once checked: a failed backup never replaces a good one.
  const partial = `${target}.partial-${process.pid}`
  // backups/news-2026-03-01.db, as the README shows, in a checkout that has no backups folder yet.
  mkdirSync(dirname(target), { recursive: true })
  const source = new Database(config.databasePath, { fileMustExist: true })
  try {
    source.pragma('busy_timeout = 5000')
    // SQLite's online backup API copies a snapshot of committed pages, and starts again should another connection
    // write in between: the copy is consistent however busy the service is, and never holds up its writes.
    const { totalPages } = await source.backup(partial)
    const copy = new Database(partial)
    try {
      // One self-contained file, without a write-ahead log beside it: what an operator copies and restores.
      copy.pragma('journal_mode = DELETE')
      const integrity = copy.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok') throw new CommandError(`The copy of ${database} failed SQLite's integrity check (${String(integrity)}); nothing was written to ${target}.`)
    } finally {
      copy.close()
    }
    renameSync(partial, target)
    console.log(`backed up ${database} to ${target}: ${totalPages} pages, ${statSync(target).size} bytes, integrity check ok, ` +
      `as committed at ${new Date().toISOString()}. To restore it: stop the service, copy it over DATABASE_PATH, delete that file's -wal and -shm files, start the service.`)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  } finally {
    source.close()
  }
})
