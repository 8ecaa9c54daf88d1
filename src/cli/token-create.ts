// npm run --silent token:create -- --name NAME --role ROLE [--author ID]
// Prints the new token's details, then the secret alone on the last line, for scripts to capture. Contributor and
// author tokens need --author, the id of the author they write as; the tokens service refuses them without one.
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { describeStore, openStore } from '../db/open-store.js'
import { createTokensService } from '../modules/tokens/tokens.service.js'
import { ROLES, type Role } from '../shared/roles.js'
import { runCli, UsageError } from './run-cli.js'

const USAGE = `usage: npm run --silent token:create -- --name NAME --role ${ROLES.join('|')} [--author AUTHOR_ID] (--author: required for contributor and author)`

function parse (argv: string[]): { name: string, role: Role, authorId: number | null } {
  let values
  try {
    values = parseArgs({ args: argv, options: { name: { type: 'string' }, role: { type: 'string' }, author: { type: 'string' } } }).values
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`)
  }
  const { name, role, author } = values
  if (!name || name.length > 100) throw new UsageError(`--name is required (1 to 100 characters)\n${USAGE}`)
  if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`)
  if (author !== undefined && !/^[1-9]\d*$/.test(author)) throw new UsageError(`--author must be an author id\n${USAGE}`)
  return { name, role: role as Role, authorId: author === undefined ? null : Number(author) }
}

runCli(async () => {
  const input = parse(process.argv.slice(2))
  const config = loadConfig(process.env)
  const store = await openStore(config)
  try {
    const token = await createTokensService(store).create(input)
    console.log(`created token ${token.id} "${token.name}" with role ${token.role} in ${describeStore(config)}; the secret is shown once:`)
    console.log(token.secret)
  } finally {
    await store.close()
  }
})
