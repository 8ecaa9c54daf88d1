// The project's TypeScript compiled to JavaScript, for the tests that run the service, a CLI or a fixture as a process
// of its own. Under tsx such a process spends a second more starting: Node 20 runs a loader's hooks on another thread,
// one round trip for each of the thousand modules the service loads. Compiled once per version of the sources into
// .tap/compiled/<hash>/, beside links to what the code reads from the project at run time.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const COMPILED = join(ROOT, '.tap', 'compiled')
// The fixtures that run as processes, and the helpers they import.
const SOURCES = ['src', 'test/fixtures', 'test/helpers']
// Found by the compiled code relative to itself, as from dist/.
const LINKED = ['migrations', 'openapi']
// A build left behind by a process that died holding the lock.
const STALE_LOCK_MS = 60_000

async function sourceFiles (): Promise<string[]> {
  const files: string[] = []
  for (const folder of SOURCES) {
    for (const file of await readdir(join(ROOT, folder), { recursive: true })) {
      if (file.endsWith('.ts')) files.push(join(folder, file))
    }
  }
  return files.sort()
}

function compilerOptions (): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  if (!parsed) throw new Error('tsconfig.json could not be read')
  // NodeNext would compile to CommonJS here: transpiling one file at a time, TypeScript does not look for package.json.
  return { ...parsed.options, noEmit: false, module: ts.ModuleKind.ESNext }
}

async function compileInto (folder: string, files: string[], sources: Map<string, string>): Promise<void> {
  const options = compilerOptions()
  for (const file of files) {
    const { outputText } = ts.transpileModule(sources.get(file) as string, { compilerOptions: options, fileName: join(ROOT, file) })
    const target = join(folder, file.replace(/\.ts$/, '.js'))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, outputText)
  }
  for (const link of LINKED) await symlink(join(ROOT, link), join(folder, link))
}

/** Holds the build lock while work runs; a process that finds it held waits for that build instead of repeating it. */
async function withBuildLock<T> (work: () => Promise<T>): Promise<T> {
  const lock = join(COMPILED, 'build.lock')
  for (;;) {
    try {
      await (await open(lock, 'wx')).close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const held = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0)
      if (held > STALE_LOCK_MS) await rm(lock, { force: true })
      else await sleep(100)
    }
  }
  try {
    return await work()
  } finally {
    await rm(lock, { force: true })
  }
}

let build: Promise<string> | undefined

/** The folder holding the compiled project for the sources as they are now, built if it is not there yet. */
function compiledProject (): Promise<string> {
  build ??= (async () => {
    const files = await sourceFiles()
    const sources = new Map<string, string>()
    const hash = createHash('sha256').update(ts.version)
    for (const file of files) {
      const text = await readFile(join(ROOT, file), 'utf8')
      sources.set(file, text)
      hash.update(file).update('\0').update(text)
    }
    const version = hash.digest('hex').slice(0, 16)
    const folder = join(COMPILED, version)
    if (existsSync(folder)) return folder
    await mkdir(COMPILED, { recursive: true })
    return withBuildLock(async () => {
      if (existsSync(folder)) return folder
      // Built beside, then renamed: a folder under its final name is always complete.
      const staging = `${folder}.building`
      await rm(staging, { recursive: true, force: true })
      await compileInto(staging, files, sources)
      await rename(staging, folder)
      // Builds of earlier versions of the sources are of no more use.
      for (const entry of await readdir(COMPILED)) {
        if (entry !== version && entry !== 'build.lock') await rm(join(COMPILED, entry), { recursive: true, force: true })
      }
      return folder
    })
  })()
  return build
}

/** The compiled form of a TypeScript file of the project, such as src/server.ts, to run with plain node. */
export async function compiled (file: string): Promise<string> {
  return join(await compiledProject(), file.replace(/\.ts$/, '.js'))
}
