// Compiling a route's schemas is most of what building an app costs. Fastify hands every app its own copy of a
// route's schema, so a compiler that remembers schemas by identity alone compiles them again for each app; a test
// process builds hundreds of apps.

/**
 * Wraps a schema compiler so that each distinct schema is compiled once per process: remembered by identity first
 * (most schemas are shared constants, and a schema is not changed once routes are compiled), then by its text. Only
 * for compilers whose output depends on the schema alone: no shared schemas added to the instance, no per-app options.
 */
export function compiledOncePerSchema<Input, Compiled> (compile: (input: Input) => Compiled, schemaOf: (input: Input) => unknown = (input) => input): (input: Input) => Compiled {
  const byIdentity = new WeakMap<object, Compiled>()
  const byText = new Map<string, Compiled>()
  return (input) => {
    const schema = schemaOf(input)
    const isObject = typeof schema === 'object' && schema !== null
    let compiled = isObject ? byIdentity.get(schema) : undefined
    if (compiled !== undefined) return compiled
    const text = JSON.stringify(schema)
    compiled = byText.get(text)
    if (compiled === undefined) byText.set(text, compiled = compile(input))
    if (isObject) byIdentity.set(schema, compiled)
    return compiled
  }
}
