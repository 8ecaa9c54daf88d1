// The reply rate limit across instances: shared through Redis when REDIS_URL names one, per process without it,
// and never in a reader's way when Redis is down.
import t, { type Test } from 'tap'
import { randomInt } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { skipWithoutRedis, TEST_REDIS_URL } from '../../helpers/redis.js'
import { buildTestApp } from '../../helpers/app.js'
import { insertArticle, READER, SLUG } from './replies-fixtures.js'

// Tests run in parallel against one Redis: each gets its own reader address, so its counts are its own.
const readerAddress = () => `198.51.${randomInt(256)}.${randomInt(256)}`

async function instance (t: Test, redisUrl: string | null): Promise<FastifyInstance> {
  const app = await buildTestApp(t, { repliesPerMinute: 2, redisUrl })
  await insertArticle(app)
  return app
}

const submit = (app: FastifyInstance, remoteAddress: string, n: number) => app.inject({
  method: 'POST',
  url: `/v1/articles/${SLUG}/replies`,
  remoteAddress,
  payload: { ...READER, body: `Reply number ${n}.` }
})

const noRedis = await skipWithoutRedis()

t.test('with REDIS_URL, two instances count one address together', { skip: noRedis }, async (t) => {
  const [one, two] = [await instance(t, TEST_REDIS_URL), await instance(t, TEST_REDIS_URL)]
  const address = readerAddress()
  t.equal((await submit(one, address, 1)).statusCode, 202)
  t.equal((await submit(two, address, 2)).statusCode, 202)
  const third = await submit(one, address, 3)
  t.equal(third.statusCode, 429, 'the third reply in the minute is refused, whichever instance counted the first two')
  t.match(third.json(), { code: 'TOO_MANY_REPLIES' })
})

t.test('without REDIS_URL, each instance counts on its own', async (t) => {
  const [one, two] = [await instance(t, null), await instance(t, null)]
  const address = readerAddress()
  t.equal((await submit(one, address, 1)).statusCode, 202)
  t.equal((await submit(one, address, 2)).statusCode, 202)
  t.equal((await submit(two, address, 3)).statusCode, 202, 'the other instance has not counted this address')
  t.equal((await submit(one, address, 4)).statusCode, 429)
})

t.test('when Redis does not answer, replies are still taken, without a limit', async (t) => {
  // Port 1 on this machine: nothing listens there, so every connection is refused at once.
  const app = await instance(t, 'redis://127.0.0.1:1')
  const address = readerAddress()
  const statuses = []
  for (let n = 1; n <= 3; n++) statuses.push((await submit(app, address, n)).statusCode)
  t.same(statuses, [202, 202, 202])
})
