// What the service emits as ninjs is valid by the IPTC's own schema, and says what each article says.
import t from 'tap'
import { EMBARGO_ENDS, ninjsItem, ninjsValidator, syndicationDesk, type Desk } from './ninjs-fixtures.js'

const validate = await ninjsValidator()
// Nothing below writes: one newsroom for the whole file.
const desk: Desk = await syndicationDesk(t)

t.test('the IPTC schema refuses what is not ninjs, so a pass below means something', async (t) => {
  t.not(validate({ uri: 'not a uri' }), [])
  t.not(validate({ uri: 'tag:news.test,2026-01-01:article:1', pubStatus: 'published' }), [])
  t.not(validate({ uri: 'tag:news.test,2026-01-01:article:1', embargoed: '2026-01-01T00:00:00Z' }), [])
  t.same(validate({ uri: 'tag:news.test,2026-01-01:article:1' }), [])
})

t.test('an article with several authors, tags, a featured image and a correction is a valid ninjs item saying all of it', async (t) => {
  const res = await ninjsItem(desk, desk.full.slug)
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/ninjs+json; charset=utf-8')
  const item = res.json()
  t.same(validate(item), [])
  const { createdAt } = (await desk.app.inject({ url: `/v1/articles/${desk.full.slug}` })).json()
  t.match(item, {
    uri: `tag:news.test,${createdAt.slice(0, 10)}:article:${desk.full.id}`,
    standard: { name: 'ninjs', version: '3.1' },
    type: 'text',
    version: '2',
    pubStatus: 'usable',
    language: 'en',
    slugline: desk.full.slug,
    headlines: [
      { role: 'main', contentType: 'text/plain', value: 'Lake Chad\'s fishermen return & the waters rise' },
      { role: 'sub', value: 'Boats are back on the southern pool' }
    ],
    descriptions: [
      { role: 'summary', value: 'Fishing crews returned to the northern shore on Monday.' },
      { role: 'correction', value: 'An earlier version misnamed the town of Bol.' }
    ],
    bodies: [
      { role: 'main', contentType: 'text/html', value: /^<p>Fishing crews returned/, wordCount: Number },
      { role: 'main', contentType: 'text/plain', value: /^Fishing crews returned/ }
    ],
    by: 'Adrian Ovalle and Bea Okafor',
    people: [
      { name: 'Adrian Ovalle', rel: 'author', literal: 'adrian-ovalle', uri: 'http://news.test/v1/authors/adrian-ovalle' },
      { name: 'Bea Okafor', rel: 'author', literal: 'bea-okafor' }
    ],
    subjects: [
      { name: 'Africa', rel: 'section', literal: 'africa', uri: 'http://news.test/v1/sections/africa' },
      { name: 'climate', rel: 'tag', literal: 'climate', uri: 'http://news.test/v1/tags/climate' },
      { name: 'water', rel: 'tag', literal: 'water' }
    ],
    located: 'BOL, Chad',
    associations: [{
      name: 'featureimage',
      rel: 'featureimage',
      type: 'picture',
      uri: 'https://images.worldweekly.example/lake-chad.jpg',
      by: 'Photo: Amina Yusuf',
      descriptions: [{ role: 'caption', value: 'Boats near Bol' }, { role: 'alternativeText', value: 'Fishing boats at dawn' }],
      renditions: [{ name: 'original', href: 'https://images.worldweekly.example/lake-chad.jpg' }]
    }],
    altIds: [{ role: 'id', value: String(desk.full.id) }, { role: 'canonicalUrl', value: 'https://www.worldweekly.example/africa/lake-chad' }]
  })
  t.equal(item.embargoedUntil, undefined)
  t.equal(item.edNote, undefined)
})

t.test('the item\'s times are the article\'s: first published, last changed, begun', async (t) => {
  const article = (await desk.app.inject({ url: `/v1/articles/${desk.full.slug}` })).json()
  const item = (await ninjsItem(desk, desk.full.slug)).json()
  t.equal(item.firstCreated, article.publishedAt)
  t.equal(item.versionCreated, article.updatedAt)
  t.equal(item.contentCreated, article.createdAt)
})

t.test('a plain article leaves out what it does not have: no image, no subtitle, no tags, no dateline', async (t) => {
  const item = (await ninjsItem(desk, desk.plain.slug)).json()
  t.same(validate(item), [])
  t.same(item.headlines, [{ role: 'main', contentType: 'text/plain', value: 'Sahel cup final goes to extra time' }])
  t.same(item.subjects, [{ name: 'Sport', rel: 'section', literal: 'sport', uri: 'http://news.test/v1/sections/sport' }])
  t.equal(item.by, 'Adrian Ovalle')
  for (const absent of ['associations', 'located', 'embargoedUntil', 'edNote']) t.notOk(absent in item, `no ${absent}`)
})

t.test('a withdrawn article is a valid canceled item with its headline and the reason, and none of the retracted text', async (t) => {
  const res = await ninjsItem(desk, desk.withdrawn.slug)
  t.equal(res.statusCode, 200)
  const item = res.json()
  t.same(validate(item), [])
  t.match(item, { pubStatus: 'canceled', edNote: 'Its central claim could not be verified.', headlines: [{ value: 'A claim that could not be verified' }] })
  t.notOk('bodies' in item, 'no bodies')
  t.notOk('descriptions' in item, 'no excerpt')
})

t.test('an embargoed article, read by a partner, is a valid item carrying the end of its embargo', async (t) => {
  const res = await ninjsItem(desk, desk.embargoed.slug, desk.partner)
  t.equal(res.statusCode, 200)
  const item = res.json()
  t.same(validate(item), [])
  t.match(item, { pubStatus: 'usable', embargoedUntil: EMBARGO_ENDS, bodies: [{ contentType: 'text/html' }, { contentType: 'text/plain' }] })
})

t.test('every item of a partner\'s list page is valid ninjs: withdrawn, embargoed, with image and plain alike', async (t) => {
  const res = await desk.app.inject({ url: '/v1/ninjs?limit=100', headers: desk.partner })
  t.equal(res.statusCode, 200)
  const items = res.json().data as Array<{ uri: string, pubStatus: string, embargoedUntil?: string, associations?: unknown[] }>
  t.equal(items.length, 4, 'every published article, and no draft')
  for (const item of items) t.same(validate(item), [], item.uri)
  t.ok(items.some((item) => item.pubStatus === 'canceled'), 'a withdrawn one')
  t.ok(items.some((item) => item.embargoedUntil === EMBARGO_ENDS), 'an embargoed one')
  t.ok(items.some((item) => item.associations !== undefined), 'one with a featured image')
})

t.test('a list item is the same item the article route gives', async (t) => {
  const listed = (await desk.app.inject({ url: '/v1/ninjs?limit=100' })).json().data as Array<{ slugline: string }>
  const single = (await ninjsItem(desk, desk.full.slug)).json()
  t.same(listed.find((item) => item.slugline === desk.full.slug), single)
})
