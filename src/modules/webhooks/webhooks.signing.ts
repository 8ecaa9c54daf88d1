// Standard Webhooks signatures (standardwebhooks.com): what lets a receiver prove a delivery came from us, unaltered,
// and refuse a replayed one by its id and timestamp.
import { createHash, createHmac, randomBytes } from 'node:crypto'

const SECRET_PREFIX = 'whsec_'
// The specification asks for 24 to 64 bytes; 32 match HMAC-SHA256's own block of strength.
const SECRET_BYTES = 32

/** A new endpoint secret in the form the specification's libraries take: whsec_ and base64 of random bytes. */
export function generateSecret (): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64')
}

/**
 * The webhook-id header of a delivery: the same at every attempt, so a receiver can drop what it already handled. Not
 * the bare row id: a receiver hearing from two installations, or from one restored from an older copy (whose ids start
 * again where the copy stopped), would drop real events as repeats. The event's time makes it unique to this event.
 */
export function messageIdOf (delivery: { id: number, eventId: number, occurredAt: string }): string {
  const digest = createHash('sha256').update(`${delivery.id}:${delivery.eventId}:${delivery.occurredAt}`).digest('base64url')
  return `msg_${delivery.id}_${digest.slice(0, 16)}`
}

/** The three headers of a signed message: the HMAC-SHA256, under the secret's bytes, of "id.timestamp.body". */
export function signatureHeaders (secret: string, messageId: string, sentAt: Date, body: string): Record<string, string> {
  const timestamp = String(Math.floor(sentAt.getTime() / 1000))
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
  const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` }
}
