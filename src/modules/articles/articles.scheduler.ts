// Publishes scheduled articles and lifts embargoes when their time comes, in every process that runs it, each article once.
import type { FastifyBaseLogger } from 'fastify'
import type { ArticlesService } from './articles.service.js'

// Small batches keep each write lock short, so API writes and other schedulers interleave with a backlog.
const DEFAULT_BATCH_SIZE = 50

export interface ArticlesScheduler {
  /** Publishes every article due at `now` and returns their ids, in the order this process published them. */
  publishDue: (now: Date) => Promise<number[]>
  /** Lifts every embargo due at `now` and returns the articles' ids, in the order this process lifted them. */
  liftDueEmbargoes: (now: Date) => Promise<number[]>
  /** Publishes what is due at once (catching up after downtime), then every intervalMs. */
  start: () => Promise<void>
  stop: () => void
}

export function createArticlesScheduler (deps: {
  articles: Pick<ArticlesService, 'publishDue' | 'liftDueEmbargoes'>
  log: FastifyBaseLogger
  intervalMs: number
  batchSize?: number
}): ArticlesScheduler {
  const { articles, log, intervalMs, batchSize = DEFAULT_BATCH_SIZE } = deps
  let timer: NodeJS.Timeout | null = null

  async function publishDue (now: Date): Promise<number[]> {
    const published: number[] = []
    for (;;) {
      const batch = await articles.publishDue(now, batchSize)
      for (const article of batch) {
        log.info({ articleId: article.id, slug: article.slug, publishedAt: article.publishedAt }, 'scheduled article published')
        published.push(article.id)
      }
      if (batch.length < batchSize) return published
    }
  }

  async function liftDueEmbargoes (now: Date): Promise<number[]> {
    const lifted: number[] = []
    for (;;) {
      const batch = await articles.liftDueEmbargoes(now, batchSize)
      for (const article of batch) {
        log.info({ articleId: article.id, slug: article.slug }, 'embargo lifted')
        lifted.push(article.id)
      }
      if (batch.length < batchSize) return lifted
    }
  }

  async function tick (): Promise<void> {
    try {
      const now = new Date()
      await publishDue(now)
      await liftDueEmbargoes(now)
    } catch (error) {
      // A busy or briefly unavailable database must not stop the timer: the next tick tries again.
      log.error({ err: error }, 'publishing scheduled articles failed')
    }
  }

  return {
    publishDue,
    liftDueEmbargoes,
    async start () {
      if (timer) return
      await tick()
      timer = setInterval(tick, intervalMs)
      // The scheduler never keeps a process alive on its own: shutdown waits for no tick.
      timer.unref()
    },
    stop () {
      if (timer) clearInterval(timer)
      timer = null
    }
  }
}
