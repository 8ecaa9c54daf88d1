import t from 'tap'
import { hashSecret } from '../../../src/modules/tokens/tokens.service.js'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { countRows, row } from '../../helpers/db.js'
import { insertAuthor } from '../../helpers/fixtures.js'

t.test('an admin creates a token: the secret is shown once and only its hash is stored', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: await authHeader(app, 'admin'), payload: { name: 'Homepage build', role: 'partner' } })
  t.equal(res.statusCode, 201)
  const token = res.json()
  t.match(token, { name: 'Homepage build', role: 'partner', authorId: null, lastUsedAt: null, revokedAt: null, secret: /^nca_[A-Za-z0-9_-]{43}$/ })
  const stored = await row(app, 'apiTokens', { id: token.id })
  t.equal(stored?.secretHash, hashSecret(token.secret))
  t.notOk(JSON.stringify(stored).includes(token.secret), 'the secret itself is not stored')
})

t.test('a created token works at once and records when it was used', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const created = (await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: admin, payload: { name: 'Second admin', role: 'admin' } })).json()
  const res = await app.inject({ url: '/v1/admin/tokens', headers: { authorization: `Bearer ${created.secret}` } })
  t.equal(res.statusCode, 200)
  t.ok((await row(app, 'apiTokens', { id: created.id }))?.lastUsedAt)
})

t.test('the token list shows names and roles, never secrets or hashes', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const res = await app.inject({ url: '/v1/admin/tokens', headers: admin })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { data: [{ name: 'admin test token', role: 'admin' }] })
  t.notMatch(res.body, /secret|nca_/)
})

t.test('a token can be bound to an existing author only', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const authorId = await insertAuthor(app)
  const bound = await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: admin, payload: { name: 'Adrian', role: 'author', authorId } })
  t.equal(bound.statusCode, 201)
  t.equal(bound.json().authorId, authorId)
  const unknown = await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: admin, payload: { name: 'Ghost', role: 'author', authorId: 999 } })
  t.equal(unknown.statusCode, 422)
  t.match(unknown.json(), { code: 'AUTHOR_NOT_FOUND', errors: [{ path: '/body/authorId' }] })
})

t.test('contributor and author tokens are refused without an author, naming authorId, and nothing is created', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  for (const payload of [{ name: 'Freelancer', role: 'contributor' }, { name: 'Staff writer', role: 'author', authorId: null }]) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: admin, payload })
    t.equal(res.statusCode, 422, payload.role)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), {
      status: 422,
      code: 'AUTHOR_REQUIRED',
      detail: `${payload.role === 'author' ? 'An' : 'A'} ${payload.role} token writes as an author, so it must be bound to one: give the author's id (GET /v1/authors lists authors with their ids).`,
      errors: [{ path: '/body/authorId', message: `is required for a ${payload.role} token` }]
    })
  }
  t.equal(await countRows(app, 'apiTokens'), 1, 'only the admin token exists')
})

t.test('an invalid token request lists the failing fields', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: await authHeader(app, 'admin'), payload: { name: '', role: 'superuser', extra: 1 } })
  t.equal(res.statusCode, 400)
  const paths = res.json().errors.map((e: { path: string }) => e.path)
  t.same(new Set(paths), new Set(['/body/name', '/body/role', '/body/extra']))
  t.equal(await countRows(app, 'apiTokens'), 1, 'only the admin token exists')
})

t.test('revoking a token stops it at once and keeps it listed as revoked', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const partner = await authHeader(app, 'partner')
  const partnerId = (await row(app, 'apiTokens', { role: 'partner' }))?.id
  t.equal((await app.inject({ url: '/v1/tags', headers: partner })).statusCode, 200)
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${partnerId}`, headers: admin })
  t.equal(res.statusCode, 204)
  t.equal((await app.inject({ url: '/v1/tags', headers: partner })).statusCode, 401)
  const listed = (await app.inject({ url: '/v1/admin/tokens', headers: admin })).json().data.find((token: { id: number }) => token.id === partnerId)
  t.ok(listed.revokedAt)
})

t.test('revoking an unknown or already revoked token is a 404', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/admin/tokens/999', headers: admin })).statusCode, 404)
  await authHeader(app, 'partner')
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/admin/tokens/2', headers: admin })).statusCode, 204)
  const again = await app.inject({ method: 'DELETE', url: '/v1/admin/tokens/2', headers: admin })
  t.equal(again.statusCode, 404)
  t.match(again.json(), { code: 'TOKEN_NOT_FOUND' })
})

t.test('only admins manage tokens', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await app.inject({ url: '/v1/admin/tokens' })).statusCode, 401)
  const editor = await authHeader(app, 'editor')
  for (const request of [
    { method: 'GET' as const, url: '/v1/admin/tokens' },
    { method: 'POST' as const, url: '/v1/admin/tokens', payload: { name: 'x', role: 'admin' } },
    { method: 'DELETE' as const, url: '/v1/admin/tokens/1' }
  ]) {
    const res = await app.inject({ ...request, headers: editor })
    t.equal(res.statusCode, 403, request.method)
    t.match(res.json(), { code: 'ROLE_TOO_WEAK', detail: /admin/ })
  }
  t.equal(await countRows(app, 'apiTokens'), 1)
})
