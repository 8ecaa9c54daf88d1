// URL slugs: made from titles, unique per table, never mistakable for a numeric id.
import { ConflictError } from './errors.js'

const MAX_LENGTH = 120

/** "Élections au Sénégal: 5 leçons" -> "elections-au-senegal-5-lecons" */
export function slugify (title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "Kenya's" reads as kenyas, as in Ghost and WordPress, not kenya-s.
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH - 10)
    .replace(/-+$/, '')
  // A slug of digits alone would read as an id in /articles/{id}.
  return /[a-z]/.test(slug) ? slug : `item-${slug || 'untitled'}`.replace(/-$/, '')
}

/**
 * The slug to store: the one given (refused with 409 if taken) or one made from the title,
 * numbered -2, -3 ... until it is free.
 */
export async function resolveSlug (options: {
  given: string | undefined
  title: string
  resource: string
  isTaken: (slug: string) => Promise<boolean>
}): Promise<string> {
  const { given, title, resource, isTaken } = options
  if (given !== undefined) {
    if (await isTaken(given)) {
      throw new ConflictError('SLUG_TAKEN', `The slug "${given}" is already used by another ${resource}. Choose another, or leave it out to have one made from the ${resource === 'article' ? 'headline' : 'name'}.`)
    }
    return given
  }
  const base = slugify(title)
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!(await isTaken(candidate))) return candidate
  }
}
