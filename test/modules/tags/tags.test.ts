import t from 'tap'
import { authHeader, buildTestApp } from '../../helpers/app.js'

t.test('an editor creates a tag and the public reads it by slug', async (t) => {
  const app = await buildTestApp(t)
  const created = await app.inject({ method: 'POST', url: '/v1/tags', headers: await authHeader(app, 'editor'), payload: { name: 'Élections' } })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { slug: 'elections', name: 'Élections' })
  const res = await app.inject({ url: '/v1/tags/elections' })
  t.equal(res.statusCode, 200)
})
