import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('an empty environment gives the documented defaults', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databasePath: './data/news.db',
    databaseUrl: null,
    databasePoolSize: 10,
    databaseStatementTimeoutMs: 10000,
    seedDemo: true,
    publicBaseUrl: 'http://127.0.0.1:3000',
    siteUrl: null,
    articleUrlTemplate: '{site}/{section}/{slug}',
    sectionUrlTemplate: '{site}/{section}',
    authorUrlTemplate: '{site}/authors/{slug}',
    tagUrlTemplate: '{site}/tags/{slug}',
    previewUrlTemplate: null,
    publicationName: 'World Weekly News',
    logLevel: 'info',
    cacheMaxAge: 60,
    cacheStaleWhileRevalidate: 300,
    corsOrigins: [],
    adminCorsOrigins: [],
    trustProxy: false,
    repliesAutoApprove: false,
    repliesPerMinute: 5,
    rateLimitPerMinute: 600,
    rateLimitTokenPerMinute: 6000,
    schedulerIntervalMs: 1000,
    webhooksIntervalMs: 1000,
    refresherIntervalMs: 1000,
    responseCacheMb: 8,
    webhooksTimeoutMs: 5000,
    webhooksAllowPrivate: false,
    redisUrl: null,
    shutdownGraceMs: 10000,
    metricsToken: null
  })
})

t.test('every variable is read', async (t) => {
  t.same(loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_PATH: ':memory:',
    DATABASE_URL: 'postgres://news:secret@db.internal:5432/news',
    DATABASE_POOL_SIZE: '20',
    DATABASE_STATEMENT_TIMEOUT_MS: '2500',
    SEED_DEMO: 'false',
    PUBLIC_BASE_URL: 'https://api.worldweeklynews.example',
    SITE_URL: 'https://www.worldweeklynews.example',
    ARTICLE_URL_TEMPLATE: '{site}/{year}/{month}/{day}/{slug}',
    SECTION_URL_TEMPLATE: '{site}/section/{section}',
    AUTHOR_URL_TEMPLATE: '{site}/by/{slug}',
    TAG_URL_TEMPLATE: 'https://topics.worldweeklynews.example/{id}',
    PREVIEW_URL_TEMPLATE: '{site}/preview?token={token}',
    PUBLICATION_NAME: 'The Weekly',
    LOG_LEVEL: 'warn',
    CACHE_MAX_AGE: '30',
    CACHE_STALE_WHILE_REVALIDATE: '600',
    CORS_ORIGINS: 'https://www.worldweekly.example, https://app.worldweekly.example',
    ADMIN_CORS_ORIGINS: 'https://cms.worldweekly.example',
    TRUST_PROXY: '10.0.0.0/8, 192.168.1.7',
    REPLIES_AUTO_APPROVE: 'yes',
    REPLIES_PER_MINUTE: '10',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_TOKEN_PER_MINUTE: '20000',
    SCHEDULER_INTERVAL_MS: '500',
    WEBHOOKS_INTERVAL_MS: '2000',
    REFRESHER_INTERVAL_MS: '250',
    RESPONSE_CACHE_MB: '32',
    WEBHOOKS_TIMEOUT_MS: '3000',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    REDIS_URL: 'redis://cache.internal:6379/2',
    SHUTDOWN_GRACE_MS: '25000',
    METRICS_TOKEN: 'scrape-me-7f3a9c1e52b8'
  }), {
    port: 8080,
    host: '0.0.0.0',
    databasePath: ':memory:',
    databaseUrl: 'postgres://news:secret@db.internal:5432/news',
    databasePoolSize: 20,
    databaseStatementTimeoutMs: 2500,
    seedDemo: false,
    publicBaseUrl: 'https://api.worldweeklynews.example',
    siteUrl: 'https://www.worldweeklynews.example',
    articleUrlTemplate: '{site}/{year}/{month}/{day}/{slug}',
    sectionUrlTemplate: '{site}/section/{section}',
    authorUrlTemplate: '{site}/by/{slug}',
    tagUrlTemplate: 'https://topics.worldweeklynews.example/{id}',
    previewUrlTemplate: '{site}/preview?token={token}',
    publicationName: 'The Weekly',
    logLevel: 'warn',
    cacheMaxAge: 30,
    cacheStaleWhileRevalidate: 600,
    corsOrigins: ['https://www.worldweekly.example', 'https://app.worldweekly.example'],
    adminCorsOrigins: ['https://cms.worldweekly.example'],
    trustProxy: ['10.0.0.0/8', '192.168.1.7'],
    repliesAutoApprove: true,
    repliesPerMinute: 10,
    rateLimitPerMinute: 0,
    rateLimitTokenPerMinute: 20000,
    schedulerIntervalMs: 500,
    webhooksIntervalMs: 2000,
    refresherIntervalMs: 250,
    responseCacheMb: 32,
    webhooksTimeoutMs: 3000,
    webhooksAllowPrivate: true,
    redisUrl: 'redis://cache.internal:6379/2',
    shutdownGraceMs: 25000,
    metricsToken: 'scrape-me-7f3a9c1e52b8'
  })
})

t.test('the default base URL follows HOST and PORT, and a wildcard host links to loopback', async (t) => {
  t.equal(loadConfig({ HOST: 'news.internal', PORT: '4000' }).publicBaseUrl, 'http://news.internal:4000')
  t.equal(loadConfig({ HOST: '0.0.0.0' }).publicBaseUrl, 'http://127.0.0.1:3000')
  t.equal(loadConfig({ HOST: '::' }).publicBaseUrl, 'http://127.0.0.1:3000')
  t.equal(loadConfig({ HOST: '::1' }).publicBaseUrl, 'http://[::1]:3000')
})

t.test('a bad value is refused with a message naming the variable, what it must be and what it got', async (t) => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false (got "maybe")'],
    [{ PUBLIC_BASE_URL: 'ftp://example.org' }, 'PUBLIC_BASE_URL must be an absolute http(s) URL'],
    [{ PUBLIC_BASE_URL: 'https://example.org/' }, 'without a trailing slash'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ CACHE_MAX_AGE: '-5' }, 'CACHE_MAX_AGE must be a number of seconds from 0 to 31536000 (got "-5")'],
    [{ CORS_ORIGINS: 'www.example.com' }, 'CORS_ORIGINS must be a comma-separated list of origins'],
    [{ CORS_ORIGINS: 'https://example.com/' }, 'CORS_ORIGINS must be a comma-separated list of origins'],
    [{ ADMIN_CORS_ORIGINS: '*' }, 'ADMIN_CORS_ORIGINS must be a comma-separated list of exact origins'],
    [{ TRUST_PROXY: 'sometimes' }, 'TRUST_PROXY must be false (clients connect directly), or a comma-separated list of the addresses or CIDR ranges of the proxies'],
    [{ REPLIES_PER_MINUTE: '0' }, 'REPLIES_PER_MINUTE must be an integer from 1 to 10000 (got "0")'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE must be the requests a minute one client address may make without a token: an integer from 0 (no limit) to 1000000 (got "-1")'],
    [{ RATE_LIMIT_TOKEN_PER_MINUTE: 'lots' }, 'RATE_LIMIT_TOKEN_PER_MINUTE must be the requests a minute one API token may make: an integer from 0 (no limit) to 1000000 (got "lots")'],
    [{ SCHEDULER_INTERVAL_MS: 'fast' }, 'SCHEDULER_INTERVAL_MS must be milliseconds from 0 (scheduler off) to 60000 (got "fast")'],
    [{ WEBHOOKS_TIMEOUT_MS: '50' }, 'WEBHOOKS_TIMEOUT_MS must be milliseconds from 100 to 60000 (got "50")'],
    [{ WEBHOOKS_ALLOW_PRIVATE: 'maybe' }, 'WEBHOOKS_ALLOW_PRIVATE must be true or false'],
    [{ REDIS_URL: 'cache.internal:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ DATABASE_URL: 'mysql://db.internal/news' }, 'DATABASE_URL must be a postgres:// or postgresql:// connection URL'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE must be an integer from 1 to 1000 (got "0")'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: 'soon' }, 'DATABASE_STATEMENT_TIMEOUT_MS must be milliseconds from 0 (no limit) to 3600000 (got "soon")'],
    [{ SHUTDOWN_GRACE_MS: '0' }, 'SHUTDOWN_GRACE_MS must be milliseconds from 100 to 600000'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be a secret of 16 to 200 printable characters without spaces'],
    [{ METRICS_TOKEN: 'has a space in the middle' }, 'METRICS_TOKEN must be a secret of 16 to 200 printable characters without spaces']
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message: new RegExp(message.replace(/[()]/g, '\\$&')) }, JSON.stringify(env))
  }
})

t.test('a refused METRICS_TOKEN is not repeated in the message, which goes to standard error and the logs', async (t) => {
  const error = t.throws(() => loadConfig({ METRICS_TOKEN: 'has a space in the secret' })) as Error
  t.notMatch(error.message, /secret"/)
  t.match(error.message, /METRICS_TOKEN must be .* \(got 25 characters\)/)
})

t.test('a URL template with an unknown placeholder, no placeholder that tells pages apart, or no origin is refused at start', async (t) => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ ARTICLE_URL_TEMPLATE: '{site}/{sectoin}/{slug}' }, 'ARTICLE_URL_TEMPLATE must be a URL template such as {site}/{section}/{slug}: starting with {site} or http(s)://, ' +
      'naming {slug} or {id}, and with no placeholder but {site}, {slug}, {id}, {section}, {year}, {month} and {day} (got "{site}/{sectoin}/{slug}")'],
    [{ ARTICLE_URL_TEMPLATE: '{site}/{section}/{year}' }, 'ARTICLE_URL_TEMPLATE must be a URL template'],
    [{ ARTICLE_URL_TEMPLATE: '/{section}/{slug}' }, 'ARTICLE_URL_TEMPLATE must be a URL template'],
    [{ ARTICLE_URL_TEMPLATE: '{site}/{slug' }, 'ARTICLE_URL_TEMPLATE must be a URL template'],
    [{ SECTION_URL_TEMPLATE: '{site}/{section}/{year}' }, 'SECTION_URL_TEMPLATE must be a URL template such as {site}/{section}'],
    [{ AUTHOR_URL_TEMPLATE: '{site}/authors/{name}' }, 'AUTHOR_URL_TEMPLATE must be a URL template such as {site}/authors/{slug}'],
    [{ TAG_URL_TEMPLATE: 'www.example.com/tags/{slug}' }, 'TAG_URL_TEMPLATE must be a URL template such as {site}/tags/{slug}'],
    [{ PREVIEW_URL_TEMPLATE: '{site}/preview/{id}' }, 'PREVIEW_URL_TEMPLATE must be a URL template such as {site}/preview?token={token}: starting with {site} or http(s)://, ' +
      'naming {token}, and with no placeholder but {site} and {token}, or unset to link previews to this API'],
    [{ SITE_URL: 'www.example.com' }, 'SITE_URL must be the website\'s absolute http(s) URL without a trailing slash']
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message: new RegExp(message.replace(/[(){}?$.]/g, '\\$&')) }, JSON.stringify(env))
  }
})

t.test('several bad values are reported together', async (t) => {
  try {
    loadConfig({ PORT: '-1', LOG_LEVEL: 'loud' })
    t.fail('should throw')
  } catch (error) {
    t.ok(error instanceof ConfigError)
    t.match((error as Error).message, /PORT .*; LOG_LEVEL/)
  }
})

t.test('TRUST_PROXY names the addresses of the proxies in front of the service', async (t) => {
  t.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false)
  t.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false, 'as before: no proxy')
  t.same(loadConfig({ TRUST_PROXY: '203.0.113.7' }).trustProxy, ['203.0.113.7'])
  t.same(loadConfig({ TRUST_PROXY: 'loopback, fd00::/8,10.1.2.0/24' }).trustProxy, ['loopback', 'fd00::/8', '10.1.2.0/24'])
})

t.test('TRUST_PROXY=true is refused at start, naming the form that replaces it', async (t) => {
  t.throws(() => loadConfig({ TRUST_PROXY: 'true' }), {
    name: 'ConfigError',
    message: /TRUST_PROXY must be false \(clients connect directly\), or a comma-separated list of the addresses or CIDR ranges of the proxies in front of the service, such as 10\.0\.0\.0\/8, 192\.168\.1\.7 .*true is not accepted: it believed every address in X-Forwarded-For, which clients write themselves; nor is a number of hops, which cannot tell a proxy from a client \(got "true"\)/
  })
})

t.test('TRUST_PROXY ranges wider than /8 are refused at start: together they could trust every address, as true did', async (t) => {
  for (const value of ['0.0.0.0/0', '::/0', '0.0.0.0/1,128.0.0.0/1', '10.0.0.0/7', '::ffff:0:0/96', '::/1,8000::/1']) {
    t.throws(() => loadConfig({ TRUST_PROXY: value }), { name: 'ConfigError', message: /TRUST_PROXY must be .*an IPv4 range is \/8 or narrower/ }, value)
  }
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8,fd00::/8' }).trustProxy, ['10.0.0.0/8', 'fd00::/8'], 'a private network stays a proxy range')
})

t.test('a TRUST_PROXY hop count, or a list with something that is not an address or a range, is refused at start', async (t) => {
  for (const value of ['1', '2', '10.0.0.0/33', '10.0.0.300', 'proxy.internal', '10.0.0.1/8/8', '::1/129']) {
    t.throws(() => loadConfig({ TRUST_PROXY: value }), { name: 'ConfigError', message: new RegExp(`TRUST_PROXY must be .* \\(got "${value.replaceAll('.', '\\.')}"\\)`) }, value)
  }
})
