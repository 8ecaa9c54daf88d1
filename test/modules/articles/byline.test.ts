import tap from 'tap'
import { createArticle, newsroom, patchArticle } from './newsroom.js'

tap.test('a byline overrides the author names and is shown in lists and on the article', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published', byline: 'By our correspondent in Bamako' })
  t.equal(article.byline, 'By our correspondent in Bamako')
  t.match((await room.app.inject({ url: `/v1/articles/${article.slug}` })).json(), { byline: 'By our correspondent in Bamako', authors: [{ id: room.authorId }] })
  t.equal((await room.app.inject({ url: '/v1/articles' })).json().data[0].byline, 'By our correspondent in Bamako')
})

tap.test('an article without a byline has byline null, and PATCH sets and clears it', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  t.equal(article.byline, null)
  t.equal((await patchArticle(room, article.id, { byline: 'By staff reporters' })).json().byline, 'By staff reporters')
  t.equal((await patchArticle(room, article.id, { subtitle: 'Unrelated' })).json().byline, 'By staff reporters', 'kept when left out')
  t.equal((await patchArticle(room, article.id, { byline: null })).json().byline, null)
})

tap.test('a byline over 200 characters or empty is a validation problem', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  for (const byline of ['', 'x'.repeat(201)]) {
    const res = await patchArticle(room, article.id, { byline })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { errors: [{ path: '/body/byline' }] })
  }
})
