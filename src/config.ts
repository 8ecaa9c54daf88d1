// Environment variables -> one validated, typed configuration value.
import { Type, type Static } from 'typebox'
import Value from 'typebox/value'
import { isIP } from 'node:net'
import { ConfigError } from './config-error.js'

const BASE_URL_PATTERN = '^https?://[^/]+(/.*[^/])?$'

/**
 * The placeholders of each web address template: it must name one of those that tell its pages apart (else every
 * page would get one address), and may use the others.
 */
const TEMPLATES = {
  articleUrlTemplate: { example: '{site}/{section}/{slug}', identifying: ['slug', 'id'], others: ['section', 'year', 'month', 'day'] },
  sectionUrlTemplate: { example: '{site}/{section}', identifying: ['section', 'slug', 'id'], others: [] },
  authorUrlTemplate: { example: '{site}/authors/{slug}', identifying: ['slug', 'id'], others: [] },
  tagUrlTemplate: { example: '{site}/tags/{slug}', identifying: ['slug', 'id'], others: [] },
  previewUrlTemplate: { example: '{site}/preview?token={token}', identifying: ['token'], others: [] }
} as const

type TemplateKey = keyof typeof TEMPLATES

/** Starts with {site} or an http(s) origin, and has no placeholder but its own: a misspelt one stops the service at start. */
function urlTemplate (key: TemplateKey) {
  const { identifying, others } = TEMPLATES[key]
  const names = [...identifying, ...others].join('|')
  return Type.String({ pattern: `^(?=.*\\{(${identifying.join('|')})\\})(\\{site\\}|https?://[^/{}\\s]+)([^{}\\s]|\\{(${names})\\})*$` })
}

function templateHint (key: TemplateKey): string {
  const { example, identifying, others } = TEMPLATES[key]
  const list = (names: readonly string[], last: string) => names.map((name) => `{${name}}`).join(', ').replace(/, ([^,]+)$/, ` ${last} $1`)
  return `a URL template such as ${example}: starting with {site} or http(s)://, naming ${list(identifying, 'or')}, ` +
    `and with no placeholder but ${list(['site', ...identifying, ...others], 'and')}`
}

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  databasePath: Type.String({ minLength: 1 }),
  databaseUrl: Type.Union([Type.String({ pattern: '^postgres(ql)?://[^\\s]+$' }), Type.Null()]),
  databasePoolSize: Type.Integer({ minimum: 1, maximum: 1000 }),
  databaseStatementTimeoutMs: Type.Integer({ minimum: 0, maximum: 3600000 }),
  seedDemo: Type.Boolean(),
  publicBaseUrl: Type.String({ format: 'uri', pattern: BASE_URL_PATTERN }),
  siteUrl: Type.Union([Type.String({ format: 'uri', pattern: BASE_URL_PATTERN }), Type.Null()]),
  articleUrlTemplate: urlTemplate('articleUrlTemplate'),
  sectionUrlTemplate: urlTemplate('sectionUrlTemplate'),
  authorUrlTemplate: urlTemplate('authorUrlTemplate'),
  tagUrlTemplate: urlTemplate('tagUrlTemplate'),
  previewUrlTemplate: Type.Union([urlTemplate('previewUrlTemplate'), Type.Null()]),
  publicationName: Type.String({ minLength: 1, maxLength: 200 }),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  cacheMaxAge: Type.Integer({ minimum: 0, maximum: 31536000 }),
  cacheStaleWhileRevalidate: Type.Integer({ minimum: 0, maximum: 31536000 }),
  corsOrigins: Type.Array(Type.String({ pattern: '^(\\*|https?://[^/]+)$' })),
  adminCorsOrigins: Type.Array(Type.String({ pattern: '^https?://[^/]+$' })),
  // No proxy, or the addresses of the proxies in front, as Fastify's trustProxy takes them.
  trustProxy: Type.Union([Type.Literal(false), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })]),
  repliesAutoApprove: Type.Boolean(),
  repliesPerMinute: Type.Integer({ minimum: 1, maximum: 10000 }),
  rateLimitPerMinute: Type.Integer({ minimum: 0, maximum: 1000000 }),
  rateLimitTokenPerMinute: Type.Integer({ minimum: 0, maximum: 1000000 }),
  schedulerIntervalMs: Type.Integer({ minimum: 0, maximum: 60000 }),
  webhooksIntervalMs: Type.Integer({ minimum: 0, maximum: 60000 }),
  refresherIntervalMs: Type.Integer({ minimum: 0, maximum: 60000 }),
  responseCacheMb: Type.Integer({ minimum: 0, maximum: 4096 }),
  webhooksTimeoutMs: Type.Integer({ minimum: 100, maximum: 60000 }),
  webhooksAllowPrivate: Type.Boolean(),
  redisUrl: Type.Union([Type.String({ pattern: '^rediss?://[^\\s]+$' }), Type.Null()]),
  shutdownGraceMs: Type.Integer({ minimum: 100, maximum: 600000 }),
  metricsToken: Type.Union([Type.String({ minLength: 16, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }), Type.Null()])
})

export type Config = Static<typeof ConfigSchema>

/** Each setting, the environment variable that sets it, and its default. */
const VARIABLES = {
  port: { name: 'PORT', fallback: '3000' },
  host: { name: 'HOST', fallback: '127.0.0.1' },
  databasePath: { name: 'DATABASE_PATH', fallback: './data/news.db' },
  databaseUrl: { name: 'DATABASE_URL', fallback: undefined },
  databasePoolSize: { name: 'DATABASE_POOL_SIZE', fallback: '10' },
  databaseStatementTimeoutMs: { name: 'DATABASE_STATEMENT_TIMEOUT_MS', fallback: '10000' },
  seedDemo: { name: 'SEED_DEMO', fallback: 'true' },
  publicBaseUrl: { name: 'PUBLIC_BASE_URL', fallback: undefined },
  siteUrl: { name: 'SITE_URL', fallback: undefined },
  articleUrlTemplate: { name: 'ARTICLE_URL_TEMPLATE', fallback: TEMPLATES.articleUrlTemplate.example },
  sectionUrlTemplate: { name: 'SECTION_URL_TEMPLATE', fallback: TEMPLATES.sectionUrlTemplate.example },
  authorUrlTemplate: { name: 'AUTHOR_URL_TEMPLATE', fallback: TEMPLATES.authorUrlTemplate.example },
  tagUrlTemplate: { name: 'TAG_URL_TEMPLATE', fallback: TEMPLATES.tagUrlTemplate.example },
  previewUrlTemplate: { name: 'PREVIEW_URL_TEMPLATE', fallback: undefined },
  publicationName: { name: 'PUBLICATION_NAME', fallback: 'World Weekly News' },
  logLevel: { name: 'LOG_LEVEL', fallback: 'info' },
  cacheMaxAge: { name: 'CACHE_MAX_AGE', fallback: '60' },
  cacheStaleWhileRevalidate: { name: 'CACHE_STALE_WHILE_REVALIDATE', fallback: '300' },
  corsOrigins: { name: 'CORS_ORIGINS', fallback: '' },
  adminCorsOrigins: { name: 'ADMIN_CORS_ORIGINS', fallback: '' },
  trustProxy: { name: 'TRUST_PROXY', fallback: 'false' },
  repliesAutoApprove: { name: 'REPLIES_AUTO_APPROVE', fallback: 'false' },
  repliesPerMinute: { name: 'REPLIES_PER_MINUTE', fallback: '5' },
  rateLimitPerMinute: { name: 'RATE_LIMIT_PER_MINUTE', fallback: '600' },
  rateLimitTokenPerMinute: { name: 'RATE_LIMIT_TOKEN_PER_MINUTE', fallback: '6000' },
  schedulerIntervalMs: { name: 'SCHEDULER_INTERVAL_MS', fallback: '1000' },
  webhooksIntervalMs: { name: 'WEBHOOKS_INTERVAL_MS', fallback: '1000' },
  refresherIntervalMs: { name: 'REFRESHER_INTERVAL_MS', fallback: '1000' },
  responseCacheMb: { name: 'RESPONSE_CACHE_MB', fallback: '8' },
  webhooksTimeoutMs: { name: 'WEBHOOKS_TIMEOUT_MS', fallback: '5000' },
  webhooksAllowPrivate: { name: 'WEBHOOKS_ALLOW_PRIVATE', fallback: 'false' },
  redisUrl: { name: 'REDIS_URL', fallback: undefined },
  shutdownGraceMs: { name: 'SHUTDOWN_GRACE_MS', fallback: '10000' },
  metricsToken: { name: 'METRICS_TOKEN', fallback: undefined }
} as const satisfies Record<keyof Config, { name: string, fallback: string | undefined }>

const HINTS: Record<keyof Config, string> = {
  port: 'an integer from 0 to 65535',
  host: 'a host name or IP address',
  databasePath: 'a file path, or :memory:',
  databaseUrl: 'a postgres:// or postgresql:// connection URL, or unset to use the SQLite file at DATABASE_PATH',
  databasePoolSize: 'an integer from 1 to 1000',
  databaseStatementTimeoutMs: 'milliseconds from 0 (no limit) to 3600000',
  seedDemo: 'true or false',
  publicBaseUrl: 'an absolute http(s) URL without a trailing slash, such as https://api.example.com',
  siteUrl: 'the website\'s absolute http(s) URL without a trailing slash, such as https://www.example.com, or unset to use PUBLIC_BASE_URL',
  articleUrlTemplate: templateHint('articleUrlTemplate'),
  sectionUrlTemplate: templateHint('sectionUrlTemplate'),
  authorUrlTemplate: templateHint('authorUrlTemplate'),
  tagUrlTemplate: templateHint('tagUrlTemplate'),
  previewUrlTemplate: `${templateHint('previewUrlTemplate')}, or unset to link previews to this API`,
  publicationName: 'the publication\'s name, 1 to 200 characters',
  logLevel: 'one of fatal, error, warn, info, debug, trace, silent',
  cacheMaxAge: 'a number of seconds from 0 to 31536000',
  cacheStaleWhileRevalidate: 'a number of seconds from 0 to 31536000',
  corsOrigins: 'a comma-separated list of origins such as https://www.example.com, or *',
  adminCorsOrigins: 'a comma-separated list of exact origins such as https://cms.example.com (no *: the Admin API is for the newsroom\'s own tools)',
  trustProxy: 'false (clients connect directly), or a comma-separated list of the addresses or CIDR ranges of the proxies in front of the ' +
    'service, such as 10.0.0.0/8, 192.168.1.7 (loopback, linklocal and uniquelocal name those ranges; an IPv4 range is /8 or narrower, ' +
    'an IPv6 one /8 or narrower). true is not accepted: it believed ' +
    'every address in X-Forwarded-For, which clients write themselves; nor is a number of hops, which cannot tell a proxy from a client',
  repliesAutoApprove: 'true or false',
  repliesPerMinute: 'an integer from 1 to 10000',
  rateLimitPerMinute: 'the requests a minute one client address may make without a token: an integer from 0 (no limit) to 1000000',
  rateLimitTokenPerMinute: 'the requests a minute one API token may make: an integer from 0 (no limit) to 1000000',
  schedulerIntervalMs: 'milliseconds from 0 (scheduler off) to 60000',
  webhooksIntervalMs: 'milliseconds from 0 (no webhook deliveries from this process) to 60000',
  refresherIntervalMs: 'milliseconds from 0 (this process stores no representations that other writes queued) to 60000',
  responseCacheMb: 'megabytes from 0 (no public list or feed is kept in memory) to 4096',
  webhooksTimeoutMs: 'milliseconds from 100 to 60000',
  webhooksAllowPrivate: 'true or false (true lets webhooks reach loopback, private and link-local addresses)',
  redisUrl: 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379, or unset to keep rate limits per process',
  shutdownGraceMs: 'milliseconds from 100 to 600000: how long a SIGTERM waits for requests under way before the process exits with status 1',
  metricsToken: 'a secret of 16 to 200 printable characters without spaces, which Prometheus sends as a Bearer token, or unset to turn /metrics off'
}

export { ConfigError }

function parseBoolean (raw: string): boolean | string {
  const lowered = raw.trim().toLowerCase()
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true
  if (['false', '0', 'no', 'off'].includes(lowered)) return false
  return raw
}

function parseInteger (raw: string): number | string {
  return /^\d+$/.test(raw.trim()) ? Number(raw) : raw
}

/** Names proxy-addr gives to ranges of addresses, accepted among a proxy list. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal']

/**
 * The shortest prefix a proxy range may have. A wider range is no fleet of proxies but a share of the internet, and
 * ranges that cover every address (0.0.0.0/1 with 128.0.0.0/1, or 0.0.0.0/0) would trust what any client writes in
 * X-Forwarded-For, as true did. An IPv4-mapped IPv6 range counts its IPv4 part.
 */
const SHORTEST_PREFIX = { 4: 8, 6: 8, mapped: 96 + 8 }

function isProxyAddress (item: string): boolean {
  if (PROXY_RANGE_NAMES.includes(item)) return true
  const [address = '', prefix, ...rest] = item.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  const shortest = version === 4 ? SHORTEST_PREFIX[4] : address.startsWith('::ffff:') ? SHORTEST_PREFIX.mapped : SHORTEST_PREFIX[6]
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= shortest && Number(prefix) <= (version === 4 ? 32 : 128)
}

/**
 * TRUST_PROXY as Fastify takes it: false, or the proxies' addresses; anything else stays the raw string, which the
 * schema refuses. true is refused: it trusted the leftmost X-Forwarded-For address, which the client writes, so a
 * client could pick a new address for each request and never meet a rate limit. So is a hop count: Fastify 5.12.1
 * dropped it (a hop count trusts whoever connects, proxy or not) and now trusts no hop for a number.
 */
function parseTrustProxy (raw: string): false | string[] | string {
  const value = raw.trim().toLowerCase()
  if (['false', '0', 'no', 'off'].includes(value)) return false
  const items = listOf(value)
  return items.length > 0 && items.every(isProxyAddress) ? items : raw
}

function listOf (raw: string): string[] {
  return raw.split(',').map((item) => item.trim()).filter((item) => item !== '')
}

/**
 * PUBLIC_BASE_URL's default, from the address the service listens at. A wildcard bind address is not a link this
 * machine can follow, so it becomes the loopback address.
 */
export function defaultPublicBaseUrl (host: string, port: number): string {
  const urlHost = host.includes(':') ? `[${host}]` : host
  return `http://${['0.0.0.0', '[::]'].includes(urlHost) ? '127.0.0.1' : urlHost}:${port}`
}

/** Settings whose value a configuration error describes without showing it. */
const SECRETS = new Set<keyof Config>(['metricsToken'])

/** Reads the configuration from an environment; throws a ConfigError naming every bad variable. */
export function loadConfig (env: Record<string, string | undefined>): Config {
  const read = (key: keyof Config): string | undefined => {
    const value = env[VARIABLES[key].name]
    return value === undefined || value === '' ? VARIABLES[key].fallback : value
  }
  const host = read('host') as string
  const port = parseInteger(read('port') as string)
  const candidate = {
    port,
    host,
    databasePath: read('databasePath'),
    databaseUrl: read('databaseUrl') ?? null,
    databasePoolSize: parseInteger(read('databasePoolSize') as string),
    databaseStatementTimeoutMs: parseInteger(read('databaseStatementTimeoutMs') as string),
    seedDemo: parseBoolean(read('seedDemo') as string),
    publicBaseUrl: read('publicBaseUrl') ?? defaultPublicBaseUrl(host, typeof port === 'number' ? port : 3000),
    siteUrl: read('siteUrl') ?? null,
    articleUrlTemplate: read('articleUrlTemplate'),
    sectionUrlTemplate: read('sectionUrlTemplate'),
    authorUrlTemplate: read('authorUrlTemplate'),
    tagUrlTemplate: read('tagUrlTemplate'),
    previewUrlTemplate: read('previewUrlTemplate') ?? null,
    publicationName: read('publicationName'),
    logLevel: read('logLevel'),
    cacheMaxAge: parseInteger(read('cacheMaxAge') as string),
    cacheStaleWhileRevalidate: parseInteger(read('cacheStaleWhileRevalidate') as string),
    corsOrigins: listOf(read('corsOrigins') as string),
    adminCorsOrigins: listOf(read('adminCorsOrigins') as string),
    trustProxy: parseTrustProxy(read('trustProxy') as string),
    repliesAutoApprove: parseBoolean(read('repliesAutoApprove') as string),
    repliesPerMinute: parseInteger(read('repliesPerMinute') as string),
    rateLimitPerMinute: parseInteger(read('rateLimitPerMinute') as string),
    rateLimitTokenPerMinute: parseInteger(read('rateLimitTokenPerMinute') as string),
    schedulerIntervalMs: parseInteger(read('schedulerIntervalMs') as string),
    webhooksIntervalMs: parseInteger(read('webhooksIntervalMs') as string),
    refresherIntervalMs: parseInteger(read('refresherIntervalMs') as string),
    responseCacheMb: parseInteger(read('responseCacheMb') as string),
    webhooksTimeoutMs: parseInteger(read('webhooksTimeoutMs') as string),
    webhooksAllowPrivate: parseBoolean(read('webhooksAllowPrivate') as string),
    redisUrl: read('redisUrl') ?? null,
    shutdownGraceMs: parseInteger(read('shutdownGraceMs') as string),
    metricsToken: read('metricsToken') ?? null
  }
  if (Value.Check(ConfigSchema, candidate)) return candidate
  const problems = new Set<string>()
  for (const error of Value.Errors(ConfigSchema, candidate)) {
    const key = error.instancePath.split('/')[1] as keyof Config
    if (!(key in VARIABLES)) continue
    const raw = env[VARIABLES[key].name]
    // A secret is not repeated into standard error, and from there into every log collector.
    const got = SECRETS.has(key) ? `${raw?.length ?? 0} characters` : JSON.stringify(raw)
    problems.add(`${VARIABLES[key].name} must be ${HINTS[key]} (got ${got})`)
  }
  throw new ConfigError(`Invalid configuration: ${[...problems].join('; ')}`)
}
