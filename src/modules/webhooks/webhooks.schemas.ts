// The API contract of webhooks: the endpoints admins register and the log of what was delivered to each.
import { Type, type Static } from 'typebox'
import { EVENT_TYPES, WEBHOOK_DELIVERY_STATUSES } from '../../db/schema.js'
import { HTTP_URL_PATTERN } from '../../shared/content-types.js'
import { CursorSchema, IdSchema, LimitSchema, listOf, MAX_ID, TimestampSchema } from '../../shared/http-schemas.js'

export const EventTypeSchema = Type.Enum(EVENT_TYPES, {
  type: 'string',
  description: 'article.published: an article became public (or its embargo was lifted); article.updated: a public article changed, or a section, author or tag ' +
    'it shows was renamed; article.unpublished: it was taken down; article.deleted: it is gone; reply.created: a reader replied; reply.approved: a moderator approved a reply.'
})

const WebhookUrlSchema = Type.String({
  format: 'uri',
  pattern: HTTP_URL_PATTERN,
  maxLength: 2048,
  description: 'Where deliveries are POSTed: an absolute http(s) URL on a public address (private, loopback and link-local ones are refused unless the operator sets WEBHOOKS_ALLOW_PRIVATE=true). Redirects are not followed.',
  examples: ['https://hooks.worldweekly.example/cdn-purge']
})

const EventTypesSchema = Type.Array(EventTypeSchema, {
  minItems: 1,
  maxItems: EVENT_TYPES.length,
  uniqueItems: true,
  description: 'The events this endpoint is sent.',
  examples: [['article.published', 'article.updated', 'article.unpublished', 'article.deleted']]
})

const DescriptionSchema = Type.String({ maxLength: 500, description: 'What the endpoint is for, for the next admin.', examples: ['Purges the CDN'] })

const ActiveSchema = Type.Boolean({ description: 'An inactive endpoint is sent nothing: events are not queued for it, and deliveries already queued wait until it is active again.' })

export const WebhookSchema = Type.Object({
  id: IdSchema,
  url: WebhookUrlSchema,
  description: DescriptionSchema,
  events: EventTypesSchema,
  active: ActiveSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
}, { title: 'Webhook' })

const SecretSchema = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/]+=*$',
  description: 'The signing secret, in the Standard Webhooks form a verifying library takes as it is. Shown only in this response: store it now. ' +
    'A lost secret is replaced with POST /v1/admin/webhooks/{id}/secret.',
  examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0S0pSTqKcVQ=']
})

export const WebhookWithSecretSchema = Type.Object({
  ...WebhookSchema.properties,
  secret: SecretSchema
}, { title: 'WebhookWithSecret' })

export const CreateWebhookBodySchema = Type.Object({
  url: WebhookUrlSchema,
  events: EventTypesSchema,
  description: Type.Optional(DescriptionSchema),
  active: Type.Optional(Type.Boolean({ ...ActiveSchema, default: true }))
}, { additionalProperties: false, examples: [{ url: 'https://hooks.worldweekly.example/cdn-purge', events: ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'], description: 'Purges the CDN' }] })

export const UpdateWebhookBodySchema = Type.Object({
  url: Type.Optional(WebhookUrlSchema),
  events: Type.Optional(EventTypesSchema),
  description: Type.Optional(DescriptionSchema),
  active: Type.Optional(ActiveSchema)
}, { additionalProperties: false, minProperties: 1, examples: [{ active: false }] })

export const WebhookListSchema = Type.Object({ data: Type.Array(WebhookSchema) }, { title: 'WebhookList' })

export const DeliveryStatusSchema = Type.Enum(WEBHOOK_DELIVERY_STATUSES, {
  type: 'string',
  description: 'pending: not sent yet, or to be tried again at nextAttemptAt; succeeded: the endpoint answered 2xx; failed: it did not, at any attempt for about a day.'
})

export const AttemptSchema = Type.Object({
  attemptedAt: TimestampSchema,
  status: Type.Enum(['succeeded', 'failed'], { type: 'string', description: 'succeeded when the endpoint answered 2xx.' }),
  responseStatus: Type.Union([Type.Integer({ minimum: 100, maximum: 599 }), Type.Null()], { description: 'The HTTP status the endpoint answered; null when it gave none (refused address, network error, timeout).' }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why the attempt failed, null when it succeeded.', examples: ['no response within 5000 ms'] }),
  durationMs: Type.Integer({ minimum: 0, description: 'From the start of the attempt to the response status, or to the failure.' })
}, { title: 'WebhookAttempt' })

export const DeliverySchema = Type.Object({
  id: IdSchema,
  messageId: Type.String({ description: 'The webhook-id header of every attempt of this delivery, redeliveries included: receivers deduplicate on it.', examples: ['msg_1_q8Jf3kLw2xP0aZ9y'] }),
  eventId: IdSchema,
  type: EventTypeSchema,
  articleId: IdSchema,
  status: DeliveryStatusSchema,
  nextAttemptAt: Type.Union([TimestampSchema, Type.Null()], { description: 'When a pending delivery is tried next; null once it succeeded or failed.' }),
  createdAt: TimestampSchema,
  attempts: Type.Array(AttemptSchema, { description: 'Every attempt, oldest first.' })
}, { title: 'WebhookDelivery' })

export const DeliveryListSchema = listOf(DeliverySchema, 'WebhookDeliveryList')

export const ListDeliveriesQuerySchema = Type.Object({
  status: Type.Optional(DeliveryStatusSchema),
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema)
}, { additionalProperties: false })

export const DeliveryParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [1] }),
  deliveryId: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [1] })
})

export type Webhook = Static<typeof WebhookSchema>
export type WebhookWithSecret = Static<typeof WebhookWithSecretSchema>
export type CreateWebhookInput = Static<typeof CreateWebhookBodySchema>
export type UpdateWebhookInput = Static<typeof UpdateWebhookBodySchema>
export type Delivery = Static<typeof DeliverySchema>
export type Attempt = Static<typeof AttemptSchema>
export type DeliveryStatus = Static<typeof DeliveryStatusSchema>
