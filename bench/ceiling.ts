// The ceiling: a bare Fastify server, none of our plugins, serving the same rows through the same repository, on
// the same engine (DATABASE_URL for PostgreSQL, else the SQLite file at DATABASE_PATH).
import Fastify from 'fastify'
import { loadConfig } from '../src/config.js'
import { openStore } from '../src/db/open-store.js'

const store = await openStore(loadConfig(process.env))
const articles = store.read.articles
// No response schemas: Fastify's default JSON.stringify, as a bare Fastify user would start.
const app = Fastify({ logger: false })

app.get<{ Params: { slug: string } }>('/articles/:slug', async (request, reply) => {
  const article = await articles.findPublishedBySlug(request.params.slug)
  if (!article) return reply.status(404).send({ status: 404 })
  return article
})

app.get<{ Querystring: { limit?: string } }>('/articles', async (request) => {
  const limit = Number(request.query.limit ?? 20)
  const page = await articles.listPublished({ limit, sort: '-publishedAt' })
  return { data: page.data, meta: { nextCursor: page.nextCursor, limit } }
})

app.get('/health', async () => ({ status: 'ok' }))

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
