// The folder of the service's package.json, beside which migrations/ and openapi/ live. Found by walking up from this
// module: the code runs from src/ under tsx, from the production bundle in dist/ (an entry point or a shared chunk,
// each at its own depth) and from the tests' compiled copy, so no fixed number of ../ reaches it from all of them.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findPackageRoot (): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error(`no package.json in any folder above ${fileURLToPath(import.meta.url)}`)
    folder = parent
  }
  return folder
}

export const PACKAGE_ROOT = findPackageRoot()
