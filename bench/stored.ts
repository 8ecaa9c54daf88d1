// The stored rows the bare ceiling serves, and the benchmark's own look at the database: how many articles still wait
// for the refresher to store their representation.
import Database from 'better-sqlite3'
import pg from 'pg'

type Queries = Record<'article' | 'list', string>

/**
 * The one statement per route of the bare ceiling, over the service's own stored representations, so the ceiling sends
 * the bytes the service sends: an article by slug with its body as HTML (the default form, spliced as the service
 * splices it), and the summaries of the newest public articles.
 */
export const STORED_QUERIES: { sqlite: Queries, postgres: Queries } = {
  sqlite: {
    article: `select substr(r.head, 1, length(r.head) - 1) || ',"bodyHtml":' || b.body_html || '}'
      from articles a join article_representations r on r.article_id = a.id join article_representation_bodies b on b.article_id = a.id
      where a.slug = ? and a.status = 'published' and a.embargoed_until is null`,
    list: `select r.summary from articles a join article_representations r on r.article_id = a.id
      where a.status = 'published' and a.embargoed_until is null and a.withdrawn_at is null
      order by a.published_at desc, a.id desc limit ?`
  },
  postgres: {
    article: `select left(r.head, -1) || ',"bodyHtml":' || b.body_html || '}'
      from articles a join article_representations r on r.article_id = a.id join article_representation_bodies b on b.article_id = a.id
      where a.slug = $1 and a.status = 'published' and a.embargoed_until is null`,
    list: `select r.summary from articles a join article_representations r on r.article_id = a.id
      where a.status = 'published' and a.embargoed_until is null and a.withdrawn_at is null
      order by a.published_at desc, a.id desc limit $1`
  }
}

/** The benchmark's own connection to the service's database. */
export interface BenchDatabase {
  /**
   * Articles queued for a new representation (by the database's triggers, when something they show changed): the
   * refresher's backlog. A read of a queued article renders it afresh; 0 means every stored form is up to date.
   */
  queuedCount (): Promise<number>
  /** Stored representations whose encodings the refresher has yet to make: reads of them compress for themselves. */
  pendingEncodings (): Promise<number>
  close (): Promise<void>
}

export async function openBenchDatabase (env: { DATABASE_URL?: string, DATABASE_PATH?: string }): Promise<BenchDatabase> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL })
    await client.connect()
    return {
      queuedCount: async () => Number((await client.query('select count(*) as queued from article_representation_queue')).rows[0].queued),
      pendingEncodings: async () => Number((await client.query('select count(*) as pending from article_encoding_queue')).rows[0].pending),
      close: async () => client.end()
    }
  }
  const db = new Database(env.DATABASE_PATH as string, { readonly: true })
  db.pragma('busy_timeout = 5000')
  const queued = db.prepare('select count(*) from article_representation_queue').pluck()
  const pending = db.prepare('select count(*) from article_encoding_queue').pluck()
  return {
    queuedCount: async () => queued.get() as number,
    pendingEncodings: async () => pending.get() as number,
    close: async () => { db.close() }
  }
}
