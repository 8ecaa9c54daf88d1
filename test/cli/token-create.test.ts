import t from 'tap'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { buildTestApp } from '../helpers/app.js'

const run = promisify(execFile)

async function tokenCreate (databasePath: string, args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/token-create.ts', ...args], { env: { ...process.env, DATABASE_PATH: databasePath } })
}

t.test('token:create prints a working secret alone on the last line', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-cli-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const databasePath = join(dir, 'news.db')
  const { stdout } = await tokenCreate(databasePath, ['--name', 'First admin', '--role', 'admin'])
  const secret = stdout.trimEnd().split('\n').at(-1) as string
  t.match(secret, /^nca_[A-Za-z0-9_-]{43}$/)

  const app = await buildTestApp(t, { databasePath })
  const res = await app.inject({ url: '/v1/admin/tokens', headers: { authorization: `Bearer ${secret}` } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { data: [{ name: 'First admin', role: 'admin' }] })
})

t.test('token:create refuses a missing name or an unknown role with its usage', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-cli-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  for (const args of [['--role', 'admin'], ['--name', 'x', '--role', 'root'], ['--name', 'x', '--role', 'author', '--author', 'abc'], ['--bogus']]) {
    const error = await tokenCreate(join(dir, 'news.db'), args).then(() => null, (e: { code: number, stderr: string }) => e)
    t.equal(error?.code, 1, args.join(' '))
    t.match(error?.stderr, /usage: npm run --silent token:create/)
    t.notMatch(error?.stderr, /\n\s+at /, 'no stack trace')
  }
})
