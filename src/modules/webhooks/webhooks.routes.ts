// Webhooks over HTTP, for admins: endpoints, their secrets, and the delivery log with redelivery.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { idParams, problemResponse } from '../../shared/http-schemas.js'
import { listResponse } from '../../shared/pagination.js'
import type { WebhooksService } from './webhooks.service.js'
import {
  CreateWebhookBodySchema,
  DeliveryListSchema,
  DeliveryParamsSchema,
  DeliverySchema,
  ListDeliveriesQuerySchema,
  UpdateWebhookBodySchema,
  WebhookListSchema,
  WebhookSchema,
  WebhookWithSecretSchema
} from './webhooks.schemas.js'

const TAGS = ['Admin: webhooks']
const WEBHOOK_NOT_FOUND = problemResponse('No webhook has this id.')
const URL_REFUSED = problemResponse('The URL cannot be parsed (WEBHOOK_URL_INVALID), or its host is a private, loopback, link-local or other non-public IP address (WEBHOOK_URL_PRIVATE) and WEBHOOKS_ALLOW_PRIVATE is not set.')
const DEFAULT_LIMIT = 20

const SIGNING = 'Each delivery is a POST of {"type", "timestamp", "data"} signed the Standard Webhooks way (webhook-id, webhook-timestamp and webhook-signature headers), ' +
  'so a receiver verifies it with any Standard Webhooks library and the secret. article.* events carry data.surrogateKeys, the keys to purge at a CDN.'

export const webhooksAdminRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhooksService }> = async (app, { webhooks }) => {
  app.get('/', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'listWebhooks',
      summary: 'List webhook endpoints, oldest first, without their secrets',
      description: 'Every registered endpoint, active or not. Secrets are shown only when they are made: at creation and at rotation.',
      response: { 200: WebhookListSchema }
    }
  }, async () => ({ data: await webhooks.list() }))

  app.post('/', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'createWebhook',
      summary: 'Register a webhook endpoint',
      description: `From now on, every event of the types listed is delivered to the URL. ${SIGNING} ` +
        'The answer carries the signing secret, once: store it now (a lost one is replaced by rotating it). ' +
        'A delivery that does not get a 2xx within WEBHOOKS_TIMEOUT_MS is retried with growing waits for about a day; deliveries about one article arrive in order.',
      body: CreateWebhookBodySchema,
      response: { 201: WebhookWithSecretSchema, 422: URL_REFUSED }
    }
  }, async (request, reply) => reply.status(201).send(await webhooks.create(request.body)))

  app.get('/:id', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'getWebhook',
      summary: 'Get one webhook endpoint, without its secret',
      description: 'Its URL, the events it is sent and whether it is active. How its deliveries fared is in GET /v1/admin/webhooks/{id}/deliveries.',
      params: idParams(1),
      response: { 200: WebhookSchema, 404: WEBHOOK_NOT_FOUND }
    }
  }, async (request) => webhooks.get(request.params.id))

  app.patch('/:id', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'updateWebhook',
      summary: 'Change a webhook endpoint\'s URL, events, description, or pause it',
      description: 'Only the fields sent change. active: false pauses the endpoint: no events are queued for it meanwhile, and deliveries already queued wait. ' +
        'The secret is changed with POST /v1/admin/webhooks/{id}/secret.',
      params: idParams(1),
      body: UpdateWebhookBodySchema,
      response: { 200: WebhookSchema, 404: WEBHOOK_NOT_FOUND, 422: URL_REFUSED }
    }
  }, async (request) => webhooks.update(request.params.id, request.body))

  app.post('/:id/secret', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'rotateWebhookSecret',
      summary: 'Replace a webhook endpoint\'s signing secret',
      description: 'The old secret stops at once: every delivery from now on, retries of earlier ones included, is signed with the new one, shown only in this answer. ' +
        'Pause the endpoint first (active: false) if its receiver cannot switch at the same moment.',
      params: idParams(1),
      response: { 200: WebhookWithSecretSchema, 404: WEBHOOK_NOT_FOUND }
    }
  }, async (request) => webhooks.rotateSecret(request.params.id))

  app.delete('/:id', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook endpoint',
      description: 'Nothing more is sent to it, and its delivery log goes with it.',
      params: idParams(1),
      response: { 204: Type.Null({ description: 'Deleted.' }), 404: WEBHOOK_NOT_FOUND }
    }
  }, async (request, reply) => {
    await webhooks.delete(request.params.id)
    return reply.status(204).send(null)
  })

  app.get('/:id/deliveries', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log of a webhook endpoint, newest event first',
      description: 'One delivery per event sent to the endpoint, with every attempt: when, the status it answered, why it failed and how long it took. ' +
        'status narrows the log, such as status=failed for what never arrived.',
      params: idParams(1),
      querystring: ListDeliveriesQuerySchema,
      response: { 200: DeliveryListSchema, 404: WEBHOOK_NOT_FOUND }
    }
  }, async (request, reply) => {
    const { status, cursor, limit = DEFAULT_LIMIT } = request.query
    return listResponse(request, reply, await webhooks.listDeliveries(request.params.id, { status, limit, cursor }), limit)
  })

  app.post('/:id/deliveries/:deliveryId/redeliver', {
    config: { auth: 'admin' },
    schema: {
      tags: TAGS,
      operationId: 'redeliverWebhookDelivery',
      summary: 'Send a delivery again',
      description: 'The delivery becomes pending and due at once, with a fresh day of retries, whatever its status was. It keeps its webhook-id, ' +
        'so a receiver that already handled it can tell; its data is the event as it was then, signed with the endpoint\'s current secret.',
      params: DeliveryParamsSchema,
      response: { 202: DeliverySchema, 404: problemResponse('No webhook has this id (WEBHOOK_NOT_FOUND), or it has no delivery with this id (WEBHOOK_DELIVERY_NOT_FOUND).') }
    }
  }, async (request, reply) => reply.status(202).send(await webhooks.redeliver(request.params.id, request.params.deliveryId)))
}
