// The API contract of API tokens.
import { Type, type Static } from 'typebox'
import { ROLES } from '../../shared/roles.js'
import { IdSchema, TimestampSchema } from '../../shared/http-schemas.js'

export const RoleSchema = Type.Enum(ROLES, {
  type: 'string',
  description: 'partner: read-only syndication; contributor: own drafts; author: publishes own articles; editor: all articles and moderation; admin: tokens and sections too.'
})

export const TokenSchema = Type.Object({
  id: IdSchema,
  name: Type.String({ examples: ['Homepage build'] }),
  role: RoleSchema,
  authorId: Type.Union([IdSchema, Type.Null()], { description: 'The author this token writes as, if any.' }),
  createdAt: TimestampSchema,
  lastUsedAt: Type.Union([TimestampSchema, Type.Null()]),
  revokedAt: Type.Union([TimestampSchema, Type.Null()])
}, { title: 'Token' })

export const CreatedTokenSchema = Type.Object({
  ...TokenSchema.properties,
  secret: Type.String({ description: 'The bearer secret. It is shown only in this response: store it now.' })
}, { title: 'CreatedToken' })

export const CreateTokenBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for.', examples: ['Newsletter builder'] }),
  role: RoleSchema,
  authorId: Type.Optional(Type.Union([IdSchema, Type.Null()], { description: 'The author the token writes as: required for contributor and author tokens, which own the articles that credit their author.' }))
}, { additionalProperties: false, examples: [{ name: 'Newsletter builder', role: 'partner' }] })

export const TokenListSchema = Type.Object({ data: Type.Array(TokenSchema) }, { title: 'TokenList' })

export type Token = Static<typeof TokenSchema>
export type CreatedToken = Static<typeof CreatedTokenSchema>
export type CreateTokenInput = Static<typeof CreateTokenBodySchema>
