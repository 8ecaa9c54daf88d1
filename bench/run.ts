// npm run bench: the production build on a generated newsroom, driven by autocannon and set against a bare Fastify ceiling.
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { ensureDataset, ensurePostgresDataset, TOPICAL_WORDS } from './dataset.js'
import { parseBenchOptions, type BenchOptions } from './options.js'
import { buildService, peakRssMb, RunError, SERVICE_ARGS, startServer, stopServer, type Target } from './processes.js'

let options: BenchOptions
try {
  options = parseBenchOptions(process.argv.slice(2))
} catch (error) {
  console.error(`bench: ${(error as Error).message}`)
  process.exit(1)
}
const { articles: ARTICLES, duration: DURATION, warmup: WARMUP, connections: CONNECTIONS, engine: ENGINE } = options
const STARTS = 3

interface Probe {
  path: string
  headers?: Record<string, string>
}

interface Scenario {
  name: string
  target: 'service' | 'ceiling'
  probes: Probe[]
  expectedStatus: number
  /** Set when the scenario cannot run; the reason is printed instead of figures. */
  skipped?: string
  /** Set when the responses do not show the behaviour the scenario measures, such as a filter that is ignored. */
  caveat?: string
  /** Concurrent clients; the --connections option when left out. */
  connections?: number
}

interface Measurement {
  scenario: Scenario
  requestsPerSecond: number
  mean: number
  p50: number
  p975: number
  p99: number
  statuses: Record<string, number>
  errors: number
  /** True when every request got the expected status and the scenario has no caveat. */
  valid: boolean
}

function log (line: string): void {
  console.log(line)
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] as number : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Slugs and words from the dataset, spread over it so no single hot row or list flatters the figures. */
function sampleInputs (path: string) {
  const db = new Database(path, { readonly: true })
  try {
    const articleSlugs = (db.prepare(`
      select slug from articles where status = 'published' and withdrawn_at is null
      and id % max(1, (select count(*) from articles) / 2000) = 0 limit 2000
    `).all() as Array<{ slug: string }>).map((row) => row.slug)
    const column = (query: string) => (db.prepare(query).all() as Array<{ slug: string }>).map((row) => row.slug)
    return {
      articleSlugs,
      sectionSlugs: column('select slug from sections order by id'),
      authorSlugs: column('select slug from authors where id in (select author_id from article_authors) order by id'),
      tagSlugs: column('select slug from tags where id in (select tag_id from article_tags) order by id'),
      // Single topical words and pairs of them: what readers type into a news site's search box.
      searchQueries: [...TOPICAL_WORDS, ...TOPICAL_WORDS.slice(0, 40).map((word, index) => `${word} ${TOPICAL_WORDS[(index * 7 + 3) % TOPICAL_WORDS.length] as string}`)]
    }
  } finally {
    db.close()
  }
}

async function cannon (target: Target, scenario: Scenario, seconds: number): Promise<autocannon.Result> {
  let next = 0
  const { probes } = scenario
  return autocannon({
    url: target.url,
    connections: scenario.connections ?? CONNECTIONS,
    duration: seconds,
    requests: [{
      // Every request takes the next probe, across all connections: many rows, none of them hot.
      setupRequest: (request) => {
        const probe = probes[next++ % probes.length] as Probe
        return { ...request, path: probe.path, headers: { ...request.headers, ...probe.headers } }
      }
    }]
  })
}

async function measure (targets: Record<Scenario['target'], Target>, scenario: Scenario): Promise<Measurement | null> {
  if (scenario.skipped) {
    log(`${scenario.name}: skipped, ${scenario.skipped}`)
    return null
  }
  const target = targets[scenario.target]
  if (WARMUP > 0) await cannon(target, scenario, WARMUP)
  const result = await cannon(target, scenario, DURATION)
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count ?? 0]))
  const unexpected = Object.entries(statuses).filter(([status]) => Number(status) !== scenario.expectedStatus)
  const measurement: Measurement = {
    scenario,
    requestsPerSecond: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    statuses,
    errors: result.errors,
    valid: unexpected.length === 0 && result.errors === 0 && !scenario.caveat
  }
  const statusText = Object.entries(statuses).map(([status, count]) => `${status}: ${count}`).join(', ')
  log(`${scenario.name}: ${Math.round(measurement.requestsPerSecond)} req/s, p50 ${measurement.p50} ms, p99 ${measurement.p99} ms (${statusText}${result.errors ? `, ${result.errors} errors` : ''})`)
  if (unexpected.length > 0) log(`  ! ${unexpected.map(([status, count]) => `${count} responses ${status}`).join(', ')}, expected ${scenario.expectedStatus} only`)
  if (scenario.caveat) log(`  ! ${scenario.caveat}`)
  return measurement
}

/** A list whose filter the service ignores shows the newest articles; say so instead of timing the wrong query. */
async function filterCaveat (service: Target, probes: Probe[]): Promise<string | undefined> {
  const ids = async (path: string) => {
    const response = await fetch(service.url + path)
    if (response.status !== 200) return { status: response.status, ids: '' }
    const body = await response.json() as { data?: Array<{ id: number }> }
    return { status: 200, ids: (body.data ?? []).map((item) => item.id).join(',') }
  }
  const unfiltered = await ids('/v1/articles?limit=20')
  const samples = await Promise.all(probes.slice(0, 5).map((probe) => ids(probe.path)))
  const failed = samples.find((sample) => sample.status !== 200)
  if (failed) return `the service answers ${failed.status} to ${probes[0]?.path}: the filter is not there yet`
  if (samples.every((sample) => sample.ids === unfiltered.ids)) return 'the service ignores the filter: every probe returned the unfiltered newest articles'
  return undefined
}

/** The revalidation scenario needs each article's ETag; without one, caching has not landed. */
async function revalidationProbes (service: Target, slugs: string[]): Promise<{ probes: Probe[], skipped?: string }> {
  const probes: Probe[] = []
  for (const slug of slugs.slice(0, 200)) {
    const path = `/v1/articles/${slug}`
    const response = await fetch(service.url + path)
    await response.arrayBuffer()
    if (response.status !== 200) return { probes: [], skipped: `GET ${path} answered ${response.status}` }
    const etag = response.headers.get('etag')
    if (!etag) return { probes: [], skipped: `GET ${path} sent no ETag header` }
    probes.push({ path, headers: { 'if-none-match': etag } })
  }
  const check = await fetch(service.url + (probes[0] as Probe).path, { headers: (probes[0] as Probe).headers })
  await check.arrayBuffer()
  if (check.status !== 304) return { probes: [], skipped: `If-None-Match with the article's own ETag answered ${check.status}, not 304` }
  return { probes }
}

async function main (): Promise<void> {
  const startedAt = new Date()
  const load = loadavg()
  buildService(options.skipBuild, log)

  const dataset = ensureDataset(ARTICLES, log)
  const inputs = sampleInputs(dataset.path)
  if (inputs.articleSlugs.length === 0) throw new RunError('The dataset has no published article')

  const databaseUrl = ENGINE === 'postgres' ? await ensurePostgresDataset(dataset.path, ARTICLES, options.postgresUrl, log) : undefined
  const databaseEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: dataset.path }
  // The load comes from one address, which the API's rate limit would soon refuse: the benchmark measures the service.
  const serviceEnv = { ...databaseEnv, SEED_DEMO: 'false', LOG_LEVEL: 'warn', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_TOKEN_PER_MINUTE: '0' }
  const serviceArgs = SERVICE_ARGS
  const startups: number[] = []
  // Earlier starts only time the start-up; the last one serves the run.
  for (let i = 1; i < STARTS; i++) {
    const probe = await startServer('service', serviceArgs, serviceEnv, log)
    startups.push(probe.startupMs)
    await stopServer(probe)
  }
  const service = await startServer('service', serviceArgs, serviceEnv, log)
  startups.push(service.startupMs)
  log(`start-up: ${startups.map((ms) => `${Math.round(ms)} ms`).join(', ')}`)
  let ceiling: Target | undefined
  try {
    ceiling = await startServer('ceiling', ['--import', 'tsx', 'bench/ceiling.ts'], databaseEnv, log)
    const targets = { service, ceiling }

    const paths = (make: (value: string) => string, values: string[]) => values.map((value) => ({ path: make(value) }))
    const articlePaths = inputs.articleSlugs
    const sectionProbes = paths((slug) => `/v1/articles?section=${slug}&limit=20`, inputs.sectionSlugs)
    const authorProbes = paths((slug) => `/v1/articles?author=${slug}&limit=20`, inputs.authorSlugs)
    const tagProbes = paths((slug) => `/v1/articles?tag=${slug}&limit=20`, inputs.tagSlugs)
    const searchProbes = paths((query) => `/v1/articles?q=${encodeURIComponent(query)}&limit=20`, inputs.searchQueries)
    const revalidation = await revalidationProbes(service, articlePaths)

    const scenarios = {
      article: { name: 'article by slug', target: 'service', expectedStatus: 200, probes: paths((slug) => `/v1/articles/${slug}`, articlePaths) },
      section: { name: 'section list of 20', target: 'service', expectedStatus: 200, probes: sectionProbes, caveat: await filterCaveat(service, sectionProbes) },
      author: { name: 'author list of 20', target: 'service', expectedStatus: 200, probes: authorProbes, caveat: await filterCaveat(service, authorProbes) },
      tag: { name: 'tag list of 20', target: 'service', expectedStatus: 200, probes: tagProbes, caveat: await filterCaveat(service, tagProbes) },
      search: { name: 'search', target: 'service', expectedStatus: 200, probes: searchProbes, caveat: await filterCaveat(service, searchProbes) },
      // Latency without a queue: with 10 clients on 2 cores, p99 measures the wait behind 9 other searches, not a search.
      searchLatency: { name: 'search, one client', target: 'service', expectedStatus: 200, probes: searchProbes, connections: 1 },
      rss: { name: 'RSS-sized list of 50', target: 'service', expectedStatus: 200, probes: [{ path: '/v1/articles?limit=50' }] },
      revalidate: { name: '304 revalidation of an article', target: 'service', expectedStatus: 304, probes: revalidation.probes, skipped: revalidation.skipped },
      ceilingArticle: { name: 'ceiling: article by slug', target: 'ceiling', expectedStatus: 200, probes: paths((slug) => `/articles/${slug}`, articlePaths) },
      ceilingList: { name: 'ceiling: list of 20', target: 'ceiling', expectedStatus: 200, probes: [{ path: '/articles?limit=20' }] }
    } satisfies Record<string, Scenario>

    // Each ratio's two sides run back to back, so load from elsewhere on the machine hits both alike.
    const order: Array<keyof typeof scenarios> = ['ceilingArticle', 'article', 'revalidate', 'ceilingList', 'section', 'author', 'tag', 'search', 'searchLatency', 'rss']
    const results = new Map<keyof typeof scenarios, Measurement | null>()
    for (const key of order) results.set(key, await measure(targets, scenarios[key]))
    const rssMb = peakRssMb(service.process.pid as number)
    const ceilingRssMb = peakRssMb(ceiling.process.pid as number)

    const ratio = (ours: keyof typeof scenarios, ceilingKey: keyof typeof scenarios) => {
      const a = results.get(ours)
      const b = results.get(ceilingKey)
      return a && b ? a.requestsPerSecond / b.requestsPerSecond : null
    }
    const ratios: Partial<Record<keyof typeof scenarios, { value: number | null, of: string }>> = {
      article: { value: ratio('article', 'ceilingArticle'), of: 'ceiling article' },
      section: { value: ratio('section', 'ceilingList'), of: 'ceiling list' },
      revalidate: { value: ratio('revalidate', 'ceilingArticle'), of: 'ceiling article' }
    }

    const startupMs = median(startups)
    const checks = [
      ratioCheck('article by slug >= 0.85 x ceiling article', results.get('article'), ratios.article?.value ?? null, 0.85),
      ratioCheck('section list >= 0.7 x ceiling list', results.get('section'), ratios.section?.value ?? null, 0.7),
      ratioCheck('304 revalidation >= 0.8 x ceiling article', results.get('revalidate'), ratios.revalidate?.value ?? null, 0.8),
      latencyCheck('search p99 < 20 ms (one client)', results.get('searchLatency'), 20),
      { name: 'service peak RSS < 200 MB', pass: rssMb < 200, detail: `${rssMb.toFixed(0)} MB` },
      { name: 'start-up < 1 s', pass: startupMs < 1000, detail: `${Math.round(startupMs)} ms (median of ${startups.length})` }
    ]

    const table = [
      // autocannon's latency histogram counts whole milliseconds; the mean keeps the fraction.
      '| scenario | requests/s | mean ms | p50 ms | p97.5 ms | p99 ms | our/ceiling | responses |',
      '|---|---:|---:|---:|---:|---:|---:|---|',
      ...(['article', 'section', 'author', 'tag', 'search', 'searchLatency', 'rss', 'revalidate', 'ceilingArticle', 'ceilingList'] as const).map((key) => {
        const scenario = scenarios[key] as Scenario
        const result = results.get(key)
        if (!result) return `| ${scenario.name} | skipped: ${scenario.skipped ?? 'no result'} | | | | | | |`
        const r = ratios[key]
        const statuses = Object.entries(result.statuses).map(([status, count]) => `${status}: ${count}`).join(', ') + (result.errors ? `, errors: ${result.errors}` : '')
        const flag = result.valid ? '' : ` ⚠ ${invalidity(result)}`
        return `| ${scenario.name} | ${Math.round(result.requestsPerSecond)} | ${result.mean.toFixed(2)} | ${result.p50} | ${result.p975} | ${result.p99} | ${r?.value == null ? '' : `${r.value.toFixed(2)} of ${r.of}`} | ${statuses}${flag} |`
      })
    ]
    const cpu = cpus()
    const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`
    const generation = dataset.seconds === null ? 'reused from bench/.data' : `generated in ${dataset.seconds.toFixed(1)} s`
    const lines = [
      `## Benchmark results (${startedAt.toISOString().slice(0, 10)})`,
      '',
      `${machine}; load average ${load.map((value) => value.toFixed(2)).join(' ')} when the run began.`,
      `Engine: ${ENGINE === 'postgres' ? `PostgreSQL (${databaseUrl ?? ''}), the dataset copied from the SQLite file by db:copy` : 'SQLite'}.`,
      `Dataset: ${ARTICLES} articles (${generation}). autocannon: ${CONNECTIONS} connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up.`,
      'Service: the production build, run as npm start runs it (node --max-old-space-size=128 --max-semi-space-size=4 dist/server.js); ceiling: bench/ceiling.ts, bare Fastify with the same repository statements.',
      '',
      ...table,
      '',
      `Peak RSS (VmHWM): service ${rssMb.toFixed(0)} MB, ceiling ${ceilingRssMb.toFixed(0)} MB. Service start-up to a 200 from /health: ${startups.map((ms) => `${Math.round(ms)} ms`).join(', ')}.`,
      '',
      '| target | result | |',
      '|---|---|---|',
      ...checks.map((check) => `| ${check.name} | ${check.detail} | ${check.pass ? 'PASS' : 'FAIL'} |`),
      ''
    ]
    const resultsFile = fileURLToPath(new URL(`./results-${ENGINE}.md`, import.meta.url))
    log('')
    log(lines.join('\n'))
    if (options.write) {
      writeFileSync(resultsFile, lines.join('\n'))
      log(`written to ${resultsFile}`)
    } else {
      log(`not written to ${resultsFile}, the committed results: run with --write to replace them`)
    }
  } finally {
    await stopServer(service)
    if (ceiling) await stopServer(ceiling)
  }
}

function ratioCheck (name: string, result: Measurement | null | undefined, value: number | null, minimum: number) {
  if (!result || value === null) return { name, pass: false, detail: 'not measured' }
  if (!result.valid) return { name, pass: false, detail: `${value.toFixed(2)}, not counted: ${invalidity(result)}` }
  return { name, pass: value >= minimum, detail: value.toFixed(2) }
}

function latencyCheck (name: string, result: Measurement | null | undefined, maximumMs: number) {
  if (!result) return { name, pass: false, detail: 'not measured' }
  if (!result.valid) return { name, pass: false, detail: `${result.p99} ms, not counted: ${invalidity(result)}` }
  return { name, pass: result.p99 < maximumMs, detail: `${result.p99} ms` }
}

function invalidity (result: Measurement): string {
  return result.scenario.caveat ?? `not every response was ${result.scenario.expectedStatus}`
}

main().catch((error: unknown) => {
  // A failure the run explains itself needs no stack trace.
  console.error(error instanceof RunError ? `bench: ${error.message}` : error)
  process.exit(1)
})
