// What of a request's target the API may echo back: its path and query, never a host the client named.

// A client may send the target in absolute form (GET http://host/path HTTP/1.1, RFC 9112 3.2.2): the router routes
// it by its path, while request.url keeps it as it was sent, host and all.
const SCHEME_AND_HOST = /^https?:\/\/[^/?#]*/i

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
