// Schemas every module shares: problem documents, path parameters, pagination.
import { Type, type Static, type TSchema } from 'typebox'

export const FieldErrorSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer to the failing field, such as /body/0/text.', examples: ['/headline'] }),
  message: Type.String({ examples: ['must NOT have fewer than 1 characters'] })
}, { title: 'FieldError' })

export const ProblemSchema = Type.Object({
  type: Type.String({ format: 'uri-reference', description: 'Identifies the kind of problem.', examples: ['urn:problem:article-not-found'] }),
  title: Type.String({ description: 'The HTTP reason phrase of the status.', examples: ['Not Found'] }),
  status: Type.Integer({ minimum: 400, maximum: 599, examples: [404] }),
  detail: Type.String({ description: 'What went wrong, for a developer to act on.', examples: ['No article was found for "lagos-floods".'] }),
  code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'A stable machine-readable code.', examples: ['ARTICLE_NOT_FOUND'] }),
  instance: Type.Optional(Type.String({ description: 'The path of the request that failed.', examples: ['/v1/articles/lagos-floods'] })),
  errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'One entry per failing field, for validation problems.' }))
}, { title: 'Problem', description: 'An RFC 9457 problem document.' })

export type Problem = Static<typeof ProblemSchema>

/** A response entry for an error status, served as application/problem+json. */
export function problemResponse (description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } }
  }
}

export const SLUG_PATTERN = '^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$'

export const SlugSchema = Type.String({
  minLength: 1,
  maxLength: 120,
  pattern: SLUG_PATTERN,
  description: 'Lowercase letters, digits and hyphens, with at least one letter so it never reads as an id.'
})

/**
 * The largest id, revision number or version: PostgreSQL keeps them as 32-bit integers, and both engines refuse a
 * larger one alike, as a client's error, before any query.
 */
export const MAX_ID = 2_147_483_647

export const IdSchema = Type.Integer({ minimum: 1, maximum: MAX_ID })

/** A slug with a real one of the demo site as its example: Swagger UI would otherwise make one up from the pattern. */
export function slugWithExample (example: string) {
  return Type.String({ ...SlugSchema, examples: [example] })
}

export function slugParams (example: string) {
  return Type.Object({ slug: slugWithExample(example) })
}

export function idParams (example: number) {
  return Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [example] }) })
}

export const LimitSchema = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page.' })

export const CursorSchema = Type.String({
  minLength: 1,
  // A name-sorted list carries the last name: 100 characters of accented text grow to about 600 in the cursor.
  maxLength: 1000,
  description: 'The opaque meta.nextCursor of the previous page.'
})

export const TotalSchema = Type.Boolean({
  description: 'true adds meta.total, how many items match over all pages (for "42 results"). Counting reads every match, so ask only when you show it.'
})

export const PageMetaSchema = Type.Object({
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor to get the next page; null on the last page.' }),
  limit: Type.Integer(),
  total: Type.Optional(Type.Integer({ minimum: 0, description: 'With total=true only: how many items match over all pages, whatever the cursor.' }))
}, { title: 'PageMeta' })

// @fastify/swagger lifts a response schema's headers into the response object of the spec.
const LinkHeader = {
  Link: { type: 'string', description: 'The next page as <url>; rel="next", the same as meta.nextCursor; absent on the last page.' }
}

export function listOf<T extends TSchema> (item: T, title: string) {
  return Type.Object({ data: Type.Array(item), meta: PageMetaSchema }, { title, headers: LinkHeader })
}

export const TimestampSchema = Type.String({ format: 'date-time', examples: ['2026-03-14T09:30:00.000Z'] })
