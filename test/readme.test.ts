// The README's shell examples, run in order against a fresh service, as a newcomer would paste them.
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { nodeCommand } from './helpers/compiled.js'
import { PACKAGE_ROOT } from '../src/shared/package-root.js'

// Blocks fenced as sh run; those fenced as shell (installing, deploying, copying to another server) are only shown.
const RUNNABLE_BLOCK = /^```sh\n([\s\S]*?)^```$/gm
// Every curl the README shows fails the run on a 4xx or 5xx it did not announce with --write-out. NODE_OPTIONS holds
// the loader tap gives every process a test starts, to record coverage: a newcomer's shell has none, and with it each
// node the README starts takes several times as long.
const PRELUDE = `set -euo pipefail
unset NODE_OPTIONS
trap 'echo "README command failed (exit $?): $BASH_COMMAND" >&2' ERR
curl () {
  case " $* " in
    *" -w "*|*" --write-out "*) command curl --silent --show-error "$@" ;;
    *) command curl --silent --show-error --fail-with-body "$@" ;;
  esac
}
`

async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

const hasCurl = spawnSync('curl', ['--version']).status === 0

t.test('every sh block of the README runs, in order, on a fresh service with the demo content', { skip: !hasCurl && 'curl is not installed' }, async (t) => {
  const readme = await readFile(join(PACKAGE_ROOT, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(RUNNABLE_BLOCK)].map((match) => match[1] as string)
  t.ok(blocks.length >= 10, `${blocks.length} blocks to run`)

  const port = await freePort()
  // The README's own defaults: SQLite, demo content, links at the address it listens on.
  const { DATABASE_URL: _url, PUBLIC_BASE_URL: _base, ...inherited } = process.env
  const env = { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(t.testdir(), 'news.db'), LOG_LEVEL: 'warn' }
  const server = spawn(...await nodeCommand('src/server.ts'), { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] })
  t.teardown(() => { server.kill() })
  for (let attempt = 0; ; attempt++) {
    const ready = await fetch(`http://127.0.0.1:${port}/health`).then((res) => res.ok, () => false)
    if (ready) break
    if (attempt === 300) throw new Error('the service did not start')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  // The README speaks of the default port; the service under test has its own.
  const script = PRELUDE + blocks.join('\n').replaceAll(/(localhost|127\.0\.0\.1):3000/g, `127.0.0.1:${port}`)
  const shell = spawn('bash', ['-c', script], { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  shell.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  shell.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  // 'close' rather than 'exit': the output is then read to its end.
  const [code] = await once(shell, 'close') as [number]
  t.equal(code, 0, code === 0 ? 'the README ran to the end' : output.slice(-4000))
})
