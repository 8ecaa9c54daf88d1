import t from 'tap'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { loadConfig } from '../src/config.js'
import { openSqliteStore } from '../src/db/open-store.js'
import { createTokensService } from '../src/modules/tokens/tokens.service.js'
import { createWebAddresses } from '../src/shared/web-addresses.js'
import { lastingDatabase, type Teardown } from './helpers/app.js'
import { nodeCommand } from './helpers/compiled.js'

// Each test starts processes of its own, in folders and on ports of its own, and mostly waits for them: side by side,
// the file takes as long as its longest test rather than all of them.
t.jobs = 4

// Settings the machine running the tests may have exported, which would change what a start does.
const CLEAN_ENV = { ...process.env, DATABASE_URL: '', PUBLIC_BASE_URL: '', LOG_LEVEL: 'info', SEED_DEMO: 'false' }

interface LogLine {
  msg: string
  [field: string]: unknown
}

interface RunningServer {
  /** Where the service says it listens, from its log. */
  address: string
  /** Every log line up to and including the one saying where the docs are. */
  log: LogLine[]
  /** Stops the service with SIGTERM; resolves to its exit code. */
  stop: () => Promise<number | null>
}

function withoutPassword (url: string): string {
  const parsed = new URL(url)
  parsed.password = ''
  return parsed.toString()
}

async function tempDir (t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'news-server-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** Starts src/server.ts, compiled, as a process and reads its log until it says where the docs are. */
async function startServer (t: Teardown, env: Record<string, string>): Promise<RunningServer> {
  const server = spawn(...await nodeCommand('src/server.ts'), { env: { ...CLEAN_ENV, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { server.kill('SIGKILL') })
  const exited = once(server, 'exit')
  const log: LogLine[] = []
  let address = ''
  for await (const line of createInterface({ input: server.stdout })) {
    const entry = JSON.parse(line) as LogLine
    log.push(entry)
    address ||= /^Server listening at (http:\/\/\S+)$/.exec(entry.msg)?.[1] ?? ''
    if (entry.msg.startsWith('docs at ')) break
  }
  return {
    address,
    log,
    stop: async () => {
      server.kill('SIGTERM')
      return (await exited)[0] as number | null
    }
  }
}

/** Starts src/server.ts expecting it to refuse; gives up after 60 s, as a start that hangs must fail the test. */
async function failedStart (env: Record<string, string>): Promise<{ code: number | null, stderr: string }> {
  const server = spawn(...await nodeCommand('src/server.ts'), { env: { ...CLEAN_ENV, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  // A guard against a start that never ends, not a measure of speed: under the suite's load a start that builds the
  // app before failing (a port in use) took over 20 s, where alone it takes two.
  const timer = setTimeout(() => server.kill('SIGKILL'), 60_000)
  let stderr = ''
  server.stderr.on('data', (chunk) => { stderr += chunk })
  // Not 'exit', which may come before the last of stderr has been read.
  const [code] = await once(server, 'close')
  clearTimeout(timer)
  return { code, stderr }
}

t.test('the server starts on a new database file, serves the demo content and stops cleanly on SIGTERM', async (t) => {
  const databasePath = join(await tempDir(t), 'data', 'news.db')
  const server = await startServer(t, { PORT: '0', DATABASE_PATH: databasePath, SEED_DEMO: 'true' })
  t.match(server.address, /^http:\/\/127\.0\.0\.1:\d+$/, 'the server says where it listens')
  t.ok((await stat(databasePath)).isFile(), 'the database file is created with its folder')

  const health = await fetch(`${server.address}/health`)
  t.equal(health.status, 200)
  const list = await fetch(`${server.address}/v1/articles`)
  t.equal(list.status, 200)
  t.ok(((await list.json()) as { data: unknown[] }).data.length > 0, 'demo articles are served')

  t.equal(await server.stop(), 0, 'exits 0 after a graceful shutdown')
})

t.test('the start log says which database was opened, what migrating and seeding did, and where the docs are', async (t) => {
  const dir = await tempDir(t)
  const database = await lastingDatabase(t, relative(process.cwd(), join(dir, 'news.db')))
  const env: Record<string, string> = 'databaseUrl' in database ? { DATABASE_URL: database.databaseUrl ?? '' } : { DATABASE_PATH: database.databasePath }
  // On SQLite the path is given relative to the working directory, and logged absolute; a PostgreSQL URL is logged
  // without its password.
  const where = 'databaseUrl' in database ? `PostgreSQL database ${withoutPassword(database.databaseUrl ?? '')}` : `SQLite database ${join(dir, 'news.db')}`

  const first = await startServer(t, { ...env, PORT: '0', SEED_DEMO: 'true' })
  const opened = first.log.find((line) => line.msg.startsWith('opened '))
  t.match(opened, { msg: new RegExp(`^opened the ${where}: (\\d+ migrations applied|schema already current), demo content seeded$`), demoSeeded: true })
  // A new SQLite file is migrated at start; the PostgreSQL test databases are migrated already.
  t.ok('databaseUrl' in database ? opened?.migrationsApplied === 0 : Number(opened?.migrationsApplied) > 0, 'migrations applied are counted')
  t.equal(first.log.at(-1)?.msg, `docs at ${first.address}/docs`)
  t.equal(await first.stop(), 0)

  const second = await startServer(t, { ...env, PORT: '0', SEED_DEMO: 'true' })
  t.match(second.log.find((line) => line.msg.startsWith('opened ')), {
    msg: `opened the ${where}: schema already current, demo content not seeded`,
    migrationsApplied: 0,
    demoSeeded: false
  })
  t.equal(await second.stop(), 0)
})

t.test('with PORT=0 and no PUBLIC_BASE_URL, links, preview URLs and the OpenAPI servers carry the port actually bound', async (t) => {
  const databasePath = join(await tempDir(t), 'news.db')
  const server = await startServer(t, { PORT: '0', DATABASE_PATH: databasePath, SEED_DEMO: 'true' })
  const { address } = server
  t.notMatch(address, /:0$/)

  const list = await fetch(`${address}/v1/articles?limit=1`)
  t.match(list.headers.get('link'), new RegExp(`^<${address}/v1/articles\\?limit=1&cursor=[^>]+>; rel="next"$`))

  const document = await (await fetch(`${address}/openapi.json`)).json() as { servers: Array<{ url: string }>, info: { contact: { url: string } } }
  t.equal(document.servers[0]?.url, address)
  t.equal(document.info.contact.url, `${address}/docs`)

  // Beside the running service, as token:create would.
  const store = openSqliteStore(databasePath, createWebAddresses(loadConfig({})))
  const { secret } = await createTokensService(store).create({ name: 'Desk', role: 'editor' })
  await store.close()
  const preview = await fetch(`${address}/v1/admin/articles/1/preview`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: '{}'
  })
  t.equal(preview.status, 201)
  t.match(await preview.json(), { url: new RegExp(`^${address}/v1/previews/`) })
  t.equal(await server.stop(), 0)
})

t.test('the server refuses to start on a bad configuration, naming the variable', async (t) => {
  const { code, stderr } = await failedStart({ PORT: 'eighty', DATABASE_PATH: ':memory:' })
  t.equal(code, 1)
  t.match(stderr, 'PORT must be an integer from 0 to 65535 (got "eighty")')
  t.notMatch(stderr, /\n\s+at /)
})

t.test('a DATABASE_PATH the service cannot use stops it with one line naming the setting and the fix', async (t) => {
  const folder = await tempDir(t)
  const cases = [
    { name: 'a folder', path: folder, says: `it is a folder; set DATABASE_PATH to a file, such as ${join(folder, 'news.db')}` },
    { name: 'under a file', path: '/dev/null/news.db', says: '/dev/null is not a folder; set DATABASE_PATH to a file in a folder the service may write to, such as ./data/news.db' },
    // The kernel answers ENOENT for any new name under /proc, which sent Node's recursive mkdir into an endless loop.
    { name: 'in a folder that cannot be made', path: '/proc/nope/news.db', says: 'cannot create the folder /proc/nope (ENOENT); set DATABASE_PATH to a file in a folder the service may write to, such as ./data/news.db' }
  ]
  await Promise.all(cases.map(async ({ name, path, says }) => {
    const { code, stderr } = await failedStart({ DATABASE_PATH: path })
    t.equal(code, 1, `${name}: exits 1`)
    t.equal(stderr, `Cannot open the SQLite database at ${path} (DATABASE_PATH): ${says}.\n`, `${name}: one line`)
  }))
})

t.test('a port in use stops the service with one line naming PORT', async (t) => {
  const holder = createServer()
  holder.listen(0, '127.0.0.1')
  await once(holder, 'listening')
  t.teardown(() => { holder.close() })
  const { port } = holder.address() as { port: number }
  const { code, stderr } = await failedStart({ PORT: String(port), DATABASE_PATH: ':memory:' })
  t.equal(code, 1)
  t.equal(stderr, `Port ${port} on 127.0.0.1 is already in use (PORT): stop the process that holds it, or set PORT to another port (0 picks a free one).\n`)
})

t.test('a PostgreSQL server that does not answer stops the service with one line naming DATABASE_URL, without the password', async (t) => {
  const { code, stderr } = await failedStart({ DATABASE_URL: 'postgres://news:s3cret@127.0.0.1:1/news' })
  t.equal(code, 1)
  t.match(stderr, /^Cannot open the PostgreSQL database at postgres:\/\/news@127\.0\.0\.1:1\/news \(DATABASE_URL\): connect ECONNREFUSED 127\.0\.0\.1:1\. Check that the server is up/)
  t.equal(stderr.trimEnd().split('\n').length, 1, 'one line')
  t.notMatch(stderr, 's3cret')
})
