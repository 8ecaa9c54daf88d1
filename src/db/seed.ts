import { sql } from 'drizzle-orm'
import type { Db } from './client.js'
import { articles, sections } from './schema.js'
export function isDatabaseEmpty (db: Db): boolean {
  return db.select({ n: sql<number>`1` }).from(sections).limit(1).get() === undefined &&
    db.select({ n: sql<number>`1` }).from(articles).limit(1).get() === undefined
}
export function seedDemoContent (_db: Db): void {}
