// The API contract of reader replies: the public thread, the submission form and the moderation queue.
import { Type, type Static } from 'typebox'
import { REPLY_STATUSES } from '../../db/schema.js'
import { CursorSchema, IdSchema, LimitSchema, PageMetaSchema, SlugSchema, TimestampSchema } from '../../shared/http-schemas.js'

export const ReplyStatusSchema = Type.Enum(REPLY_STATUSES, {
  description: 'pending: waiting for a moderator; approved: public; spam and rejected: hidden for good unless a moderator changes them.'
})

const PLAIN_TEXT = 'Plain text: markup is not interpreted but stored and returned as the literal characters, so a frontend must escape it.'
// A field of nothing but spaces is empty once trimmed, so it is refused like an empty one.
const NOT_BLANK = '\\S'

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
  examples: ['My uncle fished the lake for forty years. Good to read that the boats are back.']
})

const ParentIdSchema = Type.Union([IdSchema, Type.Null()], {
  description: 'The reply this one answers; null at the top of a thread, or when that reply was deleted.'
})

const publicProperties = {
  id: IdSchema,
  parentId: ParentIdSchema,
  authorName: Type.String({ description: `As the reader gave it, trimmed. ${PLAIN_TEXT}`, examples: ['Amina Bello'] }),
  body: Type.String({ description: `As the reader wrote it, trimmed. ${PLAIN_TEXT}`, examples: ['My uncle fished the lake for forty years. Good to read that the boats are back.'] }),
  createdAt: TimestampSchema
}

export const ReplySchema = Type.Object(publicProperties, {
  title: 'Reply',
  description: 'An approved reader reply as the public sees it: never the email address.'
})

export const ReplyArticleRefSchema = Type.Object({
  slug: SlugSchema,
  headline: Type.String({ examples: ['Lake Chad\'s fishermen return as the waters rise'] })
}, { title: 'ReplyArticleRef' })

export const ModeratedReplySchema = Type.Object({
  ...publicProperties,
  articleId: IdSchema,
  article: ReplyArticleRefSchema,
  authorEmail: Type.String({ format: 'email', description: 'Private: only moderators see it.', examples: ['amina.bello@example.org'] }),
  status: ReplyStatusSchema,
  updatedAt: TimestampSchema,
  moderatedAt: Type.Union([TimestampSchema, Type.Null()], { description: 'When a moderator last set the status; null before.' }),
  moderatedBy: Type.Union([IdSchema, Type.Null()], { description: 'The id of the API token that last set the status.' })
}, { title: 'ModeratedReply', description: 'A reply with everything a moderator needs.' })

export const SubmittedReplySchema = Type.Object({
  id: IdSchema,
  status: Type.Literal('pending', { description: 'Every submission waits for a moderator before it is shown.' }),
  createdAt: TimestampSchema
}, { title: 'SubmittedReply' })

const ReplyPageMetaSchema = Type.Object({
  ...PageMetaSchema.properties,
  total: Type.Integer({ minimum: 0, description: 'How many replies match, over all pages.' })
}, { title: 'ReplyPageMeta' })

export const ReplyListSchema = Type.Object({ data: Type.Array(ReplySchema), meta: ReplyPageMetaSchema }, { title: 'ReplyList' })
export const ModeratedReplyListSchema = Type.Object({ data: Type.Array(ModeratedReplySchema), meta: ReplyPageMetaSchema }, { title: 'ModeratedReplyList' })

export const ReplyLimitSchema = Type.Integer({ ...LimitSchema, default: 50 })

export const ListRepliesQuerySchema = Type.Object({
  limit: Type.Optional(ReplyLimitSchema),
  cursor: Type.Optional(CursorSchema)
})

export const ListModerationQueueQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(REPLY_STATUSES, { default: 'pending', description: 'Which replies to list; pending by default.' })),
  articleId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Only the replies to this article.' })),
  limit: Type.Optional(ReplyLimitSchema),
  cursor: Type.Optional(CursorSchema)
})

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
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'To answer another reply: an approved reply to the same article.'
  }))
}, {
  additionalProperties: false,
  description: 'Leading and trailing whitespace is trimmed from every field.',
  examples: [
    {
      authorName: 'Amina Bello',
      authorEmail: 'amina.bello@example.org',
      body: 'My uncle fished the lake for forty years. Good to read that the boats are back.'
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
  status: ReplyStatusSchema
}, { additionalProperties: false, examples: [{ status: 'approved' }] })

export type ReplyStatus = Static<typeof ReplyStatusSchema>
export type Reply = Static<typeof ReplySchema>
export type ModeratedReply = Static<typeof ModeratedReplySchema>
export type SubmittedReply = Static<typeof SubmittedReplySchema>
export type SubmitReplyInput = Static<typeof SubmitReplyBodySchema>
