// The project's TypeScript compiled to JavaScript, for npm test's runs of the suite (test/run.ts) and for the tests
// that start the service, a CLI or a fixture as a process of its own. Under tsx every process spends a second or two
// more starting: Node 20 runs a loader's hooks on another thread, one round trip for each of the thousand modules
// the service loads. Compiled once per version of the sources into .tap/compiled/<hash>/, beside links to what the
// code reads from the project at run time, as it would from dist/. TypeBox, whose ESM build is some 700 modules, is
// loaded from one bundle instead: tap's process-info loader hooks every ESM module a test process loads, on another
// thread under Node 20, which made loading TypeBox alone cost a test process over a second.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join, relative, sep } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'
import { PACKAGE_ROOT } from '../../src/shared/package-root.js'

const COMPILED = join(PACKAGE_ROOT, '.tap', 'compiled')
const SOURCES = ['src', 'test', 'bench']
// .taprc makes the folder a tap project of its own, where the PostgreSQL half of npm test runs (test/run.ts).
const LINKED = ['migrations', 'openapi', 'README.md', '.taprc']
// How long a build may hold the lock before it is taken for one whose process died.
const STALE_LOCK_MS = 60_000

/** The package.json of an installed package, found from its entry point: not every package exports it. */
function packageJsonOf (name: string): string {
  let folder = dirname(createRequire(import.meta.url).resolve(name))
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder)
  return join(folder, 'package.json')
}

/** The files under the source folders, TypeScript first; the others are data the tests read, such as schemas. */
async function sourceFiles (): Promise<{ typescript: string[], data: string[] }> {
  const typescript: string[] = []
  const data: string[] = []
  for (const folder of SOURCES) {
    for (const entry of await readdir(join(PACKAGE_ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const file = join(relative(PACKAGE_ROOT, entry.parentPath), entry.name)
      ;(file.endsWith('.ts') ? typescript : data).push(file)
    }
  }
  return { typescript: typescript.sort(), data: data.sort() }
}

// The TypeBox entry points the project imports at run time, and the files in the compiled folder that stand for them.
const TYPEBOX_ENTRIES = { typebox: 'typebox.js', 'typebox/value': 'typebox-value.js' } as const
const TYPEBOX_IMPORT = /(\bfrom\s*)(['"])(typebox(?:\/value)?)\2/g

/** The compiled module with its TypeBox imports pointed at the bundle; folder is the compiled folder, relative to it. */
function withBundledTypebox (javascript: string, folder: string): string {
  return javascript.replace(TYPEBOX_IMPORT, (_, from: string, quote: string, entry: keyof typeof TYPEBOX_ENTRIES) => {
    const file = [folder || '.', 'vendor', TYPEBOX_ENTRIES[entry]].join('/')
    return `${from}${quote}${file.startsWith('.') ? file : `./${file}`}${quote}`
  })
}

/**
 * TypeBox and its Value module in one bundle, so that the two share one copy of TypeBox as they do when imported
 * apart.
 */
async function bundleTypebox (folder: string): Promise<void> {
  const vendor = join(folder, 'vendor')
  await esbuild.build({
    stdin: { contents: "export * from 'typebox'\nexport { default } from 'typebox'\nexport { default as Value } from 'typebox/value'\n", resolveDir: PACKAGE_ROOT },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(vendor, TYPEBOX_ENTRIES.typebox),
    logLevel: 'warning'
  })
  await writeFile(join(vendor, TYPEBOX_ENTRIES['typebox/value']), `export { Value as default } from './${TYPEBOX_ENTRIES.typebox}'\n`)
}

// Packages bundled into each test file with the project's code: ESM packages of many modules, each of which tap's
// process-info loader would hook on its other thread. The rest are loaded as installed (CommonJS is not hooked).
const BUNDLED_PACKAGES = new Set(['drizzle-orm'])

/**
 * What tests start as processes of their own (nodeCommand): bundled as the tests are, as each loads the service's
 * modules too, and under the suite's load a start that failed at once spent seconds loading them one by one.
 */
const SPAWNED = /^(src\/server\.ts|src\/cli\/[^/]+\.ts|test\/fixtures\/[^/]+-process\.ts)$/

/** The package a bare import specifier names: drizzle-orm for drizzle-orm/sqlite-core, @scope/name for its files. */
function packageOf (specifier: string): string {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')
}

/**
 * Each compiled test file made one module with the project code it imports and BUNDLED_PACKAGES, in its place, beside
 * a few chunks of what it shares with other tests: a test process loaded some three hundred modules of its own through
 * tap's process-info loader, which cost it about a second of CPU. The modules keep the import.meta.url of their
 * compiled file, where they find the files they read, and the bundle maps back to the TypeScript through their source
 * maps. folder is where staging will be renamed to.
 */
async function bundleTests (staging: string, folder: string, tests: string[]): Promise<void> {
  await esbuild.build({
    entryPoints: tests.map((file) => join(staging, file.replace(/\.ts$/, '.js'))),
    outdir: staging,
    outbase: staging,
    allowOverwrite: true,
    bundle: true,
    // Code two tests share goes into chunks they import, rather than into a copy in each: one copy per test made the
    // folder 190 MB and its build twice as long.
    splitting: true,
    chunkNames: 'chunks/[hash]',
    format: 'esm',
    platform: 'node',
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [{
      name: 'project-modules',
      setup (build) {
        build.onResolve({ filter: /^[^./]/ }, ({ path }) => BUNDLED_PACKAGES.has(packageOf(path)) ? undefined : { external: true })
        build.onLoad({ filter: /\.js$/ }, async ({ path }) => {
          if (!path.startsWith(staging + sep)) return undefined
          const url = pathToFileURL(join(folder, relative(staging, path))).href
          return { contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(url)), loader: 'js' }
        })
      }
    }]
  })
}

async function compileInto (staging: string, folder: string, sources: Map<string, string>, data: string[]): Promise<void> {
  // Loaded only to build: most runs find the build made.
  const { default: ts } = await import('typescript')
  const parsed = ts.getParsedCommandLineOfConfigFile(join(PACKAGE_ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  if (!parsed) throw new Error('tsconfig.json could not be read')
  // NodeNext would make CommonJS here: compiling one file at a time, TypeScript does not read package.json's type.
  // The source maps point at the TypeScript, so a failure's stack and tap's excerpt show the test as written.
  const compilerOptions = { ...parsed.options, noEmit: false, module: ts.ModuleKind.ESNext, inlineSourceMap: true }
  for (const [file, text] of sources) {
    const target = join(staging, file.replace(/\.ts$/, '.js'))
    const sourceRoot = relative(dirname(target), dirname(join(PACKAGE_ROOT, file))).split(sep).join('/')
    const { outputText } = ts.transpileModule(text, { compilerOptions: { ...compilerOptions, sourceRoot }, fileName: basename(file) })
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, withBundledTypebox(outputText, relative(dirname(target), staging)))
  }
  await bundleTypebox(staging)
  for (const link of LINKED) await symlink(join(PACKAGE_ROOT, link), join(staging, link))
  // Read beside the compiled tests, where a test finds them through import.meta.url.
  for (const file of data) {
    await mkdir(dirname(join(staging, file)), { recursive: true })
    await symlink(join(PACKAGE_ROOT, file), join(staging, file))
  }
  await bundleTests(staging, folder, [...sources.keys()].filter((file) => file.endsWith('.test.ts') || SPAWNED.test(file)))
}

/** Runs work holding the build lock; a process that finds it held waits for that build rather than repeating it. */
async function withBuildLock<T> (work: () => Promise<T>): Promise<T> {
  const lock = join(COMPILED, 'build.lock')
  for (;;) {
    try {
      await (await open(lock, 'wx')).close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const held = await stat(lock).then((lockFile) => Date.now() - lockFile.mtimeMs, () => 0)
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

async function build (): Promise<string> {
  const sources = new Map<string, string>()
  // The versions of what a build holds or is made with, besides the sources.
  const hash = createHash('sha256')
  for (const name of ['typescript', 'typebox', 'esbuild']) hash.update(await readFile(packageJsonOf(name), 'utf8'))
  const { typescript: files, data } = await sourceFiles()
  for (const file of files) {
    const text = await readFile(join(PACKAGE_ROOT, file), 'utf8')
    sources.set(file, text)
    hash.update(file).update('\0').update(text)
  }
  // Linked, not copied: their names make the version, their contents are read where they are.
  for (const file of data) hash.update(file).update('\0')
  const version = hash.digest('hex').slice(0, 12)
  const folder = join(COMPILED, version)
  if (existsSync(folder)) return folder
  await mkdir(COMPILED, { recursive: true })
  return withBuildLock(async () => {
    if (existsSync(folder)) return folder
    // Built beside, then renamed: a folder under its final name is complete.
    const staging = `${folder}.building`
    await rm(staging, { recursive: true, force: true })
    await compileInto(staging, folder, sources, data)
    await rename(staging, folder)
    // Builds of earlier versions of the sources are of no more use.
    for (const entry of await readdir(COMPILED)) {
      if (entry !== version && entry !== 'build.lock') await rm(join(COMPILED, entry), { recursive: true, force: true })
    }
    return folder
  })
}

let built: Promise<string> | undefined

/**
 * The folder holding the project compiled as its sources are now, built if it is not there yet. Code already running
 * compiled has its own folder.
 */
export function compiledProject (): Promise<string> {
  const running = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  built ??= dirname(running) === COMPILED ? Promise.resolve(running) : build()
  return built
}

/** The compiled form of a TypeScript file of the project, such as src/server.ts, to run with plain node. */
export async function compiled (file: string): Promise<string> {
  return join(await compiledProject(), file.replace(/\.ts$/, '.js'))
}

/**
 * The command and arguments that run a TypeScript file of the project, such as src/server.ts, as a process of its own,
 * for spawn or execFile: compiled, and clear of the loader tap puts in NODE_OPTIONS for every process a test starts
 * (it records coverage, which this suite does not collect), with which the service takes three times as long to
 * start. env runs node in its own place, so the process id is node's.
 */
export async function nodeCommand (file: string, args: string[] = []): Promise<[string, string[]]> {
  return ['env', ['-u', 'NODE_OPTIONS', process.execPath, await compiled(file), ...args]]
}
