// Security headers: strict ones on the API's JSON, a Content-Security-Policy under which Swagger UI still works, in a
// real browser (Debian's chromium through playwright-core; skipped where it is not installed).
import t from 'tap'
import { access } from 'node:fs/promises'
import { buildTestApp, TEST_CONFIG } from '../helpers/app.js'

const CHROMIUM = '/usr/bin/chromium'
const API_CSP = "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'"

/** Headers that only a document's page reads, which helmet sets by default. */
const DOCUMENT_ONLY_HEADERS = ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']

t.test('a data response carries the strict headers: a CSP that runs nothing, nosniff, no framing, no referrer', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1/sections', '/v1/nowhere', '/openapi.json', '/feeds/rss.xml']) {
    const res = await app.inject({ url })
    t.match(res.headers, {
      'content-security-policy': API_CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': /^max-age=\d+/,
      'cross-origin-resource-policy': 'cross-origin'
    }, url)
  }
})

t.test('a data response leaves out the headers only a rendered page reads', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/sections' })
  t.same(DOCUMENT_ONLY_HEADERS.filter((name) => name in res.headers), [])
})

t.test('Swagger UI\'s page keeps helmet\'s headers for documents', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/docs/' })
  t.match(res.headers, { 'cross-origin-opener-policy': 'same-origin', 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' })
  t.same(DOCUMENT_ONLY_HEADERS.filter((name) => !(name in res.headers)), [])
})

t.test('Swagger UI\'s page gets a CSP that allows its own scripts and styles and nothing from elsewhere', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/docs' })
  t.equal(res.statusCode, 200)
  const csp = res.headers['content-security-policy'] as string
  t.match(csp, /(^|;)default-src 'self'(;|$)/)
  t.match(csp, /(^|;)script-src 'self'(;|$)/, 'no inline or eval\'d script')
  t.match(csp, /(^|;)frame-ancestors 'none'(;|$)/)
  t.notMatch(csp, /unsafe-inline|unsafe-eval|https:|\*/)
})

const noChromium = await access(CHROMIUM).then(() => false, () => `${CHROMIUM} is not installed, so Swagger UI is not loaded in a browser here`)

t.test('Swagger UI renders every operation in a real browser, with no CSP violation or console error', { skip: noChromium }, async (t) => {
  const { chromium } = await import('playwright-core')
  const app = await buildTestApp(t)
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`) })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await page.exposeFunction('reportViolation', (violation: string) => problems.push(`CSP: ${violation}`))
  // Run in the page, before its own scripts (a string: this file is compiled without the DOM's types).
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (event) => reportViolation(event.violatedDirective + ' blocked ' + event.blockedURI))"
  })
  const response = await page.goto(`${base}/docs`)
  t.equal(response?.status(), 200)
  // A guard against a page that never renders, not a measure of speed: under the suite's load chromium took over 20 s.
  await page.locator('.opblock').first().waitFor({ timeout: 60_000 })
  const operations = await page.locator('.opblock').count()
  const { paths } = app.swagger() as unknown as { paths: Record<string, object> }
  t.equal(operations, Object.values(paths).reduce((sum, item) => sum + Object.keys(item).length, 0), 'one block for each operation of the spec')
  t.ok(await page.locator('.opblock-summary-operation-id', { hasText: 'getArticle' }).count() > 0, 'operation ids are shown')
  t.match(await page.locator('.info .title').textContent(), TEST_CONFIG.publicationName)
  // A violation is reported asynchronously: give any last one a moment, then wait on the page's own round trip.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)))
  t.same(problems, [])
})
