// Values kept in the settings table that every process sharing the database must agree on.
import { randomBytes } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './client.js'
import { settings } from './schema.js'
import { preparedOnFirstUse } from './prepared.js'

/** The settings key of the public's content clock, or the partners'. */
export const clockOf = (includeEmbargoed: boolean) => includeEmbargoed ? 'syndicated_content_changed_at' : 'content_changed_at'
export const CONTENT_CLOCKS = [clockOf(true), clockOf(false)]

/** What the public can see, as of one read: when it last changed, and a token that changes with every change. */
export interface PublicVersion {
  changedAt: string
  /** Random, made anew by a trigger whenever the public clock is written (migrations/sqlite/0011_content_generation.sql). */
  generation: string
}

export const PUBLIC_VERSION_KEYS = ['content_changed_at', 'content_generation']

/** The settings key of the renderer of the stored article representations (see articles.refresher.ts). */
export const RENDERER_KEY = 'representations_renderer'

/** A claim to render the stored representations: the claimer's settings (renderedWith's digest) and how long it holds. */
export interface RendererClaim {
  renderedWith: string
  leaseMs: number
}

/** The claim as stored, with how long ago it was made or renewed, by the database's clock: the processes' may differ. */
export interface Renderer extends RendererClaim {
  ageMs: number
}

/** Whether a process rendering otherwise than `ours` holds the claim now: its lease, by the database's clock, has not passed. */
export function heldElsewhere (renderer: Renderer | undefined, ours: string): renderer is Renderer {
  return renderer !== undefined && renderer.ageMs <= renderer.leaseMs && renderer.renderedWith !== ours
}

/** The claim's stored value without its time, which the database appends as it writes (see claimRenderer). */
export const claimPrefix = (claim: RendererClaim) => `${claim.renderedWith} ${claim.leaseMs} `

/** The stored claim ("digest lease time") read beside the database's time now; undefined when there is none. */
export function rendererOf (row: { value: string, now: string } | undefined): Renderer | undefined {
  const [renderedWith, leaseMs, seenAt] = row?.value.split(' ') ?? []
  if (row === undefined || renderedWith === undefined || seenAt === undefined) return undefined
  return { renderedWith, leaseMs: Number(leaseMs), ageMs: Date.parse(row.now) - Date.parse(seenAt) }
}

/** The public version from its settings rows; undefined before migrating. */
export function publicVersionOf (rows: Array<{ key: string, value: string }>): PublicVersion | undefined {
  const changedAt = rows.find((row) => row.key === 'content_changed_at')?.value
  const generation = rows.find((row) => row.key === 'content_generation')?.value
  return changedAt === undefined || generation === undefined ? undefined : { changedAt, generation }
}

/** The time now as toISOString writes it, by SQLite's clock. */
const SQLITE_NOW = sql.raw("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")

export function createSettingsRepository (db: Db) {
  const byKey = preparedOnFirstUse(() => db.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare())
  const readKey = (key: string): string | undefined => byKey.get({ key })?.value
  const rendererRow = preparedOnFirstUse(() => db.select({ value: settings.value, now: sql<string>`${SQLITE_NOW}` }).from(settings)
    .where(eq(settings.key, RENDERER_KEY)).prepare())
  const publicVersionRows = preparedOnFirstUse(() => db.select({ key: settings.key, value: settings.value }).from(settings).where(inArray(settings.key, PUBLIC_VERSION_KEYS)).prepare())

  return {
    /**
     * A random 256-bit key stored under this name, made at first use: every process and every restart signs or
     * hashes alike, and processes racing to make it all end up with the one stored first. A write: call it in a transaction.
     */
    async sharedSecret (name: string): Promise<Buffer> {
      db.insert(settings).values({ key: name, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run()
      const value = readKey(name)
      if (value === undefined) throw new Error(`The ${name} setting could not be stored`)
      return Buffer.from(value, 'base64url')
    },

    /**
     * The time of the last change the public can see, or with includeEmbargoed the last one partners can see (the
     * same, plus articles under embargo; never earlier). Kept by triggers (migrations/sqlite/0008_private_work.sql),
     * which never move either for unpublished work; undefined before migrating.
     */
    async lastContentChange ({ includeEmbargoed }: { includeEmbargoed: boolean }): Promise<string | undefined> {
      return readKey(clockOf(includeEmbargoed))
    },

    /** The public clock and its generation, read together: one statement, one snapshot. */
    async publicVersion (): Promise<PublicVersion | undefined> {
      return publicVersionOf(publicVersionRows.all())
    },

    /**
     * Moves both content clocks to now, for a change the public sees that no write made, which the triggers cannot
     * see: articles rendered again under new settings (SITE_URL) or code. A write: call it in a transaction.
     */
    async markContentChanged (): Promise<void> {
      for (const key of CONTENT_CLOCKS) {
        db.insert(settings).values({ key, value: SQLITE_NOW }).onConflictDoUpdate({ target: settings.key, set: { value: SQLITE_NOW } }).run()
      }
    },

    /** Whose renderings the stored article representations are; undefined until a refresher first runs. */
    async renderer (): Promise<Renderer | undefined> {
      return rendererOf(rendererRow.get())
    },

    /** Makes this process the renderer of the stored representations, as of the database's now. A write: call it in a transaction. */
    async claimRenderer (claim: RendererClaim): Promise<void> {
      const value = sql`${claimPrefix(claim)} || ${SQLITE_NOW}`
      db.insert(settings).values({ key: RENDERER_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run()
    }
  }
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>
