// Request validation: query strings and paths are text and need coercion; JSON bodies must not be coerced.
import { Ajv, type Options } from 'ajv'
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

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema)
