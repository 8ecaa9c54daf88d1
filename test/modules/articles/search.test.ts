import tap from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { insertAuthor, insertSection } from '../../helpers/fixtures.js'
import { snippetToHtml, toFtsQuery } from '../../../src/modules/articles/articles.search.js'

interface Newsroom {
  app: FastifyInstance
  editor: { authorization: string }
  sectionId: number
  authorId: number
}

async function newsroom (t: Teardown): Promise<Newsroom> {
  const app = await buildTestApp(t)
  return { app, editor: await authHeader(app, 'editor'), sectionId: await insertSection(app), authorId: await insertAuthor(app) }
}

async function publish (room: Newsroom, headline: string, text: string, fields: Record<string, unknown> = {}) {
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { headline, body: [{ type: 'paragraph', text }], sectionId: room.sectionId, authorIds: [room.authorId], status: 'published', ...fields }
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json() as { id: number, slug: string }
}

async function search (room: Newsroom, q: string, extra = '') {
  return room.app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}${extra}` })
}

const headlinesOf = (body: { data: Array<{ headline: string }> }) => body.data.map((a) => a.headline)

tap.test('a word in the headline ranks above the same word in the body', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Markets calm after the vote', 'Traders said the harvest in Maradi was early this year.')
  await publish(room, 'Maradi opens its grain reserve', 'Councillors voted on Tuesday.')
  const res = await search(room, 'maradi')
  t.equal(res.statusCode, 200)
  t.same(headlinesOf(res.json()), ['Maradi opens its grain reserve', 'Markets calm after the vote'])
})

tap.test('search is accent-insensitive both ways', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Élections au Sénégal', 'Dakar vote.')
  await publish(room, 'Senegal beats Ghana', 'Football.')
  t.same(headlinesOf((await search(room, 'Senegal')).json()).sort(), ['Senegal beats Ghana', 'Élections au Sénégal'])
  t.same(headlinesOf((await search(room, 'sénégal élections')).json()), ['Élections au Sénégal'])
})

tap.test('every word must match', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Lake Chad fishermen return', 'The water rose.')
  await publish(room, 'Lake Victoria ferries', 'New boats.')
  t.same(headlinesOf((await search(room, 'lake chad')).json()), ['Lake Chad fishermen return'])
})

tap.test('each hit carries a snippet of safe HTML with the matches marked', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Budget vote', 'The <b>council</b> said "5 < 6" & voted for the budget on Tuesday.')
  const { data } = (await search(room, 'budget')).json()
  t.equal(data.length, 1)
  t.match(data[0].snippet, /<mark>budget<\/mark>/i)
  t.notMatch(data[0].snippet.replace(/<\/?mark>/g, ''), /[<>"]/, 'nothing but <mark> is markup')
  const plain = (await room.app.inject({ url: '/v1/articles' })).json()
  t.notOk('snippet' in plain.data[0], 'no snippet without q')
})

tap.test('a snippet never lets article text become markup, and every <mark> closes', async (t) => {
  t.equal(snippetToHtml('a \uE000<script>\uE001 & "b"'), 'a <mark>&lt;script&gt;</mark> &amp; &quot;b&quot;')
  t.equal(snippetToHtml('\uE000open \uE000twice'), '<mark>open twice</mark>')
  t.equal(snippetToHtml('stray \uE001close'), 'stray close')
})

tap.test('reader text is quoted word by word before it reaches FTS5', async (t) => {
  t.equal(toFtsQuery('lake chad'), '"lake" "chad"')
  t.equal(toFtsQuery('say "hi" OR NEAR(x)'), '"say" """hi""" "OR" "NEAR(x)"')
  t.equal(toFtsQuery('* : ( ) - 🙂'), null)
  t.equal(toFtsQuery('a\u0000b'), '"a" "b"')
})

tap.test('any string is accepted: operators, quotes, emoji and noise never give a 500', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Lake Chad fishermen return', 'Fishing crews "returned" to the shore (again) on Monday: AND they stayed.')
  const nasty = [
    '"', '""', '"lake', 'lake"', 'lake" OR "x', 'AND', 'OR', 'NOT', 'NEAR', 'lake AND', 'OR chad', 'NOT lake', 'NEAR(lake chad)',
    'NEAR(lake chad, 2)', 'lake NEAR/2 chad', '*', 'lak*', '^lake', 'headline:lake', 'body_text:chad', '{headline subtitle}: lake',
    '(', ')', '(lake', 'lake)', '(lake OR chad) AND NOT x', '-lake', '+lake', 'lake -chad', ':', '::', 'lake:', "'", "lake'", '\\',
    '🙂', '🙂 lake', 'lake🙂', '👨‍👩‍👧‍👦', '\uE000lake\uE001', '\u202Eekal', 'ｌａｋｅ', 'ß', 'İ',
    'rank', 'rowid', 'articles_fts', "'); drop table articles; --", '%', '_', 'NULL', 'lake\tchad\nreturn',
    'x'.repeat(2000), Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ').slice(0, 2000),
    Array.from({ length: 2000 }, (_, i) => String.fromCharCode(33 + (i * 7919) % 94)).join('')
  ]
  for (const q of nasty) {
    for (const extra of ['', '&sort=-publishedAt', '&section=world']) {
      const res = await search(room, q, extra)
      t.equal(res.statusCode, 200, `${JSON.stringify(q.slice(0, 40))}${extra}: ${res.statusCode === 200 ? '' : res.body}`)
    }
  }
  t.same(headlinesOf((await search(room, 'lake AND chad')).json()), ['Lake Chad fishermen return'], 'AND is a word, and the body has it')
  t.same(headlinesOf((await search(room, 'lake OR nowhere')).json()), [], 'OR is a word too, not a union')
})

tap.test('a NUL character in q is a 400 naming the parameter, as in any other text', async (t) => {
  const room = await newsroom(t)
  for (const q of ['\u0000', 'lake\u0000chad']) {
    const res = await search(room, q)
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/q', message: /NUL/ }] })
  }
})

tap.test('q of only punctuation matches nothing', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Lake Chad', 'Text.')
  const res = await search(room, '!!! ... ---')
  t.equal(res.statusCode, 200)
  t.same(res.json(), { data: [], meta: { nextCursor: null, limit: 20 } })
})

tap.test('q longer than 2,000 characters is a 400 problem', async (t) => {
  const room = await newsroom(t)
  const res = await search(room, 'x'.repeat(2001))
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/q' }] })
})

tap.test('the index follows edits and deletions', async (t) => {
  const room = await newsroom(t)
  const article = await publish(room, 'Drought in the Sahel', 'Herders move south.')
  t.same(headlinesOf((await search(room, 'drought')).json()), ['Drought in the Sahel'])
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { headline: 'Floods in the Sahel' } })
  t.same(headlinesOf((await search(room, 'drought')).json()), [])
  t.same(headlinesOf((await search(room, 'floods')).json()), ['Floods in the Sahel'])
  await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${article.id}`, headers: room.editor })
  t.same(headlinesOf((await search(room, 'floods')).json()), [])
  t.same(headlinesOf((await search(room, 'sahel')).json()), [])
})

tap.test('drafts are not found by search', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Secret budget draft', 'Not yet.', { status: 'draft' })
  t.same(headlinesOf((await search(room, 'budget')).json()), [])
})

tap.test('search results page by relevance with a cursor, and can be sorted by date', async (t) => {
  const room = await newsroom(t)
  for (let i = 0; i < 5; i++) {
    await publish(room, i % 2 === 0 ? `Harvest report ${i}` : `Report ${i}`, `harvest ${'word '.repeat(i)}`, { publishedAt: `2026-01-0${i + 1}T00:00:00Z` })
  }
  const seen: string[] = []
  let url = '/v1/articles?q=harvest&limit=2'
  for (;;) {
    const res = await room.app.inject({ url })
    const { data, meta } = res.json()
    seen.push(...headlinesOf({ data }))
    if (meta.nextCursor === null) break
    t.match(res.headers.link, /rel="next"/)
    url = `/v1/articles?q=harvest&limit=2&cursor=${meta.nextCursor}`
  }
  t.equal(seen.length, 5)
  t.equal(new Set(seen).size, 5)
  t.same(seen.slice(0, 3).sort(), ['Harvest report 0', 'Harvest report 2', 'Harvest report 4'], 'headline hits first')
  t.same(headlinesOf((await search(room, 'harvest', '&sort=publishedAt')).json()), ['Harvest report 0', 'Report 1', 'Harvest report 2', 'Report 3', 'Harvest report 4'])
})
