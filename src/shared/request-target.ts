// What of a request's target the API may echo back: its path and query, never a host the client named.

// A client may send the target in absolute form (GET http://host/path HTTP/1.1, RFC 9112 3.2.2): the router routes
// it by its path, while request.url keeps it as it was sent, host and all.
// Any scheme: the router strips http(s) itself, but an ftp:// or wss:// target must not be echoed either.
const SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/** The target in origin form, /path?query, whichever form the client sent it in. */
export function originForm (url: string): string {
  const relative = url.replace(SCHEME_AND_HOST, '')
  return relative === url || relative.startsWith('/') ? relative : `/${relative}`
}

/** The path alone, without the query: what a problem's instance names. */
export function pathOf (url: string): string {
  const target = originForm(url)
  const query = target.indexOf('?')
  return query === -1 ? target : target.slice(0, query)
}
