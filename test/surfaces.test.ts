// The Content API and the Admin API: which operations live where, and how the Admin API is kept apart.
import t from 'tap'
import { authHeader, buildTestApp } from './helpers/app.js'
import { countRows } from './helpers/db.js'

interface Operation {
  method: string
  path: string
  operationId: string
  tags: string[]
  security?: Array<Record<string, string[]>>
}

async function operations (t: Parameters<typeof buildTestApp>[0]): Promise<Operation[]> {
  const app = await buildTestApp(t)
  const document = (await app.inject({ url: '/openapi.json' })).json()
  return Object.entries(document.paths as Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ ...operation, method, path })))
}

// Clients generated from the spec name their functions by these: a move between surfaces must not rename one.
const OPERATION_IDS = [
  'createArticle', 'createArticleCorrection', 'createArticlePreview', 'createAuthor', 'createSection', 'createTag',
  'createToken', 'deleteArticle', 'deleteAuthor', 'deleteReply', 'deleteSection', 'deleteTag', 'getArticle',
  'getArticleById', 'getArticlePreview', 'getArticleRevision', 'getArticlesSitemap', 'getAtomFeed', 'getAuthor', 'getAuthorsSitemap',
  'getHealth', 'getJsonFeed', 'getNewsSitemap', 'getReply', 'getRobots', 'getRssFeed', 'getSection', 'getSectionsSitemap', 'getSitemapIndex',
  'getTag', 'listArticleReplies', 'listArticleRevisions', 'listArticles', 'listArticlesForEditors', 'listAuthors', 'listChanges', 'listNinjsItems',
  'listRelatedArticles',
  'listRepliesForModeration', 'listSections', 'listTags', 'listTokens', 'moderateReplies', 'moderateReply',
  'publishArticle', 'reinstateArticle', 'restoreArticleRevision', 'revokeArticlePreviews', 'revokeToken', 'submitReply', 'unpublishArticle',
  'updateArticle', 'updateAuthor', 'updateSection', 'updateTag', 'withdrawArticle',
  'createWebhook', 'listWebhooks', 'getWebhook', 'updateWebhook', 'rotateWebhookSecret', 'deleteWebhook', 'listWebhookDeliveries',
  'redeliverWebhookDelivery', 'getLiveness', 'getReadiness',
  'listTagsForEditors', 'listAuthorsForEditors'
]

t.test('every operation keeps the operationId it had before the API was split in two', async (t) => {
  const ids = (await operations(t)).map((operation) => operation.operationId).sort()
  t.same(ids, [...OPERATION_IDS].sort())
})

t.test('every operation that needs a token is under /v1/admin/, tagged Admin, and nothing else is', async (t) => {
  for (const operation of await operations(t)) {
    const needsToken = (operation.security ?? []).length > 0
    const name = `${operation.method.toUpperCase()} ${operation.path}`
    t.equal(operation.path.startsWith('/v1/admin/'), needsToken, `${name} is where its token rule puts it`)
    t.equal(operation.tags[0]?.startsWith('Admin: '), needsToken, `${name} is in its surface's group`)
  }
})

t.test('no two paths of the spec are the same template', async (t) => {
  const templates = (await operations(t)).map((operation) => `${operation.method} ${operation.path.replace(/\{[^}]+\}/g, '{}')}`)
  t.equal(new Set(templates).size, templates.length)
})

t.test('every Admin API response is private and never stored, success or error', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const editor = await authHeader(app, 'editor')
  for (const request of [
    { url: '/v1/admin/articles/1', headers: editor },
    { url: '/v1/admin/articles/999999', headers: editor },
    { url: '/v1/admin/articles/1' },
    { url: '/v1/admin/replies', headers: editor },
    { method: 'POST' as const, url: '/v1/admin/tags', headers: editor, payload: { name: 'Fisheries' } },
    { method: 'POST' as const, url: '/v1/admin/tags', headers: editor, payload: {} }
  ]) {
    const res = await app.inject(request)
    t.equal(res.headers['cache-control'], 'private, no-store', `${request.method ?? 'GET'} ${request.url} answers ${res.statusCode}, private`)
    t.equal(res.headers['surrogate-key'], undefined, 'nothing for a CDN to key on')
  }
})

t.test('a writer\'s verb sent to a Content API path changes nothing', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const editor = await authHeader(app, 'editor')
  const articles = await countRows(app, 'articles')
  const res = await app.inject({ method: 'DELETE', url: '/v1/articles/1', headers: editor })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'GET, HEAD')
  t.equal(await countRows(app, 'articles'), articles)
})

t.test('the Content API reads by slug and the Admin API by id, each at its own path', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const editor = await authHeader(app, 'editor')
  const [newest] = (await app.inject({ url: '/v1/articles?limit=1' })).json().data
  const bySlug = await app.inject({ url: `/v1/articles/${newest.slug}` })
  const byId = await app.inject({ url: `/v1/admin/articles/${newest.id}`, headers: editor })
  t.equal(bySlug.statusCode, 200)
  t.equal(byId.statusCode, 200)
  t.equal(byId.json().slug, bySlug.json().slug)
  t.equal(byId.json().version, 1, 'the writer\'s view carries the version')
  t.equal(bySlug.json().version, undefined, 'the public view does not')
})
