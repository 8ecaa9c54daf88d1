// One place that turns every error into an RFC 9457 problem document, and documents them on each route.
import fp from 'fastify-plugin'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
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
      return { status: 400, code: 'BAD_URL', detail: 'The request path is not a valid URL: a "%" must begin a percent-encoded UTF-8 byte, such as %20 or %C3%A9.' }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'PATH_PARAMETER_TOO_LONG', detail: `A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters; slugs have at most 120.` }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // A body without a Content-Type is not taken for JSON: RFC 9110 8.3 lets a recipient treat it as opaque bytes.
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: request.headers['content-type'] === undefined
          ? 'The request has a body but no Content-Type: send JSON with Content-Type: application/json.'
          : 'The body must be JSON, sent with Content-Type: application/json.'
      }
    default:
      return undefined
  }
}

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
      detail: `The ${where} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
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
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', detail: 'The request did not arrive in time.' }
}
const MALFORMED_REQUEST: ProblemFields = { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request is not valid HTTP/1.1.' }

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
    const problem = CLIENT_ERRORS[error.code] ?? MALFORMED_REQUEST
    const body = JSON.stringify(problemDocument(problem))
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(error)
}

/** Error responses every route may give, added to its schema so the spec lists them. */
function documentCommonErrors (schema: Record<string, unknown>) {
  const response = (schema.response ??= {}) as Record<string, unknown>
  if (schema.body || schema.querystring || schema.params) {
    response[400] ??= problemResponse('The request is malformed or fails validation; errors[] lists each failing field.')
  }
  if (schema.params) {
    response[414] ??= problemResponse(`A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters, more than any slug, id or token.`)
  }
  if (schema.body) {
    response[413] ??= problemResponse('The body is larger than the service accepts.')
    response[415] ??= problemResponse('The body is not application/json, or has no Content-Type.')
  }
  response[500] ??= problemResponse('An unexpected error on our side; the detail says no more.')
  response[503] ??= problemResponse('The instance is shutting down; send the request again.')
}

export default fp(async function errorsPlugin (app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.hide) documentCommonErrors(route.schema as Record<string, unknown>)
  })

  app.setErrorHandler(sendErrorProblem)

  // Fastify's own answer to a request that arrives while the service drains is plain JSON (return503OnClosing, off
  // in app.ts): this one is a problem. Requests already under way finish as usual.
  let closing = false
  app.addHook('preClose', async () => { closing = true })
  // A callback hook, not an async one: it runs on every request, and a promise each would be for nothing.
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done()
    sendProblem(request, reply, {
      status: 503,
      code: 'SHUTTING_DOWN',
      detail: 'This instance is shutting down and takes no new requests; send the request again.'
    })
  })

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url)
    // The CORS plugin hands a preflight it refuses to this handler (cors.ts), and that stays a 404: OPTIONS is no 405.
    const allowed = request.method === 'OPTIONS'
      ? []
      : ALLOWABLE_METHODS.filter((method) => app.findRoute({ method, url: request.url }) !== null)
    if (allowed.length > 0) {
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
