// A newsroom with every kind of article ninjs must carry, written through the API, and the IPTC's own ninjs schema.
import type { FastifyInstance } from 'fastify'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'

export type Headers = { authorization: string }

export const NINJS = 'application/ninjs+json'

const SCHEMAS = fileURLToPath(new URL('../../fixtures/ninjs/', import.meta.url))

/**
 * Validates a document against IPTC's ninjs 3.1 schema, as published, in ajv's 2020-12 mode with formats. The GeoJSON
 * schema it refers to by $id is added first, since nothing here may download it. strict is off: the IPTC schema uses
 * keywords in places strict mode refuses (a description beside $ref, "type" with a $ref), which are not errors of ours.
 */
export async function ninjsValidator (): Promise<(document: unknown) => string[]> {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema(JSON.parse(await readFile(join(SCHEMAS, 'GeoJSON-schema.json'), 'utf8')))
  const validate = ajv.compile(JSON.parse(await readFile(join(SCHEMAS, 'ninjs-schema_3.1.json'), 'utf8')))
  return (document) => validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`)
}

export interface Desk {
  app: FastifyInstance
  editor: Headers
  partner: Headers
  sections: { world: number, africa: number, sport: number }
  authors: { adrian: number, bea: number }
  tags: { climate: number, water: number }
  /** Two authors, two tags, a featured image, subtitle, dateline, canonical URL and a correction, in Africa (under World). */
  full: Created
  /** One author, no tags, no image, in Sport. */
  plain: Created
  withdrawn: Created
  /** Published under an embargo that ends in a day. */
  embargoed: Created
  draft: Created
}

export interface Created {
  id: number
  slug: string
}

export const EMBARGO_ENDS = new Date(Date.now() + 24 * 3600 * 1000).toISOString()

async function post (app: FastifyInstance, editor: Headers, url: string, payload: object): Promise<Created> {
  const res = await app.inject({ method: 'POST', url, headers: editor, payload })
  if (res.statusCode >= 300) throw new Error(`POST ${url} failed: ${res.body}`)
  return res.json()
}

export async function syndicationDesk (t: Teardown): Promise<Desk> {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const world = await insertSection(app, 'world')
  const sections = { world, africa: await insertSection(app, 'africa', world), sport: await insertSection(app, 'sport') }
  const authors = { adrian: await insertAuthor(app, 'adrian-ovalle'), bea: await insertAuthor(app, 'bea-okafor') }
  const tags = { climate: await insertTag(app, 'climate'), water: await insertTag(app, 'water') }
  const article = (headline: string, fields: object) => post(app, editor, '/v1/admin/articles', {
    headline, body: SIMPLE_BODY, sectionId: sections.africa, authorIds: [authors.adrian], status: 'published', ...fields
  })
  const full = await article('Lake Chad\'s fishermen return & the waters rise', {
    subtitle: 'Boats are back on the southern pool',
    authorIds: [authors.adrian, authors.bea],
    tagIds: [tags.climate, tags.water],
    dateline: 'BOL, Chad',
    canonicalUrl: 'https://www.worldweekly.example/africa/lake-chad',
    featuredImage: { url: 'https://images.worldweekly.example/lake-chad.jpg', alt: 'Fishing boats at dawn', caption: 'Boats near Bol', credit: 'Photo: Amina Yusuf' }
  })
  await post(app, editor, `/v1/admin/articles/${full.id}/corrections`, { kind: 'correction', text: 'An earlier version misnamed the town of Bol.' })
  const plain = await article('Sahel cup final goes to extra time', { sectionId: sections.sport })
  const withdrawn = await article('A claim that could not be verified', { tagIds: [tags.climate] })
  await post(app, editor, `/v1/admin/articles/${withdrawn.id}/withdraw`, { reason: 'Its central claim could not be verified.' })
  const embargoed = await article('Rainfall report embargoed until tomorrow', { tagIds: [tags.water], embargoedUntil: EMBARGO_ENDS })
  const draft = await article('A draft nobody outside sees', { status: 'draft' })
  return { app, editor, partner: await authHeader(app, 'partner'), sections, authors, tags, full, plain, withdrawn, embargoed, draft }
}

/** The article's ninjs item at its slug. */
export async function ninjsItem (desk: Desk, slug: string, headers: Record<string, string> = {}) {
  return desk.app.inject({ url: `/v1/articles/${slug}`, headers: { accept: NINJS, ...headers } })
}
