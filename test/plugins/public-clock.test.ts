import tap from 'tap'
import { authHeader, type Teardown } from '../helpers/app.js'
import { updateRows } from '../helpers/db.js'
import { createArticle, patchArticle, newsroom, type Headers, type Newsroom } from '../modules/articles/newsroom.js'

// Every public list, and a feed: a change to unpublished work must show in none of them.
const PUBLIC_LISTS = ['/v1/articles', '/v1/sections', '/v1/authors', '/v1/tags', '/v1/changes', '/v1/ninjs', '/feeds/rss.xml', '/sitemap.xml']
const LONG_AGO = '2026-01-05T08:00:00.000Z'
const LONG_AGO_HTTP = new Date(LONG_AGO).toUTCString()

function inFuture (ms = 24 * 3600 * 1000): string {
  return new Date(Date.now() + ms).toISOString()
}

/** Moves both clocks back, as if the last change were long ago: a change now shows as a later Last-Modified. */
async function rewindClocks (room: Newsroom): Promise<void> {
  await updateRows(room.app, 'settings', { value: LONG_AGO }, { key: 'content_changed_at' })
  await updateRows(room.app, 'settings', { value: LONG_AGO }, { key: 'syndicated_content_changed_at' })
}

async function validators (room: Newsroom, headers: Headers = {}): Promise<Record<string, { etag: unknown, lastModified: unknown }>> {
  const seen: Record<string, { etag: unknown, lastModified: unknown }> = {}
  for (const url of PUBLIC_LISTS) {
    const res = await room.app.inject({ url, headers })
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
    seen[url] = { etag: res.headers.etag, lastModified: res.headers['last-modified'] }
  }
  return seen
}

/** A newsroom with one public article, its clocks rewound. */
async function quietNewsroom (t: Teardown): Promise<Newsroom & { published: { id: number, slug: string } }> {
  const room = await newsroom(t)
  const published = await createArticle(room, { headline: 'Fishermen return to Lake Chad', status: 'published' })
  await rewindClocks(room)
  return { ...room, published }
}

tap.test('creating, editing and deleting a draft leaves the ETag and Last-Modified of every public list as they were', async (t) => {
  const room = await quietNewsroom(t)
  const before = await validators(room)
  t.equal(before['/v1/articles']?.lastModified, LONG_AGO_HTTP)

  const draft = await createArticle(room, { headline: 'Election results leak early', status: 'draft' })
  t.equal((await patchArticle(room, draft.id, { headline: 'Election results leak early, sources say', tagIds: [] })).statusCode, 200)
  const scheduled = await createArticle(room, { headline: 'Budget vote tomorrow', status: 'scheduled', scheduledAt: inFuture() })
  t.equal((await patchArticle(room, scheduled.id, { subtitle: 'What to expect' })).statusCode, 200)
  t.equal((await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${draft.id}`, headers: room.editor })).statusCode, 204)

  t.same(await validators(room), before)
})

tap.test('a change only partners see, to an article under embargo, leaves the public validators but moves the partners\' Last-Modified', async (t) => {
  const room = await quietNewsroom(t)
  const partner = await authHeader(room.app, 'partner')
  const before = await validators(room)
  const partnersBefore = await room.app.inject({ url: '/v1/ninjs', headers: partner })
  t.equal(partnersBefore.headers['last-modified'], LONG_AGO_HTTP)

  const embargoed = await createArticle(room, { headline: 'Central bank cuts rates', status: 'published', embargoedUntil: inFuture() })
  t.equal((await patchArticle(room, embargoed.id, { subtitle: 'A quarter point' })).statusCode, 200)

  t.same(await validators(room), before)
  const partnersAfter = await room.app.inject({ url: '/v1/ninjs', headers: partner })
  t.not(partnersAfter.headers['last-modified'], LONG_AGO_HTTP, 'partners read the embargoed article, so their clock moved')
  t.equal((await room.app.inject({ url: '/v1/ninjs', headers: { ...partner, 'if-modified-since': LONG_AGO_HTTP } })).statusCode, 200)
})

async function submitReply (room: Newsroom & { published: { slug: string } }): Promise<number> {
  const submitted = await room.app.inject({
    method: 'POST',
    url: `/v1/articles/${room.published.slug}/replies`,
    payload: { authorName: 'Reader', authorEmail: 'reader@example.com', body: 'Good to hear the lake is back.' }
  })
  if (submitted.statusCode !== 202) throw new Error(`submitting a reply failed: ${submitted.body}`)
  return submitted.json().id
}

function approve (room: Newsroom, replyId: number) {
  return room.app.inject({ method: 'PATCH', url: `/v1/admin/replies/${replyId}`, headers: room.editor, payload: { status: 'approved' } })
}

tap.test('a pending reply leaves the public clock; approving it moves it', async (t) => {
  const room = await quietNewsroom(t)
  const replyId = await submitReply(room)
  t.equal((await room.app.inject({ url: '/v1/articles' })).headers['last-modified'], LONG_AGO_HTTP)
  t.equal((await approve(room, replyId)).statusCode, 200)
  t.not((await room.app.inject({ url: '/v1/articles' })).headers['last-modified'], LONG_AGO_HTTP)
})

tap.test('approving a reply to an article taken down since leaves the public clock, as the public sees neither', async (t) => {
  const room = await quietNewsroom(t)
  const replyId = await submitReply(room)
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${room.published.id}/unpublish`, headers: room.editor, payload: {} })
  await rewindClocks(room)
  t.equal((await approve(room, replyId)).statusCode, 200)
  t.equal((await room.app.inject({ url: '/v1/articles' })).headers['last-modified'], LONG_AGO_HTTP)
})

for (const [change, act] of [
  ['publishing a draft', async (room: Newsroom) => {
    const draft = await createArticle(room, { headline: 'Rains return to the Sahel', status: 'draft' })
    return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: room.editor, payload: {} })
  }],
  ['editing a public article', async (room: Newsroom & { published: { id: number } }) => patchArticle(room, room.published.id, { headline: 'Fishermen return to a rising Lake Chad' })],
  ['unpublishing a public article', async (room: Newsroom & { published: { id: number } }) =>
    room.app.inject({ method: 'POST', url: `/v1/admin/articles/${room.published.id}/unpublish`, headers: room.editor, payload: {} })],
  ['renaming the section of a public article', async (room: Newsroom) =>
    room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: await authHeader(room.app, 'admin'), payload: { name: 'The World' } })]
] as const) {
  tap.test(`${change} moves the Last-Modified and ETag of the public article list`, async (t) => {
    const room = await quietNewsroom(t)
    const before = await room.app.inject({ url: '/v1/articles' })
    const res = await act(room)
    t.ok(res.statusCode < 300, `${change} answered ${res.statusCode}`)
    const after = await room.app.inject({ url: '/v1/articles' })
    t.not(after.headers['last-modified'], before.headers['last-modified'])
    t.not(after.headers.etag, before.headers.etag)
    t.equal((await room.app.inject({ url: '/v1/articles', headers: { 'if-modified-since': LONG_AGO_HTTP } })).statusCode, 200)
  })
}

tap.test('revoking the preview links of a public article leaves every clock: the public sees nothing of it', async (t) => {
  const room = await quietNewsroom(t)
  const partner = await authHeader(room.app, 'partner')
  const before = await validators(room)
  const revoked = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${room.published.id}/previews`, headers: room.editor })
  t.equal(revoked.statusCode, 204)
  t.same(await validators(room), before)
  t.equal((await room.app.inject({ url: '/v1/ninjs', headers: partner })).headers['last-modified'], LONG_AGO_HTTP)
})

tap.test('moderating a reply to a withdrawn article leaves the public clock, as the public sees no replies there', async (t) => {
  const room = await quietNewsroom(t)
  const replyId = await submitReply(room)
  const withdrawn = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${room.published.id}/withdraw`, headers: room.editor, payload: { reason: 'Not verified.' } })
  t.equal(withdrawn.statusCode, 200)
  t.equal((await room.app.inject({ url: `/v1/articles/${room.published.slug}/replies` })).statusCode, 404, 'the public reads no replies there')
  await rewindClocks(room)
  const before = await validators(room)
  t.equal((await approve(room, replyId)).statusCode, 200)
  t.same(await validators(room), before)
})

tap.test('creating, renaming and deleting a tag no public article carries leaves every public validator as it was', async (t) => {
  const room = await quietNewsroom(t)
  const before = await validators(room)
  const created = await room.app.inject({ method: 'POST', url: '/v1/admin/tags', headers: room.editor, payload: { name: 'Acme merger' } })
  t.equal(created.statusCode, 201)
  const id = created.json().id
  await createArticle(room, { headline: 'Acme to buy its rival', status: 'draft', tagIds: [id] })
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/tags/${id}`, headers: room.editor, payload: { name: 'Acme–Zenith merger' } })).statusCode, 200)
  t.equal((await room.app.inject({ method: 'DELETE', url: `/v1/admin/tags/${id}`, headers: room.editor })).statusCode, 204)
  t.same(await validators(room), before)
})

tap.test('a tag joins the public lists with the first public article that carries it, which moves the public clock', async (t) => {
  const room = await quietNewsroom(t)
  const created = await room.app.inject({ method: 'POST', url: '/v1/admin/tags', headers: room.editor, payload: { name: 'Acme merger' } })
  const draft = await createArticle(room, { headline: 'Acme to buy its rival', status: 'draft', tagIds: [created.json().id] })
  t.equal((await room.app.inject({ url: '/v1/tags' })).headers['last-modified'], LONG_AGO_HTTP)
  t.equal((await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: room.editor, payload: {} })).statusCode, 200)
  const tags = await room.app.inject({ url: '/v1/tags' })
  t.not(tags.headers['last-modified'], LONG_AGO_HTTP)
  t.ok(tags.json().data.some((tag: { slug: string }) => tag.slug === 'acme-merger'))
})

for (const [change, act] of [
  ['renaming', (room: Newsroom) => room.app.inject({ method: 'PATCH', url: `/v1/admin/tags/${room.tagId}`, headers: room.editor, payload: { name: 'Lake Chad' } })],
  ['deleting', (room: Newsroom) => room.app.inject({ method: 'DELETE', url: `/v1/admin/tags/${room.tagId}`, headers: room.editor })]
] as const) {
  tap.test(`${change} a tag a public article carries moves the public clock`, async (t) => {
    const room = await quietNewsroom(t)
    t.ok((await act(room)).statusCode < 300)
    t.not((await room.app.inject({ url: '/v1/tags' })).headers['last-modified'], LONG_AGO_HTTP)
  })
}

tap.test('adding and editing an author no public article credits leaves every public validator as it was', async (t) => {
  const room = await quietNewsroom(t)
  const before = await validators(room)
  const created = await room.app.inject({ method: 'POST', url: '/v1/admin/authors', headers: room.editor, payload: { name: 'Star Reporter', jobTitle: 'Investigations' } })
  t.equal(created.statusCode, 201)
  await createArticle(room, { headline: 'Acme to buy its rival', status: 'draft', authorIds: [created.json().id] })
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${created.json().id}`, headers: room.editor, payload: { bio: 'Joins from a rival.' } })).statusCode, 200)
  t.same(await validators(room), before)
})

tap.test('editing an author a public article credits moves the public clock', async (t) => {
  const room = await quietNewsroom(t)
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${room.authorId}`, headers: room.editor, payload: { jobTitle: 'Editor' } })).statusCode, 200)
  t.not((await room.app.inject({ url: '/v1/authors' })).headers['last-modified'], LONG_AGO_HTTP)
})
