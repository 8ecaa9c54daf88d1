// Body blocks -> HTML and plain text, done once when an article is written.
import { HTTP_URL_PATTERN, type Block } from './content-types.js'

const WORDS_PER_MINUTE = 230

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string)
}

// The only markup editors may use inline. <b> and <i> are kept as the semantic <strong> and <em>.
const INLINE_TAG = /<(\/?)(b|strong|i|em|a)(?:\s+href\s*=\s*"([^"<>]*)")?\s*>/gi
const HTTP_URL = new RegExp(HTTP_URL_PATTERN, 'i')
const CANONICAL: Record<string, string> = { b: 'strong', strong: 'strong', i: 'em', em: 'em', a: 'a' }

function safeHref (href: string | undefined): string | null {
  // The same rule as every URL field: the URL parser would make https:///x into https://x/, a host nobody wrote.
  if (href === undefined || !HTTP_URL.test(href)) return null
  try {
    const url = new URL(href)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

interface InlineToken { kind: 'text', text: string }
interface InlineTag { kind: 'open' | 'close', tag: string, href?: string }

/** Splits inline text into text runs and the allowed tags; anything not allowed stays text. */
function tokenize (input: string): Array<InlineToken | InlineTag> {
  const tokens: Array<InlineToken | InlineTag> = []
  let last = 0
  for (const match of input.matchAll(INLINE_TAG)) {
    const [raw, slash, name, hrefRaw] = match
    const tag = CANONICAL[(name as string).toLowerCase()] as string
    const closing = slash === '/'
    const href = tag === 'a' && !closing ? safeHref(hrefRaw) : undefined
    // A link needs a safe href to open; an attribute on anything else makes it plain text.
    const valid = closing ? hrefRaw === undefined : (tag === 'a' ? href !== null : hrefRaw === undefined)
    if (!valid) continue
    if (match.index > last) tokens.push({ kind: 'text', text: input.slice(last, match.index) })
    tokens.push(href ? { kind: 'open', tag, href } : { kind: closing ? 'close' : 'open', tag })
    last = match.index + raw.length
  }
  if (last < input.length) tokens.push({ kind: 'text', text: input.slice(last) })
  return tokens
}

/** Inline text -> safe HTML: allowed tags balanced, everything else escaped. */
export function renderInline (input: string): string {
  let html = ''
  const open: string[] = []
  for (const token of tokenize(input)) {
    if (token.kind === 'text') {
      html += escapeHtml(token.text)
    } else if (token.kind === 'open') {
      if (open.includes(token.tag)) continue
      open.push(token.tag)
      html += token.tag === 'a'
        ? `<a href="${escapeHtml(token.href as string)}" rel="noopener">`
        : `<${token.tag}>`
    } else {
      const at = open.lastIndexOf(token.tag)
      if (at === -1) continue
      // Closing an outer tag closes the tags opened inside it, so the output always nests.
      for (const tag of open.splice(at).reverse()) html += `</${tag}>`
    }
  }
  for (const tag of open.reverse()) html += `</${tag}>`
  return html
}

/** Inline text -> plain text: the allowed tags dropped, the rest kept as written. */
export function inlineToText (input: string): string {
  return tokenize(input).map((token) => token.kind === 'text' ? token.text : '').join('')
}

function renderBlock (block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${renderInline(block.text)}</p>`
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`
    case 'quote': {
      const cite = block.cite ? `<footer><cite>${escapeHtml(block.cite)}</cite></footer>` : ''
      return `<blockquote><p>${renderInline(block.text)}</p>${cite}</blockquote>`
    }
    case 'list': {
      const tag = block.style === 'ordered' ? 'ol' : 'ul'
      return `<${tag}>${block.items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</${tag}>`
    }
    case 'image': {
      const caption = [block.caption, block.credit].filter(Boolean).map((part) => escapeHtml(part as string)).join(' ')
      return `<figure><img src="${escapeHtml(block.url)}" alt="${escapeHtml(block.alt)}" loading="lazy">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`
    }
    case 'embed':
      return `<figure class="embed" data-provider="${escapeHtml(block.provider ?? '')}"><a href="${escapeHtml(block.url)}" rel="noopener">${escapeHtml(block.title ?? block.url)}</a></figure>`
    case 'promo':
      // An empty slot: the frontend decides what goes in it.
      return `<aside class="promo" data-slot="${escapeHtml(block.slot)}"></aside>`
  }
}

function blockText (block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'quote':
      return inlineToText(block.text)
    case 'heading':
      return block.text
    case 'list':
      return block.items.map(inlineToText).join('\n')
    case 'image':
      return block.caption ?? ''
    case 'embed':
    case 'promo':
      return ''
  }
}

export interface RenderedBody {
  html: string
  text: string
  wordCount: number
  readingTime: number
}

export function renderBody (blocks: Block[]): RenderedBody {
  const text = blocks.map(blockText).filter((part) => part !== '').join('\n\n')
  const wordCount = text.split(/\s+/).filter(Boolean).length
  return {
    html: blocks.map(renderBlock).join('\n'),
    text,
    wordCount,
    readingTime: Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE))
  }
}
