// Moves every titled schema of a generated OpenAPI document into components.schemas and refers to it,
// so client generators name their types Article, Problem... instead of inlining them everywhere.
import { isDeepStrictEqual } from 'node:util'
import { STATUS_CODES } from 'node:http'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function hoist (schema: unknown, components: Json): unknown {
  if (!isObject(schema)) return schema
  const result: Json = { ...schema }
  if (isObject(result.properties)) {
    result.properties = Object.fromEntries(Object.entries(result.properties).map(([name, value]) => [name, hoist(value, components)]))
  }
  for (const key of ['items', 'additionalProperties', 'not'] as const) {
    if (isObject(result[key])) result[key] = hoist(result[key], components)
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    if (Array.isArray(result[key])) result[key] = (result[key] as unknown[]).map((item) => hoist(item, components))
  }
  if (typeof result.title !== 'string') return result
  const name = result.title
  if (components[name] !== undefined && !isDeepStrictEqual(components[name], result)) {
    throw new Error(`Two different schemas are titled ${name}; give one another title`)
  }
  components[name] = result
  return { $ref: `#/components/schemas/${name}` }
}

function hoistContent (content: unknown, components: Json): void {
  if (!isObject(content)) return
  for (const media of Object.values(content)) {
    if (isObject(media) && media.schema) media.schema = hoist(media.schema, components)
  }
}

export function hoistNamedSchemas<T extends Json> (document: T): T {
  const copy = structuredClone(document) as Json
  const components = (isObject(copy.components) ? copy.components : (copy.components = {})) as Json
  const schemas = (isObject(components.schemas) ? components.schemas : (components.schemas = {})) as Json
  for (const item of Object.values(isObject(copy.paths) ? copy.paths : {})) {
    for (const operation of Object.values(isObject(item) ? item : {})) {
      if (!isObject(operation)) continue
      if (isObject(operation.requestBody)) hoistContent(operation.requestBody.content, schemas)
      for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        if (!isObject(response)) continue
        if (response.description === 'Default Response') response.description = STATUS_CODES[Number(status)] ?? 'Response'
        hoistContent(response.content, schemas)
      }
    }
  }
  components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)))
  return copy as T
}
