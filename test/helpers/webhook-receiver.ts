// A real webhook endpoint for the tests: an HTTP server on 127.0.0.1 that keeps every request it is sent and answers
// as the test tells it: a status, a redirect, or never.
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Teardown } from './app.js'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A status to answer, or 'hang' to keep the request open until the receiver closes. */
export type Answer = number | 'hang'

export interface Receiver {
  /** http://127.0.0.1:<port>/hooks */
  url: string
  port: number
  received: Received[]
  /** How to answer the request with this (0-based) number; 204 for every one by default. */
  answer: (decide: (index: number, request: Received) => Answer) => void
  /** Resolves when the receiver has been sent this many requests in all. */
  receivedCount: (count: number) => Promise<void>
}

export async function startReceiver (t: Teardown): Promise<Receiver> {
  const received: Received[] = []
  const waiting: Array<{ count: number, resolve: () => void }> = []
  let decide: (index: number, request: Received) => Answer = () => 204
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const delivery = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }
      const index = received.push(delivery) - 1
      for (const waiter of waiting.filter((w) => w.count <= received.length)) waiter.resolve()
      const answer = decide(index, delivery)
      if (answer === 'hang') return
      if (answer >= 300 && answer < 400) response.setHeader('location', 'http://127.0.0.1:1/elsewhere')
      response.writeHead(answer).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(async () => {
    server.closeAllConnections()
    server.close()
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    answer: (next) => { decide = next },
    receivedCount: (count) => received.length >= count
      ? Promise.resolve()
      : new Promise((resolve) => { waiting.push({ count, resolve }) })
  }
}
