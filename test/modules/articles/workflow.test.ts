import tap from 'tap'
import { authHeader } from '../../helpers/app.js'
import { rows } from '../../helpers/db.js'
import { createDraft, forceStatus, inFuture, newsroom, rowOf, type Headers, type Newsroom, type Status } from './workflow.helpers.js'

const STATUSES: Status[] = ['draft', 'scheduled', 'published', 'archived']

// The workflow as a newsroom describes it, restated here independently of the service.
const MAY_BECOME: Record<Status, Status[]> = {
  draft: ['scheduled', 'published'],
  scheduled: ['scheduled', 'published', 'draft', 'archived'],
  published: ['archived', 'draft'],
  archived: ['draft', 'scheduled', 'published']
}

function publish (room: Newsroom, id: number, payload: Record<string, unknown> = {}, headers: Headers = room.editor) {
  return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${id}/publish`, headers, payload })
}

function unpublish (room: Newsroom, id: number, payload: Record<string, unknown> = {}, headers: Headers = room.editor) {
  return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${id}/unpublish`, headers, payload })
}

/** In id order, which is number order: an article's revisions are numbered as they are written. */
async function revisionsOf (room: Newsroom, id: number) {
  return await rows(room.app, 'articleRevisions', { articleId: id })
}

tap.test('an editor publishes a draft now: publishedAt is stamped and the public can read it', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const before = Date.now()
  const res = await publish(room, draft.id)
  t.equal(res.statusCode, 200)
  const article = res.json()
  t.match(article, { id: draft.id, status: 'published', scheduledAt: null })
  t.ok(Date.parse(article.publishedAt) >= before - 1000 && Date.parse(article.publishedAt) <= Date.now())
  t.equal((await room.app.inject({ url: `/v1/articles/${draft.slug}` })).statusCode, 200)
})

tap.test('publishing with a future at schedules the article and keeps it from the public', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const res = await publish(room, draft.id, { at: '2099-05-01T08:00:00+02:00' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'scheduled', scheduledAt: '2099-05-01T06:00:00.000Z', publishedAt: null })
  t.equal((await room.app.inject({ url: `/v1/articles/${draft.slug}` })).statusCode, 404)
})

tap.test('publishing with an at in the past is a 422 problem naming /body/at', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const res = await publish(room, draft.id, { at: '2020-01-01T00:00:00Z' })
  t.equal(res.statusCode, 422)
  t.match(res.json(), { code: 'SCHEDULE_IN_PAST', errors: [{ path: '/body/at' }] })
  t.equal((await rowOf(room, draft.id))?.status, 'draft')
})

tap.test('publishing an article that is already published is a harmless retry: 200, unchanged, no new revision', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const first = (await publish(room, draft.id)).json()
  const again = await publish(room, draft.id)
  t.equal(again.statusCode, 200)
  t.same(again.json(), first)
  t.equal((await revisionsOf(room, draft.id)).length, 2, 'creation and the one publication')
})

tap.test('scheduling a published article is a 409 that says to unpublish it first', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await publish(room, draft.id)
  const res = await publish(room, draft.id, { at: inFuture() })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'ILLEGAL_TRANSITION', detail: /published cannot become scheduled.*Unpublish it first/ })
})

tap.test('a scheduled article gets a new time when it is scheduled again', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await publish(room, draft.id, { at: '2099-01-01T00:00:00.000Z' })
  const res = await publish(room, draft.id, { at: '2099-02-01T00:00:00.000Z' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'scheduled', scheduledAt: '2099-02-01T00:00:00.000Z' })
})

tap.test('unpublishing archives a published article by default, and the public no longer finds it', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const published = (await publish(room, draft.id)).json()
  const res = await unpublish(room, draft.id)
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'archived', publishedAt: published.publishedAt })
  const page = await room.app.inject({ url: `/v1/articles/${draft.slug}` })
  t.equal(page.statusCode, 404)
  t.match(page.json(), { code: 'ARTICLE_NOT_FOUND' })
})

tap.test('unpublishing a scheduled article to draft cancels its schedule', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await publish(room, draft.id, { at: inFuture() })
  const res = await unpublish(room, draft.id, { to: 'draft' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'draft', scheduledAt: null, publishedAt: null })
})

tap.test('unpublishing an archived article again is a harmless retry', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await publish(room, draft.id)
  await unpublish(room, draft.id)
  const res = await unpublish(room, draft.id)
  t.equal(res.statusCode, 200)
  t.equal(res.json().status, 'archived')
  t.equal((await revisionsOf(room, draft.id)).length, 3)
})

tap.test('a draft cannot be archived: 409 with the statuses it may move to', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const res = await unpublish(room, draft.id)
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'ILLEGAL_TRANSITION', detail: 'An article that is draft cannot become archived; it may become scheduled, published.' })
})

tap.test('an unknown to, or an unknown field, is a 400 validation problem', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  t.match((await unpublish(room, draft.id, { to: 'deleted' })).json(), { status: 400, errors: [{ path: '/body/to' }] })
  t.match((await publish(room, draft.id, { when: 'now' })).json(), { status: 400, errors: [{ path: '/body/when' }] })
})

tap.test('publishing an article that does not exist is a 404 problem', async (t) => {
  const room = await newsroom(t)
  const res = await publish(room, 999)
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
})

tap.test('a republished article keeps its first publishedAt', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const first = (await publish(room, draft.id)).json().publishedAt
  await unpublish(room, draft.id, { to: 'draft' })
  t.equal((await publish(room, draft.id)).json().publishedAt, first, 'from draft')
  await unpublish(room, draft.id)
  t.equal((await publish(room, draft.id)).json().publishedAt, first, 'from archived')
})

tap.test('every status change stores one revision with its status, credited to the token that made it', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const author = await authHeader(room.app, 'author', room.authorId)
  await publish(room, draft.id, {}, author)
  await unpublish(room, draft.id, {}, room.editor)
  const revisions = await revisionsOf(room, draft.id)
  t.same(revisions.map((revision) => revision.number), [1, 2, 3])
  t.same(revisions.map((revision) => revision.snapshot.status), ['draft', 'published', 'archived'])
  t.not(revisions[1]?.createdBy, revisions[2]?.createdBy, 'the author and the editor are told apart')
  t.match(await rowOf(room, draft.id), { version: 3, updatedBy: revisions[2]?.createdBy })
})

tap.test('publish and unpublish answer with the new version as ETag and honour If-Match', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const published = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: { ...room.editor, 'if-match': '"1"' }, payload: {} })
  t.equal(published.statusCode, 200)
  t.equal(published.headers.etag, '"2"')
  const stale = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/unpublish`, headers: { ...room.editor, 'if-match': '"1"' }, payload: {} })
  t.equal(stale.statusCode, 412)
  t.equal((await rowOf(room, draft.id))?.status, 'published', 'a stale If-Match changes nothing')
  const retry = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: { ...room.editor, 'if-match': '"1"' }, payload: {} })
  t.equal(retry.statusCode, 412, 'even a retry that would change nothing')
})

tap.test('contributors never publish, schedule or unpublish, even their own drafts: 403', async (t) => {
  const room = await newsroom(t)
  const contributor = await authHeader(room.app, 'contributor', room.authorId)
  const draft = await createDraft(room)
  for (const res of [
    await publish(room, draft.id, {}, contributor),
    await publish(room, draft.id, { at: inFuture() }, contributor),
    await unpublish(room, draft.id, { to: 'draft' }, contributor)
  ]) {
    t.equal(res.statusCode, 403)
    t.match(res.json(), { code: 'ROLE_TOO_WEAK' })
  }
  t.equal((await rowOf(room, draft.id))?.status, 'draft')
})

tap.test('an author publishes, schedules and unpublishes their own article, but not another author\'s', async (t) => {
  const room = await newsroom(t)
  const author = await authHeader(room.app, 'author', room.authorId)
  const mine = await createDraft(room)
  const theirs = await createDraft(room, { authorIds: [room.otherAuthorId] })
  t.equal((await publish(room, mine.id, { at: inFuture() }, author)).statusCode, 200)
  t.equal((await publish(room, mine.id, {}, author)).statusCode, 200)
  t.equal((await unpublish(room, mine.id, {}, author)).statusCode, 200)
  const refused = await publish(room, theirs.id, {}, author)
  t.equal(refused.statusCode, 403)
  t.match(refused.json(), { code: 'NOT_YOUR_ARTICLE' })
  t.equal((await rowOf(room, theirs.id))?.status, 'draft')
})

tap.test('editors and admins publish and unpublish any article', async (t) => {
  const room = await newsroom(t)
  for (const role of ['editor', 'admin'] as const) {
    const headers = await authHeader(room.app, role)
    const draft = await createDraft(room, { authorIds: [room.otherAuthorId] })
    t.equal((await publish(room, draft.id, {}, headers)).statusCode, 200, `${role} publishes`)
    t.equal((await unpublish(room, draft.id, {}, headers)).statusCode, 200, `${role} unpublishes`)
  }
})

tap.test('a status change applies only while the article still has the status the request read (else ARTICLE_CHANGED 409)', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await publish(room, draft.id, { at: inFuture() })
  // As if the request had read the draft just before another writer scheduled it.
  const changed = await room.app.store.transaction(async (tx) => tx.articles.changeStatus(draft.id, 'draft', { status: 'archived', publishedAt: null, scheduledAt: null }, null))
  t.equal(changed, false)
  t.equal((await rowOf(room, draft.id))?.status, 'scheduled')
  t.equal((await revisionsOf(room, draft.id)).length, 2, 'and leaves no revision')
})

tap.test('PATCH with a status obeys the same rules, for every transition and every role', async (t) => {
  const room = await newsroom(t)
  const roles: Array<{ name: string, headers: Headers, own: boolean, role: 'contributor' | 'author' | 'editor' | 'admin' }> = [
    { name: 'contributor on their own article', headers: await authHeader(room.app, 'contributor', room.authorId), own: true, role: 'contributor' },
    { name: 'contributor on another\'s article', headers: await authHeader(room.app, 'contributor', room.otherAuthorId), own: false, role: 'contributor' },
    { name: 'author on their own article', headers: await authHeader(room.app, 'author', room.authorId), own: true, role: 'author' },
    { name: 'author on another\'s article', headers: await authHeader(room.app, 'author', room.otherAuthorId), own: false, role: 'author' },
    { name: 'editor', headers: room.editor, own: false, role: 'editor' },
    { name: 'admin', headers: await authHeader(room.app, 'admin'), own: false, role: 'admin' }
  ]
  const expected = (who: typeof roles[number], from: Status, to: Status): number => {
    if (who.role === 'contributor') return who.own && from === 'draft' && to === 'draft' ? 200 : 403
    if (who.role === 'author' && !who.own) return 403
    if (from === to && to !== 'scheduled') return 200
    return MAY_BECOME[from].includes(to) ? 200 : 409
  }
  for (const who of roles) {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const article = await createDraft(room)
        await forceStatus(room, article.id, from)
        const res = await room.app.inject({
          method: 'PATCH',
          url: `/v1/admin/articles/${article.id}`,
          headers: who.headers,
          payload: to === 'scheduled' ? { status: to, scheduledAt: inFuture() } : { status: to }
        })
        const want = expected(who, from, to)
        t.equal(res.statusCode, want, `${who.name}: ${from} -> ${to} answers ${want} (${res.statusCode === want ? 'ok' : res.body})`)
        t.equal((await rowOf(room, article.id))?.status, want === 200 ? to : from, `${who.name}: ${from} -> ${to} leaves the article ${want === 200 ? to : from}`)
      }
    }
  }
})

tap.test('creating an archived article is refused: new articles start as drafts, scheduled or published', async (t) => {
  const room = await newsroom(t)
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { headline: 'Straight to the archive', body: [{ type: 'paragraph', text: 'Old news.' }], sectionId: room.sectionId, authorIds: [room.authorId], status: 'archived' }
  })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'ILLEGAL_TRANSITION', detail: 'A new article cannot become archived; it may become draft, scheduled, published.' })
})
