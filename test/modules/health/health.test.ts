import t from 'tap'
import { connect } from 'node:net'
import { once } from 'node:events'
import { buildApp } from '../../../src/app.js'
import { buildTestApp, TEST_CONFIG } from '../../helpers/app.js'
import { execute, sql } from '../../helpers/db.js'

const MIGRATIONS = { sqlite: '__drizzle_migrations', postgres: 'drizzle.__drizzle_migrations' }

t.test('liveness answers 200 while the process runs, uncached', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/health/live' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ok' })
  t.equal(res.headers['cache-control'], 'no-store')
})

t.test('readiness answers 200 when the database answers and has exactly the shipped migrations, and /health answers the same', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/health/ready', '/health']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.same(res.json(), { status: 'ok', database: 'ok', migrations: 'current' }, url)
    t.equal(res.headers['cache-control'], 'no-store', url)
  }
})

t.test('without its database the instance is alive but not ready', async (t) => {
  const app = await buildTestApp(t)
  // Closing the store's connections underneath the app is how a lost database looks from inside.
  await app.store.close()
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200, 'a database outage restarts no instance')
  const ready = await app.inject({ url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.match(ready.headers['content-type'], 'application/problem+json')
  t.match(ready.json(), { status: 503, code: 'DATABASE_UNAVAILABLE' })
})

t.test('a database missing a shipped migration, as an older backup restored under the service would be, is not ready', async (t) => {
  const app = await buildTestApp(t)
  const table = sql.raw(MIGRATIONS[app.store.engine])
  const [last] = await app.store.read.operations.appliedMigrations().then((applied) => applied.sort((a, b) => b - a))
  await execute(app, { sqlite: sql`delete from ${table} where created_at = ${last}`, postgres: sql`delete from ${table} where created_at = ${last}` })
  // The test database goes back as it was.
  t.teardown(() => execute(app, {
    sqlite: sql`insert into ${table} (hash, created_at) values ('restored', ${last})`,
    postgres: sql`insert into ${table} (hash, created_at) values ('restored', ${last})`
  }))

  const res = await app.inject({ url: '/health/ready' })
  t.equal(res.statusCode, 503)
  t.match(res.json(), { code: 'MIGRATIONS_NOT_CURRENT', detail: /^1 of the migrations this version ships is not applied/ })
  t.equal(res.headers['cache-control'], 'no-store', 'and no cache keeps the 503')
})

t.test('a database migrated by a newer version stays ready, saying so, as the old instances of a rolling deploy keep serving', async (t) => {
  const app = await buildTestApp(t)
  const table = sql.raw(MIGRATIONS[app.store.engine])
  const future = Date.UTC(2099, 0, 1)
  await execute(app, { sqlite: sql`insert into ${table} (hash, created_at) values ('future', ${future})`, postgres: sql`insert into ${table} (hash, created_at) values ('future', ${future})` })
  t.teardown(() => execute(app, { sqlite: sql`delete from ${table} where created_at = ${future}`, postgres: sql`delete from ${table} where created_at = ${future}` }))

  const res = await app.inject({ url: '/health/ready' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ok', database: 'ok', migrations: 'newer' })
})

t.test('during shutdown readiness answers 503 and closes the connection, so a load balancer drains the instance', async (t) => {
  // Built by hand: the test closes it itself.
  const app = await buildApp(TEST_CONFIG)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  const probe = connect(port, '127.0.0.1')
  await once(probe, 'connect')
  // A probe whose request is arriving as the shutdown begins: a connection with a request under way is not idle.
  probe.write('GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n')
  let answer = ''
  probe.on('data', (chunk) => { answer += chunk })
  const ended = once(probe, 'end')
  const closed = app.close()
  probe.write('\r\n')
  await ended
  await closed
  t.match(answer, /^HTTP\/1\.1 503 Service Unavailable\r\n/)
  t.match(answer, /\r\nconnection: close\r\n/i)
  t.match(answer, /"code":"SHUTTING_DOWN"/)
})
