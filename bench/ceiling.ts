// The ceiling: a bare Fastify server, none of our plugins, serving the same rows by the same prepared statements.
import Fastify from 'fastify'
import { openDatabase } from '../src/db/client.js'
import { createArticlesRepository } from '../src/modules/articles/articles.repository.js'

const path = process.env.DATABASE_PATH
if (!path) throw new Error('DATABASE_PATH names the dataset to serve')

const database = openDatabase(path)
const articles = createArticlesRepository(database.db)
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
