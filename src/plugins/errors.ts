// One place that turns every error into an RFC 9457 problem document, and documents them on each route.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import { HttpError, type FieldError } from '../shared/errors.js'
import { problemResponse, type Problem } from '../shared/http-schemas.js'

function problemType (code: string): string {
  return `urn:problem:${code.toLowerCase().replaceAll('_', '-')}`
}

export function sendProblem (request: FastifyRequest, reply: FastifyReply, problem: Omit<Problem, 'type' | 'title' | 'instance'>) {
  const body: Problem = {
    type: problemType(problem.code),
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    instance: request.url.split('?')[0]
  }
  if (problem.errors) body.errors = problem.errors
  return reply.status(problem.status).type('application/problem+json').send(body)
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

/** Error responses every route may give, added to its schema so the spec lists them. */
function documentCommonErrors (schema: Record<string, unknown>) {
  const response = (schema.response ??= {}) as Record<string, unknown>
  if (schema.body || schema.querystring || schema.params) {
    response[400] ??= problemResponse('The request is malformed or fails validation; errors[] lists each failing field.')
  }
  if (schema.body) {
    response[413] ??= problemResponse('The body is larger than the service accepts.')
    response[415] ??= problemResponse('The body is not application/json.')
  }
  response[500] ??= problemResponse('An unexpected error on our side; the detail says no more.')
}

export default fp(async function errorsPlugin (app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.hide) documentCommonErrors(route.schema as Record<string, unknown>)
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
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
      // Fastify's own client errors (bad JSON, wrong content type, body too large) carry safe messages.
      return sendProblem(request, reply, { status, code: (error.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, ''), detail: error.message })
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, {
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'Something went wrong on our side. It has been logged; please try again later.'
    })
  })

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, {
    status: 404,
    code: 'ROUTE_NOT_FOUND',
    detail: `There is no ${request.method} ${request.url.split('?')[0]}. The API lives under /v1; see /docs for every route.`
  }))
}, { name: 'errors' })
