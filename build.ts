// The production build: `npm run build` bundles the service and its operator CLIs with esbuild into dist/, which is
// what `npm start` and the Docker image run; `tsx build.ts <folder>` builds into another folder of the project. Bundled,
// a start loads a few files instead of some thousand ES modules (TypeBox alone is about 700): that loading was most of
// the service's start-up. Types are checked by npm test, not here.
import { build } from 'esbuild'
import { readdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'

const ROOT = import.meta.dirname

// Loaded from node_modules at run time, as installed: better-sqlite3 finds its compiled addon beside its own files,
// and Swagger UI serves its pages and scripts from its own folder. pg and ioredis are loaded only when DATABASE_URL or
// REDIS_URL names a server, and pg asks for the optional pg-native, which a bundler cannot resolve. Response
// validation is for tests, a development dependency the image does not have.
const EXTERNAL = ['better-sqlite3', '@fastify/swagger-ui', 'pg', 'ioredis', '@fastify/response-validation']

const outdir = resolve(process.argv[2] ?? join(ROOT, 'dist'))
const clis = (await readdir(join(ROOT, 'src', 'cli'))).filter((file) => file.endsWith('.ts') && file !== 'run-cli.ts')
await rm(outdir, { recursive: true, force: true })
await build({
  absWorkingDir: ROOT,
  // server.js and cli/<name>.js in outdir.
  entryPoints: ['src/server.ts', ...clis.map((file) => `src/cli/${file}`)],
  outbase: 'src',
  outdir,
  bundle: true,
  // What the service and the CLIs share is loaded from chunks, once, rather than copied into each entry point.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL,
  // CommonJS packages bundled into ES modules still call require() for Node's built-in modules.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning'
})
