// The bare ceiling: a Fastify server with none of our plugins and none of our code, answering with stored rows of
// pre-rendered JSON through one prepared statement per route, straight from the driver (better-sqlite3 on the SQLite
// file at DATABASE_PATH; pg with named prepared statements at DATABASE_URL). What a read can cost at the least.
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import pg from 'pg'
import { STORED_QUERIES } from './stored.js'

const LIST_LIMIT_MAX = 100

interface Reader {
  article (slug: string): Promise<string | undefined>
  list (limit: number): Promise<string[]>
}

function sqliteReader (path: string): Reader {
  const db = new Database(path, { readonly: true })
  db.pragma('busy_timeout = 5000')
  const article = db.prepare(STORED_QUERIES.sqlite.article).pluck()
  const list = db.prepare(STORED_QUERIES.sqlite.list).pluck()
  return {
    article: async (slug) => article.get(slug) as string | undefined,
    list: async (limit) => list.all(limit) as string[]
  }
}

function postgresReader (url: string): Reader {
  // As many connections as the service's pool, so both sides may keep as many queries in flight.
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) })
  // rowMode array: the driver hands the text column over as it came, without building an object per row.
  const article = { name: 'bare-article', text: STORED_QUERIES.postgres.article, rowMode: 'array' as const }
  const list = { name: 'bare-list', text: STORED_QUERIES.postgres.list, rowMode: 'array' as const }
  return {
    article: async (slug) => (await pool.query<[string]>({ ...article, values: [slug] })).rows[0]?.[0],
    list: async (limit) => (await pool.query<[string]>({ ...list, values: [limit] })).rows.map((row) => row[0])
  }
}

const reader = process.env.DATABASE_URL ? postgresReader(process.env.DATABASE_URL) : sqliteReader(process.env.DATABASE_PATH as string)

const app = Fastify({ logger: false })

app.get<{ Params: { slug: string } }>('/bare/articles/:slug', async (request, reply) => {
  const json = await reader.article(request.params.slug)
  if (json === undefined) return reply.status(404).type('application/json').send('{"status":404}')
  return reply.type('application/json; charset=utf-8').send(json)
})

app.get<{ Querystring: { limit?: string } }>('/bare/articles', async (request, reply) => {
  const limit = Math.min(LIST_LIMIT_MAX, Math.max(1, Number(request.query.limit ?? 20) || 20))
  const items = await reader.list(limit)
  return reply.type('application/json; charset=utf-8').send(`{"data":[${items.join(',')}],"meta":{"nextCursor":null,"limit":${limit}}}`)
})

app.get('/health', async () => ({ status: 'ok' }))

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
