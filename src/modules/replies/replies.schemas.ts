// The API contract of reader replies: the public thread, the submission form and the moderation desk.
import { Type, type Static } from 'typebox'
import { REPLY_STATUSES } from '../../db/schema.js'
import { CursorSchema, IdSchema, LimitSchema, PageMetaSchema, TimestampSchema, MAX_ID, slugWithExample } from '../../shared/http-schemas.js'
import { FLAGSHIP_SLUG } from '../articles/articles.schemas.js'

/** Replies nest at most this deep: a top-level reply is at depth 1. */
export const MAX_THREAD_DEPTH = 5
export const MAX_BULK_IDS = 100

export const ReplyStatusSchema = Type.Enum(REPLY_STATUSES, {
  type: 'string',
  description: 'pending: waiting for a moderator; approved: public; spam and rejected: hidden unless a moderator changes them.'
})

export const ModerationDecisionSchema = Type.Enum(['approved', 'rejected', 'spam'], {
  type: 'string',
  description: 'approved makes the reply public; rejected and spam hide it. spam is for unwanted advertising and bots, rejected for everything else a moderator declines.'
})

const PLAIN_TEXT = 'Plain text: markup is not interpreted but stored and returned as the literal characters, so a frontend must escape it.'
// A field of nothing but spaces is empty once trimmed, so it is refused like an empty one.
const NOT_BLANK = '\\S'
const EXAMPLE_BODY = 'My uncle fished the lake for forty years. Good to read that the boats are back.'

const AuthorNameSchema = Type.String({
  minLength: 1,
  maxLength: 80,
  pattern: NOT_BLANK,
  description: `The name shown with the reply. ${PLAIN_TEXT}`,
  examples: ['Amina Bello']
})

const ReplyBodySchema = Type.String({
  minLength: 1,
  maxLength: 5000,
  pattern: NOT_BLANK,
  description: `${PLAIN_TEXT} Line breaks are kept.`,
  examples: [EXAMPLE_BODY]
})

const ParentIdSchema = Type.Union([IdSchema, Type.Null()], {
  description: 'The reply this one answers, which is in the same list (as a reply or a placeholder); null at the top of a thread.'
})

export const ReplySchema = Type.Object({
  id: IdSchema,
  parentId: ParentIdSchema,
  placeholder: Type.Literal(false),
  authorName: Type.String({ description: `As the reader gave it, trimmed. ${PLAIN_TEXT}`, examples: ['Amina Bello'] }),
  body: Type.String({ description: `As the reader wrote it, trimmed. ${PLAIN_TEXT}`, examples: [EXAMPLE_BODY] }),
  bodyHtml: Type.String({
    description: 'The body as safe HTML: every character escaped, paragraphs (separated by a blank line) in <p>, single line breaks as <br>.',
    examples: [`<p>${EXAMPLE_BODY}</p>`]
  }),
  createdAt: TimestampSchema
}, {
  title: 'Reply',
  description: 'An approved reader reply as the public sees it: never the email address.'
})

export const RemovedReplySchema = Type.Object({
  id: IdSchema,
  parentId: ParentIdSchema,
  placeholder: Type.Literal(true),
  createdAt: TimestampSchema
}, {
  title: 'RemovedReply',
  description: 'Stands in for a reply that was deleted, rejected or hidden but has approved answers, so they keep their place in the thread. It has no name and no text; show something like "This reply was removed".'
})

export const ThreadItemSchema = Type.Union([ReplySchema, RemovedReplySchema], {
  description: 'placeholder tells the two apart.'
})

export const ReplyArticleRefSchema = Type.Object({
  slug: slugWithExample(FLAGSHIP_SLUG),
  headline: Type.String({ examples: ['Lake Chad\'s fishermen return as the waters rise'] })
}, { title: 'ReplyArticleRef' })

export const ModeratedReplySchema = Type.Object({
  id: IdSchema,
  parentId: Type.Union([IdSchema, Type.Null()], { description: 'The reply this one answers; null at the top of a thread.' }),
  authorName: Type.String({ examples: ['Amina Bello'] }),
  body: Type.String({ examples: [EXAMPLE_BODY] }),
  createdAt: TimestampSchema,
  articleId: IdSchema,
  article: ReplyArticleRefSchema,
  authorEmail: Type.String({ format: 'email', description: 'Private: only moderators see it.', examples: ['amina.bello@example.org'] }),
  ipHash: Type.Union([Type.String(), Type.Null()], {
    description: 'A keyed hash of the address the reply came from, equal for replies from the same address: the address itself is never stored. Null for replies not sent through the API.'
  }),
  status: ReplyStatusSchema,
  updatedAt: TimestampSchema,
  moderatedAt: Type.Union([TimestampSchema, Type.Null()], { description: 'When a moderator last decided on the reply; null before.' }),
  moderatedBy: Type.Union([IdSchema, Type.Null()], { description: 'The id of the API token that last decided on the reply.' })
}, { title: 'ModeratedReply', description: 'A reply with everything a moderator needs.' })

export const SubmittedReplySchema = Type.Object({
  id: IdSchema,
  status: Type.Enum(['pending', 'approved'], {
    type: 'string',
    description: 'pending: a moderator will see it first; approved: shown at once, in sections (or services) that approve replies automatically.'
  }),
  createdAt: TimestampSchema
}, { title: 'SubmittedReply' })

const ReplyPageMetaSchema = Type.Object({
  ...PageMetaSchema.properties,
  total: Type.Integer({ minimum: 0, description: 'How many replies match, over all pages.' })
}, { title: 'ReplyPageMeta' })

const ThreadPageMetaSchema = Type.Object({
  ...PageMetaSchema.properties,
  total: Type.Integer({ minimum: 0, description: 'How many approved replies the article has, over all pages; placeholders are not counted.' }),
  repliesEnabled: Type.Boolean({ description: 'Whether the article takes new replies; when false, hide the reply form.' })
}, { title: 'ThreadPageMeta' })

export const ThreadSchema = Type.Object({ data: Type.Array(ThreadItemSchema), meta: ThreadPageMetaSchema }, { title: 'ReplyThread' })
export const ModeratedReplyListSchema = Type.Object({ data: Type.Array(ModeratedReplySchema), meta: ReplyPageMetaSchema }, { title: 'ModeratedReplyList' })

export const ReplyLimitSchema = Type.Integer({ ...LimitSchema, default: 50 })

// Reply lists always count: a thread shows how many replies it has, a moderation desk how long its queue is.
const AlwaysCountedSchema = Type.Boolean({ description: 'meta.total is always given on this list; total=true is accepted, as on every list, and changes nothing.' })

export const ListRepliesQuerySchema = Type.Object({
  limit: Type.Optional(ReplyLimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(AlwaysCountedSchema)
}, { additionalProperties: false })

export const ListModerationQueueQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(REPLY_STATUSES, { type: 'string', default: 'pending', description: 'Which replies to list; pending by default.' })),
  articleId: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'Only the replies to this article.' })),
  limit: Type.Optional(ReplyLimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(AlwaysCountedSchema)
}, { additionalProperties: false })

export const SubmitReplyBodySchema = Type.Object({
  authorName: AuthorNameSchema,
  authorEmail: Type.String({
    format: 'email',
    maxLength: 254,
    description: 'Never shown publicly; moderators may use it to contact the reader.',
    examples: ['amina.bello@example.org']
  }),
  body: ReplyBodySchema,
  parentId: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: MAX_ID,
    description: `To answer another reply: an approved reply to the same article, at most ${MAX_THREAD_DEPTH - 1} replies deep.`
  })),
  website: Type.Optional(Type.String({
    maxLength: 2048,
    description: 'Leave empty. A trap for bots: render it as a hidden form field that people never see. A submission that fills it gets the usual answer but is filed as spam and never shown.'
  }))
}, {
  additionalProperties: false,
  description: 'Leading and trailing whitespace is trimmed from every field.',
  examples: [
    {
      authorName: 'Amina Bello',
      authorEmail: 'amina.bello@example.org',
      body: EXAMPLE_BODY
    },
    {
      authorName: 'Tomás Reyes',
      authorEmail: 'tomas.reyes@example.org',
      body: 'Agreed, and the story says the season is longer too.',
      parentId: 1
    }
  ]
})

export const ModerateReplyBodySchema = Type.Object({
  status: ModerationDecisionSchema
}, { additionalProperties: false, examples: [{ status: 'approved' }] })

export const BulkModerationBodySchema = Type.Object({
  ids: Type.Array(IdSchema, { minItems: 1, maxItems: MAX_BULK_IDS, uniqueItems: true, description: `The replies to decide on, at most ${MAX_BULK_IDS}.` }),
  status: ModerationDecisionSchema
}, { additionalProperties: false, examples: [{ ids: [7, 13], status: 'approved' }] })

export const BulkModerationResultSchema = Type.Object({
  status: ModerationDecisionSchema,
  updated: Type.Array(IdSchema, { description: 'The replies that now have the status, in the order asked; the decision is recorded on each.' }),
  notFound: Type.Array(IdSchema, { description: 'The ids that name no reply (or a deleted one); nothing was done for them.' })
}, { title: 'BulkModerationResult' })

export type ReplyStatus = Static<typeof ReplyStatusSchema>
export type ModerationDecision = Static<typeof ModerationDecisionSchema>
export type Reply = Static<typeof ReplySchema>
export type ThreadItem = Static<typeof ThreadItemSchema>
export type ModeratedReply = Static<typeof ModeratedReplySchema>
export type SubmittedReply = Static<typeof SubmittedReplySchema>
export type SubmitReplyInput = Static<typeof SubmitReplyBodySchema>
export type BulkModerationResult = Static<typeof BulkModerationResultSchema>
