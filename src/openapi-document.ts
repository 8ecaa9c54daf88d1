// The committed OpenAPI document: generated from a throwaway app, so it depends on no environment.
import { join } from 'node:path'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { PACKAGE_ROOT } from './shared/package-root.js'

export const OPENAPI_FILE = join(PACKAGE_ROOT, 'openapi', 'openapi.json')

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
