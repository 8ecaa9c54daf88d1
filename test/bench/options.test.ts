import t from 'tap'
import { parseBenchOptions, parseSoakOptions } from '../../bench/options.js'

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
    connections: 50,
    engine: 'sqlite',
    nodeFlags: ['--max-old-space-size=128', '--max-semi-space-size=4', '--single-threaded-gc'],
    observe: false,
    only: [],
    postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    skipBuild: false,
    write: false
  })
  t.same(parseBenchOptions(['--articles', '5000', '--duration', '3', '--warmup', '0', '--connections', '4', '--engine', 'postgres',
    '--node-flags=--max-old-space-size=128  --max-semi-space-size=16', '--only', 'bareArticle, article', '--observe',
    '--postgres-url', 'postgres://bench@db:5432/postgres', '--skip-build']), {
    articles: 5000,
    duration: 3,
    warmup: 0,
    connections: 4,
    engine: 'postgres',
    nodeFlags: ['--max-old-space-size=128', '--max-semi-space-size=16'],
    observe: true,
    only: ['bareArticle', 'article'],
    postgresUrl: 'postgres://bench@db:5432/postgres',
    skipBuild: true,
    write: false
  })
})

t.test('a bad benchmark option is refused with the flag it concerns', async (t) => {
  t.throws(() => parseBenchOptions(['--articles', 'many']), { message: '--articles must be a non-negative integer, got many' })
  t.throws(() => parseBenchOptions(['--engine', 'mysql']), { message: '--engine must be sqlite or postgres, got mysql' })
  t.throws(() => parseBenchOptions(['--only', 'article,articles']), { message: /^--only takes scenarios among bareArticle, .*; got articles$/ })
  t.throws(() => parseBenchOptions(['--only', 'article', '--write']), { message: '--write replaces the committed results with a whole run: not with --only' })
  t.throws(() => parseBenchOptions(['--wirte']), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' })
})

t.test('the soak runs a minute by default, or SOAK_DURATION seconds, with a fifth of it as warm-up', async (t) => {
  t.same(parseSoakOptions([]), {
    duration: 60,
    warmup: 12,
    sampleInterval: 5,
    connections: 8,
    articles: 5000,
    engine: 'sqlite',
    postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    skipBuild: false
  })
  t.match(parseSoakOptions([], { SOAK_DURATION: '600' }), { duration: 600, warmup: 120 })
  t.match(parseSoakOptions(['--duration', '300', '--warmup', '30', '--sample-interval', '10', '--engine', 'postgres'], { SOAK_DURATION: '600' }),
    { duration: 300, warmup: 30, sampleInterval: 10, engine: 'postgres' })
})

t.test('a soak too short to judge memory is refused with the flag it concerns', async (t) => {
  t.throws(() => parseSoakOptions(['--duration', '5']), { message: '--duration must be at least 10 seconds, got 5' })
  t.throws(() => parseSoakOptions(['--duration', '60', '--warmup', '40']), { message: '--warmup must be at most half the duration, got 40 of 60' })
  t.throws(() => parseSoakOptions(['--sample-interval', '0']), { message: '--sample-interval must be at least 1 second, got 0' })
})
