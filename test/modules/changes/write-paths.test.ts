// Every write that changes what the public or partners see shows in the change feed, whichever path made it.
import tap from 'tap'
import { brief, changesDuring, createArticle, inFuture, room as makeRoom, schedulerOf, write, type Room } from './feed.helpers.js'
import { insertSection } from '../../helpers/fixtures.js'

let room: Room
tap.before(async () => {
  room = await makeRoom(tap)
})

const published = async (fields: Record<string, unknown> = {}) => createArticle(room, { status: 'published', ...fields })

tap.test('creating a draft shows nothing; creating a published article shows it published', async (t) => {
  let article = { id: 0, headline: '' }
  const seen = await changesDuring(room, async () => {
    await createArticle(room)
    article = await published()
  })
  t.same(seen.public.map(brief), [['published', article.id, article.headline]])
  t.same(seen.partner.map(brief), [['published', article.id, article.headline]])
})

tap.test('editing a published article shows it updated, as it is now', async (t) => {
  const article = await published()
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/articles/${article.id}`, { headline: 'Waters rise on Lake Chad' }))
  t.same(seen.public.map(brief), [['updated', article.id, 'Waters rise on Lake Chad']])
  t.same(seen.partner.map(brief), seen.public.map(brief))
})

tap.test('editing a draft shows nothing', async (t) => {
  const draft = await createArticle(room)
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/articles/${draft.id}`, { headline: 'Still a draft' }))
  t.same(seen, { public: [], partner: [] })
})

tap.test('renaming an article\'s slug shows it updated under its new slug', async (t) => {
  const article = await published()
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/articles/${article.id}`, { slug: 'lake-chad-renamed' }))
  t.match(seen.public, [{ change: 'updated', id: article.id, slug: 'lake-chad-renamed', article: { slug: 'lake-chad-renamed' } }])
})

tap.test('publishing a draft shows it published', async (t) => {
  const draft = await createArticle(room)
  const seen = await changesDuring(room, () => write(room, 'POST', `/articles/${draft.id}/publish`, {}))
  t.same(seen.public.map(brief), [['published', draft.id, draft.headline]])
})

tap.test('unpublishing shows a tombstone, to archived and back to draft alike', async (t) => {
  const archived = await published()
  const redrafted = await published()
  const seen = await changesDuring(room, async () => {
    await write(room, 'POST', `/articles/${archived.id}/unpublish`, { to: 'archived' })
    await write(room, 'POST', `/articles/${redrafted.id}/unpublish`, { to: 'draft' })
  })
  t.same(seen.public.map(brief), [['unpublished', archived.id, null], ['unpublished', redrafted.id, null]])
})

tap.test('scheduling shows nothing; the scheduler publishing it shows it published', async (t) => {
  const draft = await createArticle(room)
  const at = inFuture(1)
  const scheduling = await changesDuring(room, () => write(room, 'POST', `/articles/${draft.id}/publish`, { at }))
  t.same(scheduling, { public: [], partner: [] })
  const publishing = await changesDuring(room, () => schedulerOf(room.app).publishDue(new Date(Date.parse(at) + 1000)))
  t.same(publishing.public.map(brief), [['published', draft.id, draft.headline]])
})

tap.test('an article published under embargo goes to partners with its embargo, and to nobody else', async (t) => {
  const until = inFuture(2)
  let article = { id: 0, headline: '' }
  const seen = await changesDuring(room, async () => { article = await published({ embargoedUntil: until }) })
  t.same(seen.public, [])
  t.match(seen.partner, [{ change: 'published', id: article.id, embargoedUntil: until, article: { headline: article.headline } }])
  t.notOk('embargoedUntil' in (seen.partner[0]?.article ?? {}), 'the article itself is the public representation')
})

tap.test('the scheduler lifting an embargo publishes the article to the public', async (t) => {
  // Sooner than every other embargo here, so that the scheduler lifts this one alone.
  const until = inFuture(1)
  const article = await published({ embargoedUntil: until })
  const seen = await changesDuring(room, () => schedulerOf(room.app).liftDueEmbargoes(new Date(Date.parse(until) + 1000)))
  t.match(seen.public, [{ change: 'published', id: article.id, embargoedUntil: null, article: { headline: article.headline, publishedAt: until } }])
  t.match(seen.partner, [{ change: 'published', id: article.id, embargoedUntil: null }])
  t.equal(seen.public[0]?.article?.publishedAt, until, 'the article is published when its embargo ends, not when it was written')
})

tap.test('lifting an embargo by hand publishes the article to the public', async (t) => {
  const article = await published({ embargoedUntil: inFuture(4) })
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/articles/${article.id}`, { embargoedUntil: null }))
  t.same(seen.public.map(brief), [['published', article.id, article.headline]])
})

tap.test('editing, unpublishing or deleting an article under embargo shows to partners only', async (t) => {
  const edited = await published({ embargoedUntil: inFuture(5) })
  const unpublished = await published({ embargoedUntil: inFuture(5) })
  const deleted = await published({ embargoedUntil: inFuture(5) })
  const seen = await changesDuring(room, async () => {
    await write(room, 'PATCH', `/articles/${edited.id}`, { headline: 'Embargoed, edited' })
    await write(room, 'POST', `/articles/${unpublished.id}/unpublish`, {})
    await write(room, 'DELETE', `/articles/${deleted.id}`)
  })
  t.same(seen.public, [])
  t.same(seen.partner.map(brief), [['updated', edited.id, 'Embargoed, edited'], ['unpublished', unpublished.id, null], ['deleted', deleted.id, null]])
})

tap.test('a correction shows the article updated with its correction', async (t) => {
  const article = await published()
  const seen = await changesDuring(room, () => write(room, 'POST', `/articles/${article.id}/corrections`, { kind: 'correction', text: 'The lake is in Chad.' }))
  t.match(seen.public, [{ change: 'updated', id: article.id, article: { corrections: [{ kind: 'correction', text: 'The lake is in Chad.' }] } }])
})

tap.test('withdrawing shows the article updated with its notice and without its body; reinstating brings the body back', async (t) => {
  const article = await published()
  const withdrawal = await changesDuring(room, () => write(room, 'POST', `/articles/${article.id}/withdraw`, { reason: 'Unverified.' }))
  t.match(withdrawal.public, [{ change: 'updated', id: article.id, article: { withdrawn: { reason: 'Unverified.' }, body: [], bodyHtml: '' } }])
  const reinstatement = await changesDuring(room, () => write(room, 'DELETE', `/articles/${article.id}/withdrawal`))
  t.match(reinstatement.public, [{ change: 'updated', id: article.id, article: { withdrawn: null, body: [{ type: 'paragraph' }] } }])
})

tap.test('restoring a revision shows the article updated with the restored text', async (t) => {
  const article = await published()
  await write(room, 'PATCH', `/articles/${article.id}`, { headline: 'A headline to undo' })
  const seen = await changesDuring(room, () => write(room, 'POST', `/articles/${article.id}/revisions/1/restore`))
  t.same(seen.public.map(brief), [['updated', article.id, article.headline]])
})

tap.test('deleting a published article shows a tombstone with its id and slug; deleting a draft shows nothing', async (t) => {
  const article = await published()
  const draft = await createArticle(room)
  const seen = await changesDuring(room, async () => {
    await write(room, 'DELETE', `/articles/${article.id}`)
    await write(room, 'DELETE', `/articles/${draft.id}`)
  })
  t.match(seen.public, [{ change: 'deleted', id: article.id, slug: article.slug, article: null }])
  t.equal(seen.public.length, 1)
})

tap.test('renaming a section shows every published article in it and below it updated with the new name', async (t) => {
  const parent = await insertSection(room.app, 'sahel')
  const child = await insertSection(room.app, 'niger', parent)
  const inParent = await published({ sectionId: parent })
  const inChild = await published({ sectionId: child })
  await createArticle(room, { sectionId: child })
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/sections/${parent}`, { name: 'The Sahel' }))
  t.same(seen.public.map((change) => change.id).sort(), [inParent.id, inChild.id].sort())
  t.match(seen.public.find((change) => change.id === inChild.id)?.article, { breadcrumb: [{ name: 'The Sahel' }, { slug: 'niger' }] })
})

tap.test('moving a section under another shows its articles updated with the new breadcrumb', async (t) => {
  const mali = await insertSection(room.app, 'mali')
  const article = await published({ sectionId: mali })
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/sections/${mali}`, { parentId: room.sectionId }))
  t.match(seen.public, [{ change: 'updated', id: article.id, article: { breadcrumb: [{ id: room.sectionId }, { id: mali }] } }])
})

tap.test('renaming an author shows their published articles updated with the new name', async (t) => {
  const article = await published()
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/authors/${room.authorId}`, { name: 'Adrian Ovalle-Ruiz' }))
  t.match(seen.public.find((change) => change.id === article.id), { change: 'updated', article: { authors: [{ name: 'Adrian Ovalle-Ruiz' }] } })
})

tap.test('renaming a tag shows its published articles updated with the new name', async (t) => {
  const tag = (await write(room, 'POST', '/tags', { name: 'Fisheries' })).json()
  const article = await published({ tagIds: [tag.id] })
  const seen = await changesDuring(room, () => write(room, 'PATCH', `/tags/${tag.id}`, { name: 'Fishing' }))
  t.match(seen.public, [{ change: 'updated', id: article.id, article: { tags: [{ id: tag.id, name: 'Fishing' }] } }])
})

tap.test('deleting a tag shows its published articles updated without it', async (t) => {
  const tag = (await write(room, 'POST', '/tags', { name: 'Drought' })).json()
  const article = await published({ tagIds: [room.tagId, tag.id] })
  const seen = await changesDuring(room, () => write(room, 'DELETE', `/tags/${tag.id}`))
  t.match(seen.public, [{ change: 'updated', id: article.id, article: { tags: [{ id: room.tagId }] } }])
  t.equal(seen.public[0]?.article?.tags.length, 1)
})
