import t from 'tap'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

t.test('the server starts on a new database file, serves the demo content and stops cleanly on SIGTERM', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-server-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const databasePath = join(dir, 'data', 'news.db')
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath, LOG_LEVEL: 'info', SEED_DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  t.teardown(() => { server.kill('SIGKILL') })
  const exited = once(server, 'exit')

  let address = ''
  for await (const line of createInterface({ input: server.stdout })) {
    const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
    if (match) { address = match[1] as string; break }
  }
  t.ok(address, 'the server says where it listens')
  t.ok((await stat(databasePath)).isFile(), 'the database file is created with its folder')

  const health = await fetch(`${address}/health`)
  t.equal(health.status, 200)
  const list = await fetch(`${address}/v1/articles`)
  t.equal(list.status, 200)
  t.ok(((await list.json()) as { data: unknown[] }).data.length > 0, 'demo articles are served')

  server.kill('SIGTERM')
  const [code] = await exited
  t.equal(code, 0, 'exits 0 after a graceful shutdown')
})

t.test('the server refuses to start on a bad configuration, naming the variable', async (t) => {
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: 'eighty', DATABASE_PATH: ':memory:' },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  server.stderr.on('data', (chunk) => { stderr += chunk })
  const [code] = await once(server, 'exit')
  t.equal(code, 1)
  t.match(stderr, 'PORT must be an integer from 0 to 65535 (got "eighty")')
  t.notMatch(stderr, /\n\s+at /)
})
