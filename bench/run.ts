// npm run bench: the production build on a generated newsroom, driven by autocannon and set against a bare Fastify ceiling.
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { loadConfig } from '../src/config.js'
import { openStore } from '../src/db/open-store.js'
import { createTokensService } from '../src/modules/tokens/tokens.service.js'
import { BENCH_PUBLIC_BASE_URL, ensureDataset, ensurePostgresDataset, RENAMED_SECTION, TOPICAL_WORDS } from './dataset.js'
import { parseBenchOptions, SCENARIO_KEYS, type BenchOptions, type ScenarioKey } from './options.js'
import { buildService, OBSERVER_FLAGS, peakRssMb, RunError, sleep, startServer, stopServer, type Observation, type Target } from './processes.js'
import { openBenchDatabase, type BenchDatabase } from './stored.js'

let options: BenchOptions
try {
  options = parseBenchOptions(process.argv.slice(2))
} catch (error) {
  console.error(`bench: ${(error as Error).message}`)
  process.exit(1)
}
const { articles: ARTICLES, duration: DURATION, warmup: WARMUP, connections: CONNECTIONS, engine: ENGINE } = options
/** Below this share of the clients' time spent on answered requests, a measurement's latencies are not counted. */
const MIN_BUSY = 0.5
const STARTS = 3
/** How long the stored representations may take to catch up with a rename: the issue's bound. */
const RENAME_TARGET_S = 10
/** Past this, a refresh that has not caught up is reported as such rather than waited for. */
const REFRESH_GIVE_UP_S = 300
/** Responses fetched per scenario to weigh its bodies. */
const WEIGHED_RESPONSES = 20

interface Probe {
  path: string
  headers?: Record<string, string>
}

interface Scenario {
  name: string
  target: 'service' | 'ceiling' | 'bare'
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
  /** Mean bytes of a response body, from a sample of the scenario's probes. */
  bodyBytes: number
  /** Mean bytes a response took on the wire, headers included, over the whole measurement. */
  wireBytes: number
  /**
   * The share of the clients' time the answered requests account for, at most. Latencies count answered requests only:
   * well under 1, the rest went to requests still unanswered when the time was up, and the percentiles describe the fast.
   */
  busy: number
  /** True when every request got the expected status, the clients were busy with answered requests, and the scenario has no caveat. */
  valid: boolean
  /** The server's GC pauses, event-loop delay and CPU time over the measurement, with --observe. */
  observation?: Observation
  requests: number
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

function cannon (target: Target, scenario: Scenario, seconds: number): autocannon.Instance & PromiseLike<autocannon.Result> {
  let next = 0
  const { probes } = scenario
  return autocannon({
    url: target.url,
    connections: scenario.connections ?? CONNECTIONS,
    duration: seconds,
    // autocannon appends every body chunk to a string, decoding it as UTF-8, for checks this run never makes: with
    // bodies of a quarter megabyte the load generator, not the server, set the pace, and a gzip body, which is no
    // text, cost it three times what the XML it encodes did.
    setupClient: (client) => { (client as unknown as { pipelinedRequests: { addBody: () => void } }).pipelinedRequests.addBody = () => {} },
    requests: [{
      // Every request takes the next probe, across all connections: many rows, none of them hot.
      setupRequest: (request) => {
        const probe = probes[next++ % probes.length] as Probe
        return { ...request, path: probe.path, headers: { ...request.headers, ...probe.headers } }
      }
    }]
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>
}

/** What a response of the scenario weighs: its body, as a client downloads it (a 304 has none). */
async function weigh (target: Target, scenario: Scenario): Promise<number> {
  const sizes: number[] = []
  for (const probe of scenario.probes.slice(0, WEIGHED_RESPONSES)) {
    // fetch asks for gzip on its own, as autocannon does not, and hands the body over decoded: what came is its length.
    const response = await fetch(target.url + probe.path, { headers: { 'accept-encoding': 'identity', ...probe.headers } })
    const decoded = (await response.arrayBuffer()).byteLength
    sizes.push(response.headers.has('content-encoding') ? Number(response.headers.get('content-length')) : decoded)
  }
  return sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length)
}

function statusesOf (result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count ?? 0]))
}

async function measure (targets: Record<Scenario['target'], Target>, scenario: Scenario): Promise<Measurement | null> {
  if (scenario.skipped) {
    log(`${scenario.name}: skipped, ${scenario.skipped}`)
    return null
  }
  const target = targets[scenario.target]
  if (WARMUP > 0) await cannon(target, scenario, WARMUP)
  if (options.observe) await target.observe()
  const result = await cannon(target, scenario, DURATION)
  const observation = options.observe ? await target.observe() : undefined
  const statuses = statusesOf(result)
  const unexpected = Object.entries(statuses).filter(([status]) => Number(status) !== scenario.expectedStatus)
  // At most: the histogram counts whole milliseconds, so a response under 1 ms may have taken up to 1 ms more.
  const busy = result.requests.total * (result.latency.average + 1) / ((scenario.connections ?? CONNECTIONS) * DURATION * 1000)
  const measurement: Measurement = {
    scenario,
    requestsPerSecond: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    statuses,
    errors: result.errors,
    bodyBytes: await weigh(target, scenario),
    wireBytes: result.throughput.total / Math.max(1, result.requests.total),
    // No response at all is no measurement: every request was still waiting when the time was up.
    busy,
    valid: unexpected.length === 0 && result.errors === 0 && result.requests.total > 0 && busy >= MIN_BUSY && !scenario.caveat,
    ...(observation && { observation }),
    requests: result.requests.total
  }
  const statusText = Object.entries(statuses).map(([status, count]) => `${status}: ${count}`).join(', ')
  log(`${scenario.name}: ${Math.round(measurement.requestsPerSecond)} req/s, p50 ${measurement.p50} ms, p99 ${measurement.p99} ms, ` +
    `${Math.round(measurement.bodyBytes)} B a body (${statusText}${result.errors ? `, ${result.errors} errors` : ''})`)
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

/** Waits until a backlog of the refresher is empty; the seconds it took, or null when it did not happen in time. */
async function waitUntilNone (backlog: () => Promise<number>, started = performance.now()): Promise<number | null> {
  while (await backlog() > 0) {
    if (performance.now() - started > REFRESH_GIVE_UP_S * 1000) return null
    await sleep(200)
  }
  return (performance.now() - started) / 1000
}

interface RenameMeasurement {
  to: string
  /** Articles queued right after the rename answered: those that show the section, less what the refresher already took. */
  marked: number
  /** From the request to an empty queue; null when the refresher did not catch up in time. */
  seconds: number | null
  /** An article of the section, read right after the rename answered, already shows the new name. */
  visibleAtOnce: boolean
  reads: Pick<Measurement, 'requestsPerSecond' | 'p50' | 'p99' | 'statuses' | 'errors'>
}

/**
 * Renames a section through the Admin API while autocannon keeps reading articles, and times the refresher until every
 * representation that shows the section is stored again; the reads stop when it is done.
 */
async function renameWhileReading (service: Target, db: BenchDatabase, reading: Scenario, rename: { id: number, to: string, token: string, articleSlug: string }): Promise<RenameMeasurement> {
  const reads = cannon(service, reading, REFRESH_GIVE_UP_S + 10)
  // A second of reads before the rename, so the figures include the traffic the refresher competes with from the start.
  await sleep(1000)
  const started = performance.now()
  const response = await fetch(`${service.url}/v1/admin/sections/${rename.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${rename.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: rename.to })
  })
  const answer = await response.text()
  if (response.status !== 200) {
    reads.stop()
    await reads
    throw new RunError(`PATCH /v1/admin/sections/${rename.id} answered ${response.status}: ${answer.slice(0, 300)}`)
  }
  const marked = await db.queuedCount()
  const article = await (await fetch(`${service.url}/v1/articles/${rename.articleSlug}`)).text()
  const seconds = await waitUntilNone(db.queuedCount, started)
  reads.stop()
  const result = await reads
  return {
    to: rename.to,
    marked,
    seconds,
    visibleAtOnce: article.includes(JSON.stringify(rename.to)),
    reads: { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses: statusesOf(result), errors: result.errors }
  }
}

/** Renames the section holding a fifth of the articles and back again: the dataset ends as it began. */
async function measureRenames (service: Target, db: BenchDatabase, reading: Scenario, storeConfig: { databasePath: string } | { databaseUrl: string }): Promise<RenameMeasurement[]> {
  const section = await (await fetch(`${service.url}/v1/sections/${RENAMED_SECTION}`)).json() as { id: number, name: string }
  const listed = await (await fetch(`${service.url}/v1/articles?section=${RENAMED_SECTION}&limit=1`)).json() as { data: Array<{ slug: string }> }
  const articleSlug = listed.data[0]?.slug
  if (articleSlug === undefined) throw new RunError(`The section ${RENAMED_SECTION} has no public article to rename it under`)
  const store = await openStore({ ...loadConfig({}), databasePath: ':memory:', ...storeConfig })
  const tokens = createTokensService(store)
  const { id: tokenId, secret } = await tokens.create({ name: 'Benchmark rename', role: 'admin' })
  try {
    const renames: RenameMeasurement[] = []
    for (const to of [`${section.name} and Economy`, section.name]) {
      renames.push(await renameWhileReading(service, db, reading, { id: section.id, to, token: secret, articleSlug }))
      const last = renames.at(-1) as RenameMeasurement
      log(`rename to "${to}": ${last.marked} queued, refreshed in ${last.seconds === null ? `more than ${REFRESH_GIVE_UP_S} s` : `${last.seconds.toFixed(1)} s`}, ` +
        `${last.visibleAtOnce ? 'visible at once' : 'NOT visible at once'}; reads meanwhile ${Math.round(last.reads.requestsPerSecond)} req/s, p50 ${last.reads.p50} ms, p99 ${last.reads.p99} ms`)
    }
    return renames
  } finally {
    await tokens.revoke(tokenId)
    await store.close()
  }
}

async function main (): Promise<void> {
  const startedAt = new Date()
  const load = loadavg()
  const runs = (key: ScenarioKey) => options.only.length === 0 || options.only.includes(key)
  buildService(options.skipBuild, log)

  const dataset = await ensureDataset(ARTICLES, log)
  const inputs = sampleInputs(dataset.path)
  if (inputs.articleSlugs.length === 0) throw new RunError('The dataset has no published article')

  const databaseUrl = ENGINE === 'postgres' ? await ensurePostgresDataset(dataset.path, ARTICLES, options.postgresUrl, log) : undefined
  const databaseEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: dataset.path }
  const storeConfig = databaseUrl ? { databaseUrl } : { databasePath: dataset.path }
  // The load comes from one address, which the API's rate limit would soon refuse: the benchmark measures the service.
  const serviceEnv = { ...databaseEnv, SEED_DEMO: 'false', PUBLIC_BASE_URL: BENCH_PUBLIC_BASE_URL, LOG_LEVEL: 'warn', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_TOKEN_PER_MINUTE: '0' }
  const observerFlags = options.observe ? OBSERVER_FLAGS : []
  const serviceArgs = [...options.nodeFlags, ...observerFlags, 'dist/server.js']
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
  const db = await openBenchDatabase(databaseEnv)
  let ceiling: Target | undefined
  let bare: Target | undefined
  try {
    // A dataset made or migrated before the representations were stored is rendered by the refresher first: no
    // scenario may time the service while it catches up.
    const refreshSeconds = await waitUntilNone(db.queuedCount)
    if (refreshSeconds === null) throw new RunError(`Articles were still queued for their representations after ${REFRESH_GIVE_UP_S} s`)
    if (refreshSeconds > 1) log(`stored representations refreshed in ${refreshSeconds.toFixed(1)} s before the run`)
    // Nor while it compresses them (after the upgrade that began storing their encodings, the whole archive).
    const encodeSeconds = await waitUntilNone(db.pendingEncodings)
    if (encodeSeconds === null) throw new RunError(`Representations were still waiting for their encodings after ${REFRESH_GIVE_UP_S} s`)
    if (encodeSeconds > 1) log(`stored representations compressed in ${encodeSeconds.toFixed(1)} s before the run`)
    ceiling = await startServer('ceiling', [...observerFlags, '--import', 'tsx', 'bench/ceiling.ts'], databaseEnv, log)
    bare = await startServer('bare', [...observerFlags, '--import', 'tsx', 'bench/bare.ts'], databaseEnv, log)
    const targets = { service, ceiling, bare }

    const paths = (make: (value: string) => string, values: string[]) => values.map((value) => ({ path: make(value) }))
    const articlePaths = inputs.articleSlugs
    const sectionProbes = paths((slug) => `/v1/articles?section=${slug}&limit=20`, inputs.sectionSlugs)
    const authorProbes = paths((slug) => `/v1/articles?author=${slug}&limit=20`, inputs.authorSlugs)
    const tagProbes = paths((slug) => `/v1/articles?tag=${slug}&limit=20`, inputs.tagSlugs)
    const searchProbes = paths((query) => `/v1/articles?q=${encodeURIComponent(query)}&limit=20`, inputs.searchQueries)
    const revalidation = await revalidationProbes(service, articlePaths)

    const scenarios = {
      bareArticle: { name: 'bare ceiling: article by slug', target: 'bare', expectedStatus: 200, probes: paths((slug) => `/bare/articles/${slug}`, articlePaths) },
      ceilingArticle: { name: 'repository ceiling: article by slug', target: 'ceiling', expectedStatus: 200, probes: paths((slug) => `/articles/${slug}`, articlePaths) },
      article: { name: 'article by slug', target: 'service', expectedStatus: 200, probes: paths((slug) => `/v1/articles/${slug}`, articlePaths) },
      revalidate: { name: '304 revalidation of an article', target: 'service', expectedStatus: 304, probes: revalidation.probes, skipped: revalidation.skipped },
      // As browsers and CDNs ask for it: the stored brotli bytes, less than half the JSON's.
      articleBrotli: { name: 'article by slug, brotli', target: 'service', expectedStatus: 200, probes: articlePaths.map((slug) => ({ path: `/v1/articles/${slug}`, headers: { 'accept-encoding': 'gzip, deflate, br' } })) },
      bareList: { name: 'bare ceiling: list of 20', target: 'bare', expectedStatus: 200, probes: [{ path: '/bare/articles?limit=20' }] },
      ceilingList: { name: 'repository ceiling: list of 20', target: 'ceiling', expectedStatus: 200, probes: [{ path: '/articles?limit=20' }] },
      section: { name: 'section list of 20', target: 'service', expectedStatus: 200, probes: sectionProbes, caveat: await filterCaveat(service, sectionProbes) },
      feed: { name: 'RSS feed of 50', target: 'service', expectedStatus: 200, probes: [{ path: '/feeds/rss.xml' }] },
      // How feed readers, aggregators and CDNs fetch it: a third of the bytes, encoded once per change of the content.
      feedGzip: { name: 'RSS feed of 50, gzip', target: 'service', expectedStatus: 200, probes: [{ path: '/feeds/rss.xml', headers: { 'accept-encoding': 'gzip' } }] },
      author: { name: 'author list of 20', target: 'service', expectedStatus: 200, probes: authorProbes, caveat: await filterCaveat(service, authorProbes) },
      tag: { name: 'tag list of 20', target: 'service', expectedStatus: 200, probes: tagProbes, caveat: await filterCaveat(service, tagProbes) },
      search: { name: 'search', target: 'service', expectedStatus: 200, probes: searchProbes, caveat: await filterCaveat(service, searchProbes) },
      // Latency without a queue: with many clients on 2 cores, p99 measures the wait behind the other searches, not a search.
      searchLatency: { name: 'search, one client', target: 'service', expectedStatus: 200, probes: searchProbes, connections: 1 }
    } satisfies Record<Exclude<ScenarioKey, 'rename'>, Scenario>
    type Key = keyof typeof scenarios

    const results = new Map<Key, Measurement | null>()
    for (const key of SCENARIO_KEYS) {
      if (key !== 'rename' && runs(key)) results.set(key, await measure(targets, scenarios[key]))
    }
    const renames = runs('rename') ? await measureRenames(service, db, scenarios.article, storeConfig) : []
    const rssMb = peakRssMb(service.process.pid as number)
    const ceilingRssMb = peakRssMb(ceiling.process.pid as number)
    const bareRssMb = peakRssMb(bare.process.pid as number)

    const ratio = (ours: Key, ceilingKey: Key) => {
      const a = results.get(ours)
      const b = results.get(ceilingKey)
      return a && b ? a.requestsPerSecond / b.requestsPerSecond : null
    }
    // Each service scenario against the bare ceiling of its kind, and against the repository ceiling beside it.
    const ceilings: Partial<Record<Key, { bare: Key, repository: Key }>> = {
      article: { bare: 'bareArticle', repository: 'ceilingArticle' },
      revalidate: { bare: 'bareArticle', repository: 'ceilingArticle' },
      articleBrotli: { bare: 'bareArticle', repository: 'ceilingArticle' },
      section: { bare: 'bareList', repository: 'ceilingList' },
      author: { bare: 'bareList', repository: 'ceilingList' },
      tag: { bare: 'bareList', repository: 'ceilingList' },
      feed: { bare: 'bareList', repository: 'ceilingList' },
      feedGzip: { bare: 'bareList', repository: 'ceilingList' }
    }
    const bareRatio = (key: Key) => ceilings[key] ? ratio(key, (ceilings[key] as { bare: Key }).bare) : null
    const repositoryRatio = (key: Key) => ceilings[key] ? ratio(key, (ceilings[key] as { repository: Key }).repository) : null

    const startupMs = median(startups)
    const article = results.get('article')
    const slowestRename = renames.length === 0 ? undefined : Math.max(...renames.map((rename) => rename.seconds ?? Infinity))
    const checks = [
      ratioCheck('article by slug >= 0.85 x bare article', article, bareRatio('article'), 0.85),
      ratioCheck('304 revalidation >= 1.0 x bare article', results.get('revalidate'), bareRatio('revalidate'), 1.0),
      ratioCheck('section list of 20 >= 0.8 x bare list', results.get('section'), bareRatio('section'), 0.8),
      ratioCheck('RSS feed of 50 >= 0.5 x bare list', results.get('feed'), bareRatio('feed'), 0.5),
      article
        ? { name: `article p99 < 4 x p50 (${CONNECTIONS} connections)`, pass: article.valid && article.p99 < 4 * article.p50, detail: `${article.p99} ms / ${article.p50} ms = ${(article.p99 / Math.max(1, article.p50)).toFixed(1)}` }
        : { name: `article p99 < 4 x p50 (${CONNECTIONS} connections)`, pass: false, detail: 'not measured' },
      slowestRename === undefined
        ? { name: `section rename refreshed <= ${RENAME_TARGET_S} s`, pass: false, detail: 'not measured' }
        : { name: `section rename refreshed <= ${RENAME_TARGET_S} s`, pass: slowestRename <= RENAME_TARGET_S && renames.every((rename) => rename.visibleAtOnce), detail: renames.map(describeRename).join('; ') },
      latencyCheck('search p99 < 20 ms (one client)', results.get('searchLatency'), 20),
      { name: 'service peak RSS < 200 MB', pass: rssMb < 200, detail: `${rssMb.toFixed(0)} MB` },
      { name: 'start-up < 1 s', pass: startupMs < 1000, detail: `${Math.round(startupMs)} ms (median of ${startups.length})` }
    ]

    const formatRatio = (value: number | null) => value === null ? '' : value.toFixed(2)
    const table = [
      // autocannon's latency histogram counts whole milliseconds; the mean keeps the fraction.
      '| scenario | requests/s | mean ms | p50 ms | p97.5 ms | p99 ms | of bare ceiling | of repository ceiling | body B | wire B | responses |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...(['article', 'revalidate', 'articleBrotli', 'section', 'author', 'tag', 'feed', 'feedGzip', 'search', 'searchLatency', 'bareArticle', 'bareList', 'ceilingArticle', 'ceilingList'] as const).map((key) => {
        const scenario = scenarios[key] as Scenario
        const result = results.get(key)
        if (!result) return `| ${scenario.name} | skipped: ${scenario.skipped ?? 'not run'} | | | | | | | | | |`
        const statuses = Object.entries(result.statuses).map(([status, count]) => `${status}: ${count}`).join(', ') + (result.errors ? `, errors: ${result.errors}` : '')
        const flag = result.valid ? '' : ` ⚠ ${invalidity(result)}`
        return `| ${scenario.name} | ${Math.round(result.requestsPerSecond)} | ${result.mean.toFixed(2)} | ${result.p50} | ${result.p975} | ${result.p99} | ` +
          `${formatRatio(bareRatio(key))} | ${formatRatio(repositoryRatio(key))} | ${Math.round(result.bodyBytes)} | ${Math.round(result.wireBytes)} | ${statuses}${flag} |`
      })
    ]
    const renameTable = renames.length === 0
      ? []
      : [
          '',
          `Renaming the section ${RENAMED_SECTION} (with its subsections) through the Admin API while ${CONNECTIONS} clients read articles, then renaming it back:`,
          '',
          '| rename | queued after the rename | refreshed in | new name shown at once | article reads req/s | p50 ms | p99 ms | responses |',
          '|---|---:|---:|---|---:|---:|---:|---|',
          ...renames.map((rename) => `| to "${rename.to}" | ${rename.marked} | ${rename.seconds === null ? `> ${REFRESH_GIVE_UP_S} s` : `${rename.seconds.toFixed(1)} s`} | ` +
            `${rename.visibleAtOnce ? 'yes' : 'no'} | ${Math.round(rename.reads.requestsPerSecond)} | ${rename.reads.p50} | ${rename.reads.p99} | ` +
            `${Object.entries(rename.reads.statuses).map(([status, count]) => `${status}: ${count}`).join(', ')}${rename.reads.errors ? `, errors: ${rename.reads.errors}` : ''} |`)
        ]
    const observed = [...results.values()].filter((result): result is Measurement & { observation: Observation } => result?.observation !== undefined)
    const observationTable = observed.length === 0
      ? []
      : [
          '',
          'Inside each server during each measurement (--observe): CPU time, garbage collections and event-loop delay.',
          '',
          '| scenario | CPU ms a request | minor GCs per 1,000 requests | minor GC ms a request (longest) | major GCs per 1,000 requests | major GC ms a request (longest) | event-loop delay p50 / p99 / max ms |',
          '|---|---:|---:|---:|---:|---:|---:|',
          ...observed.map(({ scenario, requests, observation: { gc, cpuMs, loopDelayMs } }) => {
            const per = (value: number) => value / Math.max(1, requests)
            const kind = (name: string) => gc[name] ?? { count: 0, totalMs: 0, maxMs: 0 }
            const major = [kind('major'), kind('incremental')]
            const majorCount = kind('major').count
            const majorMs = major.reduce((sum, seen) => sum + seen.totalMs, 0)
            const majorMax = Math.max(...major.map((seen) => seen.maxMs))
            return `| ${scenario.name} | ${per(cpuMs).toFixed(3)} | ${(1000 * per(kind('minor').count)).toFixed(1)} | ${per(kind('minor').totalMs).toFixed(3)} (${kind('minor').maxMs.toFixed(1)}) | ` +
              `${(1000 * per(majorCount)).toFixed(2)} | ${per(majorMs).toFixed(3)} (${majorMax.toFixed(1)}) | ${loopDelayMs.p50.toFixed(1)} / ${loopDelayMs.p99.toFixed(1)} / ${loopDelayMs.max.toFixed(1)} |`
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
      `Service: the production build (node ${options.nodeFlags.join(' ')} dist/server.js). ` +
        'Bare ceiling: bench/bare.ts, bare Fastify serving the stored representations through one prepared statement per route. ' +
        'Repository ceiling: bench/ceiling.ts, bare Fastify with the service\'s repository statements.',
      'Body B: the mean size of a response body; wire B: the mean bytes a response took on the wire, headers included.',
      '',
      ...table,
      ...renameTable,
      ...observationTable,
      '',
      `Peak RSS (VmHWM): service ${rssMb.toFixed(0)} MB, bare ceiling ${bareRssMb.toFixed(0)} MB, repository ceiling ${ceilingRssMb.toFixed(0)} MB. ` +
        `Service start-up to a 200 from /health: ${startups.map((ms) => `${Math.round(ms)} ms`).join(', ')}.`,
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
    await db.close()
    await stopServer(service)
    if (ceiling) await stopServer(ceiling)
    if (bare) await stopServer(bare)
  }
}

function describeRename (rename: RenameMeasurement): string {
  const time = rename.seconds === null ? `over ${REFRESH_GIVE_UP_S} s` : `${rename.seconds.toFixed(1)} s`
  return `${rename.marked} queued, ${time}${rename.visibleAtOnce ? '' : ', new name not shown at once'}`
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
  if (result.requests === 0) return `no response within the ${DURATION} s`
  if (result.busy < MIN_BUSY) {
    return `answered requests account for ${Math.round(result.busy * 100)}% of the clients' time at most: the rest went to requests unanswered at the end, which no percentile counts`
  }
  return result.scenario.caveat ?? `not every response was ${result.scenario.expectedStatus}`
}

main().catch((error: unknown) => {
  // A failure the run explains itself needs no stack trace.
  console.error(error instanceof RunError ? `bench: ${error.message}` : error)
  process.exit(1)
})
