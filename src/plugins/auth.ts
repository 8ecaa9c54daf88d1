// Bearer-token authentication and the role check, for every route, in two steps: the auth plugin finds out who is
// calling, the authorization plugin refuses what they may not do. Rate limits count each request between the two, so
// a request refused for its token is counted too (against its address), and a flood of made-up tokens is limited.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js'
import { problemResponse } from '../shared/http-schemas.js'
import { hasRole, type Principal, type Role } from '../shared/roles.js'
import type { TokensService } from '../modules/tokens/tokens.service.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The weakest role allowed to call the route; absent for public routes. */
    auth?: Role
    /** The route reads the Authorization header itself, with a secret of its own (/metrics): API tokens play no part. */
    ownAuthorization?: true
  }
  interface FastifyRequest {
    principal: Principal | null
    /** Why the Authorization header sent was refused, answered by the authorization plugin. */
    authenticationError: UnauthorizedError | null
  }
}

export const BEARER_SCHEME = 'bearerAuth'

/** The caller of a route with config.auth, which only runs once the auth plugin has established it. */
export function principalOf (request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError('TOKEN_REQUIRED', 'This route needs an API token.')
  return request.principal
}

async function authenticate (header: string, tokens: Pick<TokensService, 'authenticate'>): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) {
    throw new UnauthorizedError('INVALID_AUTHORIZATION', 'The Authorization header must be "Bearer <token>".')
  }
  const principal = await tokens.authenticate(match[1] as string)
  if (!principal) {
    throw new UnauthorizedError('INVALID_TOKEN', 'The token is unknown or has been revoked.')
  }
  return principal
}

export default fp(async function authPlugin (app: FastifyInstance, { tokens }: { tokens: Pick<TokensService, 'authenticate'> }) {
  app.decorateRequest('principal', null)
  app.decorateRequest('authenticationError', null)

  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide || route.config?.ownAuthorization) return
    const minimum = route.config?.auth
    const schema = route.schema as Record<string, unknown>
    const response = (schema.response ??= {}) as Record<string, unknown>
    if (!minimum) {
      // Said outright, so a client generator or linter reads "no token needed", not "security forgotten".
      schema.security = []
      response[401] ??= problemResponse('An Authorization header was sent, but it is malformed or names an unknown or revoked token. Public routes need none.')
      return
    }
    schema.security = [{ [BEARER_SCHEME]: [] }]
    response[401] ??= problemResponse('No token, a malformed Authorization header, or an unknown or revoked token.')
    if (minimum !== 'partner') response[403] ??= problemResponse(`The token's role is too weak: this needs ${minimum} or above.`)
  })

  // A callback hook: most requests carry no token, and answering those without a promise is most of what a read
  // costs in this hook.
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization
    if (request.routeOptions.config.ownAuthorization || header === undefined) return done()
    authenticate(header, tokens).then((principal) => {
      request.principal = principal
      done()
    }, (error: unknown) => {
      if (!(error instanceof UnauthorizedError)) return done(error as Error)
      request.authenticationError = error
      done()
    })
  })
}, { name: 'auth' })

/** Why the request may not go on: the token it sent was refused, or it has none or too weak a one for the route. */
function refusal (request: FastifyRequest): Error | undefined {
  if (request.authenticationError) return request.authenticationError
  const minimum = request.routeOptions.config.auth
  if (!minimum) return undefined
  if (!request.principal) return new UnauthorizedError('TOKEN_REQUIRED', 'This route needs an API token: send "Authorization: Bearer <token>".')
  if (!hasRole(request.principal.role, minimum)) {
    return new ForbiddenError('ROLE_TOO_WEAK', `This route needs the ${minimum} role or above; the token has the ${request.principal.role} role.`)
  }
  return undefined
}

export const authorizationPlugin = fp(async function authorizationPlugin (app: FastifyInstance) {
  // A token sent to a public route is checked too: a client with a revoked token should learn it.
  app.addHook('onRequest', (request, _reply, done) => done(refusal(request)))
}, { name: 'authorization', dependencies: ['auth'] })
