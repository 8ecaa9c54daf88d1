// Draining on close: no connection outlives the requests under way, so shutdown ends when they do.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/**
 * Node's server.close() closes the connections idle at that moment, but a connection whose request is still under way
 * becomes idle only after its response, and then stays open for the keep-alive timeout (72 s): SIGTERM took that long
 * to exit. So once the service drains, every response says Connection: close, and its connection is ended when it is
 * sent, also where the response began before the drain and could no longer carry the header.
 */
export default fp(async function shutdownPlugin (app: FastifyInstance) {
  let draining = false
  app.addHook('preClose', async () => {
    draining = true
    // At once: the other preClose hooks wait for background work, up to a webhook timeout.
    app.server.closeIdleConnections()
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
