// The change feed as a mirror reads it: pages and tokens, tombstones, embargoes, caching and bad input.
import tap from 'tap'
import { buildTestApp } from '../../helpers/app.js'
import { brief, changesDuring, createArticle, feedPage, inFuture, readFeed, room as makeRoom, write, type Room } from './feed.helpers.js'

let room: Room
tap.before(async () => {
  room = await makeRoom(tap)
})

const published = async (fields: Record<string, unknown> = {}) => createArticle(room, { status: 'published', ...fields })
const token = (structure: unknown) => Buffer.from(JSON.stringify(structure)).toString('base64url')

tap.test('without since the feed starts at the first change, and pages follow in commit order', async (t) => {
  const fresh = await makeRoom(t)
  const first = await createArticle(fresh, { status: 'published' })
  const second = await createArticle(fresh, { status: 'published' })
  await write(fresh, 'DELETE', `/articles/${first.id}`)

  const one = await fresh.app.inject({ url: '/v1/changes?limit=2' })
  t.equal(one.statusCode, 200)
  const page = one.json()
  t.same(page.data.map(brief), [['published', first.id, null], ['published', second.id, second.headline]])
  t.equal(page.meta.hasMore, true)
  t.equal(one.headers.link, `<http://news.test/v1/changes?limit=2&since=${page.meta.next}>; rel="next"`)

  const two = await feedPage(fresh.app, { since: page.meta.next, limit: 2 })
  t.same(two.data.map(brief), [['deleted', first.id, null]])
  t.equal(two.meta.hasMore, false)
})

tap.test('a published change carries the article as GET /v1/articles/{slug} shows it with every body form, without replyCount', async (t) => {
  const article = await published()
  const { changes } = await readFeed(room.app)
  const change = changes.findLast((c) => c.id === article.id)
  const { replyCount, ...shown } = (await room.app.inject({ url: `/v1/articles/${article.slug}?formats=blocks,html,text` })).json()
  t.equal(typeof replyCount, 'number')
  t.same(change?.article, shown)
  t.match(change, { change: 'published', id: article.id, slug: article.slug, embargoedUntil: null, at: String })
})

tap.test('an up-to-date reader gets an empty page whose next is its own token, and a Link to poll again', async (t) => {
  const { next } = await readFeed(room.app)
  const res = await room.app.inject({ url: `/v1/changes?since=${next}&limit=10` })
  t.same(res.json(), { data: [], meta: { next, hasMore: false } })
  t.equal(res.headers.link, `<http://news.test/v1/changes?since=${next}&limit=10>; rel="next"`)
})

tap.test('an up-to-date reader revalidates with its ETag: 304 until something changes, then the change', async (t) => {
  const { next } = await readFeed(room.app)
  const url = `/v1/changes?since=${next}`
  const empty = await room.app.inject({ url })
  t.equal(empty.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300')
  t.match(empty.headers.vary, /authorization/, 'a partner\'s page differs from the public one: a cache keeps them apart')
  const etag = empty.headers.etag as string
  const unchanged = await room.app.inject({ url, headers: { 'if-none-match': etag } })
  t.equal(unchanged.statusCode, 304)
  t.equal(unchanged.body, '')

  const article = await published()
  const changed = await room.app.inject({ url, headers: { 'if-none-match': etag } })
  t.equal(changed.statusCode, 200)
  t.same(changed.json().data.map(brief), [['published', article.id, article.headline]])
})

tap.test('every page carries the surrogate key "changes", and the keys of each article it shows or buries', async (t) => {
  const kept = await published()
  const gone = await published()
  const { next } = await readFeed(room.app)
  const empty = await room.app.inject({ url: `/v1/changes?since=${next}` })
  t.equal(empty.headers['surrogate-key'], 'changes', 'the page every up-to-date reader asks for is purged with the key')

  const since = next
  await write(room, 'PATCH', `/articles/${kept.id}`, { headline: 'Kept, edited' })
  await write(room, 'DELETE', `/articles/${gone.id}`)
  const page = await room.app.inject({ url: `/v1/changes?since=${since}` })
  const keys = String(page.headers['surrogate-key']).split(' ')
  t.same(keys.slice(0, 3), ['changes', `article-${kept.id}`, `article-${gone.id}`])
  t.ok(keys.includes(`section-${room.sectionId}`) && keys.includes(`author-${room.authorId}`) && keys.includes(`tag-${room.tagId}`))
})

tap.test('an unpublished article is a tombstone with its id and slug', async (t) => {
  const article = await published()
  const seen = await changesDuring(room, () => write(room, 'POST', `/articles/${article.id}/unpublish`, {}))
  t.same(seen.public.map(({ at: _at, ...change }) => change), [{ change: 'unpublished', id: article.id, slug: article.slug, embargoedUntil: null, article: null }])
})

tap.test('a publication read after the article was taken down is a tombstone, and the next change says why', async (t) => {
  const { next } = await readFeed(room.app)
  const article = await published()
  await write(room, 'POST', `/articles/${article.id}/unpublish`, {})
  t.same((await readFeed(room.app, next)).changes.map(brief), [['published', article.id, null], ['unpublished', article.id, null]])
})

tap.test('an unpublication read after the article came back stays a tombstone, and the next change brings it back', async (t) => {
  const article = await published()
  const { next } = await readFeed(room.app)
  await write(room, 'POST', `/articles/${article.id}/unpublish`, {})
  await write(room, 'POST', `/articles/${article.id}/publish`, {})
  t.same((await readFeed(room.app, next)).changes.map(brief), [['unpublished', article.id, null], ['published', article.id, article.headline]])
})

tap.test('a partner\'s feed carries what is under embargo, with its time; the public feed leaves it out', async (t) => {
  const until = inFuture(48)
  let article = { id: 0, headline: '' }
  const seen = await changesDuring(room, async () => { article = await published({ embargoedUntil: until }) })
  t.same(seen.public, [])
  t.same(seen.partner.map(brief), [['published', article.id, article.headline]])
  t.equal(seen.partner[0]?.embargoedUntil, until)
})

tap.test('a reader\'s reply and its moderation change no page of the feed', async (t) => {
  const article = await published()
  const { next } = await readFeed(room.app)
  const reply = await room.app.inject({
    method: 'POST',
    url: `/v1/articles/${article.slug}/replies`,
    payload: { authorName: 'Amina', authorEmail: 'amina@example.org', body: 'Good news for the villages.' }
  })
  t.equal(reply.statusCode, 202, 'held for moderation')
  await write(room, 'PATCH', `/replies/${reply.json().id}`, { status: 'approved' })
  t.same(await feedPage(room.app, { since: next }), { data: [], meta: { next, hasMore: false } })
})

tap.test('limit takes 1 to 1000 changes a page', async (t) => {
  for (const limit of ['0', '1001', 'ten']) {
    const res = await room.app.inject({ url: `/v1/changes?limit=${limit}` })
    t.equal(res.statusCode, 400, `limit=${limit}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/limit' }] })
  }
  t.equal((await room.app.inject({ url: '/v1/changes?limit=1000' })).statusCode, 200)
})

tap.test('a since this feed did not issue is a 400 INVALID_CHANGES_TOKEN', async (t) => {
  const { next } = await readFeed(room.app)
  for (const since of [
    'not-a-token', token({ after: 1 }), token([2, 'public', 1]), token([1, 'everyone', 1]), token([1, 'public', -1]),
    token([1, 'public', 1.5]), token([1, 'public', '1']), token([1, 'public', 2 ** 31]), `${next}A`, `${next}!`
  ]) {
    const res = await room.app.inject({ url: `/v1/changes?since=${encodeURIComponent(since)}` })
    t.equal(res.statusCode, 400, since)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { status: 400, code: 'INVALID_CHANGES_TOKEN', detail: /meta\.next/ })
  }
})

tap.test('a since past the last change (another installation, a restored database) is a 400 CHANGES_TOKEN_AHEAD', async (t) => {
  const res = await room.app.inject({ url: `/v1/changes?since=${token([1, 'public', 1_000_000])}` })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'CHANGES_TOKEN_AHEAD', detail: /Leave since out/ })
})

tap.test('the public cannot tell that changes under embargo exist: a position past the last public change is ahead', async (t) => {
  const [, , lastPublic] = JSON.parse(Buffer.from((await readFeed(room.app)).next, 'base64url').toString()) as [number, string, number]
  await published({ embargoedUntil: inFuture(48) })
  const res = await room.app.inject({ url: `/v1/changes?since=${token([1, 'public', lastPublic + 1])}` })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'CHANGES_TOKEN_AHEAD' })
})

tap.test('a public token does not resume a partner\'s feed, nor a partner\'s token the public one', async (t) => {
  const publicNext = (await readFeed(room.app)).next
  const partnerNext = (await readFeed(room.app, undefined, room.partner)).next
  const asPartner = await room.app.inject({ url: `/v1/changes?since=${publicNext}`, headers: room.partner })
  t.equal(asPartner.statusCode, 400)
  t.match(asPartner.json(), { code: 'CHANGES_TOKEN_AUDIENCE_MISMATCH', detail: /would miss/ })
  const asPublic = await room.app.inject({ url: `/v1/changes?since=${partnerNext}` })
  t.equal(asPublic.statusCode, 400)
  t.match(asPublic.json(), { code: 'CHANGES_TOKEN_AUDIENCE_MISMATCH' })
})

tap.test('an empty newsroom answers an empty first page and a token to poll with', async (t) => {
  const app = await buildTestApp(t)
  const first = await feedPage(app, {})
  t.same(first.data, [])
  t.equal(first.meta.hasMore, false)
  t.same(await feedPage(app, { since: first.meta.next }), first)
})
