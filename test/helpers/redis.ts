// The Redis the shared rate limit tests use; where none answers, as on a fresh laptop, those tests are skipped.
import { Redis } from 'ioredis'

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** false when a Redis answers at TEST_REDIS_URL, else why the tests that need one are skipped. */
export async function skipWithoutRedis (): Promise<false | string> {
  // Where nothing listens the connection is refused at once; the timeout is for a Redis that is there but slow to
  // answer, as on a loaded machine, whose tests must run rather than be skipped.
  const probe = new Redis(TEST_REDIS_URL, { connectTimeout: 10_000, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true })
  probe.on('error', () => {})
  try {
    await probe.connect()
    if (await probe.ping() === 'PONG') return false
  } catch {
    // Said below, once.
  } finally {
    probe.disconnect()
  }
  return `no Redis answers at ${TEST_REDIS_URL}, so the shared limit is not tested here`
}
