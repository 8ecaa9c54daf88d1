// The API contract of the editorial workflow: publishing, scheduling, taking down, previews.
import { Type, type Static } from 'typebox'

export const PublishArticleBodySchema = Type.Object({
  at: Type.Optional(Type.String({
    format: 'date-time',
    description: 'Schedule the article for this future time instead of publishing it now; the scheduler publishes it within seconds of it.'
  }))
}, {
  additionalProperties: false,
  description: 'A JSON object, required: {} publishes now.',
  examples: [{}, { at: '2030-01-07T06:00:00Z' }]
})

export const UnpublishArticleBodySchema = Type.Object({
  to: Type.Optional(Type.Enum(['archived', 'draft'], {
    type: 'string',
    default: 'archived',
    description: 'archived (the default) takes the article down; draft sends it back to its writers.'
  }))
}, {
  additionalProperties: false,
  description: 'A JSON object, required: {} archives the article.',
  examples: [{ to: 'archived' }]
})

export const MintPreviewBodySchema = Type.Object({
  expiresIn: Type.Optional(Type.Integer({
    minimum: 60,
    maximum: 604800,
    default: 3600,
    description: 'Seconds the preview link works: from a minute to 7 days, one hour by default.'
  }))
}, {
  additionalProperties: false,
  description: 'A JSON object, required: {} mints a link that works for an hour.',
  examples: [{ expiresIn: 86400 }]
})

export type PublishArticleInput = Static<typeof PublishArticleBodySchema>
export type UnpublishArticleInput = Static<typeof UnpublishArticleBodySchema>
export type MintPreviewInput = Static<typeof MintPreviewBodySchema>
