import tap from 'tap'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { authHeader, buildTestApp, lastingDatabase } from '../../helpers/app.js'
import { countRows, row } from '../../helpers/db.js'
import { createDraft, forceStatus, newsroom, type Headers, type Newsroom } from './workflow.helpers.js'

function mint (room: Newsroom, id: number, payload: Record<string, unknown> = {}, headers: Headers = room.editor) {
  return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${id}/preview`, headers, payload })
}

async function tokenFor (room: Newsroom, id: number): Promise<string> {
  const res = await mint(room, id)
  if (res.statusCode !== 201) throw new Error(`minting failed: ${res.body}`)
  return res.json().token
}

function readPreview (room: Newsroom, token: string) {
  return room.app.inject({ url: `/v1/previews/${token}` })
}

/** Signs a payload the way the service does, with the key it stored: a stand-in for another process. */
async function signWithStoredKey (room: Newsroom, claims: { article: number, exp: number }): Promise<string> {
  const key = await row(room.app, 'settings', { key: 'preview_signing_key' })
  if (!key) throw new Error('no signing key stored yet')
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${payload}.${createHmac('sha256', Buffer.from(key.value, 'base64url')).update(payload).digest('base64url')}`
}

tap.test('an editor mints a preview link that expires in an hour by default, and the answer is never cached', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const before = Date.now()
  const res = await mint(room, draft.id)
  t.equal(res.statusCode, 201)
  t.equal(res.headers['cache-control'], 'private, no-store')
  const link = res.json()
  t.match(link, { token: /^[\w-]+\.[\w-]+$/, url: `http://news.test/v1/previews/${link.token}` })
  const lifetime = Date.parse(link.expiresAt) - before
  t.ok(lifetime > 3590_000 && lifetime <= 3601_000, `expires in an hour (${lifetime} ms)`)
})

tap.test('a preview link reads a draft without an API token, never cached nor indexed', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const res = await readPreview(room, await tokenFor(room, draft.id))
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: draft.id, slug: draft.slug, status: 'draft', body: [{ type: 'paragraph' }] })
  t.equal(res.headers['cache-control'], 'private, no-store')
  t.equal(res.headers['x-robots-tag'], 'noindex')
  t.equal((await room.app.inject({ url: `/v1/articles/${draft.slug}` })).statusCode, 404, 'while the public still cannot')
})

tap.test('a preview link reads scheduled and archived articles too', async (t) => {
  const room = await newsroom(t)
  for (const status of ['scheduled', 'archived'] as const) {
    const article = await createDraft(room)
    await forceStatus(room, article.id, status)
    const res = await readPreview(room, await tokenFor(room, article.id))
    t.equal(res.statusCode, 200)
    t.equal(res.json().status, status)
  }
})

tap.test('expiresIn sets the lifetime, from a minute to 7 days', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const week = await mint(room, draft.id, { expiresIn: 604800 })
  t.equal(week.statusCode, 201)
  t.ok(Date.parse(week.json().expiresAt) - Date.now() > 604700_000)
  for (const expiresIn of [59, 604801, 'soon']) {
    const res = await mint(room, draft.id, { expiresIn })
    t.equal(res.statusCode, 400, `${expiresIn} is refused`)
    t.match(res.json(), { errors: [{ path: '/body/expiresIn' }] })
  }
})

tap.test('an expired preview link is 410 Gone with the time it expired', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  await tokenFor(room, draft.id)
  const expired = await signWithStoredKey(room, { article: draft.id, exp: Math.floor(Date.now() / 1000) - 1 })
  const res = await readPreview(room, expired)
  t.equal(res.statusCode, 410)
  t.match(res.json(), { status: 410, code: 'PREVIEW_TOKEN_EXPIRED', detail: /expired at .*new one/ })
  t.equal(res.headers['cache-control'], 'private, no-store')
})

tap.test('a tampered preview link is refused with 403, whichever part was changed', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const token = await tokenFor(room, draft.id)
  const [payload = '', signature = ''] = token.split('.')
  const flip = (text: string, at: number) => `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`
  const longer = Buffer.from(JSON.stringify({ article: draft.id, exp: 4102444800 })).toString('base64url')
  for (const tampered of [`${payload}.${flip(signature, 0)}`, `${payload}.${flip(signature, signature.length - 1)}`, `${flip(payload, 2)}.${signature}`, `${longer}.${signature}`, `${payload}.${signature.slice(1)}`]) {
    const res = await readPreview(room, tampered)
    t.equal(res.statusCode, 403, tampered)
    t.match(res.json(), { code: 'PREVIEW_TOKEN_INVALID', detail: /not signed by this service/ })
  }
})

tap.test('a link minted for one article cannot be turned into a link to another', async (t) => {
  const room = await newsroom(t)
  const mine = await createDraft(room)
  const other = await createDraft(room)
  const [, signature] = (await tokenFor(room, mine.id)).split('.')
  const exp = Math.floor(Date.now() / 1000) + 3600
  const forged = `${Buffer.from(JSON.stringify({ article: other.id, exp })).toString('base64url')}.${signature}`
  t.equal((await readPreview(room, forged)).statusCode, 403)
  t.equal((await readPreview(room, await tokenFor(room, mine.id))).json().id, mine.id)
})

tap.test('a token that is not even shaped like one is a 400', async (t) => {
  const room = await newsroom(t)
  const res = await readPreview(room, 'not-a-token')
  t.equal(res.statusCode, 400)
  t.match(res.json(), { errors: [{ path: '/params/token' }] })
})

tap.test('authors mint links to their own articles only, and contributors not at all', async (t) => {
  const room = await newsroom(t)
  const mine = await createDraft(room)
  const theirs = await createDraft(room, { authorIds: [room.otherAuthorId] })
  const author = await authHeader(room.app, 'author', room.authorId)
  t.equal((await mint(room, mine.id, {}, author)).statusCode, 201)
  t.match((await mint(room, theirs.id, {}, author)).json(), { status: 403, code: 'NOT_YOUR_ARTICLE' })
  const contributor = await authHeader(room.app, 'contributor', room.authorId)
  t.match((await mint(room, mine.id, {}, contributor)).json(), { status: 403, code: 'ROLE_TOO_WEAK' })
  t.equal((await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${mine.id}/preview` })).statusCode, 401)
})

tap.test('the signing key is made once and stored, so links survive a restart and every process agrees', async (t) => {
  const database = await lastingDatabase(t, join(t.testdir(), 'news.db'))
  const first = await newsroom({ teardown: () => {} }, database)
  const draft = await createDraft(first)
  const token = await tokenFor(first, draft.id)
  await tokenFor(first, draft.id)
  t.equal(await countRows(first.app, 'settings', { key: 'preview_signing_key' }), 1)
  await first.app.close()

  const restarted = await buildTestApp(t, database)
  const res = await restarted.inject({ url: `/v1/previews/${token}` })
  t.equal(res.statusCode, 200)
  t.equal(res.json().id, draft.id)
})
