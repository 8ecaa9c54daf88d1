// Loaded into the service by `npm run bench -- --observe` (node --import): its garbage collections and event-loop delay,
// told on standard error at each SIGUSR2 and then counted afresh, so the benchmark sees where a scenario's time went.
// Plain JavaScript: the service runs compiled, and a TypeScript loader would cost the very requests it watches.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'

// bench/processes.ts reads the lines that start with it.
const OBSERVATION_PREFIX = 'bench-observation '

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb'
}

const loop = monitorEventLoopDelay({ resolution: 1 })
loop.enable()
let collections = {}
let cpu = process.cpuUsage()

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = KINDS[entry.detail?.kind] ?? 'other'
    const seen = collections[kind] ??= { count: 0, totalMs: 0, maxMs: 0 }
    seen.count++
    seen.totalMs += entry.duration
    seen.maxMs = Math.max(seen.maxMs, entry.duration)
  }
}).observe({ entryTypes: ['gc'] })

process.on('SIGUSR2', () => {
  const used = process.cpuUsage(cpu)
  const observation = {
    gc: collections,
    loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    cpuMs: (used.user + used.system) / 1000
  }
  process.stderr.write(OBSERVATION_PREFIX + JSON.stringify(observation) + '\n')
  collections = {}
  loop.reset()
  cpu = process.cpuUsage()
})
