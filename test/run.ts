// npm test's runs of the tap suite, on the test files compiled to JavaScript (test/helpers/compiled.ts): a test
// process started through tsx spends a second or two more loading, and the suite starts a hundred of them.
// `npx tap test/some.test.ts` runs files as written, through tsx.
import { execFile, spawnSync } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { compiled, PROJECT_ROOT } from './helpers/compiled.js'

const run = promisify(execFile)

/** Every test file, as test/... paths. */
export async function testFiles (): Promise<string[]> {
  const files = await readdir(join(PROJECT_ROOT, 'test'), { recursive: true })
  return files.filter((file) => file.endsWith('.test.ts')).map((file) => join('test', file)).sort()
}

/** The test files and the tap options (--reporter=tap, ...) among a command's arguments. */
export function parseArguments (args: string[]): { files: string[], options: string[] } {
  return { files: args.filter((arg) => !arg.startsWith('-')), options: args.filter((arg) => arg.startsWith('-')) }
}

async function tap (...args: string[]): Promise<string> {
  return (await run('npx', ['tap', ...args], { cwd: PROJECT_ROOT })).stdout
}

/**
 * tap builds its test class again when a run finds the plugins .taprc names changed (npm ci installs it built with
 * all of them), but only after its runner has chosen the loaders of that run's test processes: the first run after
 * an install would load ts-node into every one of them, for the plugin .taprc leaves out. Built here first instead.
 */
async function buildTapForTaprc (): Promise<void> {
  const [versions, configured] = await Promise.all([tap('versions'), tap('plugin', 'list')])
  const built = versions.split(/^plugins:$/m)[1]?.split('\n').map((line) => line.trim().replace(/^"?([^":]+)"?:.*$/, '$1')).filter(Boolean) ?? []
  if (built.sort().join() === configured.split('\n').filter(Boolean).sort().join()) return
  spawnSync('npx', ['tap', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' })
}

/** Runs tap on the compiled forms of the given test files, with the environment added; answers tap's exit code. */
export async function runCompiled (files: string[], options: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const [targets] = await Promise.all([
    Promise.all(files.map(async (file) => relative(PROJECT_ROOT, await compiled(file)))),
    buildTapForTaprc()
  ])
  // The files are JavaScript: .taprc's --import=tsx is replaced, not added to.
  const args = ['tap', '--node-arg=--enable-source-maps', ...options, ...targets]
  const run = spawnSync('npx', args, { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  return run.status ?? 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, options } = parseArguments(process.argv.slice(2))
  process.exit(await runCompiled(files.length > 0 ? files : await testFiles(), options))
}
