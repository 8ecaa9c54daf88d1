// Runs an operator command: expected failures print one clear line and exit 1, without a stack trace.
import { ConfigError } from '../config.js'
import { CommandError } from '../shared/errors.js'

export class UsageError extends Error {
  override name = 'UsageError'
}

export function runCli (command: () => Promise<void>): void {
  command().catch((error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof UsageError || error instanceof CommandError ? error.message : error)
    process.exit(1)
  })
}
