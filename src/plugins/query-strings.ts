// Closed query strings: a route refuses a parameter it does not read, so a misspelt filter is a 400, not a full list.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'

/**
 * The query string of a route that reads none. Refused too: a parameter ignored today would change its answer the day
 * the route learns it, and each one (a cache buster, utm_source) would be one more entry in a CDN's cache and one more
 * request reaching the service. Routes with parameters close their own schemas with additionalProperties: false.
 */
const NoParametersSchema = Type.Object({}, { additionalProperties: false })

export default fp(async function queryStringsPlugin (app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    // Hidden routes are Swagger UI's own files, outside the API.
    if (route.schema && !route.schema.hide) route.schema.querystring ??= NoParametersSchema
  })
}, { name: 'query-strings' })
