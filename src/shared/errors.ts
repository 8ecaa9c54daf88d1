// Typed errors with an HTTP status and a stable code; the error plugin turns them into problem+json.

export interface FieldError {
  path: string
  message: string
}

export class HttpError extends Error {
  override name = 'HttpError'
  readonly statusCode: number
  readonly code: string
  readonly title: string
  readonly errors: FieldError[] | undefined

  constructor (statusCode: number, code: string, title: string, detail: string, errors?: FieldError[]) {
    super(detail)
    this.statusCode = statusCode
    this.code = code
    this.title = title
    this.errors = errors
  }
}

/** resource is a singular noun such as 'article'; the code becomes ARTICLE_NOT_FOUND. */
export class NotFoundError extends HttpError {
  constructor (resource: string, key: string | number) {
    super(404, `${resource.toUpperCase().replaceAll(' ', '_')}_NOT_FOUND`, 'Not Found', `No ${resource} was found for ${JSON.stringify(key)}.`)
  }
}

export class ConflictError extends HttpError {
  constructor (code: string, detail: string) {
    super(409, code, 'Conflict', detail)
  }
}

export class BadRequestError extends HttpError {
  constructor (code: string, detail: string, errors?: FieldError[]) {
    super(400, code, 'Bad Request', detail, errors)
  }
}

export class UnprocessableError extends HttpError {
  constructor (code: string, detail: string, errors?: FieldError[]) {
    super(422, code, 'Unprocessable Content', detail, errors)
  }
}

export class UnauthorizedError extends HttpError {
  constructor (code: string, detail: string) {
    super(401, code, 'Unauthorized', detail)
  }
}

export class ForbiddenError extends HttpError {
  constructor (code: string, detail: string) {
    super(403, code, 'Forbidden', detail)
  }
}

/** An Accept header that none of a route's media types satisfies. */
export class NotAcceptableError extends HttpError {
  constructor (code: string, detail: string) {
    super(406, code, 'Not Acceptable', detail)
  }
}

/** A conditional write (If-Match) whose precondition no longer holds: someone else saved in between. */
export class PreconditionFailedError extends HttpError {
  constructor (code: string, detail: string) {
    super(412, code, 'Precondition Failed', detail)
  }
}

/** An operator command (a CLI) that could not do its work, for a reason its message tells in full, in one line. */
export class CommandError extends Error {
  override name = 'CommandError'
}
