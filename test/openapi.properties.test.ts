// Property-based tests over the whole API, as its OpenAPI document describes it: every operation is driven with
// generated path parameters, query strings, headers and bodies, valid and not, with no token, a bad one, or a token of
// each role. Whatever comes in, the answer is never a 5xx, a 4xx is problem+json, and every response is one the
// document declares for the operation, valid against the document's schema for it. The document is the one this app
// generates, so the code and the document cannot disagree unnoticed.
// Runs are bounded and seeded, so the file takes the same path each time and stays well inside the suite's time:
// PROPERTY_RUNS (runs per operation, default 10) and PROPERTY_SEED (default 12) explore further, for instance
// PROPERTY_RUNS=1000 PROPERTY_SEED=$RANDOM npx tap -t 0 test/openapi.properties.test.ts (-t 0: no time limit).
import t from 'tap'
import fc from 'fast-check'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import ajvFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp } from './helpers/app.js'
import { invalidValue, validValue, type JsonSchema } from './helpers/schema-arbitraries.js'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10)
const SEED = Number(process.env.PROPERTY_SEED ?? 12)

interface Parameter { name: string, in: 'path' | 'query' | 'header', required?: boolean, schema: JsonSchema }
interface MediaTypes { [mediaType: string]: { schema?: JsonSchema } }
interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean, content: MediaTypes }
  responses: Record<string, { content?: MediaTypes }>
}
interface Document {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, JsonSchema> }
}

interface Request {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

const ROLES = ['none', 'invalid', 'partner', 'contributor', 'author', 'editor', 'admin'] as const

/** A header value as a client could send it: printable ASCII only, as HTTP allows. */
const headerJunk = fc.stringMatching(/^[ -~]{0,40}$/)

/** Values for the path parameters that name things, biased to rows that exist so that operations get past their 404. */
function pathValue (parameter: Parameter, slugs: string[], components: Document['components']['schemas']): fc.Arbitrary<string> {
  const known = parameter.name === 'slug' ? fc.constantFrom(...slugs) : fc.integer({ min: 1, max: 12 }).map(String)
  return fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: validValue(parameter.schema, components).map(String) }).map(encodeURIComponent)
}

/** A path parameter no route should accept as it is: not a number where one is wanted, out of range, far too long. */
const badPathValue = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.constantFrom('0', '-1', '1.5', '1e3', '99999999999', '0x10', ' 1', 'a'.repeat(2000), '%')
).map(encodeURIComponent)

/**
 * Cursors shaped as the API makes them (base64url JSON of [sort?, key, id]) around keys of every kind: times, other
 * strings, numbers out of range. A random string is refused at decoding; these reach the queries behind it.
 */
const craftedCursor = fc.tuple(
  fc.option(fc.constantFrom('-publishedAt', 'publishedAt', '-updatedAt', 'updatedAt', 'relevance', '-scheduledAt', '-createdAt', 'other')),
  fc.oneof(
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
    fc.constantFrom('', '0', '-4.83', '1e309', 'NaN', '2026-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '\u0000', "'"),
    fc.string({ maxLength: 100 })
  ),
  fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(-1, 1.5, 2 ** 53, 0))
).map(([sort, key, id]) => Buffer.from(JSON.stringify(sort === null ? [key, id] : [sort, key, id])).toString('base64url'))

function queryValues (parameter: Parameter, components: Document['components']['schemas']): fc.Arbitrary<string[]> {
  const valid = validValue(parameter.schema, components).map((value) => Array.isArray(value) ? value.map(String) : [String(value)])
  if (parameter.name !== 'cursor' && parameter.name !== 'since') return valid
  return fc.oneof(valid, craftedCursor.map((cursor) => [cursor]))
}

function headerValue (parameter: Parameter): fc.Arbitrary<string> {
  const name = parameter.name.toLowerCase()
  const sensible = name === 'if-modified-since'
    ? fc.date({ min: new Date('2000-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }).map((date) => date.toUTCString())
    : fc.oneof(fc.integer({ min: 1, max: 12 }).map((version) => `"${version}"`), fc.constantFrom('*', 'W/"1"', '"1", "2"'))
  return fc.oneof({ weight: 3, arbitrary: sensible }, { weight: 1, arbitrary: headerJunk })
}

/** Leaves most optional things out: a request that sets every parameter at once is refused for one of them. */
function sometimes<T> (arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary })
}

type Corruption =
  | { kind: 'none' }
  | { kind: 'path', name: string, value: string }
  | { kind: 'query', name: string, value: string }
  | { kind: 'body', contentType?: string, payload?: string }

/**
 * Requests for one operation: a valid request, from any of the roles, or one with a single thing wrong (a path or
 * query parameter, an unknown parameter, a body off its schema, malformed, of another type or missing), so that each
 * refusal is tried on its own and not hidden behind another.
 */
function requests (path: string, method: string, operation: Operation, document: Document, slugs: string[], tokens: Record<string, string>): fc.Arbitrary<Request> {
  const components = document.components.schemas
  const parameters = operation.parameters ?? []
  const byPlace = (place: Parameter['in']) => parameters.filter((parameter) => parameter.in === place)
  const pathParameters = fc.record(Object.fromEntries(byPlace('path').map((parameter) => [parameter.name, pathValue(parameter, slugs, components)])))
  const query = fc.record(Object.fromEntries(byPlace('query').map((parameter) => [parameter.name, sometimes(queryValues(parameter, components))])))
  const headers = fc.record(Object.fromEntries(byPlace('header').map((parameter) => [parameter.name.toLowerCase(), sometimes(headerValue(parameter))])))
  const bodySchema = operation.requestBody?.content['application/json']?.schema
  const body = bodySchema ? validValue(bodySchema, components).map((value) => JSON.stringify(value)) : fc.constant(undefined)

  const corruptions: Array<fc.Arbitrary<Corruption>> = [
    fc.constantFrom('unknown', 'limit[]', '__proto__', 'constructor').map((name) => ({ kind: 'query', name, value: '1' }) as const)
  ]
  const names = (place: Parameter['in']) => byPlace(place).map((parameter) => parameter.name)
  if (names('path').length > 0) corruptions.push(fc.record({ kind: fc.constant('path' as const), name: fc.constantFrom(...names('path')), value: badPathValue }))
  if (names('query').length > 0) {
    corruptions.push(fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...names('query')), value: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('', '0', '-1', '1.5', 'x'.repeat(3000))) }))
  }
  if (bodySchema) {
    corruptions.push(
      invalidValue(bodySchema, components).map((value) => ({ kind: 'body', contentType: 'application/json', payload: JSON.stringify(value) ?? 'null' }) as const),
      fc.constantFrom<Corruption>(
        { kind: 'body' },
        { kind: 'body', contentType: 'application/json', payload: '{"headline": ' },
        { kind: 'body', contentType: 'application/json', payload: '{"__proto__": {"x": 1}, "constructor": {"prototype": {"y": 1}}}' },
        { kind: 'body', contentType: 'text/plain', payload: 'hello' },
        { kind: 'body', contentType: 'application/x-www-form-urlencoded', payload: 'a=1' }
      )
    )
  } else {
    corruptions.push(fc.constant<Corruption>({ kind: 'body', contentType: 'application/json', payload: '{}' }))
  }
  const corruption = fc.oneof({ weight: corruptions.length * 2, arbitrary: fc.constant<Corruption>({ kind: 'none' }) }, ...corruptions)

  return fc.record({ role: fc.constantFrom(...ROLES), pathParameters, query, headers, body, corruption })
    .map(({ role, pathParameters, query, headers, body, corruption }) => {
      const values: Record<string, unknown> = { ...pathParameters }
      if (corruption.kind === 'path') values[corruption.name] = corruption.value
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] as string)
      const search = new URLSearchParams()
      for (const [name, list] of Object.entries(query)) {
        if (corruption.kind === 'query' && corruption.name === name) continue
        for (const value of list ?? []) search.append(name, value)
      }
      if (corruption.kind === 'query') search.append(corruption.name, corruption.value)
      const request: Request = { method: method.toUpperCase(), url: search.size > 0 ? `${url}?${search}` : url, headers: {} }
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) request.headers[name] = value
      if (role === 'invalid') request.headers.authorization = 'Bearer not-a-token'
      else if (role !== 'none') request.headers.authorization = tokens[role] as string
      const sent = corruption.kind === 'body' ? corruption : body === undefined ? {} : { contentType: 'application/json', payload: body }
      if (sent.contentType) request.headers['content-type'] = sent.contentType
      if (sent.payload !== undefined) request.payload = sent.payload
      return request
    })
}

function mediaTypeOf (contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim() ?? ''
}

/** What is wrong with a response, by the document; empty when nothing is. */
function problemsWith (operation: Operation, status: number, contentType: string | undefined, body: string, validator: (schema: JsonSchema) => ValidateFunction): string[] {
  if (status >= 500) return [`answered ${status}: ${body.slice(0, 500)}`]
  const declared = operation.responses[String(status)] ?? operation.responses.default
  if (!declared) return [`answered ${status}, which the document does not declare (it declares ${Object.keys(operation.responses).join(', ')})`]
  const problems: string[] = []
  const mediaType = mediaTypeOf(contentType)
  if (status >= 400 && mediaType !== 'application/problem+json') problems.push(`answered ${status} as ${contentType}, not application/problem+json`)
  if (!declared.content) {
    if (body !== '') problems.push(`answered ${status} with a body the document does not declare`)
    return problems
  }
  const media = declared.content[mediaType]
  if (!media) return [...problems, `answered ${status} as ${contentType}, but the document declares ${Object.keys(declared.content).join(', ')}`]
  if (media.schema && /json/.test(mediaType)) {
    const validate = validator(media.schema)
    const parsed: unknown = JSON.parse(body)
    if (!validate(parsed)) problems.push(`the ${status} body does not match the document: ${JSON.stringify(validate.errors?.slice(0, 3))} in ${body.slice(0, 300)}`)
    if (status >= 400) {
      const problem = parsed as { status?: unknown, type?: unknown, title?: unknown, detail?: unknown }
      if (problem.status !== status || typeof problem.type !== 'string' || typeof problem.title !== 'string' || typeof problem.detail !== 'string') {
        problems.push(`the problem lacks type, title, detail or its status: ${body.slice(0, 300)}`)
      }
    }
  }
  return problems
}

/** Compiles the document's schemas with the document's components, once each. */
function documentValidator (document: Document): (schema: JsonSchema) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ajvFormats.default(ajv)
  // Each response schema points into the components through #/components/schemas/...: the document is registered
  // under a name, and those pointers made absolute to it.
  ajv.addSchema({ $id: 'openapi.json', components: document.components } as object)
  const compiled = new Map<JsonSchema, ValidateFunction>()
  return (schema) => {
    let validate = compiled.get(schema)
    if (!validate) {
      validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')))
      compiled.set(schema, validate)
    }
    return validate
  }
}

async function knownSlugs (app: FastifyInstance): Promise<string[]> {
  const slugs = ['no-such-thing']
  for (const list of ['/v1/articles?limit=5', '/v1/sections', '/v1/authors?limit=3', '/v1/tags?limit=3']) {
    const body = (await app.inject({ url: list })).json() as { data: Array<{ slug: string, children?: Array<{ slug: string }> }> }
    slugs.push(...body.data.flatMap((item) => [item.slug, ...(item.children ?? []).map((child) => child.slug)]))
  }
  return slugs
}

t.test('every operation of the document, driven with generated requests, answers as the document says', async (t) => {
  // The demo newsroom, so that generated requests find articles, sections and replies to act on; replies are not
  // rate limited here, so that submissions reach the code behind the limit.
  const app = await buildTestApp(t, { seedDemo: true, repliesPerMinute: 10_000 })
  const document = app.swagger() as unknown as Document
  const validator = documentValidator(document)
  const slugs = await knownSlugs(app)
  // Fresh for each operation: a generated revokeToken may have revoked the last ones.
  const mintTokens = async () => {
    const tokens: Record<string, string> = {}
    for (const role of ['partner', 'contributor', 'author', 'editor', 'admin'] as const) {
      // Writers bound to a demo author, so that their own articles exist.
      tokens[role] = (await authHeader(app, role, role === 'contributor' || role === 'author' ? 1 : null)).authorization
    }
    return tokens
  }

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      await t.test(`${operation.operationId} (${method.toUpperCase()} ${path})`, async (t) => {
        const tokens = await mintTokens()
        const property = fc.asyncProperty(requests(path, method, operation, document, slugs, tokens), async (request) => {
          const res = await app.inject(request)
          const problems = problemsWith(operation, res.statusCode, res.headers['content-type'] as string | undefined, res.body, validator)
          if (problems.length > 0) throw new Error(`${request.method} ${request.url} ${request.payload ?? ''}\n${problems.join('\n')}`)
        })
        const result = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: true })
        t.notOk(result.failed, result.failed ? `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}` : 'every response as declared')
      })
    }
  }
})
