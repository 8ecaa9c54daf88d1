import tap, { type Test } from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { createHmac } from 'node:crypto'
import { authHeader } from '../../helpers/app.js'
import { row } from '../../helpers/db.js'
import { createDraft, newsroom, type Headers, type Newsroom } from './workflow.helpers.js'

const RETRACTED = 'Fishing crews'

async function linkTo (room: Newsroom, id: number, headers: Headers = room.editor): Promise<string> {
  const res = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${id}/preview`, headers, payload: {} })
  if (res.statusCode !== 201) throw new Error(`minting failed: ${res.body}`)
  return res.json().token
}

function readPreview (room: Newsroom, token: string) {
  return room.app.inject({ url: `/v1/previews/${token}` })
}

async function published (room: Newsroom): Promise<{ id: number, slug: string }> {
  return createDraft(room, { status: 'published' })
}

/** A fresh author token bound to the room's first author, with its id to revoke it by. */
async function authorToken (room: Newsroom): Promise<{ id: number, headers: Headers }> {
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/tokens',
    headers: await authHeader(room.app, 'admin'),
    payload: { name: 'Adrian\'s laptop', role: 'author', authorId: room.authorId }
  })
  if (res.statusCode !== 201) throw new Error(`creating a token failed: ${res.body}`)
  return { id: res.json().id, headers: { authorization: `Bearer ${res.json().secret}` } }
}

function assertRevoked (t: Test, res: LightMyRequestResponse): void {
  t.equal(res.statusCode, 410)
  t.match(res.json(), { status: 410, code: 'PREVIEW_TOKEN_REVOKED', detail: /no longer valid.*new one/ })
  t.equal(res.headers['cache-control'], 'private, no-store')
  t.notMatch(res.body, RETRACTED, 'nothing of the article')
}

tap.test('withdrawing an article revokes its preview links: an old one answers 410 without the retracted text', async (t) => {
  const room = await newsroom(t)
  const article = await published(room)
  const token = await linkTo(room, article.id)
  t.equal((await readPreview(room, token)).statusCode, 200)
  const withdrawn = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/withdraw`, headers: room.editor, payload: { reason: 'It could not be verified.' } })
  t.equal(withdrawn.statusCode, 200)
  assertRevoked(t, await readPreview(room, token))
})

tap.test('unpublishing an article revokes its preview links, to the archive or back to draft', async (t) => {
  const room = await newsroom(t)
  for (const to of ['archived', 'draft']) {
    const article = await published(room)
    const token = await linkTo(room, article.id)
    const res = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/unpublish`, headers: room.editor, payload: { to } })
    t.equal(res.statusCode, 200)
    assertRevoked(t, await readPreview(room, token))
  }
})

tap.test('sending a published article back to draft with PATCH revokes its preview links too', async (t) => {
  const room = await newsroom(t)
  const article = await published(room)
  const token = await linkTo(room, article.id)
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { status: 'draft' } })).statusCode, 200)
  assertRevoked(t, await readPreview(room, token))
})

tap.test('editing an article leaves its preview links valid', async (t) => {
  const room = await newsroom(t)
  const article = await published(room)
  const token = await linkTo(room, article.id)
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { headline: 'Fishermen return to a rising Lake Chad' } })).statusCode, 200)
  t.match((await readPreview(room, token)).json(), { headline: 'Fishermen return to a rising Lake Chad' })
})

tap.test('a link minted after a revocation works', async (t) => {
  const room = await newsroom(t)
  const article = await published(room)
  await linkTo(room, article.id)
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/unpublish`, headers: room.editor, payload: { to: 'draft' } })
  const fresh = await readPreview(room, await linkTo(room, article.id))
  t.equal(fresh.statusCode, 200)
  t.match(fresh.json(), { id: article.id, status: 'draft' })
})

tap.test('revoking the API token that minted a link revokes the link; links other tokens minted still work', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const author = await authorToken(room)
  const minted = await linkTo(room, draft.id, author.headers)
  const editors = await linkTo(room, draft.id)
  t.equal((await readPreview(room, minted)).statusCode, 200)
  const revoked = await room.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${author.id}`, headers: await authHeader(room.app, 'admin') })
  t.equal(revoked.statusCode, 204)
  assertRevoked(t, await readPreview(room, minted))
  t.equal((await readPreview(room, editors)).statusCode, 200)
})

tap.test('an author taken off the byline loses the links they minted; an editor\'s link stays valid', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const author = await authorToken(room)
  const authors = await linkTo(room, draft.id, author.headers)
  const editors = await linkTo(room, draft.id)
  const moved = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${draft.id}`, headers: room.editor, payload: { authorIds: [room.otherAuthorId] } })
  t.equal(moved.statusCode, 200)
  assertRevoked(t, await readPreview(room, authors))
  t.equal((await readPreview(room, editors)).statusCode, 200)
})

tap.test('an author taken off the byline and credited again does not get back the links minted before', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const author = await authorToken(room)
  const link = await linkTo(room, draft.id, author.headers)
  const credit = async (authorIds: number[]) => room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${draft.id}`, headers: room.editor, payload: { authorIds } })
  t.equal((await credit([room.otherAuthorId])).statusCode, 200)
  t.equal((await credit([room.authorId])).statusCode, 200)
  assertRevoked(t, await readPreview(room, link))
  const restored = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/revisions/1/restore`, headers: room.editor })
  t.equal(restored.statusCode, 200, 'nor does restoring the revision they were credited in')
  assertRevoked(t, await readPreview(room, link))
  t.equal((await readPreview(room, await linkTo(room, draft.id, author.headers))).statusCode, 200, 'a link they mint now works')
})

tap.test('DELETE …/previews revokes every link to the article at once and answers 204; new links work', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const other = await createDraft(room)
  const first = await linkTo(room, draft.id)
  const second = await linkTo(room, draft.id, (await authorToken(room)).headers)
  const untouched = await linkTo(room, other.id)
  const res = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${draft.id}/previews`, headers: room.editor })
  t.equal(res.statusCode, 204)
  t.equal(res.headers['cache-control'], 'private, no-store')
  assertRevoked(t, await readPreview(room, first))
  assertRevoked(t, await readPreview(room, second))
  t.equal((await readPreview(room, untouched)).statusCode, 200, 'links to other articles stay valid')
  t.equal((await readPreview(room, await linkTo(room, draft.id))).statusCode, 200)
  t.match((await room.app.inject({ url: `/v1/admin/articles/${draft.id}`, headers: room.editor })).json(), { version: 1 }, 'revoking is no edit of the article')
})

tap.test('authors revoke the links of their own articles only; contributors and strangers cannot; an unknown article is 404', async (t) => {
  const room = await newsroom(t)
  const mine = await createDraft(room)
  const theirs = await createDraft(room, { authorIds: [room.otherAuthorId] })
  const revoke = async (id: number, headers?: Headers) => room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${id}/previews`, ...(headers && { headers }) })
  const author = await authHeader(room.app, 'author', room.authorId)
  t.equal((await revoke(mine.id, author)).statusCode, 204)
  t.match((await revoke(theirs.id, author)).json(), { status: 403, code: 'NOT_YOUR_ARTICLE' })
  t.match((await revoke(mine.id, await authHeader(room.app, 'contributor', room.authorId))).json(), { status: 403, code: 'ROLE_TOO_WEAK' })
  t.equal((await revoke(mine.id)).statusCode, 401)
  t.match((await revoke(9999, room.editor)).json(), { status: 404, code: 'ARTICLE_NOT_FOUND' })
})

tap.test('a link to an article deleted since answers 410 like any revoked link: its holder cannot tell a deletion from a revocation', async (t) => {
  const room = await newsroom(t)
  const revokedFirst = await createDraft(room)
  const kept = await linkTo(room, (await createDraft(room)).id)
  const links = [await linkTo(room, revokedFirst.id)]
  await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${revokedFirst.id}/previews`, headers: room.editor })
  const revokedOnly = await readPreview(room, links[0] as string)
  assertRevoked(t, revokedOnly)
  const deleted = await createDraft(room)
  links.push(await linkTo(room, deleted.id))
  for (const id of [revokedFirst.id, deleted.id]) {
    t.equal((await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${id}`, headers: room.editor })).statusCode, 204)
  }
  for (const link of links) {
    const res = await readPreview(room, link)
    assertRevoked(t, res)
    t.same(res.json(), { ...revokedOnly.json(), instance: `/v1/previews/${link}` }, 'the same problem, word for word')
  }
  t.equal((await readPreview(room, kept)).statusCode, 200, 'links to other articles stay valid')
})

tap.test('a link in the format minted before revocation existed fails closed with 410', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await linkTo(room, draft.id)
  const key = await row(room.app, 'settings', { key: 'preview_signing_key' })
  if (!key) throw new Error('no signing key stored yet')
  const payload = Buffer.from(JSON.stringify({ article: draft.id, exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')
  const old = `${payload}.${createHmac('sha256', Buffer.from(key.value, 'base64url')).update(payload).digest('base64url')}`
  assertRevoked(t, await readPreview(room, old))
})
