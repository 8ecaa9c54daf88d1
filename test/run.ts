// The tap suite, run on the test files compiled to JavaScript (test/helpers/compiled.ts): a test process started
// through tsx spends a second or two more loading, and the suite starts a hundred and fifty of them. `tsx test/run.ts`
// runs the SQLite half, `tsx test/run.ts --postgres` the PostgreSQL half, and `tsx test/run.ts --both` (npm test)
// both side by side; files named on the command line narrow any of them. `npx tap test/some.test.ts` runs files as
// written, through tsx.
import { execFile, spawn, spawnSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { compiled, compiledProject } from './helpers/compiled.js'
import { PACKAGE_ROOT } from '../src/shared/package-root.js'
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
  const files = await readdir(join(PACKAGE_ROOT, 'test'), { recursive: true })
  return files.filter((file) => file.endsWith('.test.ts')).map((file) => join('test', file)).sort()
}

async function tap (...args: string[]): Promise<string> {
  return (await run('npx', ['tap', ...args], { cwd: PACKAGE_ROOT })).stdout
}

/**
 * tap's test class is built with the plugins .taprc names (npm ci installs it built with all of them, and
 * `npx tap` builds it again when they differ): a test process imports every plugin built in. Built here first,
 * and once: two builds at the same time leave a broken one.
 */
async function buildTapForTaprc (): Promise<void> {
  const [versions, configured] = await Promise.all([tap('versions'), tap('plugin', 'list')])
  const built = versions.split(/^plugins:$/m)[1]?.split('\n').map((line) => line.trim().replace(/^"?([^":]+)"?:.*$/, '$1')).filter(Boolean) ?? []
  if (built.sort().join() === configured.split('\n').filter(Boolean).sort().join()) return
  spawnSync('npx', ['tap', 'build'], { cwd: PACKAGE_ROOT, stdio: 'inherit' })
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

function name (half: Half): string {
  return half.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'
}

// .taprc's limits, which `npx tap` applies to a run of the files as written: seconds per file, and files at once.
async function taprcNumber (key: string): Promise<number> {
  const value = (await readFile(join(PACKAGE_ROOT, '.taprc'), 'utf8')).match(new RegExp(`^${key}: (\\d+)$`, 'm'))?.[1]
  if (value === undefined) throw new Error(`.taprc names no ${key}`)
  return Number(value)
}

interface FileOutcome { file: string, ok: boolean, report: string, counts: Map<string, number>, ms: number }

// The process groups of the files running, stopped with the run: each file runs in a group of its own, which a
// terminal's Ctrl-C or a cancelled CI job would not reach.
const running = new Set<number>()

function stopGroup (pid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pid, signal) } catch { /* already gone */ }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of running) stopGroup(pid, 'SIGKILL')
    process.exit(130)
  })
}

/** The last lines a file printed, as a diagnostic block under a failed test point of its own. */
function endOfOutput (output: string): string {
  const lines = output.trimEnd().split('\n').slice(-30)
  return `  ---\n  output: |\n${lines.map((line) => `    ${line}`).join('\n')}\n  ...\n`
}

/**
 * Runs one compiled test file as node runs any script: tap's library reports in TAP on its own. Not through tap's
 * runner, which gives every test process its process-info loader. That loader records which files a test loaded, for
 * coverage and for re-running the tests a change touches, neither of which the suite uses, and under Node 20 it hooks
 * each module load on another thread: it cost a test process about a second of CPU, a sixth of the suite.
 */
async function runFile (file: string, root: string, engine: Half['engine'], timeoutSeconds: number): Promise<FileOutcome> {
  const started = performance.now()
  // A group of its own, so that a file over its time is stopped with the servers and fixtures it started.
  const child = spawn(process.execPath, ['--enable-source-maps', file], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // tap's library times a file out by itself, as its runner would have told it to; the timer below is for a file
    // that cannot even do that.
    env: { ...process.env, TEST_ENGINE: engine, TAP_TIMEOUT: String(timeoutSeconds) }
  })
  if (child.pid !== undefined) running.add(child.pid)
  // Apart, so that a line written to stderr never lands inside a test point's line or its diagnostics.
  let report = ''
  let errors = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => { report += text })
  child.stderr.setEncoding('utf8').on('data', (text: string) => { errors += text })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    stopGroup(child.pid as number, 'SIGTERM')
    setTimeout(() => { stopGroup(child.pid as number, 'SIGKILL') }, 5000).unref()
  }, (timeoutSeconds + 10) * 1000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('close', (...ended: [number | null, NodeJS.Signals | null]) => resolve(ended))
    // A process that could not start (no memory, no process slot) fails its file, not the run.
    child.once('error', (error) => {
      errors += `${error.message}\n`
      resolve([null, null])
    })
  })
  clearTimeout(timer)
  if (child.pid !== undefined) running.delete(child.pid)
  const counts = new Map<string, number>()
  const summary = report.match(/^# \{ (.*) \}$/m)?.[1] ?? ''
  for (const [, key, value] of summary.matchAll(/(\w+): (\d+)/g)) counts.set(key as string, Number(value))
  if (errors !== '') report += `\n${errors.trimEnd().split('\n').map((line) => `# ${line}`).join('\n')}\n`
  const ok = code === 0 && !timedOut
  if (timedOut) {
    report += `\nnot ok 1 - ${file} did not finish within ${timeoutSeconds} s (.taprc's timeout)\n${endOfOutput(report)}`
  } else if (!ok && !/^\s*not ok \d+/m.test(report)) {
    // Stopped before any test point failed, as an import that throws does: its last words are the diagnostics.
    report += `\nnot ok 1 - ${file} exited ${signal ?? code} without a failed test point\n${endOfOutput(report)}`
  }
  return { file, ok, report, counts, ms: performance.now() - started }
}

/** A file's report as a subtest of the half's, the way tap's runner nests it. */
function asSubtest ({ file, ok, report, ms }: FileOutcome, number: number): string {
  const body = report.split('\n').filter((line) => !line.startsWith('TAP version')).map((line) => line === '' ? line : `    ${line}`)
  return `# Subtest: ${file}\n${body.join('\n').trimEnd()}\n${ok ? 'ok' : 'not ok'} ${number} - ${file} # time=${ms.toFixed(0)}ms\n\n`
}

/** One half's report: each file's as it finishes, then the half's plan and totals. */
class HalfReport {
  output = ''
  private readonly outcomes: FileOutcome[] = []
  private readonly started = performance.now()

  constructor (readonly half: Half, private readonly stream: boolean) {
    this.write('TAP version 14\n')
  }

  private write (text: string): void {
    this.output += text
    if (this.stream) process.stdout.write(text)
  }

  add (outcome: FileOutcome): void {
    this.outcomes.push(outcome)
    this.write(asSubtest(outcome, this.outcomes.length))
  }

  /** Ends the report; answers whether every file passed. */
  finish (): boolean {
    const totals = new Map<string, number>()
    for (const { counts } of this.outcomes) for (const [key, value] of counts) totals.set(key, (totals.get(key) ?? 0) + value)
    const failedFiles = this.outcomes.filter(({ ok }) => !ok).length
    this.write(`1..${this.outcomes.length}\n# ${failedFiles} of ${this.outcomes.length} files failed\n`)
    this.write(`# { ${[...totals].map(([key, value]) => `${key}: ${value}`).join(', ')} }\n# time=${(performance.now() - this.started).toFixed(0)}ms\n`)
    return failedFiles === 0
  }
}

function durationsFile (half: Half): string {
  return join(PACKAGE_ROOT, '.tap', `durations-${half.engine}.json`)
}

/** How long each of a half's files took in the last run here, by test/... path; none on a fresh checkout. */
async function lastDurations (half: Half): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(durationsFile(half), 'utf8')) as Record<string, number>
  } catch {
    return {}
  }
}

/**
 * Runs the halves side by side, each half's compiled files .taprc's jobs at a time (each half keeps about one of two
 * cores busy); the first half's report streams. The PostgreSQL half runs from the compiled folder, a tap project of
 * its own (its .taprc says so): tap keeps the folders t.testdir() makes under .tap/ of the project, and two halves
 * running the same files must not share them.
 */
async function runHalves (halves: Half[]): Promise<Array<{ half: Half, ok: boolean, output: string }>> {
  const [folder, timeoutSeconds, jobs] = await Promise.all([compiledProject(), taprcNumber('timeout'), taprcNumber('jobs')])
  return Promise.all(halves.map(async (half, index) => {
    const root = half.engine === 'sqlite' ? PACKAGE_ROOT : folder
    const durations = await lastDurations(half)
    // The longest first, as the last run timed them (a new file counts as long): a long file started last would
    // run on alone after the others.
    const queue = [...half.files].sort((a, b) => (durations[b] ?? Infinity) - (durations[a] ?? Infinity))
    const report = new HalfReport(half, index === 0)
    const timed: Record<string, number> = {}
    await Promise.all(Array.from({ length: jobs }, async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const outcome = await runFile(relative(root, await compiled(file)), root, half.engine, timeoutSeconds)
        timed[file] = Math.round(outcome.ms)
        report.add(outcome)
      }
    }))
    await writeFile(durationsFile(half), JSON.stringify({ ...durations, ...timed }, null, 2))
    return { half, ok: report.finish(), output: report.output }
  }))
}

/**
 * Every failed test point of a TAP report, each with the diagnostic block under it. The report of a whole run is
 * long, and whoever reads only its end (a CI log cut to its tail) must still learn what failed and where.
 */
function failures (report: string): string[] {
  const lines = report.split('\n')
  const found: string[] = []
  lines.forEach((line, index) => {
    if (!/^\s*not ok \d+/.test(line)) return
    const block = [line]
    const indent = line.length - line.trimStart().length
    if (lines[index + 1]?.trim() === '---') {
      for (const next of lines.slice(index + 1)) {
        block.push(next)
        if (next.trim() === '...' && next.length - next.trimStart().length > indent) break
      }
    }
    found.push(block.join('\n'))
  })
  return found
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const named = args.filter((arg) => !arg.startsWith('-'))
  const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--postgres' && arg !== '--both')
  if (unknown.length > 0) {
    process.stderr.write(`test/run.ts takes test files, --postgres and --both; not ${unknown.join(' ')}. For tap's own options, run the files with npx tap.\n`)
    process.exit(2)
  }
  const files = named.length > 0 ? named : await testFiles()
  const wanted: Half[] = []
  if (!args.includes('--postgres')) wanted.push({ engine: 'sqlite', files })
  if (args.includes('--postgres') || args.includes('--both')) {
    const unavailable = await postgresUnavailable()
    if (unavailable) process.stdout.write(unavailable)
    else wanted.push({ engine: 'postgres', files: files.filter((file) => !ENGINE_INDEPENDENT.has(file)) })
  }
  const halves = wanted.filter((half) => half.files.length > 0)
  await Promise.all([compiledProject(), buildTapForTaprc()])
  const outcomes = await runHalves(halves)
  for (const { half, output } of outcomes.slice(1)) process.stdout.write(`\n# The ${name(half)} half\n${output}`)
  for (const { half, ok, output } of outcomes) {
    if (ok) continue
    process.stdout.write(`\n# The ${name(half)} half failed. Its failed test points:\n${failures(output).join('\n')}\n`)
  }
  process.exit(outcomes.every(({ ok }) => ok) ? 0 : 1)
}
