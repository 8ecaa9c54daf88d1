import t from 'tap'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { lastingDatabase, type Teardown } from './helpers/app.js'
import { nodeCommand } from './helpers/compiled.js'

const CLEAN_ENV = { ...process.env, DATABASE_URL: '', PUBLIC_BASE_URL: '', LOG_LEVEL: 'info', SEED_DEMO: 'true', SHUTDOWN_GRACE_MS: '' }

interface LogLine {
  msg: string
  [field: string]: unknown
}

interface Service {
  process: ChildProcess
  host: string
  port: number
  /** Resolves to the first log line that matches, logged already or to come. */
  logged: (test: (line: LogLine) => boolean) => Promise<LogLine>
  /** Resolves to the exit code, or to 'running' when the process is still up after ms. */
  exited: (ms: number) => Promise<number | null | 'running'>
}

/**
 * Starts src/server.ts, compiled, with the demo content on a new database of the engine under test (a SQLite file, or
 * a PostgreSQL test database), and waits until it listens.
 */
async function startService (t: Teardown, env: Record<string, string> = {}): Promise<Service> {
  const dir = await mkdtemp(join(tmpdir(), 'news-shutdown-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const database = await lastingDatabase(t, join(dir, 'news.db'))
  const child = spawn(...await nodeCommand('src/server.ts'), {
    env: { ...CLEAN_ENV, PORT: '0', ...('databaseUrl' in database ? { DATABASE_URL: database.databaseUrl ?? '' } : { DATABASE_PATH: database.databasePath }), ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  t.teardown(() => { child.kill('SIGKILL') })
  const exit = once(child, 'exit').then(([code]) => code as number | null)
  const lines: LogLine[] = []
  const waiting = new Set<{ test: (line: LogLine) => boolean, resolve: (line: LogLine) => void }>()
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine
    lines.push(line)
    for (const waiter of waiting) {
      if (waiter.test(line)) {
        waiting.delete(waiter)
        waiter.resolve(line)
      }
    }
  })
  // Lines already read count too: readline hands over several in one go, before a waiter for the next is added.
  const logged = (test: (line: LogLine) => boolean) => new Promise<LogLine>((resolve) => {
    const seen = lines.find(test)
    if (seen) resolve(seen)
    else waiting.add({ test, resolve })
  })
  const listening = await logged((line) => line.msg.startsWith('Server listening at '))
  const [, host, port] = /^Server listening at http:\/\/(.+):(\d+)$/.exec(listening.msg) ?? []
  await logged((line) => line.msg.startsWith('docs at '))
  return {
    process: child,
    host: host as string,
    port: Number(port),
    logged,
    exited: (ms) => Promise.race([exit, sleep(ms, 'running' as const)])
  }
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** A raw connection: no HTTP client lets a test hold one idle, or stop halfway through a request body. */
interface Connection {
  socket: Socket
  /** The next response on the connection, read to the end of its Content-Length. */
  response: () => Promise<RawResponse>
  /** Resolves when the connection is closed. */
  closed: Promise<unknown>
}

async function open (service: Service): Promise<Connection> {
  const socket = connect(service.port, service.host)
  await once(socket, 'connect')
  // Listened for now: the service may close the connection before the test comes to wait for it.
  const closed = once(socket, 'close')
  let received = Buffer.alloc(0)
  let wake = () => {}
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    wake()
  })
  socket.on('end', () => wake())
  const response = async (): Promise<RawResponse> => {
    for (;;) {
      const headEnd = received.indexOf('\r\n\r\n')
      if (headEnd !== -1) {
        const [statusLine = '', ...fields] = received.subarray(0, headEnd).toString('latin1').split('\r\n')
        const headers = Object.fromEntries(fields.map((field) => {
          const colon = field.indexOf(':')
          return [field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim()]
        }))
        const length = Number(headers['content-length'] ?? 0)
        if (received.length >= headEnd + 4 + length) {
          const body = received.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8')
          received = received.subarray(headEnd + 4 + length)
          return { status: Number(statusLine.split(' ')[1]), headers, body }
        }
      }
      if (socket.readableEnded) throw new Error(`the connection ended after ${received.length} bytes of a response`)
      await new Promise<void>((resolve) => { wake = resolve })
    }
  }
  return { socket, response, closed }
}

const REPLY = JSON.stringify({ authorName: 'Amina Bello', authorEmail: 'amina.bello@example.org', body: 'Sent slowly, over a poor connection, while the service was told to stop.' })

/**
 * A reply whose body arrives slowly: the service has taken the request (it answers 100 Continue as it hands it to the
 * handler) and waits for the rest of the body, which is what keeps it under way.
 */
async function startSlowReply (service: Service, slug: string) {
  const connection = await open(service)
  connection.socket.write(`POST /v1/articles/${slug}/replies HTTP/1.1\r\nHost: ${service.host}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(REPLY)}\r\nExpect: 100-continue\r\n\r\n`)
  const interim = await connection.response()
  if (interim.status !== 100) throw new Error(`expected 100 Continue, got ${interim.status}`)
  connection.socket.write(REPLY.slice(0, 20))
  return connection
}

async function publishedSlug (service: Service): Promise<{ slug: string, idle: Connection }> {
  const idle = await open(service)
  idle.socket.write(`GET /v1/articles?limit=1 HTTP/1.1\r\nHost: ${service.host}\r\n\r\n`)
  const list = await idle.response()
  if (list.headers.connection !== 'keep-alive') throw new Error('the first request should leave its connection open')
  return { slug: (JSON.parse(list.body) as { data: Array<{ slug: string }> }).data[0]?.slug as string, idle }
}

t.test('on SIGTERM the service closes idle connections at once, answers the request under way with Connection: close, and exits well within the grace period', async (t) => {
  const service = await startService(t)
  const { slug, idle } = await publishedSlug(service)
  const slow = await startSlowReply(service, slug)
  // As a browser's preconnect or a load balancer's pool leaves one: before the fix it held shutdown to its grace period.
  const silent = await open(service)

  const stoppedAt = Date.now()
  service.process.kill('SIGTERM')
  await service.logged((line) => line.msg.startsWith('draining'))
  // A second signal, as an impatient operator or a supervisor sends: before the fix it killed the process at once.
  service.process.kill('SIGTERM')
  await idle.closed
  t.pass('the idle keep-alive connection is closed')
  await silent.closed
  t.pass('and so is a connection that never sent a request')

  slow.socket.write(REPLY.slice(20))
  const answer = await slow.response()
  t.equal(answer.status, 202, 'the reply under way is accepted')
  t.match(JSON.parse(answer.body), { id: Number, status: 'pending' })
  t.equal(answer.headers.connection, 'close', 'and its client told not to send more on the connection')
  // Before the fix this connection stayed open for the keep-alive timeout, 72 s, and the process with it.
  t.equal(await Promise.race([slow.closed.then(() => 'closed'), sleep(5000, 'open')]), 'closed', 'its connection is closed once answered')
  t.equal(await service.exited(5000), 0, 'the service exits 0')
  t.ok(Date.now() - stoppedAt < 5000, 'within 5 s of SIGTERM, half the default grace period')
})

t.test('when the grace period runs out with a request still under way, the service logs it and exits 1', async (t) => {
  const service = await startService(t, { SHUTDOWN_GRACE_MS: '500' })
  const { slug } = await publishedSlug(service)
  await startSlowReply(service, slug)

  const overdue = service.logged((line) => line.msg.startsWith('shutdown grace period over'))
  service.process.kill('SIGTERM')
  t.equal(await service.exited(5000), 1, 'exits 1 instead of waiting for a body that never comes')
  t.match(await overdue, { level: 50, graceMs: 500, connections: 1 })
})
