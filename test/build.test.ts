// The production build (build.ts), as `npm start` and the Docker image run it: the bundle leaves some packages to be
// loaded as installed and finds its migrations from wherever its chunks sit, so only the built files themselves show
// that it starts, migrates, serves Swagger UI's assets and runs its operator CLIs, on either engine.
import t from 'tap'
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { lastingDatabase, type Teardown } from './helpers/app.js'
import { PACKAGE_ROOT } from '../src/shared/package-root.js'

const run = promisify(execFile)

// Settings the machine running the tests may have exported, which would change what a start does.
const CLEAN_ENV = { ...process.env, DATABASE_URL: '', DATABASE_PATH: '', PUBLIC_BASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'info', SEED_DEMO: 'true', PORT: '0' }

/** A fresh build in a folder of the project, beside the node_modules its externals are loaded from. */
async function buildInto (t: Teardown): Promise<string> {
  const folder = await mkdtemp(join(PACKAGE_ROOT, '.tap', 'build-'))
  t.teardown(() => rm(folder, { recursive: true, force: true }))
  await run(process.execPath, ['--import', 'tsx', 'build.ts', folder], { cwd: PACKAGE_ROOT })
  return folder
}

const built = buildInto(t)

/** The built service's settings for a database of the engine under test, made for this test. */
async function databaseEnv (t: Teardown, file: string): Promise<Record<string, string>> {
  const database = await lastingDatabase(t, file)
  return 'databasePath' in database ? { DATABASE_PATH: database.databasePath } : { DATABASE_URL: database.databaseUrl as string }
}

t.test('the built service starts on the engine under test with its migrations applied, seeds the demo, and serves the API, the OpenAPI document and Swagger UI', async (t) => {
  const folder = await built
  const env = { ...CLEAN_ENV, ...await databaseEnv(t, join(folder, 'news.db')) }
  const server = spawn(process.execPath, [join(folder, 'server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { server.kill('SIGKILL') })
  let address = ''
  for await (const line of createInterface({ input: server.stdout })) {
    address ||= /^Server listening at (http:\/\/\S+)$/.exec((JSON.parse(line) as { msg: string }).msg)?.[1] ?? ''
    if (address !== '') break
  }
  const ready = await fetch(`${address}/health/ready`)
  t.equal(ready.status, 200, 'ready, with every migration applied')
  const articles = await fetch(`${address}/v1/articles?limit=1`)
  t.equal(articles.status, 200)
  t.equal(((await articles.json()) as { data: unknown[] }).data.length, 1, 'the demo articles are served')
  const spec = await fetch(`${address}/openapi.json`)
  t.match(await spec.json(), { openapi: /^3\./ }, 'the OpenAPI document is served')
  const script = await fetch(`${address}/docs/static/swagger-ui-bundle.js`)
  t.equal(script.status, 200, 'Swagger UI serves its scripts from its own package')
  t.ok((await script.arrayBuffer()).byteLength > 100_000)
  const exited = once(server, 'exit')
  server.kill('SIGTERM')
  t.equal((await exited)[0], 0, 'stops cleanly on SIGTERM')
})

t.test('the built token CLI creates a token in the database it is given', async (t) => {
  const folder = await built
  const env = { ...CLEAN_ENV, ...await databaseEnv(t, join(folder, 'cli.db')) }
  const { stdout } = await run(process.execPath, [join(folder, 'cli', 'token-create.js'), '--name', 'First admin', '--role', 'admin'], { env })
  t.match(stdout, /^created token 1 "First admin" with role admin in /)
  t.match(stdout.trim().split('\n').at(-1), /^nca_[\w-]{43}$/, 'the secret is printed last')
})
