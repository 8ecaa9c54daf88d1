// Stores the representations other writes queued (a renamed section, author or tag, a moderated reply, a migration) and
// those rendered under other settings or by another version, in every process that runs it, each article once. An
// article write stores its own at once and never waits for this.
//
// Only processes that render alike store them. Representations carry links made from the web settings, and a process
// renders again every one it finds rendered otherwise, so two processes with different settings (or versions) on one
// database would each undo the other's work without end. The settings table names the renderer: each refresher claims
// it when it starts, so the newest process wins, as during a rolling deploy; it renews the claim while it runs; and a
// claim not renewed for a lease lapses, so the others take over when the renderer stops. A process that is not the
// renderer leaves the stored representations alone; its reads render the articles they serve afresh, correct for it.
//
// After storing what was stale, the renderer compresses the representations stored since (articles.encoder.ts), for a
// while each round, so that a rename's refresh is never held behind the compression of the articles it stored.
import type { Store } from '../../db/store.js'
import { heldElsewhere, type SettingsRepository } from '../../db/settings.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { encodePendingRepresentations } from './articles.encoder.js'
import { renderedWith } from './articles.representations.js'

// Small batches keep each write lock short: API writes and reads interleave with a rename of a large section.
const DEFAULT_BATCH_SIZE = 100

/** How long a round may spend compressing stored representations: an upgrade's 100,000 take a few minutes of rounds. */
const ENCODING_BUDGET_MS = 500

/** How long a claim holds without being renewed: far longer than a busy round, short enough for a deploy to wait out. */
export const RENDERER_LEASE_MS = 30_000

/** What the refresher tells the operator: a failed round, and when it leaves the representations to another process or takes them back. */
export interface RefresherLog {
  error: (context: { err: unknown }, message: string) => void
  warn: (message: string) => void
  info: (message: string) => void
}

export interface RepresentationRefresher {
  /**
   * Stores every stale representation (queued, or rendered under other settings or by another version), batch after
   * batch, and returns how many it stored: none while another process, rendering otherwise, holds the claim.
   */
  refreshStale: () => Promise<number>
  /** Refreshes what is stale at once (after an upgrade, everything), then every intervalMs after each round. */
  start: () => void
  /** Stops the timer and waits for the batch under way, so the database is not closed under it. */
  stop: () => Promise<void>
}

export function createRepresentationRefresher (deps: {
  store: Store
  links: WebAddresses
  log: RefresherLog
  intervalMs: number
  batchSize?: number
}): RepresentationRefresher {
  const { store, links, log, intervalMs, batchSize = DEFAULT_BATCH_SIZE } = deps
  // A round takes longer than the interval when the queue is long: the lease must outlast the gap between two claims.
  const leaseMs = Math.max(RENDERER_LEASE_MS, 3 * intervalMs)
  // What this process last claimed as: its settings may change after a claim (see ours below).
  let claimedAs: string | null = null
  let yielded = false
  let timer: NodeJS.Timeout | null = null
  let round: Promise<unknown> | null = null
  let stopping = false

  /** Whether this process renders the stored representations now, claiming or renewing the claim when it does. */
  async function mayRender (settings: SettingsRepository): Promise<boolean> {
    // Read each time: left unset, PUBLIC_BASE_URL is the address the server listens on, known only once it does, which
    // may be after the first round. A claim this process made under its earlier settings is still its own.
    const ours = renderedWith(links)
    // Its age by the database's clock, against the lease its claimer chose: processes' clocks and intervals may differ.
    const renderer = await settings.renderer()
    if (claimedAs !== null && heldElsewhere(renderer, ours) && renderer.renderedWith !== claimedAs) {
      if (!yielded) {
        log.warn('another process stores the article representations, rendered with other web settings (PUBLIC_BASE_URL, SITE_URL, ' +
          'the URL templates) or by another version: this one leaves them alone and renders each article it serves afresh until that ' +
          'process stops; instances on one database should share these settings')
      }
      yielded = true
      return false
    }
    // Renewed a few times per lease, not every round: on SQLite each renewal is a write to the file.
    if (claimedAs === null || renderer?.renderedWith !== ours || renderer.leaseMs !== leaseMs || renderer.ageMs > leaseMs / 3) {
      await settings.claimRenderer({ renderedWith: ours, leaseMs })
    }
    if (yielded) log.info('this process stores the article representations again: the process that rendered them otherwise has stopped')
    claimedAs = ours
    yielded = false
    return true
  }

  async function refreshStale (): Promise<number> {
    let refreshed = 0
    for (;;) {
      const batch = await store.transaction(async ({ articles, settings }) => await mayRender(settings) ? articles.refreshStaleRepresentations(batchSize) : 0)
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

  async function refreshAndEncode (): Promise<void> {
    await refreshStale()
    // Only the renderer's representations are the ones stored, and one process compressing them is enough.
    if (claimedAs !== null && !yielded && !stopping) await encodePendingRepresentations(store, ENCODING_BUDGET_MS, () => stopping)
  }

  function tick (): void {
    round = refreshAndEncode()
      // A busy or briefly unavailable database must not stop the timer: what is queued stays queued for the next round.
      .catch((error: unknown) => log.error({ err: error }, 'storing or compressing article representations failed'))
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
