import t from 'tap'
import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import { generateOpenApiDocument, OPENAPI_FILE } from '../src/openapi-document.js'
import { authHeader, buildTestApp } from './helpers/app.js'

interface Operation {
  operationId?: string
  summary?: string
  tags?: string[]
  security?: unknown[]
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

async function operations (): Promise<Array<[string, string, Operation]>> {
  const document = JSON.parse(await generateOpenApiDocument())
  return Object.entries(document.paths as Record<string, Record<string, Operation>>)
    .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => [path, method, operation] as [string, string, Operation]))
}

t.test('the committed openapi/openapi.json is what the code generates (run npm run openapi after changing a route)', async (t) => {
  t.equal(await readFile(OPENAPI_FILE, 'utf8'), await generateOpenApiDocument())
})

t.test('the document is a valid OpenAPI 3.1 document', async (t) => {
  const validator = new Validator()
  const result = await validator.validate(JSON.parse(await generateOpenApiDocument()))
  t.same(result.errors ?? [], [])
  t.equal(result.valid, true)
  t.equal(validator.version, '3.1')
})

t.test('every operation has an id, a summary, a tag and documented error responses', async (t) => {
  const ids = new Set<string>()
  for (const [path, method, operation] of await operations()) {
    const name = `${method.toUpperCase()} ${path}`
    t.ok(operation.operationId, `${name} has an operationId`)
    t.notOk(ids.has(operation.operationId as string), `${name} has a unique operationId`)
    ids.add(operation.operationId as string)
    t.ok(operation.summary, `${name} has a summary`)
    t.equal(operation.tags?.length, 1, `${name} has a tag`)
    t.ok(operation.responses['500'], `${name} documents 500`)
    for (const [status, response] of Object.entries(operation.responses)) {
      if (status === '204' || status.startsWith('3')) continue
      const media = Number(status) >= 400 ? 'application/problem+json' : 'application/json'
      t.ok(response.content?.[media]?.schema, `${name} ${status} has a ${media} schema`)
    }
    if (operation.security) {
      t.ok(operation.responses['401'], `${name} is authenticated and documents 401`)
    }
  }
})

t.test('the spec is served at /openapi.json and Swagger UI at /docs', async (t) => {
  const app = await buildTestApp(t)
  const spec = await app.inject({ url: '/openapi.json' })
  t.equal(spec.statusCode, 200)
  t.same(spec.json(), JSON.parse(await generateOpenApiDocument()))
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
  t.match(docs.body, /swagger-ui/)
})

interface TryableOperation extends Operation {
  parameters?: Array<{ in: string, name: string, example?: unknown, required?: boolean }>
  requestBody?: { content: Record<string, { example?: unknown, examples?: Record<string, { value: unknown }> }> }
}

t.test('"Try it out" with the documented examples succeeds against the demo database, for every operation', async (t) => {
  const document = JSON.parse(await generateOpenApiDocument())
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, TryableOperation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const app = await buildTestApp(t, { seedDemo: true })
      // A preview token is signed with a key each database makes for itself, so no fixed example can be valid:
      // the developer's first step is the previewArticle call, and so is the test's.
      const minted = operation.operationId === 'getArticlePreview'
        ? (await app.inject({ method: 'POST', url: '/v1/admin/articles/50/preview', headers: await authHeader(app, 'editor') })).json().token
        : undefined
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
        const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name)
        t.not(parameter?.example, undefined, `${method} ${path} has an example for ${name}`)
        return String(minted ?? parameter?.example)
      })
      const media = operation.requestBody?.content['application/json']
      const payload = media?.example ?? Object.values(media?.examples ?? {})[0]?.value
      if (operation.requestBody) t.ok(payload, `${method} ${path} has a request body example`)
      const headers = operation.security ? await authHeader(app, 'admin') : {}
      // The token a developer made with the createToken example, so revokeToken has one to revoke.
      await authHeader(app, 'partner')
      const res = await app.inject({ method: method.toUpperCase() as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
      t.ok(res.statusCode >= 200 && res.statusCode < 300, `${method.toUpperCase()} ${url} answers ${res.statusCode} ${res.statusCode >= 300 ? res.body : ''}`)
      await app.close()
    }
  }
})
