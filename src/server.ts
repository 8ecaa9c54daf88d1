// Entry point: read the configuration, start the service, and stop it cleanly on SIGTERM or SIGINT.
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'

async function main (): Promise<void> {
  const config = loadConfig(process.env)
  const app = await buildApp(config)

  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    // close() stops accepting connections, waits for requests under way, then closes the database.
    await app.close()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)

  await app.listen({ port: config.port, host: config.host })
  app.log.info(`docs at ${config.publicBaseUrl}/docs`)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message)
  } else {
    console.error(error)
  }
  process.exit(1)
})
