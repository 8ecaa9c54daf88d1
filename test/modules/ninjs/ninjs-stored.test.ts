// Public ninjs from stored representations: what the public syndicates is read from the stored forms, and an article
// the refresher has not reached yet is rendered as it is now.
import t from 'tap'
import { insertRows, rows } from '../../helpers/db.js'
import { NINJS, ninjsItem, syndicationDesk } from './ninjs-fixtures.js'

t.test('public ninjs items from stored representations are, byte for byte, the ones rendered afresh', async (t) => {
  const desk = await syndicationDesk(t)
  const read = async () => Promise.all([
    ...[desk.full, desk.plain, desk.withdrawn].map(async (article) => (await ninjsItem(desk, article.slug)).body),
    (await desk.app.inject({ url: '/v1/ninjs?limit=100' })).body,
    (await desk.app.inject({ url: '/v1/changes' })).body
  ])
  const stored = await read()
  await insertRows(desk.app, 'articleRepresentationQueue', [desk.full, desk.plain, desk.withdrawn].map((article) => ({ articleId: article.id })))
  t.same(await read(), stored)
})

t.test('a renamed author is in the public item at once, before the refresher stores it; a partner\'s item shows it too', async (t) => {
  const desk = await syndicationDesk(t)
  const renamed = await desk.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${desk.authors.bea}`, headers: desk.editor, payload: { name: 'Bea Okafor-Mensah' } })
  t.equal(renamed.statusCode, 200)
  t.same((await rows(desk.app, 'articleRepresentationQueue')).map((row) => row.articleId), [desk.full.id], 'the article waits for the refresher')
  for (const headers of [{}, desk.partner]) {
    const item = (await ninjsItem(desk, desk.full.slug, headers)).json()
    t.equal(item.by, 'Adrian Ovalle and Bea Okafor-Mensah')
  }
  const listed = (await desk.app.inject({ url: '/v1/ninjs?limit=100', headers: { accept: NINJS } })).json().data
  t.equal(listed.find((item: { slugline: string }) => item.slugline === desk.full.slug)?.by, 'Adrian Ovalle and Bea Okafor-Mensah')
})
