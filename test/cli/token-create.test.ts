import t from 'tap'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { buildTestApp, type Teardown } from '../helpers/app.js'
import { nodeCommand } from '../helpers/compiled.js'
import { countRows, row } from '../helpers/db.js'
import { insertAuthor } from '../helpers/fixtures.js'

const run = promisify(execFile)

async function tokenCreate (databasePath: string, args: string[]) {
  return run(...await nodeCommand('src/cli/token-create.ts', args), { env: { ...process.env, DATABASE_PATH: databasePath } })
}

async function refusal (databasePath: string, args: string[]): Promise<{ code: number, stderr: string } | null> {
  return tokenCreate(databasePath, args).then(() => null, (error: { code: number, stderr: string }) => error)
}

async function tempDatabase (t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'news-cli-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return join(dir, 'news.db')
}

t.test('token:create prints a working secret alone on the last line', async (t) => {
  const databasePath = await tempDatabase(t)
  const { stdout } = await tokenCreate(databasePath, ['--name', 'First admin', '--role', 'admin'])
  const secret = stdout.trimEnd().split('\n').at(-1) as string
  t.match(secret, /^nca_[A-Za-z0-9_-]{43}$/)

  const app = await buildTestApp(t, { databasePath })
  const res = await app.inject({ url: '/v1/admin/tokens', headers: { authorization: `Bearer ${secret}` } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { data: [{ name: 'First admin', role: 'admin' }] })
})

t.test('token:create refuses a missing name or an unknown role with its usage', async (t) => {
  const databasePath = await tempDatabase(t)
  for (const args of [['--role', 'admin'], ['--name', 'x', '--role', 'root'], ['--name', 'x', '--role', 'author', '--author', 'abc'], ['--bogus']]) {
    const error = await refusal(databasePath, args)
    t.equal(error?.code, 1, args.join(' '))
    t.match(error?.stderr, /usage: npm run --silent token:create/)
    t.notMatch(error?.stderr, /\n\s+at /, 'no stack trace')
  }
})

t.test('token:create binds a token to the author given with --author', async (t) => {
  const databasePath = await tempDatabase(t)
  const app = await buildTestApp(t, { databasePath })
  const authorId = await insertAuthor(app)
  const { stdout } = await tokenCreate(databasePath, ['--name', 'Adrian', '--role', 'author', '--author', String(authorId)])
  t.match(stdout, /^created token 1 "Adrian" with role author in /)
  t.match(await row(app, 'apiTokens', { id: 1 }), { role: 'author', authorId })
})

t.test('token:create refuses a contributor or author token without --author in one line, and creates nothing', async (t) => {
  const databasePath = await tempDatabase(t)
  for (const role of ['contributor', 'author']) {
    const error = await refusal(databasePath, ['--name', 'x', '--role', role])
    t.equal(error?.code, 1, role)
    t.equal(error?.stderr, `${role === 'author' ? 'An' : 'A'} ${role} token writes as an author, so it must be bound to one: give the author's id (GET /v1/authors lists authors with their ids).\n`)
  }
  const app = await buildTestApp(t, { databasePath })
  t.equal(await countRows(app, 'apiTokens'), 0)
})

t.test('token:create --author with an id no author has prints one line, not a stack, and creates nothing', async (t) => {
  const databasePath = await tempDatabase(t)
  const error = await refusal(databasePath, ['--name', 'Ghost', '--role', 'author', '--author', '999'])
  t.equal(error?.code, 1)
  t.equal(error?.stderr, 'No author has id 999: give the id of an existing author (GET /v1/authors lists authors with their ids).\n')
  const app = await buildTestApp(t, { databasePath })
  t.equal(await countRows(app, 'apiTokens'), 0)
})
