// Stores the representations other writes queued (a renamed section, author or tag, a moderated reply, a migration) and
// those rendered under other settings or by another version, in every process that runs it, each article once. An
// article write stores its own at once and never waits for this.
import type { FastifyBaseLogger } from 'fastify'
import type { Store } from '../../db/store.js'

// Small batches keep each write lock short: API writes and reads interleave with a rename of a large section.
const DEFAULT_BATCH_SIZE = 100

export interface RepresentationRefresher {
  /**
   * Stores every stale representation (queued, or rendered under other settings or by another version), batch after
   * batch, and returns how many it stored.
   */
  refreshStale: () => Promise<number>
  /** Refreshes what is stale at once (after an upgrade, everything), then every intervalMs after each round. */
  start: () => void
  /** Stops the timer and waits for the batch under way, so the database is not closed under it. */
  stop: () => Promise<void>
}

export function createRepresentationRefresher (deps: {
  store: Store
  log: Pick<FastifyBaseLogger, 'error'>
  intervalMs: number
  batchSize?: number
}): RepresentationRefresher {
  const { store, log, intervalMs, batchSize = DEFAULT_BATCH_SIZE } = deps
  let timer: NodeJS.Timeout | null = null
  let round: Promise<unknown> | null = null
  let stopping = false

  async function refreshStale (): Promise<number> {
    let refreshed = 0
    for (;;) {
      const batch = await store.transaction(async ({ articles }) => articles.refreshStaleRepresentations(batchSize))
      refreshed += batch
      // Stopping ends the round after the batch under way: what is left stays queued for the next process.
      if (batch < batchSize || stopping) return refreshed
      // SQLite answers synchronously: without this, a long queue would hold the event loop and every request with it.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  function schedule (): void {
    if (!stopping) timer = setTimeout(tick, intervalMs)
  }

  function tick (): void {
    round = refreshStale()
      // A busy or briefly unavailable database must not stop the timer: what is queued stays queued for the next round.
      .catch((error: unknown) => log.error({ err: error }, 'storing article representations failed'))
      .finally(schedule)
  }

  return {
    refreshStale,
    start: tick,
    async stop () {
      stopping = true
      if (timer) clearTimeout(timer)
      await round
    }
  }
}
