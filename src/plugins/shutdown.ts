// Draining on close: no connection outlives the requests under way, so shutdown ends when they do.
import fp from 'fastify-plugin'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

// Long enough for a request already sent to arrive; short beside any grace period.
const SILENT_GRACE_MS = 500

/**
 * Node's server.close() closes the connections idle at that moment, but a connection whose request is still under way
 * becomes idle only after its response, and then stays open for the keep-alive timeout (72 s): SIGTERM took that long
 * to exit. So once the service drains, every response says Connection: close, and its connection is ended when it is
 * sent, also where the response began before the drain and could no longer carry the header.
 */
export default fp(async function shutdownPlugin (app: FastifyInstance) {
  let draining = false
  // Node's closeIdleConnections() leaves alone a connection that has sent nothing yet (a browser's preconnect, a load
  // balancer's pool): one such socket held every shutdown to its grace period. Those are tracked, and closed if they
  // are still silent a moment into the drain: a request may be on its way in one, and then gets its 503 instead of a
  // reset. One that has sent part of a request is left to finish it.
  const connections = new Set<Socket>()
  app.server.on('connection', (socket: Socket) => {
    connections.add(socket)
    socket.once('close', () => connections.delete(socket))
  })
  app.addHook('preClose', async () => {
    draining = true
    // At once: the other preClose hooks wait for background work, up to a webhook timeout.
    app.server.closeIdleConnections()
    const silent = [...connections].filter((socket) => socket.bytesRead === 0)
    setTimeout(() => { for (const socket of silent) if (socket.bytesRead === 0) socket.destroy() }, SILENT_GRACE_MS).unref()
    app.log.info('draining: idle connections closed, requests under way finish with Connection: close')
  })
  // Callback hooks, not async ones: they run on every request.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('onResponse', (request, _reply, done) => {
    if (draining) request.raw.socket.end()
    done()
  })
}, { name: 'shutdown' })
