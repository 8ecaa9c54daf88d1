// The sitemap protocol's limit: 50,000 URLs a sitemap. A newsroom with one article more gets a second page.
import t from 'tap'
import { buildTestApp } from '../../helpers/app.js'
import { execute, sql } from '../../helpers/db.js'
import { insertSection } from '../../helpers/fixtures.js'
import { assertValid } from './sitemap-schemas.js'

const ARTICLES = 50_001

t.test('50,001 articles make two article sitemaps: 50,000 on the first, the newest on the second', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  // Written in one statement: through the API this many would take minutes.
  await execute(app, {
    sqlite: sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ARTICLES})
      insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, status, published_at, section_id)
      select 'story-' || i, 'Story ' || i, '[]', '', '', 0, 1, 'published', '2026-03-01T08:00:00.000Z', ${world} from n`,
    postgres: sql`insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, status, published_at, section_id)
      select 'story-' || i, 'Story ' || i, '[]'::json, '', '', 0, 1, 'published', '2026-03-01T08:00:00.000Z', ${world} from generate_series(1, ${ARTICLES}) as i`
  })

  const index = (await app.inject({ url: '/sitemap.xml' })).body
  await assertValid(t, index, 'siteindex')
  t.match(index, '<loc>http://news.test/sitemaps/articles-1.xml</loc>')
  t.match(index, '<loc>http://news.test/sitemaps/articles-2.xml</loc>')
  t.notMatch(index, 'articles-3.xml')

  const first = await app.inject({ url: '/sitemaps/articles-1.xml' })
  t.equal(first.statusCode, 200)
  t.equal(first.body.match(/<url>/g)?.length, 50_000)
  t.match(first.body, '<loc>https://www.news.test/world/story-1</loc>')

  const second = await app.inject({ url: '/sitemaps/articles-2.xml' })
  await assertValid(t, second.body, 'sitemap')
  t.equal(second.body.match(/<url>/g)?.length, 1)
  t.match(second.body, `<loc>https://www.news.test/world/story-${ARTICLES}</loc>`)
  t.equal((await app.inject({ url: '/sitemaps/articles-3.xml' })).statusCode, 404)
})
