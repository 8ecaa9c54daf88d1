// fast-check arbitraries made from the JSON schemas of the OpenAPI document: values the schema accepts, and values it
// should refuse, for the property tests that drive every operation.
import fc from 'fast-check'

export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
}

// Generated strings and arrays stay short, so a run spends its time on many requests rather than on big ones; a
// string at its full maximum length comes now and then, because limits are where code breaks.
const SHORT = 24
const FEW = 3
// Deep enough for a body's blocks inside an article; below it, optional properties are left out.
const MAX_DEPTH = 6

/** Anything at all, for where the schema's own value is not wanted: other types, odd strings, nesting. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: SHORT }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'null', 'true', '<script>alert(1)</script>', "' OR 1=1 --", '\u0000', '%00', '../..', '\uE000x\uE001'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: FEW }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: FEW })
)

// Pieces of text that have broken text handling elsewhere: the NUL character PostgreSQL cannot store, search syntax
// of FTS5 and tsquery, LIKE wildcards, the private-use characters the search snippets mark matches with, markup,
// lone surrogates, right-to-left and combining marks.
const TRICKY = ['\u0000', '"', '*', 'NEAR(', ' OR ', ' AND ', 'NOT ', '-', ':', '^', '&', '|', '!', '(', ')', "'", '%', '_', '\\',
  '\uE000', '\uE001', '<b>', '</mark>', '&amp;', '\uD800', '\u202E', 'e\u0301', '🇫🇷', '\n', '\t', ' ']

const trickyText = (minLength: number, maxLength: number) => fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 4 })), { maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((text) => text.length >= minLength && text.length <= maxLength)

function withoutLookarounds (pattern: string): RegExp {
  return new RegExp(pattern.replace(/\(\?<?[=!][^)]*\)/g, ''))
}

function stringArbitrary (schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0
  const maxLength = schema.maxLength ?? 10_000
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength && (!schema.pattern || new RegExp(schema.pattern, 'u').test(value))
  switch (schema.format) {
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString())
    case 'email':
      return fc.emailAddress().filter(fits)
    case 'uri':
      return fc.webUrl({ withQueryParameters: true }).filter(fits)
  }
  if (schema.pattern) {
    // fast-check builds strings from a regular expression, but not through lookarounds: those are checked after.
    return fc.stringMatching(withoutLookarounds(schema.pattern), { size: 'small' }).filter(fits)
  }
  const short = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, Math.min(maxLength, SHORT)) }) },
    { weight: 1, arbitrary: trickyText(minLength, maxLength) }
  )
  if (maxLength > 10_000) return short
  return fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: maxLength, maxLength }) }).filter(fits)
}

/** Values valid against the schema, refs resolved in the document's components. */
export function validValue (schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '')
    const target = components[name]
    if (!target) throw new Error(`no schema ${schema.$ref} in the document`)
    return validValue(target, components, depth)
  }
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => validValue(alternative, components, depth + 1)))
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, components, depth)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      return stringArbitrary(schema)
    case 'integer': {
      const any = fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 })
      // An id (1 up to the database's largest integer) mostly names a row that exists, so that writes that refer to
      // sections, authors or replies get past the check that they exist.
      return schema.minimum === 1 && schema.maximum === 2 ** 31 - 1 ? fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: any }) : any
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const items = validValue(schema.items ?? {}, components, depth + 1)
      const minLength = schema.minItems ?? 0
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? FEW, depth >= MAX_DEPTH ? minLength : FEW))
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
        : fc.array(items, { minLength, maxLength })
    }
    case 'object': {
      const required = schema.required ?? []
      const properties = Object.entries(schema.properties ?? {}).filter(([name]) => depth < MAX_DEPTH || required.includes(name))
      return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, validValue(property, components, depth + 1)])), { requiredKeys: required })
    }
    default:
      return fc.jsonValue({ maxDepth: 1 })
  }
}

/** A valid value with one thing wrong: a property of the wrong kind, a required one missing, or one not allowed. */
export function invalidValue (schema: JsonSchema, components: Record<string, JsonSchema>): fc.Arbitrary<unknown> {
  const resolved = schema.$ref ? components[schema.$ref.replace('#/components/schemas/', '')] ?? {} : schema
  const properties = Object.keys(resolved.properties ?? {})
  if (resolved.type !== 'object' || properties.length === 0) return junk
  return fc.tuple(validValue(resolved, components) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...properties), junk, fc.nat(2))
    .map(([value, property, replacement, how]) => {
      const changed = { ...value }
      if (how === 0) changed[property] = replacement
      else if (how === 1) delete changed[property]
      else changed[`${property}Extra`] = replacement
      return changed
    })
}
