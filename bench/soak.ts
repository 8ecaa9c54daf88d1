// npm run bench:soak: the production build under mixed traffic for a long while (reads of articles, lists and
// sections; writes through the Admin API; reader replies), reporting throughput, latency, errors and the service's
// memory over time, with a verdict on whether memory stays flat once warm.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { openStore } from '../src/db/open-store.js'
import { createTokensService } from '../src/modules/tokens/tokens.service.js'
import { BENCH_PUBLIC_BASE_URL, ensureDataset, ensurePostgresDataset, TOPICAL_WORDS } from './dataset.js'
import { parseSoakOptions, type SoakOptions } from './options.js'
import { buildService, RunError, rssMb, SERVICE_ARGS, startServer, stopServer, type Target } from './processes.js'

let options: SoakOptions
try {
  options = parseSoakOptions(process.argv.slice(2), process.env)
} catch (error) {
  console.error(`bench:soak: ${(error as Error).message}`)
  process.exit(1)
}

// Growth of memory after warm-up that still counts as flat: the larger of these, between the first and last thirds of
// the samples. A leak of a few hundred bytes a request grows past it within minutes at these rates.
const FLAT_MB = 8
const FLAT_SHARE = 0.05

function log (line: string): void {
  console.log(line)
}

type Kind = 'article' | 'front page' | 'section list' | 'tag list' | 'sections' | 'search' | 'article edit' | 'article create' | 'reply'

/** The mix, per 20 requests: mostly reads, as a news site's traffic is, with a steady trickle of every kind of write. */
const MIX: Kind[] = [
  'article', 'article', 'article', 'article', 'article', 'article',
  'front page', 'section list', 'section list', 'section list', 'tag list', 'sections', 'sections', 'search',
  'article edit', 'article edit', 'article edit', 'article create', 'reply', 'reply'
]

interface Inputs {
  articles: Array<{ id: number, slug: string }>
  sectionSlugs: string[]
  tagSlugs: string[]
  sectionId: number
  authorId: number
  editor: string
}

interface Outcome { kind: Kind, status: number, ms: number }

const agent = new Agent({ keepAlive: true, maxSockets: options.connections })

/** One request on a kept-alive connection; resolves when its body has been read, with status 0 for a network error. */
async function send (base: URL, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number, text: string }> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = httpRequest({
      host: base.hostname,
      port: base.port,
      method,
      path,
      agent,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
    }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', () => resolve({ status: 0, text: '' }))
    })
    req.on('error', (error) => resolve({ status: 0, text: error.message }))
    req.end(payload)
  })
}

async function json<T> (base: URL, path: string): Promise<T> {
  const { status, text } = await send(base, 'GET', path)
  if (status !== 200) throw new RunError(`GET ${path} answered ${status} while reading the dataset: ${text.slice(0, 200)}`)
  return JSON.parse(text) as T
}

/** Articles, sections, tags and authors to aim at, read through the public API as any client would. */
async function readInputs (base: URL, editor: string): Promise<Inputs> {
  const articles: Array<{ id: number, slug: string }> = []
  let cursor: string | null = null
  while (articles.length < 1000) {
    const page: { data: Array<{ id: number, slug: string }>, meta: { nextCursor: string | null } } =
      await json(base, `/v1/articles?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    articles.push(...page.data.map(({ id, slug }) => ({ id, slug })))
    cursor = page.meta.nextCursor
    if (!cursor) break
  }
  if (articles.length === 0) throw new RunError('The dataset has no published article')
  const sections = await json<{ data: Array<{ id: number, slug: string, children?: Array<{ slug: string }> }> }>(base, '/v1/sections')
  const tags = await json<{ data: Array<{ slug: string }> }>(base, '/v1/tags?limit=100')
  const authors = await json<{ data: Array<{ id: number }> }>(base, '/v1/authors?limit=1')
  return {
    articles,
    sectionSlugs: sections.data.flatMap((section) => [section.slug, ...(section.children ?? []).map((child) => child.slug)]),
    tagSlugs: tags.data.map((tag) => tag.slug),
    sectionId: (sections.data[0] as { id: number }).id,
    authorId: (authors.data[0] as { id: number }).id,
    editor
  }
}

function pick<T> (values: T[], index: number): T {
  return values[index % values.length] as T
}

/** The request of the given kind, the nth of its connection: spread over many rows, so no single one is hot. */
async function perform (base: URL, inputs: Inputs, kind: Kind, n: number): Promise<number> {
  const admin = { authorization: inputs.editor }
  const article = pick(inputs.articles, n * 7919)
  switch (kind) {
    case 'article': return (await send(base, 'GET', `/v1/articles/${article.slug}`)).status
    case 'front page': return (await send(base, 'GET', '/v1/articles?limit=20')).status
    case 'section list': return (await send(base, 'GET', `/v1/articles?section=${pick(inputs.sectionSlugs, n)}&limit=20`)).status
    case 'tag list': return (await send(base, 'GET', `/v1/articles?tag=${pick(inputs.tagSlugs, n)}&limit=20`)).status
    case 'sections': return (await send(base, 'GET', n % 2 ? '/v1/sections' : `/v1/sections/${pick(inputs.sectionSlugs, n)}`)).status
    case 'search': return (await send(base, 'GET', `/v1/articles?q=${encodeURIComponent(pick(TOPICAL_WORDS, n))}&limit=20`)).status
    case 'article edit':
      return (await send(base, 'PATCH', `/v1/admin/articles/${article.id}`, admin, { subtitle: `Updated by the soak, edit ${n}` })).status
    case 'article create':
      return (await send(base, 'POST', '/v1/admin/articles', admin, {
        headline: `Soak report ${n}: harbour reopens after the storm`,
        body: [{ type: 'paragraph', text: `Boats returned to the harbour on the ${n}th morning.` }],
        sectionId: inputs.sectionId,
        authorIds: [inputs.authorId],
        status: 'published'
      })).status
    case 'reply':
      return (await send(base, 'POST', `/v1/articles/${article.slug}/replies`, {}, {
        authorName: 'Soak Reader',
        authorEmail: `reader${n}.${process.pid}@soak.test`,
        body: `Reply ${n}: the harbour master says the boats are back.`
      })).status
  }
}

function percentile (sorted: number[], share: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number
}

function median (values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5)
}

interface Sample { second: number, rssMb: number, requests: number }

/** Flat when memory after warm-up grows by no more than FLAT_MB (or FLAT_SHARE) from its first third to its last. */
function memoryVerdict (samples: Sample[], warmup: number): { flat: boolean, text: string } {
  const judged = samples.filter((sample) => sample.second > warmup)
  if (judged.length < 3) return { flat: false, text: `too few samples after the warm-up (${judged.length}) to judge: run longer` }
  const third = Math.max(1, Math.floor(judged.length / 3))
  const first = median(judged.slice(0, third).map((sample) => sample.rssMb))
  const last = median(judged.slice(-third).map((sample) => sample.rssMb))
  const allowed = Math.max(FLAT_MB, first * FLAT_SHARE)
  const growth = last - first
  const text = `median RSS ${first.toFixed(0)} MB in the first third after the ${warmup} s warm-up, ${last.toFixed(0)} MB in the last third ` +
    `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB; flat means at most +${allowed.toFixed(0)} MB)`
  return { flat: growth <= allowed, text }
}

/** A database of the run's own, copied from the dataset: the soak writes, and the cached dataset must stay as made. */
async function soakDatabase (): Promise<{ env: Record<string, string>, config: { databasePath: string } | { databaseUrl: string }, drop: () => Promise<void> }> {
  const dataset = await ensureDataset(options.articles, log)
  if (options.engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'news-soak-'))
    const path = join(dir, 'news.db')
    copyFileSync(dataset.path, path)
    if (existsSync(`${dataset.path}-wal`)) copyFileSync(`${dataset.path}-wal`, `${path}-wal`)
    return { env: { DATABASE_PATH: path }, config: { databasePath: path }, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const template = new URL(await ensurePostgresDataset(dataset.path, options.articles, options.postgresUrl, log))
  const name = `news_soak_${options.articles}`
  const admin = new pg.Client({ connectionString: options.postgresUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name} template ${template.pathname.slice(1)}`)
  const url = new URL(template)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    config: { databaseUrl: url.toString() },
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
}

async function main (): Promise<void> {
  const startedAt = new Date()
  const load = loadavg()
  buildService(options.skipBuild, log)
  const database = await soakDatabase()
  let service: Target | undefined
  try {
    const store = await openStore({ ...loadConfig({}), databasePath: ':memory:', ...database.config })
    const { secret } = await createTokensService(store).create({ name: 'Soak editor', role: 'editor' })
    await store.close()

    service = await startServer('service', SERVICE_ARGS, {
      ...database.env,
      SEED_DEMO: 'false',
      PUBLIC_BASE_URL: BENCH_PUBLIC_BASE_URL,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // All the load comes from one address and one token, which the rate limits would soon refuse: the soak measures
      // the service, not its limits.
      REPLIES_PER_MINUTE: '10000',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_TOKEN_PER_MINUTE: '0'
    }, log)
    const base = new URL(service.url)
    const pid = service.process.pid as number
    const inputs = await readInputs(base, `Bearer ${secret}`)
    log(`soak: ${options.engine}, ${options.articles} articles, ${options.connections} connections for ${options.duration} s, memory sampled every ${options.sampleInterval} s`)

    const outcomes: Outcome[] = []
    const unexpected = new Map<string, number>()
    const started = performance.now()
    const deadline = started + options.duration * 1000
    const samples: Sample[] = [{ second: 0, rssMb: rssMb(pid), requests: 0 }]
    let counted = 0
    const sampler = setInterval(() => {
      const sample = { second: Math.round((performance.now() - started) / 1000), rssMb: rssMb(pid), requests: outcomes.length - counted }
      counted = outcomes.length
      samples.push(sample)
      log(`  ${String(sample.second).padStart(4)} s  RSS ${sample.rssMb.toFixed(0).padStart(4)} MB  ${Math.round(sample.requests / options.sampleInterval)} req/s`)
    }, options.sampleInterval * 1000)

    const connection = async (index: number) => {
      for (let n = index; performance.now() < deadline; n += options.connections) {
        const kind = pick(MIX, n)
        const begun = performance.now()
        const status = await perform(base, inputs, kind, n)
        outcomes.push({ kind, status, ms: performance.now() - begun })
        if (status < 200 || status >= 300) {
          const key = `${kind} ${status}`
          unexpected.set(key, (unexpected.get(key) ?? 0) + 1)
        }
      }
    }
    await Promise.all(Array.from({ length: options.connections }, (_, index) => connection(index)))
    clearInterval(sampler)
    const seconds = (performance.now() - started) / 1000

    const errors = [...unexpected.values()].reduce((sum, count) => sum + count, 0)
    const latencies = (kind?: Kind) => outcomes.filter((outcome) => kind === undefined || outcome.kind === kind).map((outcome) => outcome.ms).sort((a, b) => a - b)
    const all = latencies()
    const verdict = memoryVerdict(samples, options.warmup)
    const cpu = cpus()
    const lines = [
      `## Soak results (${startedAt.toISOString().slice(0, 10)})`,
      '',
      `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}; load average ${load.map((value) => value.toFixed(2)).join(' ')} when the run began.`,
      `Engine: ${options.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${options.articles} articles; ${options.connections} connections for ${options.duration} s; the service as npm start runs it.`,
      '',
      `Throughput ${Math.round(outcomes.length / seconds)} requests/s (${outcomes.length} requests), p50 ${percentile(all, 0.5).toFixed(1)} ms, ` +
        `p99 ${percentile(all, 0.99).toFixed(1)} ms, max ${percentile(all, 1).toFixed(0)} ms; errors: ${errors}` +
        (errors > 0 ? ` (${[...unexpected].map(([key, count]) => `${count} × ${key}`).join(', ')})` : '') + '.',
      '',
      '| request | count | p50 ms | p99 ms |',
      '|---|---:|---:|---:|',
      ...[...new Set(MIX)].map((kind) => {
        const sorted = latencies(kind)
        return `| ${kind} | ${sorted.length} | ${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.99).toFixed(1)} |`
      }),
      '',
      `RSS over time (MB, every ${options.sampleInterval} s): ${samples.map((sample) => sample.rssMb.toFixed(0)).join(' ')}`,
      `Requests/s over time: ${samples.slice(1).map((sample) => Math.round(sample.requests / options.sampleInterval)).join(' ')}`,
      '',
      `Memory: ${verdict.flat ? 'FLAT' : 'GROWING'}, ${verdict.text}.`,
      `Errors: ${errors === 0 ? 'PASS, none' : `FAIL, ${errors}`}.`,
      ''
    ]
    log('')
    log(lines.join('\n'))
    if (errors > 0 || !verdict.flat) process.exitCode = 1
  } finally {
    if (service) await stopServer(service)
    agent.destroy()
    await database.drop()
  }
}

main().catch((error: unknown) => {
  // A failure the run explains itself needs no stack trace.
  console.error(error instanceof RunError ? `bench:soak: ${error.message}` : error)
  process.exit(1)
})
