// The committed OpenAPI document: generated from a throwaway app, so it depends on no environment.
import { fileURLToPath } from 'node:url'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

export const OPENAPI_FILE = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url))

export async function generateOpenApiDocument (): Promise<string> {
  // The defaults, not this shell's environment: the document must be the same on every machine.
  const app = await buildApp({ ...loadConfig({}), databasePath: ':memory:', seedDemo: false, logLevel: 'silent', schedulerIntervalMs: 0, webhooksIntervalMs: 0, refresherIntervalMs: 0 })
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
  }
}
