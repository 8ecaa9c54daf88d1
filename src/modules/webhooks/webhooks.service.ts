// Registering webhook endpoints and reading their delivery log: the rules on URLs and secrets live here.
import type { Store } from '../../db/store.js'
import { NotFoundError, UnprocessableError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import { literalAddressOf, refusalOf } from './webhooks.addresses.js'
import type { DeliveriesRequest } from './webhooks.repository.js'
import type { CreateWebhookInput, Delivery, UpdateWebhookInput, Webhook, WebhookWithSecret } from './webhooks.schemas.js'
import { generateSecret } from './webhooks.signing.js'

const URL_ERRORS = {
  invalid: 'The URL cannot be parsed as a web address (an IPv4 address with a part over 255, for instance): give an absolute http(s) URL such as https://hooks.example.org/news.',
  field: { path: '/body/url', message: 'is not an address webhooks may post to' }
}

/**
 * Refuses a URL whose host is written as a non-public IP address, in whatever form (decimal, hex, octal, IPv4-mapped
 * IPv6): the URL parser brings them all to one. A host name is checked when a delivery resolves it, as it may change.
 */
function assertPostableUrl (raw: string, allowPrivate: boolean): void {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UnprocessableError('WEBHOOK_URL_INVALID', URL_ERRORS.invalid, [URL_ERRORS.field])
  }
  const address = literalAddressOf(url)
  const refusal = allowPrivate || address === null ? null : refusalOf(address, address)
  if (refusal !== null) throw new UnprocessableError('WEBHOOK_URL_PRIVATE', `${refusal}.`, [URL_ERRORS.field])
}

export function createWebhooksService (deps: { store: Store, allowPrivate: boolean }) {
  const { store, allowPrivate } = deps

  async function existing (id: number): Promise<Webhook> {
    const webhook = await store.read.webhooks.findById(id)
    if (!webhook) throw new NotFoundError('webhook', id)
    return webhook
  }

  return {
    /** The secret is in the answer, and in no later one: only a rotation shows a secret again, a new one. */
    async create (input: CreateWebhookInput): Promise<WebhookWithSecret> {
      assertPostableUrl(input.url, allowPrivate)
      const secret = generateSecret()
      const webhook = await store.transaction(async (tx) => tx.webhooks.insert({
        url: input.url,
        description: input.description ?? '',
        eventTypes: input.events,
        active: input.active ?? true,
        secret
      }))
      return { ...webhook, secret }
    },

    async list (): Promise<Webhook[]> {
      return store.read.webhooks.list()
    },

    get: existing,

    async update (id: number, input: UpdateWebhookInput): Promise<Webhook> {
      if (input.url !== undefined) assertPostableUrl(input.url, allowPrivate)
      const { events: eventTypes, ...rest } = input
      const webhook = await store.transaction(async (tx) => tx.webhooks.update(id, { ...rest, ...(eventTypes !== undefined && { eventTypes }) }))
      if (!webhook) throw new NotFoundError('webhook', id)
      return webhook
    },

    /** A new secret at once: every delivery from now on, retries of earlier ones included, is signed with it. */
    async rotateSecret (id: number): Promise<WebhookWithSecret> {
      const secret = generateSecret()
      const webhook = await store.transaction(async (tx) => tx.webhooks.update(id, { secret }))
      if (!webhook) throw new NotFoundError('webhook', id)
      return { ...webhook, secret }
    },

    async delete (id: number): Promise<void> {
      if (!(await store.transaction(async (tx) => tx.webhooks.delete(id)))) throw new NotFoundError('webhook', id)
    },

    async listDeliveries (id: number, request: DeliveriesRequest): Promise<Page<Delivery>> {
      await existing(id)
      return store.read.webhooks.listDeliveries(id, request)
    },

    /** Due at once, with the same webhook-id, so a receiver that already handled it can tell. */
    async redeliver (id: number, deliveryId: number): Promise<Delivery> {
      await existing(id)
      const delivery = await store.transaction(async (tx) => {
        if (!(await tx.webhooks.redeliver(id, deliveryId, new Date().toISOString()))) return null
        return tx.webhooks.findDelivery(id, deliveryId)
      })
      if (!delivery) throw new NotFoundError('webhook delivery', deliveryId)
      return delivery
    }
  }
}

export type WebhooksService = ReturnType<typeof createWebhooksService>
