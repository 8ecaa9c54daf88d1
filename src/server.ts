// Entry point: read the configuration, start the service, and stop it cleanly on SIGTERM or SIGINT.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { ConfigError, defaultPublicBaseUrl, loadConfig, type Config } from './config.js'

/** Why the service could not listen, as the setting to change; undefined for a failure no setting explains. */
function listenProblem (error: NodeJS.ErrnoException, { host, port }: Config): string | undefined {
  switch (error.code) {
    case 'EADDRINUSE': return `Port ${port} on ${host} is already in use (PORT): stop the process that holds it, or set PORT to another port (0 picks a free one).`
    case 'EACCES': return `Port ${port} needs privileges this process does not have (PORT): set PORT to 1024 or above.`
    case 'EADDRNOTAVAIL': return `${host} is not an address of this machine (HOST): set HOST to one of its addresses, such as 127.0.0.1, or 0.0.0.0 for all of them.`
    case 'ENOTFOUND': return `The host name ${host} does not resolve (HOST): set HOST to an address of this machine, such as 127.0.0.1.`
  }
  return undefined
}

async function listen (app: FastifyInstance, config: Config): Promise<void> {
  // With PORT=0 the system picks the port as the socket opens. The default public address takes that port before a
  // first connection can be accepted, and with it every link, preview URL, redirect and the OpenAPI servers.
  if (config.publicBaseUrl === defaultPublicBaseUrl(config.host, config.port)) {
    app.server.once('listening', () => {
      app.config.publicBaseUrl = defaultPublicBaseUrl(config.host, (app.server.address() as AddressInfo).port)
    })
  }
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    const problem = listenProblem(error as NodeJS.ErrnoException, config)
    if (problem === undefined) throw error
    await app.close()
    throw new ConfigError(problem)
  }
}

async function main (): Promise<void> {
  const config = loadConfig(process.env)
  const app = await buildApp(config)

  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: finishing in-flight requests')
    // An orchestrator kills the process when its own grace period ends (Docker 10 s, Kubernetes 30 s): exiting first,
    // and non-zero, leaves a log line saying what was cut short rather than a silent SIGKILL.
    const deadline = setTimeout(() => {
      app.server.getConnections((_error, connections) => {
        app.log.error({ graceMs: config.shutdownGraceMs, connections }, 'shutdown grace period over: exiting with requests still under way (SHUTDOWN_GRACE_MS)')
        process.exit(1)
      })
    }, config.shutdownGraceMs)
    try {
      // close() stops the scheduler and webhook worker, stops accepting connections, closes idle ones, waits for
      // requests under way (each answered with Connection: close), then closes the database.
      await app.close()
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
    clearTimeout(deadline)
    app.log.info('shut down cleanly')
    process.exit(0)
  }
  // on, not once: a second signal during shutdown finds the guard above rather than Node's default, which kills the
  // process at once and cuts short the requests the first one is waiting for.
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)

  await listen(app, config)
  app.log.info(`docs at ${app.config.publicBaseUrl}/docs`)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message)
  } else {
    console.error(error)
  }
  process.exit(1)
})
