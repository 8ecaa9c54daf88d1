// Statements prepared when first run. A repository names every statement it runs when it is made, but most are never
// run by a given process (a CLI, a test's app, a reader connection that never writes): preparing them all up front
// built some ninety queries per connection, a tenth of an app's start, for nothing.

type Runner = (...args: never[]) => unknown

/** What drizzle's prepared queries offer on either engine: SQLite's four ways to run, PostgreSQL's execute. */
interface PreparedQuery {
  run?: Runner
  all?: Runner
  get?: Runner
  values?: Runner
  execute?: Runner
}

type Runs = keyof PreparedQuery

/**
 * A stand-in for the statement prepare() makes, which calls it at the stand-in's first run and keeps it. It offers the
 * statement's ways to run and nothing else, and its type says so.
 */
export function preparedOnFirstUse<Statement extends PreparedQuery> (prepare: () => Statement): Pick<Statement, Runs & keyof Statement> {
  let statement: Statement | undefined
  const prepared = (): Required<PreparedQuery> => (statement ??= prepare()) as Required<PreparedQuery>
  const standIn: Required<PreparedQuery> = {
    run: (...args) => prepared().run(...args),
    all: (...args) => prepared().all(...args),
    get: (...args) => prepared().get(...args),
    values: (...args) => prepared().values(...args),
    execute: (...args) => prepared().execute(...args)
  }
  return standIn as unknown as Pick<Statement, Runs & keyof Statement>
}
