// Request validation: query strings and paths are text and need coercion; JSON bodies must not be coerced.
import { Ajv, type ErrorObject, type FormatDefinition, type Options, type ValidateFunction } from 'ajv'
import ajvFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'
import { compiledOncePerSchema } from '../shared/compiled-once.js'
import { HTTP_URL_PATTERN } from '../shared/content-types.js'

const COMMON: Options = {
  useDefaults: true,
  // Unknown fields are refused with a clear error rather than silently dropped.
  removeAdditional: false,
  // Every failing field is reported, not only the first; schemas cap array sizes, so this stays cheap.
  allErrors: true,
  // A union tagged by a property (body blocks by type) is checked against the one branch its tag names, so an error
  // points at the field that is wrong instead of at every other branch.
  discriminator: true,
  // An error then carries its schema and the value: a discriminator's names the tags allowed, a union's its branches.
  verbose: true
}

// PostgreSQL has no year 0, and toISOString writes a year past 9999 as +010000, which sorts before every other time
// stored as text: a time is accepted only where, in UTC, both engines store it as written.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z')
const LATEST = Date.parse('9999-12-31T23:59:59.999Z')
const DATE_TIME_MESSAGE = 'must be an RFC 3339 date-time such as 2026-03-14T09:30:00Z, from year 0001 to 9999 once its offset is applied'
const HTTP_URL_MESSAGE = 'must be an absolute http or https URL with a host, such as https://example.org/page'

const rfc3339DateTime = (ajvFormats.default.get('date-time') as FormatDefinition<string>).validate as (text: string) => boolean

// RFC 3339's offset is Z or ±hh:mm; ajv-formats also takes +01 and +0100, which JavaScript cannot read back.
const RFC3339_OFFSET = /(?:[zZ]|[+-]\d{2}:\d{2})$/

/** A time JavaScript cannot hold (a leap second) passes here: the services refuse it with a reason of its own. */
function storableDateTime (text: string): boolean {
  if (!rfc3339DateTime(text) || !RFC3339_OFFSET.test(text)) return false
  const time = Date.parse(text)
  return Number.isNaN(time) || (time >= EARLIEST && time <= LATEST)
}

function createAjv (options: Options): Ajv {
  const ajv = new Ajv({ ...COMMON, ...options })
  ajvFormats.default(ajv)
  ajv.addFormat('date-time', { type: 'string', validate: storableDateTime })
  return ajv
}

// In a body, null must stay null: coercion would turn { "subtitle": null } into an empty string.
const bodyAjv = createAjv({ coerceTypes: false })
const textAjv = createAjv({ coerceTypes: 'array' })
const compileBody = compiledOncePerSchema((schema: object) => bodyAjv.compile(schema))
const compileText = compiledOncePerSchema((schema: object) => textAjv.compile(schema))

// Deeper than any body the API defines (a body block nests three levels); a parser's recursion must not meet more.
const MAX_DEPTH = 32

// A UTF-16 surrogate without its pair: JSON's \ud800 escape can carry one, but it is no character, and each engine
// and serializer would mangle it its own way (replacement characters in one field, a raw escape in another).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * The first problem no schema can express: a string holding the NUL character, which PostgreSQL text cannot hold, or
 * a lone surrogate, or nesting deeper than MAX_DEPTH. It runs on every request's path and query, so it allocates
 * nothing until it finds a problem, whose path is then built on the way out. The depth limit bounds the recursion.
 */
function structuralError (value: unknown, depth = 0): ErrorObject | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { instancePath: '', schemaPath: '#', keyword: 'nul', params: {}, message: 'must not contain the NUL character (U+0000)' }
    if (LONE_SURROGATE.test(value)) return { instancePath: '', schemaPath: '#', keyword: 'surrogate', params: {}, message: 'must be valid Unicode: it holds half of a UTF-16 surrogate pair' }
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  if (depth === MAX_DEPTH) return { instancePath: '', schemaPath: '#', keyword: 'depth', params: {}, message: `must not nest deeper than ${MAX_DEPTH} levels` }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const error = structuralError(value[index], depth + 1)
      if (error !== null) return { ...error, instancePath: `/${index}${error.instancePath}` }
    }
    return null
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const error = structuralError((value as Record<string, unknown>)[key], depth + 1)
    if (error !== null) return { ...error, instancePath: `/${key}${error.instancePath}` }
  }
  return null
}

const DECIMAL_INTEGER = /^-?\d+$/

/** The properties of a path or query schema that hold integers, or integers in an array. */
function integerProperties (schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown, items?: { type?: unknown } }> }).properties ?? {}
  return Object.entries(properties)
    .filter(([, property]) => property.type === 'integer' || (property.type === 'array' && property.items?.type === 'integer'))
    .map(([name]) => name)
}

/**
 * Query and path text is coerced to numbers as JavaScript reads them, so "0x1", "1e0", " 1" and "Infinity" would pass
 * for integers: an id must be written as one, or a typo could name, and delete, another record.
 */
function integerTextError (integers: string[], data: unknown): ErrorObject | null {
  if (integers.length === 0 || typeof data !== 'object' || data === null) return null
  for (const name of integers) {
    const raw = (data as Record<string, unknown>)[name]
    if (raw === undefined) continue
    for (const text of Array.isArray(raw) ? raw : [raw]) {
      if (typeof text === 'string' && !DECIMAL_INTEGER.test(text)) {
        return { instancePath: `/${name}`, schemaPath: '#', keyword: 'type', params: {}, message: 'must be an integer written in decimal digits' }
      }
    }
  }
  return null
}

/** Whether a branch's type keyword admits the value; a branch without one might. */
function admits (type: unknown, value: unknown): boolean {
  if (type === undefined) return true
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  const types = Array.isArray(type) ? type : [type]
  return types.includes(actual) || (actual === 'number' && types.includes('integer'))
}

/**
 * A nullable field is a union of its schema and null: ajv reports a bad value against every branch ("must be null")
 * and against the union. Where the value's type admits one branch only, only that branch's errors are kept.
 */
function withinChosenBranches (errors: ErrorObject[]): ErrorObject[] {
  let kept = errors
  for (const union of errors.filter((error) => error.keyword === 'anyOf')) {
    const chosen = (union.schema as Array<{ type?: unknown }>).flatMap((branch, index) => admits(branch.type, union.data) ? [index] : [])
    if (chosen.length !== 1) continue
    kept = kept.filter((error) => error !== union && (!error.schemaPath.startsWith(`${union.schemaPath}/`) || error.schemaPath.startsWith(`${union.schemaPath}/${chosen[0]}/`)))
  }
  return kept
}

type TaggedBranch = { properties: Record<string, { const: string }> }

/**
 * Ajv's words where they would mislead or say little: an out-of-range time "must match format", a URL's pattern is a
 * regular expression, a bad tag is reported at the object rather than at the tag.
 */
function clarified (error: ErrorObject): ErrorObject {
  if (error.keyword === 'format' && error.params.format === 'date-time') return { ...error, message: DATE_TIME_MESSAGE }
  if (error.keyword === 'enum') return { ...error, message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` }
  if (error.keyword === 'type' && error.instancePath === '' && error.params.type === 'object') return { ...error, message: 'must be a JSON object, such as {}' }
  if (error.parentSchema?.pattern === HTTP_URL_PATTERN && (error.keyword === 'pattern' || error.keyword === 'format')) return { ...error, message: HTTP_URL_MESSAGE }
  if (error.keyword !== 'discriminator') return error
  const tag = String(error.params.tag)
  const allowed = (error.parentSchema?.oneOf as TaggedBranch[]).map((branch) => branch.properties[tag]?.const)
  return { ...error, instancePath: `${error.instancePath}/${tag}`, message: `must be one of: ${allowed.join(', ')}` }
}

/** A URL failing both its format and its pattern is one error, said once; a missing or unknown field is its own. */
function distinct (errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>()
  return errors.filter((error) => {
    const key = `${error.instancePath} ${String(error.params.missingProperty ?? error.params.additionalProperty ?? '')} ${error.message ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * PostgreSQL text cannot hold the NUL character, so no engine is given one: a client that sends it gets a 400
 * naming the field, wherever it is, instead of a write that works on one engine and fails on the other.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const isText = httpPart !== 'body'
  // Node's HTTP parser refuses a header holding NUL or any other control character, and reads header bytes as
  // Latin-1, which has no surrogates: only what the URL and the body carry needs the walk.
  const mayHoldStructuralErrors = httpPart !== 'headers'
  const integers = isText ? integerProperties(schema) : []
  // Compiled when a request first needs it: compiling every route's schemas up front was a tenth of the service's
  // start, before it could answer anything.
  let validate: ValidateFunction | undefined
  const checked = (data: unknown) => {
    const refused = (mayHoldStructuralErrors ? structuralError(data) : null) ?? integerTextError(integers, data)
    checked.errors = refused === null ? null : [refused]
    if (refused !== null) return false
    validate ??= (isText ? compileText : compileBody)(schema)
    const valid = validate(data)
    checked.errors = validate.errors ? distinct(withinChosenBranches(validate.errors).map(clarified)) : null
    return valid
  }
  checked.errors = null as ErrorObject[] | null
  return checked
}
