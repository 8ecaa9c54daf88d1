// Request validation: query strings and paths are text and need coercion; JSON bodies must not be coerced.
import { Ajv, type ErrorObject, type Options } from 'ajv'
import ajvFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

const COMMON: Options = {
  useDefaults: true,
  // Unknown fields are refused with a clear error rather than silently dropped.
  removeAdditional: false,
  // Every failing field is reported, not only the first; schemas cap array sizes, so this stays cheap.
  allErrors: true
}

function createAjv (options: Options): Ajv {
  const ajv = new Ajv({ ...COMMON, ...options })
  ajvFormats.default(ajv)
  return ajv
}

// In a body, null must stay null: coercion would turn { "subtitle": null } into an empty string.
const bodyAjv = createAjv({ coerceTypes: false })
const textAjv = createAjv({ coerceTypes: 'array' })

/** The path of the first string in value holding a NUL character, or null. */
function nulPath (value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (typeof value !== 'object' || value === null) return null
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, `${path}/${key}`)
    if (found !== null) return found
  }
  return null
}

/**
 * PostgreSQL text cannot hold the NUL character, so no engine is given one: a client that sends it gets a 400
 * naming the field, wherever it is, instead of a write that works on one engine and fails on the other.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema)
  const checked = (data: unknown) => {
    const path = nulPath(data, '')
    checked.errors = path === null
      ? null
      : [{ instancePath: path, schemaPath: '#', keyword: 'nul', params: {}, message: 'must not contain the NUL character (U+0000)' }]
    if (path !== null) return false
    const valid = validate(data)
    checked.errors = validate.errors ?? null
    return valid
  }
  checked.errors = null as ErrorObject[] | null
  return checked
}
