// Sitemaps checked against the official XSDs (test/fixtures/sitemaps/SOURCES.md says where each comes from), with
// libxml2's xmllint compiled to WebAssembly.
import { readFile } from 'node:fs/promises'
import type { Test } from 'tap'
import { validateXML, type XMLFileInfo } from 'xmllint-wasm'

const FIXTURES = new URL('../../fixtures/sitemaps/', import.meta.url)

async function fixture (fileName: string): Promise<XMLFileInfo> {
  return { fileName, contents: await readFile(new URL(fileName, FIXTURES), 'utf8') }
}

const SCHEMAS = {
  sitemap: { schema: 'sitemap.xsd', imports: [] },
  siteindex: { schema: 'siteindex.xsd', imports: [] },
  // xmllint validates against one schema: this one imports sitemaps.org's and Google's news extension.
  news: { schema: 'news-sitemap.xsd', imports: ['sitemap.xsd', 'sitemap-news.xsd'] }
} as const

/** Passes when the document is valid by the schema, and names each of libxml2's complaints when it is not. */
export async function assertValid (t: Test, xml: string, kind: keyof typeof SCHEMAS): Promise<void> {
  const { schema, imports } = SCHEMAS[kind]
  const result = await validateXML({
    xml: [{ fileName: `${kind}.xml`, contents: xml }],
    schema: [await fixture(schema)],
    preload: await Promise.all(imports.map(fixture))
  })
  t.same(result.errors.map((error) => error.message), [], `valid by ${schema}`)
}
