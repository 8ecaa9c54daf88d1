// The stored rows the bare ceiling serves, and the benchmark's own look at the database: which rows there are to serve,
// and how many stored representations still wait for the refresher.
import Database from 'better-sqlite3'
import pg from 'pg'

/**
 * article_representations: the service's own stored forms, so the ceiling reads exactly what the service reads.
 * bench_stored: the benchmark's stand-in where that table does not exist, filled from the service's own responses.
 */
export type StoredSource = 'article_representations' | 'bench_stored'

type Queries = Record<'article' | 'list', string>

/** The one statement per route of the bare ceiling: an article by slug, and the newest public summaries. */
export const STORED_QUERIES: Record<StoredSource, { sqlite: Queries, postgres: Queries }> = {
  article_representations: {
    sqlite: {
      article: `select substr(r.head, 1, length(r.head) - 1) || ',"bodyHtml":' || r.body_html || '}'
        from articles a join article_representations r on r.article_id = a.id
        where a.slug = ? and a.status = 'published' and a.embargoed_until is null`,
      list: `select r.summary from articles a join article_representations r on r.article_id = a.id
        where a.status = 'published' and a.embargoed_until is null and a.withdrawn_at is null
        order by a.published_at desc, a.id desc limit ?`
    },
    postgres: {
      article: `select left(r.head, -1) || ',"bodyHtml":' || r.body_html || '}'
        from articles a join article_representations r on r.article_id = a.id
        where a.slug = $1 and a.status = 'published' and a.embargoed_until is null`,
      list: `select r.summary from articles a join article_representations r on r.article_id = a.id
        where a.status = 'published' and a.embargoed_until is null and a.withdrawn_at is null
        order by a.published_at desc, a.id desc limit $1`
    }
  },
  bench_stored: {
    sqlite: {
      article: 'select article from bench_stored where slug = ?',
      list: 'select summary from bench_stored where summary is not null order by published_at desc, id desc limit ?'
    },
    postgres: {
      article: 'select article from bench_stored where slug = $1',
      list: 'select summary from bench_stored where summary is not null order by published_at desc, id desc limit $1'
    }
  }
}

const BENCH_STORED_TABLE = `create table if not exists bench_stored (
  slug text primary key, id integer not null, published_at text, article text, summary text
)`
const BENCH_STORED_INDEX = 'create index if not exists bench_stored_published_idx on bench_stored (published_at, id)'

/** The few statements the benchmark itself runs, on either engine. */
export interface BenchDatabase {
  hasTable (name: string): Promise<boolean>
  /** Representations that may show something out of date: the refresher's backlog. */
  staleCount (): Promise<number>
  storeRow (row: { slug: string, id: number, publishedAt: string | null, article: string | null, summary: string | null }): Promise<void>
  prepareBenchStored (): Promise<void>
  close (): Promise<void>
}

export async function openBenchDatabase (env: { DATABASE_URL?: string, DATABASE_PATH?: string }): Promise<BenchDatabase> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL })
    await client.connect()
    return {
      hasTable: async (name) => (await client.query('select to_regclass($1) as found', [name])).rows[0].found !== null,
      staleCount: async () => Number((await client.query('select count(*) as stale from article_representations where stale')).rows[0].stale),
      storeRow: async ({ slug, id, publishedAt, article, summary }) => {
        await client.query(`insert into bench_stored (slug, id, published_at, article, summary) values ($1, $2, $3, $4, $5)
          on conflict (slug) do update set article = coalesce(excluded.article, bench_stored.article), summary = coalesce(excluded.summary, bench_stored.summary)`,
        [slug, id, publishedAt, article, summary])
      },
      prepareBenchStored: async () => {
        await client.query('drop table if exists bench_stored')
        await client.query(BENCH_STORED_TABLE)
        await client.query(BENCH_STORED_INDEX)
      },
      close: async () => client.end()
    }
  }
  const db = new Database(env.DATABASE_PATH as string)
  db.pragma('busy_timeout = 5000')
  return {
    hasTable: async (name) => db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined,
    staleCount: async () => db.prepare('select count(*) from article_representations where stale').pluck().get() as number,
    storeRow: async ({ slug, id, publishedAt, article, summary }) => {
      db.prepare(`insert into bench_stored (slug, id, published_at, article, summary) values (?, ?, ?, ?, ?)
        on conflict (slug) do update set article = coalesce(excluded.article, bench_stored.article), summary = coalesce(excluded.summary, bench_stored.summary)`)
        .run(slug, id, publishedAt, article, summary)
    },
    prepareBenchStored: async () => {
      db.exec('drop table if exists bench_stored')
      db.exec(BENCH_STORED_TABLE)
      db.exec(BENCH_STORED_INDEX)
    },
    close: async () => { db.close() }
  }
}

interface Summary { id: number, slug: string, publishedAt: string | null }

/**
 * The rows the bare ceiling serves: the service's own stored table when it has one; else bench_stored, filled with the
 * service's responses for the sampled articles and its newest list items, byte for byte.
 */
export async function prepareStoredRows (db: BenchDatabase, serviceUrl: string, slugs: string[]): Promise<StoredSource> {
  if (await db.hasTable('article_representations')) return 'article_representations'
  await db.prepareBenchStored()
  const list = await fetch(`${serviceUrl}/v1/articles?limit=100`)
  const newest = (await list.json() as { data: Summary[] }).data
  for (const item of newest) {
    await db.storeRow({ slug: item.slug, id: item.id, publishedAt: item.publishedAt, article: null, summary: JSON.stringify(item) })
  }
  for (const slug of slugs) {
    const response = await fetch(`${serviceUrl}/v1/articles/${slug}`)
    const text = await response.text()
    if (response.status !== 200) throw new Error(`GET /v1/articles/${slug} answered ${response.status} while filling bench_stored`)
    const { id, publishedAt } = JSON.parse(text) as Summary
    await db.storeRow({ slug, id, publishedAt, article: text, summary: null })
  }
  return 'bench_stored'
}
