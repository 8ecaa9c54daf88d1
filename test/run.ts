// The tap suite, run on the test files compiled to JavaScript (test/helpers/compiled.ts): a test process started
// through tsx spends a second or two more loading, and the suite starts two hundred of them. `tsx test/run.ts`
// runs the SQLite half, `tsx test/run.ts --postgres` the PostgreSQL half, and `tsx test/run.ts --both` (npm test)
// both side by side; files named on the command line narrow any of them. `npx tap test/some.test.ts` runs files as
// written, through tsx.
import { execFile, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { compiled, compiledProject, PROJECT_ROOT } from './helpers/compiled.js'
import { TEST_DATABASE_URL } from './helpers/postgres-server.js'

const run = promisify(execFile)

// What these files test does not depend on the engine, or is SQLite itself: the SQLite half covers them.
const ENGINE_INDEPENDENT = new Set([
  'test/config.test.ts',
  'test/openapi.test.ts',
  'test/server.test.ts',
  'test/cli/token-create.test.ts',
  'test/plugins/cors-compression.test.ts',
  'test/db/migrations.test.ts',
  'test/db/sqlite-store.test.ts',
  'test/db/sqlite-processes.test.ts',
  'test/readme.test.ts',
  'test/bench/options.test.ts'
])

/** Every test file, as test/... paths. */
async function testFiles (): Promise<string[]> {
  const files = await readdir(join(PROJECT_ROOT, 'test'), { recursive: true })
  return files.filter((file) => file.endsWith('.test.ts')).map((file) => join('test', file)).sort()
}

async function tap (...args: string[]): Promise<string> {
  return (await run('npx', ['tap', ...args], { cwd: PROJECT_ROOT })).stdout
}

/**
 * tap builds its test class again when a run finds the plugins .taprc names changed (npm ci installs it built with
 * all of them), but only after its runner has chosen the loaders of that run's test processes: the first run after
 * an install would load ts-node into every one of them, for the plugin .taprc leaves out. Built here first instead,
 * and once: two builds at the same time leave a broken one.
 */
async function buildTapForTaprc (): Promise<void> {
  const [versions, configured] = await Promise.all([tap('versions'), tap('plugin', 'list')])
  const built = versions.split(/^plugins:$/m)[1]?.split('\n').map((line) => line.trim().replace(/^"?([^":]+)"?:.*$/, '$1')).filter(Boolean) ?? []
  if (built.sort().join() === configured.split('\n').filter(Boolean).sort().join()) return
  spawnSync('npx', ['tap', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' })
}

/** Why the PostgreSQL half cannot run here, or undefined when a server answers. */
async function postgresUnavailable (): Promise<string | undefined> {
  const where = new URL(TEST_DATABASE_URL)
  where.password = ''
  const probe = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 })
  try {
    await probe.connect()
    await probe.end()
    return undefined
  } catch (error) {
    return `# PostgreSQL half of the suite skipped: no server answers at ${where} (${(error as Error).message}). ` +
      'Start one, or set TEST_DATABASE_URL to a server where this user may create databases.\n'
  }
}

interface Half {
  engine: 'sqlite' | 'postgres'
  files: string[]
}

/**
 * Runs tap on the compiled forms of one half's files; answers tap's exit code, and its output when captured. The
 * PostgreSQL half runs from the compiled folder, which a .taprc makes a tap project of its own: tap clears and
 * writes its bookkeeping under .tap/ of the project it runs in, and two runs must not share one.
 */
async function runHalf ({ engine, files }: Half, options: string[], capture: boolean): Promise<{ code: number, output: string }> {
  const folder = await compiledProject()
  const root = engine === 'sqlite' ? PROJECT_ROOT : folder
  const targets = await Promise.all(files.map(async (file) => relative(root, await compiled(file))))
  // The files are JavaScript: .taprc's --import=tsx is replaced, not added to.
  const child = spawn('npx', ['tap', '--node-arg=--enable-source-maps', ...options, ...targets], {
    cwd: root,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    env: { ...process.env, TEST_ENGINE: engine }
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const [code] = await once(child, 'close') as [number | null]
  return { code: code ?? 1, output }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const named = args.filter((arg) => !arg.startsWith('-'))
  const options = args.filter((arg) => arg.startsWith('-') && arg !== '--postgres' && arg !== '--both')
  const files = named.length > 0 ? named : await testFiles()
  const wanted: Half[] = []
  if (!args.includes('--postgres')) wanted.push({ engine: 'sqlite', files })
  if (args.includes('--postgres') || args.includes('--both')) {
    const unavailable = await postgresUnavailable()
    if (unavailable) process.stdout.write(unavailable)
    else wanted.push({ engine: 'postgres', files: files.filter((file) => !ENGINE_INDEPENDENT.has(file)) })
  }
  // Without files tap would run .taprc's include instead.
  const halves = wanted.filter((half) => half.files.length > 0)
  await Promise.all([compiledProject(), buildTapForTaprc()])
  // Side by side, as each half keeps about one of two cores busy; the first half's report streams, the second's
  // follows it whole.
  const outcomes = await Promise.all(halves.map(async (half, index) => {
    const outcome = await runHalf(half, options, index > 0)
    return { ...outcome, half }
  }))
  for (const { half, output } of outcomes.slice(1)) process.stdout.write(`\n# The ${half.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} half\n${output}`)
  process.exit(outcomes.every(({ code }) => code === 0) ? 0 : 1)
}
