// One POST to a webhook endpoint: the address checked after DNS and pinned for the connection, no redirects, one deadline.
import { lookup } from 'node:dns/promises'
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { isIPv6 } from 'node:net'
import { literalAddressOf, refusalOf } from './webhooks.addresses.js'

export interface PostOptions {
  timeoutMs: number
  /** WEBHOOKS_ALLOW_PRIVATE: private, loopback and link-local addresses may be reached. */
  allowPrivate: boolean
}

/** What came of one attempt: the response status if there was one, and why it did not succeed if it did not. */
export interface PostOutcome {
  responseStatus: number | null
  error: string | null
}

class RefusedError extends Error {}

type Address = { address: string, family: number }

/**
 * The addresses to connect to. A name is resolved here, once, and every address it has must be public: the
 * connection then goes to the addresses checked, so a name that answers differently a moment later (DNS rebinding)
 * cannot slip a private address in between the check and the connection.
 */
async function addressesFor (url: URL, allowPrivate: boolean): Promise<Address[]> {
  const literal = literalAddressOf(url)
  const addresses = literal !== null ? [{ address: literal, family: isIPv6(literal) ? 6 : 4 }] : await lookup(url.hostname, { all: true })
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const refusal = refusalOf(address, literal ?? url.hostname)
      if (refusal !== null) throw new RefusedError(refusal)
    }
  }
  return addresses
}

/** A lookup that answers the addresses already checked, in either of the forms Node's connect asks for. */
function pinned (addresses: Address[]): LookupFunction {
  return (hostname, options, callback) => {
    const [first] = addresses
    if (first === undefined) callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0)
    // Node asks for all of them when it tries IPv6 and IPv4 side by side (autoSelectFamily).
    else if (options.all) (callback as (error: null, all: Address[]) => void)(null, addresses)
    else callback(null, first.address, first.family)
  }
}

/** An error in the delivery log: its message, led by the system's code (ECONNREFUSED...) when the message lacks it. */
function describe (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error instanceof RefusedError || !('code' in error) || typeof error.code !== 'string' || error.message.includes(error.code)) return error.message
  return `${error.code}: ${error.message}`
}

function send (url: URL, options: RequestOptions, body: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request: ClientRequest = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, resolve)
    request.on('error', reject)
    request.end(body)
  })
}

/** Posts the body; never throws: a refusal, a network error or a timeout is an outcome too. */
export async function postWebhook (url: URL, headers: Record<string, string>, body: string, { timeoutMs, allowPrivate }: PostOptions): Promise<PostOutcome> {
  const deadline = AbortSignal.timeout(timeoutMs)
  try {
    // The DNS query cannot be cancelled, but the attempt need not wait for it past the deadline.
    const abandoned = new Promise<never>((_resolve, reject) => deadline.addEventListener('abort', () => reject(deadline.reason), { once: true }))
    const addresses = await Promise.race([addressesFor(url, allowPrivate), abandoned])
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'news-content-api-webhooks', ...headers },
      lookup: pinned(addresses),
      // A connection of its own: a kept-alive one could have been made to other addresses.
      agent: false,
      signal: deadline
    }, body)
    // Only the status matters; the body is left unread, so an endpoint that streams forever holds nothing.
    response.destroy()
    const status = response.statusCode ?? 0
    if (status >= 200 && status < 300) return { responseStatus: status, error: null }
    const redirect = status >= 300 && status < 400 ? `redirects are not followed (Location: ${response.headers.location ?? 'none'})` : `answered ${status}`
    return { responseStatus: status, error: redirect }
  } catch (error) {
    return { responseStatus: null, error: deadline.aborted ? `no response within ${timeoutMs} ms` : describe(error) }
  }
}
