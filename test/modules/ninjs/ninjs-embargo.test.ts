// An embargoed article goes to partners early, in ninjs, and to nobody else until the scheduler lifts the embargo.
import t from 'tap'
import { createArticlesService } from '../../../src/modules/articles/articles.service.js'
import { createArticlesScheduler } from '../../../src/modules/articles/articles.scheduler.js'
import { authHeader } from '../../helpers/app.js'
import { EMBARGO_ENDS, ninjsItem, syndicationDesk, type Desk } from './ninjs-fixtures.js'

const desk: Desk = await syndicationDesk(t)
const { slug } = desk.embargoed

async function ninjsSlugs (headers: Record<string, string> = {}, query = ''): Promise<string[]> {
  const res = await desk.app.inject({ url: `/v1/ninjs?limit=100${query}`, headers })
  if (res.statusCode !== 200) throw new Error(`the ninjs list answered ${res.statusCode}: ${res.body}`)
  return (res.json().data as Array<{ slugline: string }>).map((item) => item.slugline)
}

async function articleSlugs (): Promise<string[]> {
  return ((await desk.app.inject({ url: '/v1/articles?limit=100' })).json().data as Array<{ slug: string }>).map((article) => article.slug)
}

t.test('the public finds nothing of an embargoed article: not at its slug, in JSON or ninjs, nor in any list', async (t) => {
  t.equal((await desk.app.inject({ url: `/v1/articles/${slug}` })).statusCode, 404)
  t.equal((await ninjsItem(desk, slug)).statusCode, 404)
  t.notOk((await articleSlugs()).includes(slug))
  t.notOk((await ninjsSlugs()).includes(slug))
  t.notOk((await ninjsSlugs({}, '&tag=water')).includes(slug))
})

t.test('a partner reads the embargoed article in ninjs, with the time its embargo ends', async (t) => {
  const res = await ninjsItem(desk, slug, desk.partner)
  t.equal(res.statusCode, 200)
  t.match(res.json(), { slugline: slug, embargoedUntil: EMBARGO_ENDS, pubStatus: 'usable' })
})

t.test('a partner\'s ninjs list carries the embargoed article with the time its embargo ends', async (t) => {
  const res = await desk.app.inject({ url: '/v1/ninjs?limit=100&tag=water', headers: desk.partner })
  const listed = (res.json().data as Array<{ slugline: string, embargoedUntil?: string }>).find((item) => item.slugline === slug)
  t.equal(listed?.embargoedUntil, EMBARGO_ENDS)
})

t.test('roles above partner see embargoed articles in ninjs too', async (t) => {
  const editor = await authHeader(desk.app, 'editor')
  t.equal((await ninjsItem(desk, slug, editor)).statusCode, 200)
  t.ok((await ninjsSlugs(editor)).includes(slug))
})

t.test('the JSON article is the public page: a partner\'s token does not find an embargoed article there', async (t) => {
  t.equal((await desk.app.inject({ url: `/v1/articles/${slug}`, headers: desk.partner })).statusCode, 404)
  t.notOk(((await desk.app.inject({ url: '/v1/articles?limit=100', headers: desk.partner })).json().data as Array<{ slug: string }>).some((a) => a.slug === slug))
})

t.test('the list a partner reads differs from the public one, and says it varies by Authorization, so no cache mixes them', async (t) => {
  const anonymous = await desk.app.inject({ url: '/v1/ninjs?limit=100' })
  const partner = await desk.app.inject({ url: '/v1/ninjs?limit=100', headers: desk.partner })
  t.not(partner.headers.etag, anonymous.headers.etag)
  t.match(anonymous.headers.vary, /authorization/i)
  t.match(partner.headers.vary, /authorization/i)
  t.equal(partner.headers['cache-control'], 'private, max-age=60')
  t.equal(anonymous.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300')
})

t.test('once the scheduler lifts the embargo the public reads the article everywhere, and partners see no embargo on it', async (t) => {
  const scheduler = createArticlesScheduler({ articles: createArticlesService(desk.app.store), log: desk.app.log, intervalMs: 1000 })
  t.same(await scheduler.liftDueEmbargoes(new Date(Date.parse(EMBARGO_ENDS) - 1000)), [], 'nothing lifted before its time')
  t.equal((await desk.app.inject({ url: `/v1/articles/${slug}` })).statusCode, 404)
  t.same(await scheduler.liftDueEmbargoes(new Date(EMBARGO_ENDS)), [desk.embargoed.id])
  t.equal((await desk.app.inject({ url: `/v1/articles/${slug}` })).statusCode, 200)
  const item = await ninjsItem(desk, slug)
  t.equal(item.statusCode, 200)
  t.notOk('embargoedUntil' in item.json())
  t.ok((await articleSlugs()).includes(slug))
  t.ok((await ninjsSlugs()).includes(slug))
  t.notOk('embargoedUntil' in (await ninjsItem(desk, slug, desk.partner)).json())
})
