import t from 'tap'
import { parseBenchOptions } from '../../bench/options.js'

t.test('a benchmark run leaves the committed results alone unless --write is given', async (t) => {
  t.equal(parseBenchOptions([]).write, false)
  t.equal(parseBenchOptions(['--articles', '5000', '--duration', '3']).write, false)
  t.equal(parseBenchOptions(['--write']).write, true)
})

t.test('the benchmark options default to the published run and read every flag', async (t) => {
  t.same(parseBenchOptions([]), {
    articles: 100000,
    duration: 10,
    warmup: 2,
    connections: 10,
    engine: 'sqlite',
    postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    skipBuild: false,
    write: false
  })
  t.same(parseBenchOptions(['--articles', '5000', '--duration', '3', '--warmup', '0', '--connections', '4', '--engine', 'postgres',
    '--postgres-url', 'postgres://bench@db:5432/postgres', '--skip-build', '--write']), {
    articles: 5000,
    duration: 3,
    warmup: 0,
    connections: 4,
    engine: 'postgres',
    postgresUrl: 'postgres://bench@db:5432/postgres',
    skipBuild: true,
    write: true
  })
})

t.test('a bad benchmark option is refused with the flag it concerns', async (t) => {
  t.throws(() => parseBenchOptions(['--articles', 'many']), { message: '--articles must be a non-negative integer, got many' })
  t.throws(() => parseBenchOptions(['--engine', 'mysql']), { message: '--engine must be sqlite or postgres, got mysql' })
  t.throws(() => parseBenchOptions(['--wirte']), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' })
})
