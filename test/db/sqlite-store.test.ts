// The SQLite unit of work: all or nothing, one at a time in a process, and readers that see committed rows only.
import t, { type Test } from 'tap'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config.js'
import { createSqliteStore } from '../../src/db/sqlite-store.js'
import { createWebAddresses } from '../../src/shared/web-addresses.js'

async function fileStore (t: Test) {
  const dir = await mkdtemp(join(tmpdir(), 'news-store-'))
  const store = createSqliteStore(join(dir, 'news.db'), createWebAddresses(loadConfig({})))
  t.teardown(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })
  return store
}

t.test('a unit of work that throws leaves nothing behind', async (t) => {
  const store = await fileStore(t)
  await t.rejects(store.transaction(async ({ tags }) => {
    await tags.insert({ name: 'Drought', slug: 'drought' })
    throw new Error('changed my mind')
  }), /changed my mind/)
  t.equal(await store.read.tags.findBySlug('drought'), null)
})

t.test('readers see a unit of work only once it commits', async (t) => {
  const store = await fileStore(t)
  let seenInside: unknown = 'not read'
  await store.transaction(async ({ tags }) => {
    await tags.insert({ name: 'Drought', slug: 'drought' })
    seenInside = await store.read.tags.findBySlug('drought')
  })
  t.equal(seenInside, null, 'not visible before the commit')
  t.match(await store.read.tags.findBySlug('drought'), { slug: 'drought' })
})

t.test('units of work in one process run one after another', async (t) => {
  const store = await fileStore(t)
  const steps: string[] = []
  const work = (name: string) => store.transaction(async ({ tags }) => {
    steps.push(`${name} begins`)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await tags.insert({ name, slug: name })
    steps.push(`${name} ends`)
  })
  await Promise.all([work('a'), work('b')])
  t.same(steps, ['a begins', 'a ends', 'b begins', 'b ends'])
  t.match(await store.read.tags.findBySlug('b'), { name: 'b' })
})
