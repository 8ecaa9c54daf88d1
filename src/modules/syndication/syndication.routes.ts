// Syndication over HTTP, at stable addresses outside /v1: feeds, sitemaps and robots.txt. Cached like the Content API.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { problemResponse } from '../../shared/http-schemas.js'
import { NotFoundError } from '../../shared/errors.js'
import { originForm } from '../../shared/request-target.js'
import { keysOfStored } from '../../shared/surrogate-keys.js'
import { atomFeed, jsonFeed, rssFeed, type Feed, type FeedFormat } from './syndication.feeds.js'
import { ArticleSitemapParamsSchema, documentResponse, FeedQuerySchema, JsonFeedSchema, type FeedQuery } from './syndication.schemas.js'
import type { SyndicationService } from './syndication.service.js'
import { newsUrlSet, robotsTxt, sitemapIndex, urlSet } from './syndication.sitemaps.js'

/** Where syndication lives: the HTTP cache treats these paths as it treats the Content API. */
export const SYNDICATION_PATHS = ['/feeds/', '/sitemap.xml', '/sitemaps/', '/news-sitemap.xml', '/robots.txt']

const TAGS = ['Syndication']
const XML = 'application/xml; charset=utf-8'

const FEED_DESCRIPTION = 'The newest public articles, newest first, with their full body, authors, section, tags and featured image: ' +
  'the whole site, or the articles of a section (with its subsections), of authors or of tags, as the article list filters them. ' +
  'Items link to the articles\' pages on the website; withdrawn articles are left out. Cached like the Content API: ETag, 304, and ' +
  'Surrogate-Key naming every article in the feed, so purging an article purges every feed it is in.'

const FEEDS = [
  {
    path: '/feeds/rss.xml',
    operationId: 'getRssFeed',
    summary: 'RSS 2.0 feed of the newest articles',
    type: 'application/rss+xml',
    format: 'rssItem',
    render: rssFeed,
    example: '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" …><channel><title>World Weekly News</title>…</channel></rss>'
  },
  {
    path: '/feeds/atom.xml',
    operationId: 'getAtomFeed',
    summary: 'Atom 1.0 feed of the newest articles',
    type: 'application/atom+xml',
    format: 'atomEntry',
    render: atomFeed,
    example: '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" …><title type="text">World Weekly News</title>…</feed>'
  }
] as const

const syndicationRoutes: FastifyPluginAsyncTypebox<{ service: SyndicationService }> = async (app, { service }) => {
  /** The feed asked for, named by its items' stored surrogate keys, in one format. */
  async function sendFeed (query: FeedQuery, url: string, reply: FastifyReply, format: FeedFormat, type: string, render: (feed: Feed) => string) {
    const { feed, itemKeys } = await service.feed(query, `${app.config.publicBaseUrl}${originForm(url)}`, format)
    return reply.storedSurrogateKeys(keysOfStored(['articles'], itemKeys).join(' ')).type(`${type}; charset=utf-8`).send(render(feed))
  }

  for (const { path, operationId, summary, type, format, render, example } of FEEDS) {
    app.get(path, {
      schema: { tags: TAGS, operationId, summary, description: FEED_DESCRIPTION, querystring: FeedQuerySchema, response: { 200: documentResponse(type, summary, example) } }
    }, async (request, reply) => sendFeed(request.query, request.url, reply, format, type, render))
  }

  // The document is JSON text spliced from stored items, which Fastify sends as it is: the schema documents it.
  app.get('/feeds/feed.json', {
    schema: {
      tags: TAGS,
      operationId: 'getJsonFeed',
      summary: 'JSON Feed 1.1 of the newest articles',
      description: FEED_DESCRIPTION,
      querystring: FeedQuerySchema,
      response: { 200: { description: 'A JSON Feed 1.1 document.', content: { 'application/feed+json': { schema: JsonFeedSchema } } } }
    }
  }, async (request, reply) => sendFeed(request.query, request.url, reply, 'jsonFeedItem', 'application/feed+json', jsonFeed))

  app.get('/sitemap.xml', {
    schema: {
      tags: TAGS,
      operationId: 'getSitemapIndex',
      summary: 'The sitemap index: where search engines find every sitemap',
      description: 'Lists the sitemap of section fronts (with the front page), of author pages, and of articles, a sitemap per 50,000 articles, ' +
        'each with the last change of any page it lists. Every address in them is a page of the website (SITE_URL).',
      response: { 200: documentResponse('application/xml', 'A sitemap index (sitemaps.org 0.9).', '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">…</sitemapindex>') }
    }
  }, async (_request, reply) => reply.surrogateKeys(['articles', 'sections', 'authors']).type(XML).send(sitemapIndex(await service.sitemapIndex())))

  app.get('/sitemaps/articles-:page.xml', {
    schema: {
      tags: TAGS,
      operationId: 'getArticlesSitemap',
      summary: 'One sitemap of up to 50,000 articles',
      description: 'Public articles in the order they were first written, so an article stays on its page; lastmod is its last change. ' +
        'The sitemap index names the pages there are; a page past the last one is 404.',
      params: ArticleSitemapParamsSchema,
      response: {
        200: documentResponse('application/xml', 'A sitemap (sitemaps.org 0.9).', '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">…</urlset>'),
        404: problemResponse('There are not that many pages of articles.')
      }
    }
  }, async (request, reply) => {
    const pages = await service.articleSitemap(request.params.page)
    if (pages === null) throw new NotFoundError('sitemap page', request.params.page)
    return reply.surrogateKeys(['articles']).type(XML).send(urlSet(pages))
  })

  app.get('/sitemaps/sections.xml', {
    schema: {
      tags: TAGS,
      operationId: 'getSectionsSitemap',
      summary: 'The sitemap of the front page and every section front',
      description: 'lastmod is the last change to the section, or to a public article in it or below it, whichever is later.',
      response: { 200: documentResponse('application/xml', 'A sitemap (sitemaps.org 0.9).', '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">…</urlset>') }
    }
  }, async (_request, reply) => reply.surrogateKeys(['sections', 'articles']).type(XML).send(urlSet(await service.sectionSitemap())))

  app.get('/sitemaps/authors.xml', {
    schema: {
      tags: TAGS,
      operationId: 'getAuthorsSitemap',
      summary: 'The sitemap of the pages of authors credited on a public article',
      description: 'lastmod is the last change to the author, or to a public article that credits them, whichever is later. Authors no public article credits are left out.',
      response: { 200: documentResponse('application/xml', 'A sitemap (sitemaps.org 0.9).', '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">…</urlset>') }
    }
  }, async (_request, reply) => reply.surrogateKeys(['authors', 'articles']).type(XML).send(urlSet(await service.authorSitemap())))

  app.get('/news-sitemap.xml', {
    // What it lists changes as time passes, not only when content does: never kept for a generation of the content.
    config: { responseCache: false },
    schema: {
      tags: TAGS,
      operationId: 'getNewsSitemap',
      summary: 'The Google News sitemap: articles published in the last 48 hours',
      description: 'At most 1,000, newest first, each with the publication\'s name (PUBLICATION_NAME) and the article\'s language, publication time and headline. ' +
        'With no article that recent, the list is empty.',
      response: {
        200: documentResponse('application/xml', 'A sitemap with the Google News extension (sitemap-news 0.9).',
          '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">…</urlset>')
      }
    }
  }, async (_request, reply) => reply.surrogateKeys(['articles']).type(XML).send(newsUrlSet(await service.newsSitemap(), app.config.publicationName)))

  app.get('/robots.txt', {
    schema: {
      tags: TAGS,
      operationId: 'getRobots',
      summary: 'robots.txt, naming the sitemap index and the news sitemap',
      description: 'Crawlers may read everything public; the Admin API and preview links are disallowed. Serve it, the sitemaps and the feeds at the website\'s ' +
        'own address (through the frontend or a proxy) when the website and this API have different hosts: search engines take a sitemap for the host that names it.',
      response: { 200: documentResponse('text/plain', 'robots.txt (RFC 9309).', 'User-agent: *\nDisallow: /v1/admin/\n…\nSitemap: https://api.worldweeklynews.example/sitemap.xml') }
    }
  }, async (_request, reply) => reply.type('text/plain; charset=utf-8').send(robotsTxt(service.sitemapUrls())))
}

export default syndicationRoutes
