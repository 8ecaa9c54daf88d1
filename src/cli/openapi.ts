// npm run openapi: writes the OpenAPI document the routes generate to openapi/openapi.json.
import { writeFile } from 'node:fs/promises'
import { generateOpenApiDocument, OPENAPI_FILE } from '../openapi-document.js'
import { runCli } from './run-cli.js'

runCli(async () => {
  await writeFile(OPENAPI_FILE, await generateOpenApiDocument())
  console.log(`wrote ${OPENAPI_FILE}`)
})
