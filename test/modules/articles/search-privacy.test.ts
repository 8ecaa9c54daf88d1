import tap from 'tap'
import { createArticlesService } from '../../../src/modules/articles/articles.service.js'
import { createArticlesScheduler } from '../../../src/modules/articles/articles.scheduler.js'
import { insertRows } from '../../helpers/db.js'
import { createDraft, inFuture, newsroom, type Newsroom } from './workflow.helpers.js'

// Public search is computed from public content only: nothing an editor does to unpublished work shows in what a
// reader's search returns, its order, snippets or cursors.

const paragraph = (text: string) => [{ type: 'paragraph' as const, text }]

async function publish (room: Newsroom, headline: string, text: string, fields: Record<string, unknown> = {}) {
  return await createDraft(room, { headline, body: paragraph(text), status: 'published', ...fields })
}

async function admin (room: Newsroom, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const res = await room.app.inject({ method, url: `/v1/admin/articles${url}`, headers: room.editor, ...(payload ? { payload } : {}) })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
}

async function headlines (room: Newsroom, q: string): Promise<string[]> {
  const res = await room.app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` })
  return res.json().data.map((item: { headline: string }) => item.headline)
}

/** Every page of a relevance search, one article a page with the count, bodies as the reader gets them. */
async function allPages (room: Newsroom, q: string): Promise<unknown[]> {
  const pages: unknown[] = []
  for (let url: string | null = `/v1/articles?q=${q}&limit=1&total=true`; url;) {
    const body: { meta: { nextCursor: string | null } } = (await room.app.inject({ url })).json()
    pages.push(body)
    url = body.meta.nextCursor === null ? null : `/v1/articles?q=${q}&limit=1&total=true&cursor=${body.meta.nextCursor}`
  }
  return pages
}

tap.test('saving and deleting a draft that contains the searched word changes nothing in public search results', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Election day in Dakar', 'Queues formed before dawn.')
  await publish(room, 'Turnout high', 'The election drew record numbers; the election commission was pleased.')
  await publish(room, 'Markets calm', 'Traders shrugged off the election.')
  const before = await allPages(room, 'election')
  t.equal(before.length, 3)

  const draft = await createDraft(room, { headline: 'Election election', body: paragraph('election '.repeat(40)) })
  t.same(await allPages(room, 'election'), before, 'a draft moves no score, order, snippet, cursor or count')
  await admin(room, 'DELETE', `/${draft.id}`)
  t.same(await allPages(room, 'election'), before, 'nor does deleting it')
})

tap.test('a relevance cursor carries no score: the same article at the same place gives the same cursor however well it matches', async (t) => {
  const room = await newsroom(t)
  const first = await publish(room, 'Election day in Dakar', 'Queues formed before dawn.')
  await publish(room, 'Markets calm', 'Traders shrugged off the election.')
  const cursor = async () => (await room.app.inject({ url: '/v1/articles?q=election&limit=1' })).json().meta.nextCursor
  const before = await cursor()
  await admin(room, 'PATCH', `/${first.id}`, { body: paragraph('The election, the election, the election.') })
  t.equal(await cursor(), before)
})

tap.test('a relevance cursor pages on after its article, and from its place when that article has left the results', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Election day', 'The election.')
  await publish(room, 'Election results', 'Counted.')
  await publish(room, 'Turnout', 'The election drew crowds.')
  await publish(room, 'Markets', 'Traders and the election.')
  const ids = async (cursor?: string) => {
    const { data, meta } = (await room.app.inject({ url: `/v1/articles?q=election&limit=2${cursor ? `&cursor=${cursor}` : ''}` })).json()
    return { ids: data.map((item: { id: number }) => item.id) as number[], cursor: meta.nextCursor as string }
  }
  const one = await ids()
  const two = await ids(one.cursor)
  t.equal(new Set([...one.ids, ...two.ids]).size, 4, 'every hit once over the pages')

  await admin(room, 'POST', `/${one.ids[1]}/unpublish`, {})
  t.same((await ids(one.cursor)).ids, two.ids, 'the cursor\'s article taken down, the next page is still what followed it')
})

tap.test('a cursor naming an unpublished article tells nothing about it', async (t) => {
  const room = await newsroom(t)
  for (const headline of ['Election day', 'Election results', 'Turnout']) await publish(room, headline, 'The election.')
  const draft = await createDraft(room, { headline: 'Election secrets', body: paragraph('election election election') })
  const other = await createDraft(room, { headline: 'Weather', body: paragraph('Rain.') })
  const page = async (id: number) => {
    const cursor = Buffer.from(JSON.stringify(['relevance', '1', id])).toString('base64url')
    return (await room.app.inject({ url: `/v1/articles?q=election&limit=1&cursor=${cursor}` })).json()
  }
  t.same(await page(draft.id), await page(other.id))
})

tap.test('drafts matching the words never push public articles out of the ranked window', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Election day', 'Queues formed before dawn.')
  // More unpublished matches than relevance ranks, all newer than the public one.
  await insertRows(room.app, 'articles', Array.from({ length: 2000 }, (_, i) => ({
    slug: `draft-${i}`,
    headline: `Election draft ${i}`,
    excerpt: '',
    body: paragraph('Election.'),
    bodyHtml: '<p>Election.</p>',
    bodyText: 'Election.',
    wordCount: 1,
    readingTime: 1,
    sectionId: room.sectionId,
    status: 'draft' as const
  })))
  t.same(await headlines(room, 'election'), ['Election day'])
})

tap.test('public search follows what the public sees through every change of visibility', async (t) => {
  const room = await newsroom(t)
  const article = await createDraft(room, { headline: 'Drought in the Sahel', body: paragraph('Herders move south.') })
  t.same(await headlines(room, 'drought'), [], 'a draft is not found')
  await admin(room, 'POST', `/${article.id}/publish`, {})
  t.same(await headlines(room, 'drought'), ['Drought in the Sahel'], 'published: found')
  await admin(room, 'PATCH', `/${article.id}`, { headline: 'Floods in the Sahel' })
  t.same(await headlines(room, 'drought'), [], 'an edit of a published article drops the old words')
  t.same(await headlines(room, 'floods'), ['Floods in the Sahel'], 'and indexes the new ones')
  await admin(room, 'POST', `/${article.id}/unpublish`, { to: 'draft' })
  t.same(await headlines(room, 'floods'), [], 'unpublished: gone')
  await admin(room, 'PATCH', `/${article.id}`, { headline: 'Locusts in the Sahel' })
  t.same(await headlines(room, 'locusts'), [], 'an edit of the draft stays private')
  await admin(room, 'POST', `/${article.id}/publish`, {})
  t.same(await headlines(room, 'locusts'), ['Locusts in the Sahel'], 'republished with its new words')
  await admin(room, 'POST', `/${article.id}/withdraw`, { reason: 'The report relied on a source that proved unreliable.' })
  t.same(await headlines(room, 'locusts'), [], 'withdrawn: gone')
  await admin(room, 'DELETE', `/${article.id}/withdrawal`)
  t.same(await headlines(room, 'locusts'), ['Locusts in the Sahel'], 'withdrawal undone: found')
  await admin(room, 'POST', `/${article.id}/unpublish`, {})
  t.same(await headlines(room, 'locusts'), [], 'archived: gone')
  await admin(room, 'POST', `/${article.id}/publish`, {})
  await admin(room, 'DELETE', `/${article.id}`)
  t.same(await headlines(room, 'locusts'), [], 'deleted: gone')
})

tap.test('an embargoed article is found only once the scheduler lifts its embargo', async (t) => {
  const room = await newsroom(t)
  const until = inFuture(60_000)
  await publish(room, 'Budget leaked early', 'Ministers met.', { embargoedUntil: until })
  t.same(await headlines(room, 'budget'), [])
  const scheduler = createArticlesScheduler({ articles: createArticlesService(room.app.store), log: room.app.log, intervalMs: 1000 })
  await scheduler.liftDueEmbargoes(new Date(Date.parse(until) + 1000))
  t.same(await headlines(room, 'budget'), ['Budget leaked early'])
})

tap.test('snippet markers written into article text never become <mark> in anyone\'s search', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Turnout', 'Queues \uE000formed\uE001 early on election day, \uE001and\uE000 stayed.')
  const marks = (html: string) => html.match(/<mark>[^<]*<\/mark>/g)
  const [hit] = (await room.app.inject({ url: '/v1/articles?q=election' })).json().data
  t.same(marks(hit.snippet), ['<mark>election</mark>'], 'public search')
  const [edited] = (await room.app.inject({ url: '/v1/admin/articles?q=election', headers: room.editor })).json().data
  t.same(marks(edited.snippet), ['<mark>election</mark>'], 'the editors\' list')
  t.same(await headlines(room, 'formed'), ['Turnout'], 'the words around the markers are still found')
})
