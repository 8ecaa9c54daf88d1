// A mirror that replays the change feed into an empty map, across a long run of random edits, ends up with exactly
// what the API serves: the public set for the public feed, and the partners' set (embargoes included) for theirs.
import tap from 'tap'
import type { ChangedArticle } from '../../../src/modules/changes/changes.schemas.js'
import { insertAuthor, insertSection } from '../../helpers/fixtures.js'
import { createArticle, feedPage, room as makeRoom, schedulerOf, write, type Headers, type Room } from './feed.helpers.js'

const SEED = 20_261_120
const OPERATIONS = 200

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
function seeded (seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296
  }
}

interface Modelled {
  status: 'draft' | 'scheduled' | 'published' | 'archived'
  embargoed: boolean
  withdrawn: boolean
}

interface PartnerCopy {
  embargoedUntil: string | null
  article: ChangedArticle
}

/** A reader of one feed that applies each change to its map, as the feed's description tells mirrors to. */
function mirror<T> (app: Room['app'], headers: Headers, copyOf: (change: { embargoedUntil: string | null, article: ChangedArticle }) => T) {
  const copies = new Map<number, T>()
  let next: string | undefined
  async function read (pages: number, limit: number): Promise<void> {
    for (let i = 0; i < pages; i++) {
      const page = await feedPage(app, { ...(next !== undefined && { since: next }), limit }, headers)
      for (const change of page.data) {
        if (change.article === null) copies.delete(change.id)
        else copies.set(change.id, copyOf({ embargoedUntil: change.embargoedUntil, article: change.article }))
      }
      next = page.meta.next
      if (!page.meta.hasMore) return
    }
  }
  return {
    copies,
    /** Reads up to `pages` pages of `limit` changes, stopping early when up to date. */
    read,
    catchUp: () => read(Number.POSITIVE_INFINITY, 100)
  }
}

function byId<T> (entries: Iterable<[number, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => a - b).map(([id, value]) => [String(id), value]))
}

async function everyArticleId (room: Room): Promise<number[]> {
  const ids: number[] = []
  let cursor: string | null = null
  do {
    const res = await room.app.inject({ url: `/v1/admin/articles?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`, headers: room.admin })
    const page: { data: Array<{ id: number }>, meta: { nextCursor: string | null } } = res.json()
    ids.push(...page.data.map((article) => article.id))
    cursor = page.meta.nextCursor
  } while (cursor !== null)
  return ids
}

/** What the public and partners are served, article by article, read from the API's other routes. */
async function servedSets (room: Room): Promise<{ public: Record<string, ChangedArticle>, partner: Record<string, PartnerCopy> }> {
  const publicSet = new Map<number, ChangedArticle>()
  const partnerSet = new Map<number, PartnerCopy>()
  for (const id of await everyArticleId(room)) {
    const writer = (await room.app.inject({ url: `/v1/admin/articles/${id}`, headers: room.admin })).json()
    const shown = await room.app.inject({ url: `/v1/articles/${writer.slug}?formats=blocks,html,text` })
    if (shown.statusCode === 200) {
      const { replyCount: _replyCount, ...article } = shown.json()
      publicSet.set(id, article)
      partnerSet.set(id, { embargoedUntil: null, article })
    } else if (writer.status === 'published') {
      // Under embargo: no public page to compare with, so the writer's view less what only writers see, withheld as
      // the public sees a withdrawn article.
      const { version: _version, createdBy: _createdBy, updatedBy: _updatedBy, embargoedUntil, replyCount: _replyCount, ...article } = writer
      const withheld = article.withdrawn === null ? {} : { excerpt: '', body: [], bodyHtml: '', bodyText: '', wordCount: 0 }
      partnerSet.set(id, { embargoedUntil, article: { ...article, ...withheld } })
    }
  }
  return { public: byId(publicSet), partner: byId(partnerSet) }
}

tap.test('a mirror replaying the feed in small pages across random edits holds the public set; a partner\'s holds the partners\' set', async (t) => {
  const room = await makeRoom(t)
  const random = seeded(SEED)
  const below = (n: number) => Math.floor(random() * n)
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T
  const chance = (p: number) => random() < p

  const world = room.sectionId
  const sections = [world, await insertSection(room.app, 'africa', world), await insertSection(room.app, 'sport')]
  const authors = [room.authorId, await insertAuthor(room.app, 'bea-okafor')]
  const tags = [room.tagId]
  const articles = new Map<number, Modelled>()
  // Embargoes and schedules fall due a minute apart from an hour ahead, so the scheduler can be run up to any of them.
  const embargoBase = Date.now() + 3600_000
  let embargoes = 0
  let schedules = 0
  let names = 0

  const publicMirror = mirror(room.app, {}, (change) => change.article)
  const partnerMirror = mirror(room.app, room.partner, (change): PartnerCopy => ({ embargoedUntil: change.embargoedUntil, article: change.article }))
  const withStatus = (...statuses: Array<Modelled['status']>) => [...articles].filter(([, a]) => statuses.includes(a.status)).map(([id]) => id)
  const nextEmbargo = () => new Date(embargoBase + ++embargoes * 60_000).toISOString()
  const nextSchedule = () => new Date(embargoBase + ++schedules * 60_000).toISOString()
  const fields = () => ({
    sectionId: pick(sections),
    authorIds: chance(0.3) ? [...authors] : [pick(authors)],
    tagIds: tags.filter(() => chance(0.5))
  })

  const operations: Array<[weight: number, run: () => Promise<unknown>]> = [
    [5, async () => {
      const created = await createArticle(room, fields())
      articles.set(created.id, { status: 'draft', embargoed: false, withdrawn: false })
    }],
    [5, async () => {
      const embargoed = chance(0.3)
      const created = await createArticle(room, { ...fields(), status: 'published', ...(embargoed && { embargoedUntil: nextEmbargo() }) })
      articles.set(created.id, { status: 'published', embargoed, withdrawn: false })
    }],
    [4, async () => {
      const id = pick(withStatus('draft', 'archived'))
      if (id === undefined) return
      await write(room, 'POST', `/articles/${id}/publish`, {})
      articles.set(id, { ...articles.get(id) as Modelled, status: 'published' })
    }],
    [6, async () => {
      const id = pick([...articles.keys()])
      if (id !== undefined) await write(room, 'PATCH', `/articles/${id}`, { headline: `Edited headline ${++names}`, ...(chance(0.3) && fields()) })
    }],
    [3, async () => {
      const id = pick(withStatus('published'))
      if (id === undefined) return
      const to = pick(['archived', 'draft'] as const)
      await write(room, 'POST', `/articles/${id}/unpublish`, { to })
      articles.set(id, { ...articles.get(id) as Modelled, status: to })
    }],
    [2, async () => {
      const id = pick([...articles.keys()])
      if (id === undefined) return
      await write(room, 'DELETE', `/articles/${id}`)
      articles.delete(id)
    }],
    [2, async () => {
      const id = pick([...articles.keys()])
      if (id !== undefined) await write(room, 'PATCH', `/articles/${id}`, { slug: `renamed-story-${++names}` })
    }],
    [2, async () => {
      // An embargo is set on what the public cannot read yet; publishing it later sends it to partners only.
      const id = pick(withStatus('draft', 'archived'))
      if (id === undefined) return
      await write(room, 'PATCH', `/articles/${id}`, { embargoedUntil: nextEmbargo() })
      articles.set(id, { ...articles.get(id) as Modelled, embargoed: true })
    }],
    [2, async () => {
      const lifted = await schedulerOf(room.app).liftDueEmbargoes(new Date(embargoBase + below(embargoes + 1) * 60_000 + 1))
      for (const id of lifted) articles.set(id, { ...articles.get(id) as Modelled, embargoed: false })
    }],
    [1, async () => {
      const id = pick([...articles].filter(([, a]) => a.status === 'published' && a.embargoed).map(([id]) => id))
      if (id === undefined) return
      await write(room, 'PATCH', `/articles/${id}`, { embargoedUntil: null })
      articles.set(id, { ...articles.get(id) as Modelled, embargoed: false })
    }],
    [2, async () => {
      const id = pick(withStatus('draft', 'archived'))
      if (id === undefined) return
      await write(room, 'POST', `/articles/${id}/publish`, { at: nextSchedule() })
      articles.set(id, { ...articles.get(id) as Modelled, status: 'scheduled' })
    }],
    [2, async () => {
      const published = await schedulerOf(room.app).publishDue(new Date(embargoBase + below(schedules + 1) * 60_000 + 1))
      for (const id of published) articles.set(id, { ...articles.get(id) as Modelled, status: 'published' })
    }],
    [1, async () => {
      const id = pick([...articles].filter(([, a]) => a.status === 'published' && !a.withdrawn).map(([id]) => id))
      if (id === undefined) return
      await write(room, 'POST', `/articles/${id}/withdraw`, { reason: 'Could not be verified.' })
      articles.set(id, { ...articles.get(id) as Modelled, withdrawn: true })
    }],
    [1, async () => {
      const id = pick([...articles].filter(([, a]) => a.withdrawn).map(([id]) => id))
      if (id === undefined) return
      await write(room, 'DELETE', `/articles/${id}/withdrawal`)
      articles.set(id, { ...articles.get(id) as Modelled, withdrawn: false })
    }],
    [1, async () => {
      const id = pick(withStatus('published'))
      if (id !== undefined) await write(room, 'POST', `/articles/${id}/corrections`, { kind: 'correction', text: `Correction ${++names}.` })
    }],
    [1, async () => write(room, 'PATCH', `/sections/${pick(sections)}`, { name: `Section ${++names}` })],
    [1, async () => write(room, 'PATCH', `/authors/${pick(authors)}`, { name: `Author ${++names}` })],
    [1, async () => {
      if (tags.length > 0) await write(room, 'PATCH', `/tags/${pick(tags)}`, { name: `Tag ${++names}` })
    }],
    [1, async () => {
      tags.push((await write(room, 'POST', '/tags', { name: `New tag ${++names}` })).json().id)
    }],
    [1, async () => {
      if (tags.length < 2) return
      const [id] = tags.splice(below(tags.length), 1)
      await write(room, 'DELETE', `/tags/${id}`)
    }]
  ]
  const totalWeight = operations.reduce((sum, [weight]) => sum + weight, 0)

  for (let i = 0; i < OPERATIONS; i++) {
    let roll = below(totalWeight)
    const [, run] = operations.find(([weight]) => (roll -= weight) < 0) as [number, () => Promise<unknown>]
    await run()
    if (chance(0.2)) await publicMirror.read(1 + below(3), 1 + below(7))
    if (chance(0.2)) await partnerMirror.read(1 + below(3), 1 + below(7))
  }
  // Whatever the run left, the partners' set ends with an article the public must not have.
  await createArticle(room, { ...fields(), status: 'published', embargoedUntil: nextEmbargo() })
  await publicMirror.catchUp()
  await partnerMirror.catchUp()

  const served = await servedSets(room)
  t.ok(Object.keys(served.public).length > 5, 'the run leaves public articles to compare')
  t.ok(Object.values(served.partner).some((copy) => copy.embargoedUntil !== null), 'and one under embargo at least')
  t.same(byId(publicMirror.copies), served.public)
  t.same(byId(partnerMirror.copies), served.partner)
})
