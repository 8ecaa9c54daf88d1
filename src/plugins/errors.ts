// One place that turns every error into an RFC 9457 problem document, and documents them on each route.
import fp from 'fastify-plugin'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { HttpError, type FieldError } from '../shared/errors.js'
import { problemResponse, type Problem } from '../shared/http-schemas.js'
import { pathOf } from '../shared/request-target.js'

type ProblemFields = Omit<Problem, 'type' | 'title' | 'instance'>

/**
 * The longest path parameter the router reads; a longer one is a 414 before any route runs. Slugs have at most 120
 * characters and preview tokens about 100; 300, the most the preview token schema accepts, lets every parameter a
 * schema could accept reach that schema, which then says what is wrong with it.
 */
export const MAX_PATH_PARAMETER_LENGTH = 300

const BAD_URL_DETAIL = 'The request target is not a valid URL: a "%" must begin a percent-encoded UTF-8 byte, such as %20 or ' +
  '%C3%A9, and a target in absolute form needs a valid host and port.'

function hasWellFormedQuery (url: string): boolean {
  const query = url.indexOf('?')
  if (query === -1 || !url.includes('%', query)) return true
  try {
    decodeURIComponent(url.slice(query + 1))
    return true
  } catch {
    return false
  }
}

const PATH_PARAMETER_TOO_LONG: ProblemFields = {
  status: 414,
  code: 'PATH_PARAMETER_TOO_LONG',
  detail: `A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters; slugs have at most 120.`
}

/** What each part of a request is called in a problem's detail. */
const PARTS: Record<string, string> = { body: 'body', querystring: 'query string', params: 'path', headers: 'headers' }

/** Methods a path can answer, in the order an Allow header lists them. OPTIONS is left to CORS preflights. */
const ALLOWABLE_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

function problemType (code: string): string {
  return `urn:problem:${code.toLowerCase().replaceAll('_', '-')}`
}

/** The problem document; instance is absent only when there is no request to name. */
function problemDocument (problem: ProblemFields, instance?: string): Problem {
  return {
    type: problemType(problem.code),
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...(instance !== undefined && { instance }),
    ...(problem.errors && { errors: problem.errors })
  }
}

export function sendProblem (request: FastifyRequest, reply: FastifyReply, problem: ProblemFields) {
  // RFC 9110 11.6.1: a 401 names the scheme that would do; RFC 6750 3.1 says why the token sent would not.
  if (problem.status === 401) reply.header('www-authenticate', problem.code === 'INVALID_TOKEN' ? 'Bearer error="invalid_token"' : 'Bearer')
  // Outside any route (an unknown path, a bad URL) no caching rule has run: nothing may keep such an answer.
  if (request.routeOptions.url === undefined && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  return reply.status(problem.status).type('application/problem+json').send(problemDocument(problem, pathOf(request.url)))
}

function validationErrors (error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((issue) => {
    const missing = issue.keyword === 'required' ? `/${String(issue.params.missingProperty)}` : ''
    const extra = issue.keyword === 'additionalProperties' ? `/${String(issue.params.additionalProperty)}` : ''
    const path = `${issue.instancePath}${missing}${extra}` || '/'
    const message = extra ? 'is not a known field' : (issue.message ?? 'is invalid')
    return { path, message }
  })
}

/** Fastify's own client errors worth words of our own; the others keep Fastify's message, which is safe to show. */
function frameworkProblem (error: FastifyError, request: FastifyRequest): ProblemFields | undefined {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'BAD_URL', detail: BAD_URL_DETAIL }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return PATH_PARAMETER_TOO_LONG
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // A body without a Content-Type is not taken for JSON: RFC 9110 8.3 lets a recipient treat it as opaque bytes.
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: request.headers['content-type'] === undefined
          ? 'The request has a body but no Content-Type: send JSON with Content-Type: application/json.'
          : 'The body must be JSON, sent with Content-Type: application/json.'
      }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'INVALID_JSON', detail: 'The body is not valid JSON.' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'EMPTY_BODY', detail: 'The request says Content-Type: application/json but has no body: send a JSON object, such as {}.' }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE', detail: `The body is larger than the ${request.routeOptions.bodyLimit / 1024 / 1024} MB the service reads.` }
    default:
      return undefined
  }
}

/** Long enough for a burst of load or a lock to pass, short enough that a reader does not give up. */
const DATABASE_RETRY_AFTER_SECONDS = '2'

/**
 * The error handler, also given to Fastify as frameworkErrors: a malformed path or an over-long parameter is found
 * by the router, before any route and its error handler exist.
 */
export function sendErrorProblem (error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) {
    return sendProblem(request, reply, { status: error.statusCode, code: error.code, detail: error.message, errors: error.errors })
  }
  if (error.validation) {
    const where = error.validationContext ?? 'request'
    const errors = validationErrors(error).map((e) => ({ ...e, path: `/${where}${e.path === '/' ? '' : e.path}` }))
    return sendProblem(request, reply, {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: `The ${PARTS[where] ?? where} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      errors
    })
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    return sendProblem(request, reply, frameworkProblem(error, request) ?? {
      status,
      code: (error.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, ''),
      detail: error.message
    })
  }
  if (isDatabaseUnavailable(error)) {
    // An error for the operator all the same: a statement that always runs past the timeout is a bug to find.
    request.log.error({ err: error }, 'the database could not serve the request in time')
    return sendProblem(request, reply.header('retry-after', DATABASE_RETRY_AFTER_SECONDS), {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      detail: `The database could not serve the request in time: send it again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`
    })
  }
  request.log.error({ err: error }, 'unhandled error')
  return sendProblem(request, reply, {
    status: 500,
    code: 'INTERNAL_ERROR',
    detail: 'Something went wrong on our side. It has been logged; please try again later.'
  })
}

/** What Node's HTTP parser may refuse before there is a request, as Fastify's default handler answers each. */
const CLIENT_ERRORS: Record<string, ProblemFields> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', detail: 'The request headers are larger than the server reads; send fewer or shorter ones.' },
  // Node counts the request line in the same limit as the headers: over it, with no line end yet, the URL is at fault.
  URI_TOO_LONG: { status: 414, code: 'URI_TOO_LONG', detail: 'The request line is longer than the server reads; shorten the URL or its query.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', detail: 'The request did not arrive in time.' }
}
const MALFORMED_REQUEST: ProblemFields = { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request is not valid HTTP/1.1.' }

// Half of what Node reads of a request's head: a request line past it is what filled the rest.
const LONG_REQUEST_LINE = 8 * 1024

/** Whether the bytes that overflowed the parser start with a request line longer than LONG_REQUEST_LINE. */
function isLongRequestLine (received: Buffer): boolean {
  if (!/^[A-Z]+ /.test(received.subarray(0, 16).toString('latin1'))) return false
  const lineEnd = received.indexOf('\r\n')
  return lineEnd === -1 || lineEnd > LONG_REQUEST_LINE
}

/** The response a connection gets in flight, or none: Node keeps it on the socket, outside its typed API. */
function responseOf (socket: Socket): { headersSent: boolean } | undefined {
  return (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage
}

/**
 * Fastify's clientErrorHandler: Node's HTTP server meets these errors before Fastify sees a request, so the answer is
 * written to the socket by hand, as a problem with no instance, and the connection is closed, as Node does.
 */
export function clientErrorHandler (this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  this.log.trace({ err: error }, 'client error')
  // Bytes written after a response has begun would corrupt it: the client is then only disconnected.
  if (socket.writable && responseOf(socket)?.headersSent !== true) {
    // Fastify's type says a serialised Buffer; Node hands the Buffer itself.
    const received = (error as unknown as { rawPacket?: Buffer }).rawPacket
    const requestLineTooLong = error.code === 'HPE_HEADER_OVERFLOW' && received !== undefined && isLongRequestLine(received)
    const problem = CLIENT_ERRORS[requestLineTooLong ? 'URI_TOO_LONG' : error.code] ?? MALFORMED_REQUEST
    const body = JSON.stringify(problemDocument(problem))
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(error)
}

/** Error responses every route may give, added to its schema so the spec lists them. */
function documentCommonErrors (schema: Record<string, unknown>, mayCarryBody: boolean) {
  const response = (schema.response ??= {}) as Record<string, unknown>
  if (schema.body || schema.querystring || schema.params) {
    response[400] ??= problemResponse('The request is malformed or fails validation; errors[] lists each failing field.')
  }
  if (schema.params) {
    response[414] ??= problemResponse(`A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters, more than any slug, id or token.`)
  }
  // Fastify reads a body sent with any method but GET and HEAD, so even an operation that takes none may answer these.
  if (schema.body || mayCarryBody) {
    response[413] ??= problemResponse('The body is larger than the service accepts.')
    response[415] ??= problemResponse('The body is not application/json in UTF-8, or has no Content-Type.')
  }
  response[500] ??= problemResponse('An unexpected error on our side; the detail says no more.')
  response[503] ??= {
    ...problemResponse('The instance is shutting down (SHUTTING_DOWN), or the database could not serve the request in time ' +
      '(DATABASE_UNAVAILABLE): send the request again.'),
    headers: { 'Retry-After': { type: 'integer', minimum: 1, description: 'With DATABASE_UNAVAILABLE: seconds to wait before sending the request again.' } }
  }
}

export default fp(async function errorsPlugin (app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (route.schema && !route.schema.hide) documentCommonErrors(route.schema as Record<string, unknown>, methods.some((method) => method !== 'GET' && method !== 'HEAD'))
  })

  app.setErrorHandler(sendErrorProblem)

  // Fastify's own answer to a request that arrives while the service drains is plain JSON (return503OnClosing, off
  // in app.ts): this one is a problem. Requests already under way finish as usual.
  let closing = false
  app.addHook('preClose', async () => { closing = true })
  // A callback hook, not an async one: it runs on every request, and a promise each would be for nothing.
  app.addHook('onRequest', (request, reply, done) => {
    if (closing) {
      return sendProblem(request, reply, {
        status: 503,
        code: 'SHUTTING_DOWN',
        detail: 'This instance is shutting down and takes no new requests; send the request again.'
      })
    }
    // The router checks the path's percent-encoding; the query parser decodes what it can and keeps the rest as sent,
    // so ?tag=%zz would be a filter on the text "%zz". Refused here as the path's would be.
    if (!hasWellFormedQuery(request.url)) return sendProblem(request, reply, { status: 400, code: 'BAD_URL', detail: BAD_URL_DETAIL })
    done()
  })

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url)
    // The router matches no route when a parameter is too long, whatever the method: that is the fault to report.
    if (path.split('/').some((segment) => segment.length > MAX_PATH_PARAMETER_LENGTH)) {
      return sendProblem(request, reply, PATH_PARAMETER_TOO_LONG)
    }
    // The CORS plugin hands a preflight it refuses to this handler (cors.ts), and that stays a 404: OPTIONS is no 405.
    const allowed = request.method === 'OPTIONS'
      ? []
      : ALLOWABLE_METHODS.filter((method) => app.findRoute({ method, url: request.url }) !== null)
    // A route that answers this method found nothing (a static file under /docs): that is a 404, not a 405.
    if (allowed.length > 0 && !allowed.includes(request.method as HTTPMethods)) {
      return sendProblem(request, reply.header('allow', allowed.join(', ')), {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        detail: `${path} does not answer ${request.method}; it answers ${allowed.join(', ')}.`
      })
    }
    return sendProblem(request, reply, {
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: `There is no ${request.method} ${path}. The API lives under /v1; see /docs for every route.`
    })
  })
}, { name: 'errors' })
