// The processes a benchmark drives: the production build started as npm start runs it, and stopped again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The heap limits npm start and the Dockerfile run the service with. */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=4', '--single-threaded-gc']

/** The service as npm start and the Dockerfile run it. */
export const SERVICE_ARGS = [...SERVICE_NODE_FLAGS, 'dist/server.js']

/** A failure the run explains itself, printed without a stack trace. */
export class RunError extends Error {
  override name = 'RunError'
}

export interface Target {
  name: string
  url: string
  process: ChildProcess
  /** What bench/service-observer.mjs saw since it was last asked, when the server was started with it. */
  observe: () => Promise<Observation>
}

/** Garbage collections by kind (minor, major, incremental...), event-loop delay and CPU time, as the observer tells them. */
export interface Observation {
  gc: Record<string, { count: number, totalMs: number, maxMs: number }>
  loopDelayMs: { p50: number, p99: number, max: number }
  cpuMs: number
}

/** node flags that load the observer into a server: its GC pauses and event-loop delay, told at each SIGUSR2. */
export const OBSERVER_FLAGS = ['--import', pathToFileURL(`${fileURLToPath(new URL('.', import.meta.url))}service-observer.mjs`).href]

// As bench/service-observer.mjs starts its lines.
const OBSERVATION_PREFIX = 'bench-observation '

export async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

export async function sleep (ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

const LOG_LINES_SHOWN = 5

/** A failing route logs once per request: the first lines tell why, the rest would bury the results. */
function forwardLogs (name: string, child: ChildProcess, log: (line: string) => void, onObservation: (observation: Observation) => void): void {
  let lines = 0
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue
      if (line.startsWith(OBSERVATION_PREFIX)) {
        onObservation(JSON.parse(line.slice(OBSERVATION_PREFIX.length)) as Observation)
        continue
      }
      lines++
      if (lines <= LOG_LINES_SHOWN) log(`  [${name}] ${line.slice(0, 500)}`)
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  child.once('exit', () => {
    if (lines > LOG_LINES_SHOWN) log(`  [${name}] ${lines - LOG_LINES_SHOWN} more log lines not shown`)
  })
}

/** npm run build, unless the run was told to use the dist/ already there. */
export function buildService (skipBuild: boolean, log: (line: string) => void): void {
  if (!skipBuild) {
    log('build: npm run build')
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (build.status !== 0) throw new RunError(`npm run build failed with code ${build.status}; --skip-build runs the dist/ already there`)
  }
  if (!existsSync(`${ROOT}dist/server.js`)) throw new RunError('dist/server.js is missing: run without --skip-build')
}

/** Spawns a server and resolves with the milliseconds until its health route answers 200. */
export async function startServer (name: string, args: string[], env: Record<string, string>, log: (line: string) => void): Promise<Target & { startupMs: number }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] })
  const waiting: Array<(observation: Observation) => void> = []
  forwardLogs(name, child, log, (observation) => waiting.shift()?.(observation))
  const observe = async () => new Promise<Observation>((resolve) => {
    waiting.push(resolve)
    child.kill('SIGUSR2')
  })
  let exited: number | null = null
  child.once('exit', (code) => { exited = code ?? -1 })
  while (performance.now() - started < 30_000) {
    if (exited !== null) throw new RunError(`${name} exited with code ${exited} before answering /health`)
    try {
      const response = await fetch(`${url}/health`)
      if (response.status === 200) return { name, url, process: child, observe, startupMs: performance.now() - started }
    } catch {
      // Not listening yet.
    }
    await sleep(5)
  }
  child.kill('SIGKILL')
  throw new RunError(`${name} did not answer /health within 30 s`)
}

export async function stopServer (target: Target): Promise<void> {
  if (target.process.exitCode !== null || target.process.signalCode !== null) return
  const exited = new Promise((resolve) => target.process.once('exit', resolve))
  target.process.kill('SIGTERM')
  await Promise.race([exited, sleep(5000)])
  if (target.process.exitCode === null && target.process.signalCode === null) target.process.kill('SIGKILL')
}

function statusKb (pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`No ${field} in /proc/${pid}/status`)
  return Number(match[1])
}

/** The most memory the process has held at once. */
export function peakRssMb (pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024
}

/** The memory the process holds now. */
export function rssMb (pid: number): number {
  return statusKb(pid, 'VmRSS') / 1024
}
