// XML written by hand, safely: every text and attribute value goes through one escaping function, and markup is a
// type of its own, so a string can only become markup by being escaped.

/** Markup made by the functions below; a plain string is not markup until text() escapes it. */
export type Xml = string & { readonly xml: unique symbol }

export type Attributes = Record<string, string | number | undefined>

// XML 1.0 has no way to write C0 control characters other than tab, line feed and carriage return, nor U+FFFE,
// U+FFFF or half of a surrogate pair, even as character references: a document holding one is not well-formed, so
// they are dropped.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be matched
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;' }

// Most names and headlines hold nothing to escape: one scan finds that, where the two replacements would each copy.
// Not global, so that test() keeps no position between calls.
const NEEDS_ESCAPING = new RegExp(`${NOT_XML.source}|[&<>"']`)

/** Text or an attribute value as XML: what XML cannot hold dropped, the five special characters escaped (so "]]>" is too). */
export function escapeXml (value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (character) => ENTITIES[character] as string)
}

export function text (value: string): Xml {
  return escapeXml(value) as Xml
}

function attributesOf (attributes: Attributes): string {
  let written = ''
  for (const name in attributes) {
    const value = attributes[name]
    if (value !== undefined) written += ` ${name}="${escapeXml(String(value))}"`
  }
  return written
}

/** <name attributes>children</name>, or <name attributes/> without children; undefined children are left out. */
export function element (name: string, attributes: Attributes, ...children: Array<Xml | undefined>): Xml {
  let content = ''
  for (const child of children) if (child !== undefined) content += child
  return (content === '' ? `<${name}${attributesOf(attributes)}/>` : `<${name}${attributesOf(attributes)}>${content}</${name}>`) as Xml
}

/** <name>text</name>, or nothing for a missing value. */
export function textElement (name: string, value: string | null | undefined, attributes: Attributes = {}): Xml | undefined {
  return value === null || value === undefined ? undefined : element(name, attributes, text(value))
}

/** A whole document in UTF-8, the encoding every response of this service is sent in. */
export function xmlDocument (root: Xml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`
}
