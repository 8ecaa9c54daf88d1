// Proactive content negotiation (RFC 9110 12.5.1): which of a route's media types a client's Accept prefers, and Vary.
import type { FastifyReply } from 'fastify'

interface MediaRange {
  type: string
  subtype: string
  quality: number
}

// A media range's parameters other than q are not compared: the types offered here take none, and a client that
// adds one (application/json; charset=utf-8) still means the type.
function parseRange (text: string): MediaRange | null {
  const [range = '', ...parameters] = text.split(';')
  const match = /^\s*([\w.+-]+|\*)\/([\w.+-]+|\*)\s*$/.exec(range)
  if (!match || (match[1] === '*' && match[2] !== '*')) return null
  let quality = 1
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim())
    if (name.toLowerCase() !== 'q') continue
    // RFC 9110 12.4.2: a weight is 0 to 1 with at most three decimals; a range with any other is not one a client meant.
    if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) return null
    quality = Number(value)
  }
  return { type: (match[1] as string).toLowerCase(), subtype: (match[2] as string).toLowerCase(), quality }
}

/** How specifically a range names a type: 2 exactly, 1 as type/*, 0 as *\/*; -1 when it does not name it. */
function specificity (range: MediaRange, type: string, subtype: string): number {
  if (range.type === '*') return 0
  if (range.type !== type) return -1
  if (range.subtype === '*') return 1
  return range.subtype === subtype ? 2 : -1
}

/**
 * The offered media type the client prefers, or null when Accept allows none of them. Each type takes the weight of
 * the most specific range that names it (text/html, application/*;q=0.5 gives application/json 0.5); on equal
 * weights a type named exactly wins over one reached by a wildcard, then the order of `offered`, whose first type is
 * also the answer to a request without Accept. So a browser's "text/html, ..., *\/*;q=0.8" gets the first type.
 */
export function preferredMediaType (accept: string | undefined, offered: readonly [string, ...string[]]): string | null {
  if (accept === undefined || accept.trim() === '') return offered[0]
  const ranges = accept.split(',').map(parseRange).filter((range) => range !== null)
  let best: { type: string, quality: number, specificity: number } | null = null
  for (const type of offered) {
    const [main = '', sub = ''] = type.split('/')
    let quality = 0
    let matched = -1
    for (const range of ranges) {
      const level = specificity(range, main, sub)
      if (level > matched) {
        matched = level
        quality = range.quality
      }
    }
    if (quality === 0) continue
    if (best === null || quality > best.quality || (quality === best.quality && matched > best.specificity)) {
      best = { type, quality, specificity: matched }
    }
  }
  return best?.type ?? null
}

/** Adds a request header to Vary, once, keeping those already there. */
export function varyOn (reply: FastifyReply, header: string): void {
  const vary = reply.getHeader('vary')
  if (vary === undefined) {
    reply.header('vary', header)
    return
  }
  const named = String(vary).split(',').map((name) => name.trim().toLowerCase())
  if (!named.includes(header.toLowerCase()) && !named.includes('*')) reply.header('vary', `${String(vary)}, ${header}`)
}
