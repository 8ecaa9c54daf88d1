// The benchmark's command line: what to measure, and whether the run replaces the committed results.
import { parseArgs } from 'node:util'

export interface BenchOptions {
  articles: number
  duration: number
  warmup: number
  connections: number
  engine: 'sqlite' | 'postgres'
  /** The server to copy the dataset into for --engine postgres; the benchmark makes its own database there. */
  postgresUrl: string
  skipBuild: boolean
  /** Replace bench/results-<engine>.md: they are committed, so a trial run on another machine must not overwrite them. */
  write: boolean
}

function nonNegativeInteger (name: string, raw: string): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got ${raw}`)
  return value
}

export function parseBenchOptions (args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      articles: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      engine: { type: 'string', default: 'sqlite' },
      'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      'skip-build': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false }
    }
  })
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${values.engine}`)
  return {
    articles: nonNegativeInteger('articles', values.articles),
    duration: nonNegativeInteger('duration', values.duration),
    warmup: nonNegativeInteger('warmup', values.warmup),
    connections: nonNegativeInteger('connections', values.connections),
    engine: values.engine,
    postgresUrl: values['postgres-url'],
    skipBuild: values['skip-build'],
    write: values.write
  }
}
