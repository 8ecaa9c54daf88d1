// Which of a route's media types an Accept header prefers, by RFC 9110 12.5.1.
import t from 'tap'
import { preferredMediaType } from '../../src/shared/negotiation.js'

const OFFERED = ['application/json', 'application/ninjs+json'] as const

t.test('without Accept, or with an empty one, the first type offered is the answer', async (t) => {
  t.equal(preferredMediaType(undefined, OFFERED), 'application/json')
  t.equal(preferredMediaType('  ', OFFERED), 'application/json')
})

t.test('a browser\'s Accept, which reaches both types through */*, gets the first type offered', async (t) => {
  t.equal(preferredMediaType('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8', OFFERED), 'application/json')
  t.equal(preferredMediaType('*/*', OFFERED), 'application/json')
  t.equal(preferredMediaType('application/*', OFFERED), 'application/json')
})

t.test('a type named exactly is chosen over one reached by a wildcard at the same weight', async (t) => {
  t.equal(preferredMediaType('application/ninjs+json', OFFERED), 'application/ninjs+json')
  t.equal(preferredMediaType('*/*, application/ninjs+json', OFFERED), 'application/ninjs+json')
  t.equal(preferredMediaType('application/*, application/ninjs+json', OFFERED), 'application/ninjs+json')
})

t.test('the higher weight wins, whatever the order the types are listed in', async (t) => {
  t.equal(preferredMediaType('application/json;q=0.5, application/ninjs+json', OFFERED), 'application/ninjs+json')
  t.equal(preferredMediaType('application/ninjs+json;q=0.4, application/json;q=0.6', OFFERED), 'application/json')
})

t.test('each type takes the weight of the most specific range that names it', async (t) => {
  t.equal(preferredMediaType('application/json;q=0.5, */*', OFFERED), 'application/ninjs+json')
  t.equal(preferredMediaType('application/*;q=0.2, application/json;q=0.9', OFFERED), 'application/json')
})

t.test('q=0 refuses a type, even when a wildcard would allow it', async (t) => {
  t.equal(preferredMediaType('*/*, application/json;q=0', OFFERED), 'application/ninjs+json')
  t.equal(preferredMediaType('*/*;q=0', OFFERED), null)
})

t.test('an Accept naming neither type allows neither', async (t) => {
  t.equal(preferredMediaType('text/html', OFFERED), null)
  t.equal(preferredMediaType('application/xml, text/*', OFFERED), null)
})

t.test('type names are compared without regard to case, and parameters other than q do not matter', async (t) => {
  t.equal(preferredMediaType('Application/NINJS+JSON', OFFERED), 'application/ninjs+json')
  t.equal(preferredMediaType('application/ninjs+json; version=3; q=1', OFFERED), 'application/ninjs+json')
})

t.test('a malformed range or weight is skipped, not taken for a wildcard', async (t) => {
  t.equal(preferredMediaType('ninjs', OFFERED), null)
  t.equal(preferredMediaType('*/json', OFFERED), null)
  t.equal(preferredMediaType('application/ninjs+json;q=2, application/json;q=0.1', OFFERED), 'application/json')
  t.equal(preferredMediaType('application/ninjs+json;q=high, application/json;q=0.1', OFFERED), 'application/json')
})
