// A realistic newsroom in a SQLite file, made through the real migrations and renderer, cached by size.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { migrateDatabase, openDatabase } from '../src/db/client.js'
import { copyNewsroom } from '../src/db/copy.js'
import { createPostgresStore } from '../src/db/postgres-store.js'
import { createSqliteStore } from '../src/db/sqlite-store.js'
import type { Store } from '../src/db/store.js'
import { createWebAddresses } from '../src/shared/web-addresses.js'
import type { Block, FeaturedImage } from '../src/shared/content-types.js'
import { renderBody } from '../src/shared/rendering.js'
import { slugify } from '../src/shared/slugs.js'

/**
 * Bump whenever the generated rows change, so cached files made by older code are not reused, and when a migration
 * rebuilds a large table (3: articles with the bodies last), so that no run starts the service on a cached file
 * by migrating it for minutes.
 */
export const GENERATOR_VERSION = 3

/**
 * The service's public address in every benchmark. Stored representations carry links made from it and are served only
 * under the settings they were rendered with; left to its default it would follow the port, which each run picks anew,
 * and every read would render its article afresh.
 */
export const BENCH_PUBLIC_BASE_URL = 'https://api.news.example.org'

const LINKS = createWebAddresses(loadConfig({ PUBLIC_BASE_URL: BENCH_PUBLIC_BASE_URL }))

export const DATA_DIR = fileURLToPath(new URL('./.data/', import.meta.url))

const AUTHOR_COUNT = 200
const TAG_COUNT = 500
/** Every publication date falls in the six years before this instant, so nothing waits on the scheduler. */
const END = Date.parse('2026-10-31T18:00:00.000Z')
const SPAN_MS = 6 * 365 * 24 * 3600 * 1000

/**
 * The tree: roots first; the weight is each section's share of the articles, in percent. Business with its subsections
 * holds a fifth of them: the rename the benchmark times is the issue's, a section shown by 20,000 of 100,000 articles.
 */
export const RENAMED_SECTION = 'business'
const SECTIONS = [
  { slug: 'news', name: 'News', parent: null, weight: 15 },
  { slug: 'world', name: 'World', parent: null, weight: 4 },
  { slug: 'business', name: 'Business', parent: null, weight: 4 },
  { slug: 'culture', name: 'Culture', parent: null, weight: 3 },
  { slug: 'sport', name: 'Sport', parent: null, weight: 3 },
  { slug: 'africa', name: 'Africa', parent: 'world', weight: 9 },
  { slug: 'europe', name: 'Europe', parent: 'world', weight: 10 },
  { slug: 'asia', name: 'Asia', parent: 'world', weight: 8 },
  { slug: 'americas', name: 'Americas', parent: 'world', weight: 8 },
  { slug: 'markets', name: 'Markets', parent: 'business', weight: 8 },
  { slug: 'technology', name: 'Technology', parent: 'business', weight: 8 },
  { slug: 'books', name: 'Books', parent: 'culture', weight: 4 },
  { slug: 'film', name: 'Film', parent: 'culture', weight: 4 },
  { slug: 'football', name: 'Football', parent: 'sport', weight: 8 },
  { slug: 'tennis', name: 'Tennis', parent: 'sport', weight: 4 }
] as const

const FUNCTION_WORDS = (
  'the of and to in a is that for on was with as by at from it his her their said has have were be this an ' +
  'which not are after more but who they also had its been one two new over into than about when while would ' +
  'could people government city country week last first year years will there before most some such'
).split(' ')

/** Real words a reader searches for; placed in the middle of the frequency ranking, as topical words are in news. */
export const TOPICAL_WORDS = (
  'election climate minister parliament market inflation energy drought harvest football festival museum novel ' +
  'refugees border ceasefire vaccine hospital teachers strike pension tariff currency startup satellite rainfall ' +
  'wildfire flood coalition referendum protest court verdict senator governor mayor budget deficit exports ' +
  'mining cobalt lithium pipeline railway airport harbour fishermen farmers cattle wheat coffee cocoa ' +
  'orchestra cinema director actress premiere gallery sculpture poetry publisher bestseller tournament ' +
  'championship striker goalkeeper coach transfer olympics marathon cyclist referee stadium semiconductor ' +
  'algorithm encryption broadband telescope glacier monsoon earthquake volcano tsunami malaria cholera ' +
  'diplomacy embassy sanctions treaty summit alliance opposition candidate ballot turnout census migration ' +
  'café sénégal zürich são québec malmö bogotá córdoba kraków reykjavík'
).split(' ')

const CITIES = ['DAKAR', 'NAIROBI', 'LAGOS', 'PARIS', 'BERLIN', 'LIMA', 'BOGOTÁ', 'JAKARTA', 'MANILA', 'OSLO', 'ACCRA', 'KYIV', 'SEOUL', 'QUITO']
const FIRST_NAMES = ['Amara', 'Lena', 'Samuel', 'Inès', 'Kenji', 'Marta', 'Tomás', 'Aisha', 'Jonas', 'Priya', 'Omar', 'Sofia', 'Kwame', 'Elif', 'Mateo', 'Hana', 'Yusuf', 'Clara', 'Diego', 'Nadia']
const LAST_NAMES = ['Okafor', 'Brandt', 'Rakoto', 'Mori', 'Silva', 'Nowak', 'Haddad', 'Larsen', 'Mensah', 'Kaya', 'Ortega', 'Tanaka', 'Dubois', 'Petrov', 'Adeyemi', 'Lindqvist', 'Rossi', 'Chen', 'Kowalski', 'Nair']
const JOB_TITLES = ['Reporter', 'Correspondent', 'Senior reporter', 'Editor', 'Columnist', 'Data journalist', 'Photographer']
const SYLLABLES = ['ka', 'lo', 'mi', 'ran', 'te', 'vo', 'su', 'den', 'ar', 'ish', 'pel', 'ton', 'ba', 'ri', 'nu', 'gor', 'fa', 'lin', 'se', 'tam', 'or', 'vel', 'cu', 'dra', 'mo', 'zen', 'ha', 'pri', 'el', 'sto']

/** mulberry32: small, fast and the same sequence on every machine for a given seed. */
function createRandom (seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  /** Index in 0..size-1, small ones far likelier: a Zipf law with exponent 1, as word and tag frequencies follow. */
  const zipf = (size: number): number => Math.min(size - 1, Math.floor((size + 1) ** next()) - 1)
  /** Index in 0..size-1, small ones likelier but less so than zipf: the tenth of the staff writes a third of the stories. */
  const skewed = (size: number): number => Math.floor(size * next() ** 2)
  return { next, int, pick, zipf, skewed }
}

type Random = ReturnType<typeof createRandom>

function buildVocabulary (random: Random): string[] {
  const size = 20000
  const seen = new Set<string>([...FUNCTION_WORDS, ...TOPICAL_WORDS])
  const invented: string[] = []
  while (invented.length < size) {
    let word = ''
    const syllables = random.int(2, 4)
    for (let i = 0; i < syllables; i++) word += random.pick(SYLLABLES)
    if (!seen.has(word)) {
      seen.add(word)
      invented.push(word)
    }
  }
  const vocabulary = [...FUNCTION_WORDS, ...invented]
  // Rank 300 to about 3,000: each topical word then appears in roughly 1% to 15% of the articles.
  TOPICAL_WORDS.forEach((word, index) => vocabulary.splice(300 + index * 25, 0, word))
  return vocabulary.slice(0, size)
}

function capitalize (text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function createWriter (random: Random, vocabulary: string[]) {
  const word = () => vocabulary[random.zipf(vocabulary.length)] as string
  const words = (count: number) => {
    const out: string[] = []
    for (let i = 0; i < count; i++) out.push(word())
    return out
  }
  const sentence = () => capitalize(words(random.int(8, 24)).join(' ')) + '.'
  const paragraph = () => {
    const sentences: string[] = []
    const count = random.int(3, 5)
    for (let i = 0; i < count; i++) sentences.push(sentence())
    const text = sentences.join(' ')
    // Some inline markup, so the renderer's inline path does real work.
    const roll = random.next()
    if (roll < 0.15) return text.replace(/ (\w+) /, ' <em>$1</em> ')
    if (roll < 0.25) return text.replace(/ (\w+ \w+) /, ` <a href="https://www.example.org/${word()}">$1</a> `)
    return text
  }
  /** A headline reads like one: a topical word or two among ordinary ones. */
  const headline = () => {
    const parts = words(random.int(5, 10))
    parts.splice(random.int(0, parts.length), 0, random.pick(TOPICAL_WORDS))
    return capitalize(parts.join(' '))
  }
  return { word, words, sentence, paragraph, headline }
}

type Writer = ReturnType<typeof createWriter>

function personName (random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
}

function bodyOf (random: Random, writer: Writer, slug: string): Block[] {
  const blocks: Block[] = []
  const paragraphs = random.int(5, 9)
  for (let i = 0; i < paragraphs; i++) {
    if (i === 2 || i === 6) blocks.push({ type: 'heading', level: 2, text: capitalize(writer.words(random.int(3, 7)).join(' ')) })
    blocks.push({ type: 'paragraph', text: writer.paragraph() })
    if (i === 1) blocks.push({ type: 'quote', text: writer.sentence(), cite: personName(random) })
    if (i === 3 && random.next() < 0.3) {
      blocks.push({ type: 'image', url: `https://images.example.org/${slug}/figure.jpg`, alt: writer.sentence(), caption: writer.sentence(), credit: `Photo: ${personName(random)}` })
    }
    if (i === 4 && random.next() < 0.15) {
      blocks.push({ type: 'list', style: 'bullet', items: [writer.sentence(), writer.sentence(), writer.sentence()] })
    }
  }
  return blocks
}

/** Chooses `count` distinct indexes in 0..size-1 from a skewed draw. */
function distinct (draw: (size: number) => number, size: number, count: number): number[] {
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(draw(size))
  return [...chosen]
}

function iso (ms: number): string {
  return new Date(ms).toISOString()
}

function generate (path: string, articleCount: number): void {
  const random = createRandom(20261125)
  const writer = createWriter(random, buildVocabulary(random))
  const handle = openDatabase(path)
  migrateDatabase(handle)
  const { sqlite } = handle
  // The file is renamed into place only when complete, so a crash leaves nothing to reuse: no journal needed.
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')

  const ftsTriggers = sqlite.prepare("select sql from sqlite_master where type = 'trigger' and (name like 'articles_fts_%' or name like 'articles_public_fts_%')").all() as Array<{ sql: string }>
  const insertSection = sqlite.prepare('insert into sections (id, slug, name, description, parent_id, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)')
  const insertAuthor = sqlite.prepare('insert into authors (id, slug, name, job_title, bio, avatar_url, links, email, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const insertTag = sqlite.prepare('insert into tags (id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)')
  const insertArticle = sqlite.prepare(`insert into articles (
    id, slug, headline, subtitle, excerpt, body, body_html, body_text, word_count, reading_time, status, published_at,
    scheduled_at, section_id, featured_image, dateline, language, featured, created_at, updated_at
  ) values (
    @id, @slug, @headline, @subtitle, @excerpt, @body, @bodyHtml, @bodyText, @wordCount, @readingTime, @status, @publishedAt,
    @scheduledAt, @sectionId, @featuredImage, @dateline, 'en', @featured, @createdAt, @updatedAt
  )`)
  const insertArticleAuthor = sqlite.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, ?)')
  const insertArticleTag = sqlite.prepare('insert into article_tags (article_id, tag_id, position) values (?, ?, ?)')
  const insertReply = sqlite.prepare('insert into replies (article_id, author_name, author_email, body, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)')

  const launched = iso(END - SPAN_MS - 30 * 24 * 3600 * 1000)
  sqlite.transaction(() => {
    // One 'rebuild' at the end fills each search index faster than the per-row triggers (20,000 articles: 6.4 s against
    // 9.3 s); the triggers come back, as the migration wrote them, before the file is used.
    for (const { sql } of ftsTriggers) sqlite.exec(`drop trigger ${/create trigger `?(\w+)`?/i.exec(sql)?.[1] as string}`)

    const sectionIds = new Map<string, number>()
    SECTIONS.forEach((section, index) => {
      const id = index + 1
      sectionIds.set(section.slug, id)
      insertSection.run(id, section.slug, section.name, `${section.name} coverage from our newsroom.`, section.parent ? sectionIds.get(section.parent) : null, index, launched, launched)
    })
    const sectionWeights = SECTIONS.map((section) => section.weight)
    const totalWeight = sectionWeights.reduce((sum, weight) => sum + weight, 0)
    const pickSection = () => {
      let roll = random.next() * totalWeight
      for (let i = 0; i < sectionWeights.length; i++) {
        roll -= sectionWeights[i] as number
        if (roll < 0) return i + 1
      }
      return sectionWeights.length
    }

    for (let id = 1; id <= AUTHOR_COUNT; id++) {
      const name = personName(random)
      const slug = `${slugify(name)}-${id}`
      insertAuthor.run(id, slug, name, random.pick(JOB_TITLES), writer.sentence(), `https://images.example.org/authors/${slug}.jpg`, '[]', `${slug}@newsroom.example.org`, launched, launched)
    }
    for (let id = 1; id <= TAG_COUNT; id++) {
      const name = capitalize(id <= TOPICAL_WORDS.length ? TOPICAL_WORDS[id - 1] as string : writer.words(2).join(' '))
      insertTag.run(id, `${slugify(name)}-${id}`, name, launched, launched)
    }

    for (let id = 1; id <= articleCount; id++) {
      const headline = writer.headline()
      const slug = `${slugify(headline).slice(0, 80).replace(/-+$/, '')}-${id.toString(36)}`
      const body = bodyOf(random, writer, slug)
      const rendered = renderBody(body)
      // Newer ids are newer stories, with the jitter of a real publishing day.
      const publishedMs = END - SPAN_MS + Math.floor((id / articleCount) * SPAN_MS) - random.int(0, 6 * 3600 * 1000)
      const roll = random.next()
      const status = roll < 0.03 ? 'draft' : roll < 0.035 ? 'scheduled' : roll < 0.04 ? 'archived' : 'published'
      const createdMs = publishedMs - random.int(1, 48) * 3600 * 1000
      const image: FeaturedImage | null = random.next() < 0.8
        ? { url: `https://images.example.org/${slug}/main.jpg`, alt: writer.sentence(), caption: writer.sentence(), credit: `Photo: ${personName(random)}` }
        : null
      insertArticle.run({
        id,
        slug,
        headline,
        subtitle: random.next() < 0.7 ? writer.sentence() : null,
        excerpt: rendered.text.split(/\s+/).slice(0, 30).join(' '),
        body: JSON.stringify(body),
        bodyHtml: rendered.html,
        bodyText: rendered.text,
        wordCount: rendered.wordCount,
        readingTime: rendered.readingTime,
        status,
        publishedAt: status === 'draft' || status === 'scheduled' ? null : iso(publishedMs),
        // Far enough ahead that the service's scheduler never publishes during a run.
        scheduledAt: status === 'scheduled' ? iso(Date.parse('2099-01-01T09:00:00.000Z') + id * 60000) : null,
        sectionId: pickSection(),
        featuredImage: image ? JSON.stringify(image) : null,
        dateline: random.next() < 0.5 ? random.pick(CITIES) : null,
        featured: random.next() < 0.02 ? 1 : 0,
        createdAt: iso(createdMs),
        updatedAt: iso(random.next() < 0.25 ? publishedMs + random.int(1, 72) * 3600 * 1000 : publishedMs)
      })
      const authorCount = random.next() < 0.7 ? 1 : random.next() < 0.75 ? 2 : 3
      distinct(random.skewed, AUTHOR_COUNT, authorCount).forEach((index, position) => insertArticleAuthor.run(id, index + 1, position))
      distinct(random.zipf, TAG_COUNT, random.int(2, 5)).forEach((index, position) => insertArticleTag.run(id, index + 1, position))
      if (status === 'published' && random.next() < 0.3) {
        const replies = random.int(1, 12)
        for (let i = 0; i < replies; i++) {
          const at = iso(publishedMs + random.int(1, 5000) * 60000)
          const replyStatus = random.next() < 0.85 ? 'approved' : random.next() < 0.7 ? 'pending' : 'spam'
          insertReply.run(id, personName(random), `reader${random.int(1, 50000)}@mail.example.org`, writer.sentence(), replyStatus, at, at)
        }
      }
    }

    // The public index rebuilds from its view, which holds public articles only.
    sqlite.exec("insert into articles_fts(articles_fts) values ('rebuild')")
    sqlite.exec("insert into articles_public_fts(articles_public_fts) values ('rebuild')")
    for (const { sql } of ftsTriggers) sqlite.exec(sql)
  })()
  // The service runs in WAL mode; the file keeps that setting.
  sqlite.pragma('journal_mode = WAL')
  handle.close()
}

export function datasetPath (articleCount: number): string {
  return `${DATA_DIR}news-${articleCount}-v${GENERATOR_VERSION}.db`
}

// Larger than the service's refresher takes at once: here nothing else waits for the write lock.
const REFRESH_BATCH = 1000

/**
 * Stores the representation of every article queued for one (all of them, after the migration that introduced them,
 * or a copy), and of every one rendered under other settings (by an older version, or for another address), as the
 * service's refresher would in the background: the benchmark times the stored forms, never their catching up.
 */
async function storeStaleRepresentations (store: Store, log: (line: string) => void): Promise<void> {
  const started = performance.now()
  let refreshed = 0
  for (;;) {
    const batch = await store.transaction(async ({ articles }) => articles.refreshStaleRepresentations(REFRESH_BATCH))
    refreshed += batch
    if (batch < REFRESH_BATCH) break
  }
  if (refreshed > 0) log(`dataset: stored ${refreshed} stale article representations in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** The dataset file for this size, generated on the first call and reused after; seconds is null when reused. */
export async function ensureDataset (articleCount: number, log: (line: string) => void = console.log): Promise<{ path: string, seconds: number | null }> {
  const path = datasetPath(articleCount)
  if (existsSync(path)) {
    // A migration added since the file was made applies now, before any timing starts.
    const store = createSqliteStore(path, LINKS)
    try {
      await storeStaleRepresentations(store, log)
    } finally {
      await store.close()
    }
    log(`dataset: reusing ${path}`)
    return { path, seconds: null }
  }
  mkdirSync(DATA_DIR, { recursive: true })
  const partial = `${path}.partial`
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true })
  log(`dataset: generating ${articleCount} articles into ${path}`)
  const started = performance.now()
  generate(partial, articleCount)
  const store = createSqliteStore(partial, LINKS)
  try {
    await storeStaleRepresentations(store, log)
  } finally {
    await store.close()
  }
  renameSync(partial, path)
  const seconds = (performance.now() - started) / 1000
  log(`dataset: generated in ${seconds.toFixed(1)} s`)
  return { path, seconds }
}

/**
 * The same dataset in PostgreSQL, in a database of its own on the server at serverUrl, copied from the SQLite file by
 * the db:copy code path; kept between runs like the file, and made again when it does not hold the whole dataset.
 */
export async function ensurePostgresDataset (sqlitePath: string, articleCount: number, serverUrl: string, log: (line: string) => void = console.log): Promise<string> {
  // Named by the generator's version too: a database copied from an older file is not the dataset of this code.
  const name = `news_bench_${articleCount}_v${GENERATOR_VERSION}`
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
    if (exists) {
      const store = await createPostgresStore(url.toString(), { poolSize: 1, statementTimeoutMs: 0 }, LINKS)
      const articles = await store.read.rows.count('articles')
      if (articles === articleCount) {
        await storeStaleRepresentations(store, log)
        await store.close()
        log(`dataset: reusing PostgreSQL database ${name}`)
        return url.toString()
      }
      await store.close()
      await admin.query(`drop database ${name} with (force)`)
    }
    log(`dataset: copying ${sqlitePath} into PostgreSQL database ${name}`)
    const started = performance.now()
    await admin.query(`create database ${name}`)
    const from = createSqliteStore(sqlitePath, LINKS)
    const to = await createPostgresStore(url.toString(), { poolSize: 1, statementTimeoutMs: 0 }, LINKS)
    try {
      await copyNewsroom(from, to)
      await storeStaleRepresentations(to, log)
      // Fresh statistics, as autovacuum would gather them on a live database, so plans are the ones production gets.
      await to.handle.pool.query('analyze')
    } finally {
      await to.close()
      await from.close()
    }
    log(`dataset: copied in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return url.toString()
  } finally {
    await admin.end()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' } } })
  const count = Number(values.articles)
  if (!Number.isInteger(count) || count < 1) {
    console.error('--articles must be a positive integer')
    process.exit(1)
  }
  await ensureDataset(count)
}
