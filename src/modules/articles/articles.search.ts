// Reader text to search words and FTS5 queries, and marked snippets to safe HTML. Nothing a reader types reaches query
// syntax, FTS5's or PostgreSQL's.

// Private-use characters mark the hits inside snippet(): they survive HTML escaping, unlike <mark> itself. Writers can
// type them too, so both engines drop them from the text they cut snippets from (the views that SQLite's search indexes
// read, migrations/sqlite/0007_public_search.sql; snippetsOf in articles.listing.pg.ts): every marker is the engine's.
export const HIT_START = '\uE000'
export const HIT_END = '\uE001'

// Beyond this many words a query matches nothing anyway, and each word costs the engine a lookup.
const MAX_WORDS = 32

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }

/**
 * The words of reader text that can match, each to be searched as a phrase of its own, all of them required. Words
 * without a letter or digit would be empty strings, which FTS5 rejects, so they are dropped; none left means the
 * search matches nothing.
 */
export function searchWords (text: string): string[] {
  // FTS5 ends a string at NUL ("unterminated string") and PostgreSQL refuses NUL in text, so control characters
  // become spaces first.
  return text.replace(/\p{Cc}/gu, ' ').split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).slice(0, MAX_WORDS)
}

/**
 * Every word becomes a quoted FTS5 string (quotes doubled), so AND, NEAR, *, :, ^ and parentheses are
 * plain text. Null when nothing searchable is left.
 */
export function toFtsQuery (text: string): string | null {
  const words = searchWords(text)
  if (words.length === 0) return null
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ')
}

/**
 * Escapes a snippet made with HIT_START/HIT_END markers, then turns the markers into <mark> elements.
 * A stray marker, which the engines never leave, is dropped all the same, so every <mark> closes.
 */
export function snippetToHtml (snippet: string): string {
  let html = ''
  let open = false
  for (const char of snippet) {
    if (char === HIT_START || char === HIT_END) {
      if ((char === HIT_START) !== open) {
        html += open ? '</mark>' : '<mark>'
        open = !open
      }
    } else {
      html += ESCAPES[char] ?? char
    }
  }
  return open ? `${html}</mark>` : html
}
