// Runs an operator command: expected failures print one clear line and exit 1, without a stack trace.
import { ConfigError } from '../config.js'
import { CommandError, HttpError } from '../shared/errors.js'

export class UsageError extends Error {
  override name = 'UsageError'
}

export function runCli (command: () => Promise<void>): void {
  command().catch((error: unknown) => {
    // A service's refusal (an HttpError) is an expected failure too, its message written for people.
    const expected = error instanceof ConfigError || error instanceof UsageError || error instanceof CommandError || error instanceof HttpError
    console.error(expected ? error.message : error)
    process.exit(1)
  })
}
