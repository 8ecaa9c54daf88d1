// The committed OpenAPI document: generated from a throwaway app, so it depends on no environment.
import { fileURLToPath } from 'node:url'
import { buildApp } from './app.js'

export const OPENAPI_FILE = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url))

export async function generateOpenApiDocument (): Promise<string> {
  const app = await buildApp({
    port: 3000,
    host: '127.0.0.1',
    databasePath: ':memory:',
    seedDemo: false,
    publicBaseUrl: 'http://127.0.0.1:3000',
    logLevel: 'silent'
  })
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
  }
}
