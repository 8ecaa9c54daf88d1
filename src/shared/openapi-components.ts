// Finishes a generated OpenAPI document: every titled schema moves into components.schemas and is referred to, so
// client generators name their types Article, Problem... instead of inlining them everywhere; list parameters say how
// they are sent.
import { isDeepStrictEqual } from 'node:util'
import { STATUS_CODES } from 'node:http'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Ajv refuses a discriminator's mapping, so a schema names only the tag property; the document maps each tag value to
 * the component its branch becomes, which client generators need to pick the type of a tagged union.
 */
function discriminatorMapping (schema: Json): Json | null {
  const { discriminator, oneOf } = schema
  if (!isObject(discriminator) || !Array.isArray(oneOf)) return null
  const tagName = String(discriminator.propertyName)
  return Object.fromEntries(oneOf.map((branch: { title?: unknown, properties?: Record<string, { const?: unknown, enum?: unknown[] }> }) => {
    // @fastify/swagger writes a const as a one-value enum.
    const values = branch.properties?.[tagName]?.enum ?? [branch.properties?.[tagName]?.const]
    if (values.length !== 1 || typeof values[0] !== 'string' || typeof branch.title !== 'string') {
      throw new Error(`Each branch of a union tagged by ${tagName} needs a title and a single ${tagName}`)
    }
    return [values[0], `#/components/schemas/${branch.title}`]
  }))
}

function hoist (schema: unknown, components: Json): unknown {
  if (!isObject(schema)) return schema
  const result: Json = { ...schema }
  const mapping = discriminatorMapping(schema)
  if (mapping) result.discriminator = { ...(schema.discriminator as Json), mapping }
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

/**
 * A query parameter holding a list is sent repeated (author=a&author=b): OpenAPI's default for a query parameter,
 * style form with explode, said outright so that Swagger UI and client generators do not have to assume it.
 */
export function explodeListParameters<T extends Json> (document: T): T {
  const copy = structuredClone(document) as Json
  for (const item of Object.values(isObject(copy.paths) ? copy.paths : {})) {
    for (const operation of Object.values(isObject(item) ? item : {})) {
      const parameters: unknown[] = isObject(operation) && Array.isArray(operation.parameters) ? operation.parameters : []
      for (const parameter of parameters.filter(isObject)) {
        if (parameter.in === 'query' && isObject(parameter.schema) && parameter.schema.type === 'array') {
          Object.assign(parameter, { style: 'form', explode: true })
        }
      }
    }
  }
  return copy as T
}
