// The rules of reader replies: who may reply where, duplicates and bots, and what deleting leaves behind.
import { createHmac } from 'node:crypto'
import type { Repositories, Store } from '../../db/store.js'
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import type { QueueFilter, ThreadPage, CountedPage, PageRequest } from './replies.repository.js'
import { MAX_THREAD_DEPTH, type BulkModerationResult, type ModeratedReply, type ModerationDecision, type SubmittedReply, type SubmitReplyInput } from './replies.schemas.js'

export const IP_HASH_KEY_SETTING = 'reply_ip_hash_key'
const DUPLICATE_WINDOW_MS = 60_000

// The same answer whether the parent is missing, pending, hidden or elsewhere: a reader learns nothing about unpublished replies.
const invalidParent = (parentId: number) => new UnprocessableError(
  'INVALID_PARENT_REPLY',
  `Reply ${parentId} is not an approved reply to this article, so it cannot be answered.`,
  [{ path: '/body/parentId', message: 'is not an approved reply to this article' }]
)

const threadTooDeep = (parentId: number) => new UnprocessableError(
  'THREAD_TOO_DEEP',
  `Reply ${parentId} is already ${MAX_THREAD_DEPTH} replies deep, the deepest a thread goes. Answer a reply higher up the thread, or start a new one without parentId.`,
  [{ path: '/body/parentId', message: `is ${MAX_THREAD_DEPTH} replies deep already` }]
)

const REPLIES_CLOSED = 'Replies to this article are closed: the newsroom takes no new ones. The replies already published stay readable.'
const DUPLICATE = 'The same reply from the same email address reached this article less than a minute ago, so this one was not stored again.'

export interface Submission {
  /** The client's address as Fastify resolved it (X-Forwarded-For only behind a trusted proxy); stored as a keyed hash. */
  ip: string
}

/**
 * Deletes a reply that no one answered, then each removed ancestor left with no answers: a placeholder stands
 * only for a reply whose answers are still there.
 */
async function deleteWithEmptiedAncestors ({ replies }: Repositories, id: number, parentId: number | null): Promise<void> {
  await replies.delete(id)
  for (let next = parentId; next !== null;) {
    const parent = await replies.findNode(next)
    if (parent?.status !== 'removed' || await replies.hasAnswers(next)) return
    await replies.delete(next)
    next = parent.parentId
  }
}

/** What a webhook receiver is told of a reply: never the writer's email or address hash. */
function replyEventData (reply: Pick<ModeratedReply, 'id' | 'parentId' | 'articleId' | 'authorName' | 'body' | 'status' | 'createdAt'>): Record<string, unknown> {
  return { id: reply.id, articleId: reply.articleId, parentId: reply.parentId, authorName: reply.authorName, body: reply.body, status: reply.status, createdAt: reply.createdAt }
}

/** Moderates replies and records reply.approved for each one a decision approved that was not approved before. */
async function moderateRecorded<T> (tx: Repositories, ids: number[], status: ModerationDecision, moderate: () => Promise<T>): Promise<T> {
  const before = new Map<number, string>()
  if (status === 'approved') {
    for (const id of ids) {
      const reply = await tx.replies.findById(id)
      if (reply) before.set(id, reply.status)
    }
  }
  const result = await moderate()
  for (const [id, was] of before) {
    const reply = await tx.replies.findById(id)
    if (was === 'approved' || reply?.status !== 'approved') continue
    await tx.events.record({ type: 'reply.approved', articleId: reply.articleId, slug: reply.article.slug, replyId: id, embargoedUntil: null, data: replyEventData(reply) })
  }
  return result
}

export function createRepliesService (deps: {
  store: Store
  /** The shared key of the address hashes (settings: reply_ip_hash_key), the same in every process. */
  ipHashKey: Buffer
  /** The service-wide setting; a section can also approve its replies automatically. */
  autoApprove: boolean
}) {
  const { store, ipHashKey, autoApprove } = deps
  const hashIp = (ip: string): string => createHmac('sha256', ipHashKey).update(ip).digest('base64url')

  return {
    /** The public thread of a published article, oldest first; null when no visible article has the slug. */
    async listThread (slug: string, page: PageRequest): Promise<ThreadPage | null> {
      return store.read.replies.listThread(slug, page)
    },

    /**
     * Stores a reader's reply after checking the article, the reply it answers and recent duplicates, all in the
     * transaction that stores it, so no other writer can hide the parent or slip in a duplicate in between.
     * A filled honeypot gets the answer a person would get but is filed as spam, so a bot learns nothing
     * and a moderator can still rescue a person whose browser filled the field.
     */
    async submit (slug: string, input: SubmitReplyInput, { ip }: Submission): Promise<SubmittedReply> {
      const ipHash = hashIp(ip)
      return store.transaction(async ({ replies, events }) => {
        const article = await replies.findTarget(slug)
        if (!article) throw new NotFoundError('article', slug)
        if (!article.repliesEnabled) throw new ConflictError('REPLIES_CLOSED', REPLIES_CLOSED)
        await replies.lockThread(article.id)
        const parentId = input.parentId ?? null
        if (parentId !== null) {
          if (!(await replies.isApprovedReplyOf(parentId, article.id))) throw invalidParent(parentId)
          if (await replies.depthOf(parentId) >= MAX_THREAD_DEPTH) throw threadTooDeep(parentId)
        }
        const authorEmail = input.authorEmail.trim()
        const body = input.body.trim()
        const now = new Date()
        const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString()
        if (await replies.hasRecentDuplicate({ articleId: article.id, authorEmail, body, since })) throw new ConflictError('DUPLICATE_REPLY', DUPLICATE)
        const shownStatus = autoApprove || article.sectionAutoApprove ? 'approved' : 'pending'
        const isBot = (input.website ?? '').trim() !== ''
        const createdAt = now.toISOString()
        const status: ModeratedReply['status'] = isBot ? 'spam' : shownStatus
        const reply = { articleId: article.id, parentId, authorName: input.authorName.trim(), body, status, createdAt }
        const id = await replies.insert({ ...reply, authorEmail, ipHash })
        // A bot is told nothing, and neither are the newsroom's systems.
        if (!isBot) {
          await events.record({ type: 'reply.created', articleId: article.id, slug, replyId: id, embargoedUntil: null, data: replyEventData({ id, ...reply }) })
        }
        return { id, status: shownStatus, createdAt }
      })
    },

    async listForModeration (filter: QueueFilter): Promise<CountedPage<ModeratedReply>> {
      return store.read.replies.listForModeration(filter)
    },

    async findById (id: number): Promise<ModeratedReply> {
      const reply = await store.read.replies.findById(id)
      if (!reply) throw new NotFoundError('reply', id)
      return reply
    },

    /** Records a moderator's decision, with who and when. */
    async moderate (id: number, status: ModerationDecision, tokenId: number): Promise<ModeratedReply> {
      const moderated = await store.transaction(async (tx) => moderateRecorded(tx, [id], status, () => tx.replies.moderate(id, status, tokenId)))
      if (!moderated) throw new NotFoundError('reply', id)
      return moderated
    },

    /** The same decision on many replies at once. */
    async moderateMany (ids: number[], status: ModerationDecision, tokenId: number): Promise<BulkModerationResult> {
      return store.transaction(async (tx) => moderateRecorded(tx, ids, status, () => tx.replies.moderateMany(ids, status, tokenId)))
    },

    /**
     * Deletes a reply for good: its name, email, text and address hash are gone. A reply that others answered
     * stays as an empty 'removed' row, which the public thread shows as a placeholder; once its last answer is
     * deleted, it goes too.
     */
    async delete (id: number, tokenId: number): Promise<void> {
      await store.transaction(async (tx) => {
        const target = await tx.replies.findNode(id)
        if (!target || target.status === 'removed') throw new NotFoundError('reply', id)
        if (await tx.replies.hasAnswers(id)) return tx.replies.blank(id, tokenId)
        await deleteWithEmptiedAncestors(tx, id, target.parentId)
      })
    }
  }
}

export type RepliesService = ReturnType<typeof createRepliesService>
