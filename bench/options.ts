// The benchmark's command line: what to measure, and whether the run replaces the committed results.
import { parseArgs } from 'node:util'
import { SERVICE_NODE_FLAGS } from './processes.js'

/** What npm run bench measures, in the order it runs them: each ratio's two sides back to back, so load from elsewhere
 * on the machine hits both alike. */
export const SCENARIO_KEYS = [
  'bareArticle', 'ceilingArticle', 'article', 'revalidate', 'articleBrotli',
  'bareList', 'ceilingList', 'section', 'feed', 'feedGzip', 'author', 'tag', 'search', 'searchLatency',
  'rename'
] as const

export type ScenarioKey = typeof SCENARIO_KEYS[number]

export interface BenchOptions {
  articles: number
  duration: number
  warmup: number
  connections: number
  engine: 'sqlite' | 'postgres'
  /** The node flags the service runs with; npm start's by default, others to find which serve it best. */
  nodeFlags: string[]
  /** Load bench/service-observer.mjs into the servers and report their GC pauses and event-loop delay per scenario. */
  observe: boolean
  /** The scenarios to run; all of them when empty. */
  only: ScenarioKey[]
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
      // The targets are set at 50 clients: a busy site's concurrency, where a long tail shows.
      connections: { type: 'string', default: '50' },
      engine: { type: 'string', default: 'sqlite' },
      'node-flags': { type: 'string', default: SERVICE_NODE_FLAGS.join(' ') },
      observe: { type: 'boolean', default: false },
      only: { type: 'string', default: '' },
      'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      'skip-build': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false }
    }
  })
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${values.engine}`)
  const only = values.only.split(',').map((key) => key.trim()).filter((key) => key !== '')
  const unknown = only.filter((key) => !(SCENARIO_KEYS as readonly string[]).includes(key))
  if (unknown.length > 0) throw new Error(`--only takes scenarios among ${SCENARIO_KEYS.join(', ')}; got ${unknown.join(', ')}`)
  if (only.length > 0 && values.write) throw new Error('--write replaces the committed results with a whole run: not with --only')
  return {
    articles: nonNegativeInteger('articles', values.articles),
    duration: nonNegativeInteger('duration', values.duration),
    warmup: nonNegativeInteger('warmup', values.warmup),
    connections: nonNegativeInteger('connections', values.connections),
    engine: values.engine,
    nodeFlags: values['node-flags'].split(/\s+/).filter((flag) => flag !== ''),
    observe: values.observe,
    only: only as ScenarioKey[],
    postgresUrl: values['postgres-url'],
    skipBuild: values['skip-build'],
    write: values.write
  }
}

export interface SoakOptions {
  /** Seconds of traffic; SOAK_DURATION when the flag is left out. */
  duration: number
  /** Seconds at the start whose memory samples the verdict leaves out, while caches and the heap fill. */
  warmup: number
  /** Seconds between memory samples. */
  sampleInterval: number
  connections: number
  articles: number
  engine: 'sqlite' | 'postgres'
  postgresUrl: string
  skipBuild: boolean
}

export function parseSoakOptions (args: string[], env: Record<string, string | undefined> = {}): SoakOptions {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string', default: env.SOAK_DURATION ?? '60' },
      warmup: { type: 'string' },
      'sample-interval': { type: 'string', default: '5' },
      connections: { type: 'string', default: '8' },
      articles: { type: 'string', default: '5000' },
      engine: { type: 'string', default: 'sqlite' },
      'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      'skip-build': { type: 'boolean', default: false }
    }
  })
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${values.engine}`)
  const duration = nonNegativeInteger('duration', values.duration)
  const sampleInterval = nonNegativeInteger('sample-interval', values['sample-interval'])
  if (duration < 10) throw new Error(`--duration must be at least 10 seconds, got ${duration}`)
  if (sampleInterval < 1) throw new Error(`--sample-interval must be at least 1 second, got ${sampleInterval}`)
  // A fifth of the run by default: long enough for the heap to reach its working size, short of the samples judged.
  const warmup = values.warmup === undefined ? Math.round(duration / 5) : nonNegativeInteger('warmup', values.warmup)
  if (warmup > duration / 2) throw new Error(`--warmup must be at most half the duration, got ${warmup} of ${duration}`)
  return {
    duration,
    warmup,
    sampleInterval,
    connections: nonNegativeInteger('connections', values.connections),
    articles: nonNegativeInteger('articles', values.articles),
    engine: values.engine,
    postgresUrl: values['postgres-url'],
    skipBuild: values['skip-build']
  }
}
