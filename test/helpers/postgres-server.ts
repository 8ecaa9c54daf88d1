// Where the PostgreSQL half of the suite runs, apart from test/helpers/postgres.ts: that module loads tap, which
// makes any process importing it a test with a timeout, the suite's runner included.

/** The server the PostgreSQL half of the suite uses, as a URL to one of its databases. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
