// db:backup: an online backup of the SQLite file, and the restore procedure the README gives. The database is a file
// whichever engine the suite runs on: SQLite is what this command copies.
import t from 'tap'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { buildApp } from '../../src/app.js'
import { authHeader, buildTestApp, TEST_CONFIG, type Teardown } from '../helpers/app.js'
import { nodeCommand } from '../helpers/compiled.js'

const run = promisify(execFile)

async function backup (databasePath: string, args: string[], env: Record<string, string> = {}) {
  return run(...await nodeCommand('src/cli/db-backup.ts', args), { env: { ...process.env, DATABASE_URL: '', DATABASE_PATH: databasePath, ...env } })
}

async function refusal (databasePath: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number, stderr: string } | null> {
  return backup(databasePath, args, env).then(() => null, (error: { code: number, stderr: string }) => error)
}

async function tempDir (t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'news-backup-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** A folder of the test's own holding news.db, a SQLite file the service has migrated, whichever engine the suite runs on. */
async function migratedFile (t: Teardown): Promise<{ dir: string, databasePath: string }> {
  const dir = await tempDir(t)
  const databasePath = join(dir, 'news.db')
  await buildTestApp(t, { databasePath })
  return { dir, databasePath }
}

function tagSlugs (file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('select slug from tags order by id').pluck().all() as string[]
  } finally {
    db.close()
  }
}

t.test('db:backup copies the database while the service writes to it, consistent and restorable', async (t) => {
  const dir = await tempDir(t)
  const databasePath = join(dir, 'news.db')
  const target = join(dir, 'backup.db')
  // Built by hand: the test stops it, as the restore procedure says, before copying the backup over its file.
  const service = await buildApp({ ...TEST_CONFIG, databasePath })
  const admin = await authHeader(service, 'admin')
  let written = 0
  const writeTag = async () => {
    written += 1
    const res = await service.inject({ method: 'POST', url: '/v1/admin/tags', headers: admin, payload: { name: `Tag ${written}`, slug: `tag-${written}` } })
    if (res.statusCode !== 201) throw new Error(`writing a tag failed: ${res.body}`)
  }
  for (let i = 0; i < 20; i++) await writeTag()

  // The service keeps writing, as a newsroom would, until the backup is done: a write each 10 ms is plenty to land
  // during it, without filling the file with thousands of rows while the command starts.
  const state = { backingUp: true }
  const writer = (async () => {
    while (state.backingUp) {
      await writeTag()
      await sleep(10)
    }
  })()
  const { stdout } = await backup(databasePath, [target]).finally(() => { state.backingUp = false })
  await writer
  const writtenBeforeEnd = written
  t.match(stdout, new RegExp(`^backed up ${databasePath} to ${target}: \\d+ pages, \\d+ bytes, integrity check ok, as committed at `))

  const copy = new Database(target, { readonly: true })
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok')
  t.equal(copy.pragma('journal_mode', { simple: true }), 'delete', 'one self-contained file')
  copy.close()
  const saved = tagSlugs(target)
  t.ok(saved.length >= 20 && saved.length <= writtenBeforeEnd, `every tag committed before the backup began, none invented (${saved.length} of ${writtenBeforeEnd})`)
  t.same(saved, saved.map((_slug, i) => `tag-${i + 1}`), 'the tags of one moment: a run of commits, with no gap')

  // Written after the backup: the restore takes them back out.
  await writeTag()
  await service.close()
  await copyFile(target, databasePath)
  await rm(`${databasePath}-wal`, { force: true })
  await rm(`${databasePath}-shm`, { force: true })

  const restored = await buildTestApp(t, { databasePath })
  // The newsroom's list of every tag: the public sees none of them, as no public article carries them. The token,
  // made before the backup, is restored with it.
  const served = new Set<string>()
  for (let url: string | null = '/v1/admin/tags?limit=100'; url !== null;) {
    const page = (await restored.inject({ url, headers: admin })).json() as { data: Array<{ slug: string }>, meta: { nextCursor: string | null } }
    for (const tag of page.data) served.add(tag.slug)
    url = page.meta.nextCursor === null ? null : `/v1/admin/tags?limit=100&cursor=${page.meta.nextCursor}`
  }
  t.ok(served.has('tag-1'), 'the restored service serves the first tag')
  t.ok(served.has(saved.at(-1)!), 'and the last one the backup holds')
  t.notOk(served.has(`tag-${written}`), 'but not one written after the backup')
  t.equal((await restored.inject({ url: '/health/ready' })).statusCode, 200, 'and is ready')
})

t.test('db:backup refuses to replace an existing file unless given --force', async (t) => {
  const { dir, databasePath } = await migratedFile(t)
  const target = join(dir, 'backup.db')
  await writeFile(target, 'yesterday\'s backup')

  const error = await refusal(databasePath, [target])
  t.equal(error?.code, 1)
  t.equal(error?.stderr, `${target} exists already: give another file, or add --force to replace it.\n`)
  t.equal(await readFile(target, 'utf8'), 'yesterday\'s backup', 'the file is left as it was')

  await backup(databasePath, [target, '--force'])
  const copy = new Database(target, { readonly: true })
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok', 'replaced with --force')
  copy.close()
})

t.test('db:backup given a folder, even with --force, says to give a file and leaves the folder as it was', async (t) => {
  const { dir, databasePath } = await migratedFile(t)
  const folder = join(dir, 'backups')
  await mkdir(folder)

  const error = await refusal(databasePath, [folder, '--force'])
  t.equal(error?.code, 1)
  t.equal(error?.stderr, `${folder} is a folder: give a file, such as ${join(folder, 'news-backup.db')}.\n`)
  t.same(await readdir(folder), [], 'nothing is written into it')
})

t.test('db:backup creates the folder it is asked to write into, as the README\'s backups/ example needs', async (t) => {
  const { dir, databasePath } = await migratedFile(t)
  const target = join(dir, 'backups', 'news.db')

  await backup(databasePath, [target])
  const copy = new Database(target, { readonly: true })
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok')
  copy.close()
})

t.test('db:backup on PostgreSQL says to use pg_dump, and writes nothing', async (t) => {
  const dir = await tempDir(t)
  const target = join(dir, 'backup.db')
  const error = await refusal(join(dir, 'news.db'), [target], { DATABASE_URL: 'postgres://news:s3cret@db.internal:5432/news' })
  t.equal(error?.code, 1)
  t.match(error?.stderr, /^DATABASE_URL names a PostgreSQL database \(postgres:\/\/news@db\.internal:5432\/news\): back it up with PostgreSQL's own tools, such as pg_dump /)
  t.notMatch(error?.stderr, 's3cret')
  t.notOk(existsSync(target))
})

t.test('db:backup without a database file, or without a target, says so in one line', async (t) => {
  const dir = await tempDir(t)
  const missing = join(dir, 'none.db')
  const error = await refusal(missing, [join(dir, 'backup.db')])
  t.equal(error?.code, 1)
  t.equal(error?.stderr, `There is no SQLite database at ${missing} (DATABASE_PATH) to back up.\n`)
  t.notOk(existsSync(missing), 'no empty database is made')

  const usage = await refusal(missing, [])
  t.equal(usage?.code, 1)
  t.match(usage?.stderr, /^Give one file to write the backup to\.\nusage: npm run db:backup -- FILE \[--force\]/)
})
