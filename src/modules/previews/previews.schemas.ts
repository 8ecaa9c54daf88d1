// The API contract of previews: the signed link an editor hands to a frontend.
import { Type, type Static } from 'typebox'
import { TimestampSchema } from '../../shared/http-schemas.js'

export const PREVIEW_TOKEN_PATTERN = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'
const EXAMPLE_TOKEN = 'eyJhcnRpY2xlIjo1MCwiZXhwIjoxOTAwMDAwMDAwLCJnZW4iOjAsImJ5IjoyfQ.1IT7U5DM6X6X-SRyeu7bUEPZujUR3QQDVOxsPpQIoqg'

export const PreviewLinkSchema = Type.Object({
  token: Type.String({ pattern: PREVIEW_TOKEN_PATTERN, description: 'Signed: it names the article, when it expires, the article\'s preview generation and the API token that minted it, so it can be revoked.', examples: [EXAMPLE_TOKEN] }),
  url: Type.String({
    format: 'uri',
    description: 'The frontend\'s preview page for this token when PREVIEW_URL_TEMPLATE is set; otherwise GET /v1/previews/{token} on this service, which reads the article without an API token.'
  }),
  expiresAt: TimestampSchema
}, { title: 'PreviewLink' })

export const PreviewTokenParamsSchema = Type.Object({
  token: Type.String({
    minLength: 3,
    maxLength: 300,
    pattern: PREVIEW_TOKEN_PATTERN,
    examples: [EXAMPLE_TOKEN]
  })
})

export type PreviewLink = Static<typeof PreviewLinkSchema>
