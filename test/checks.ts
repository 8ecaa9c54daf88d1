// npm test's checks before the suite: the type check and the linter side by side (each keeps one core busy for ten
// seconds), then the OpenAPI lint and drizzle-kit's check. Each command's output follows its name, in this order.
import { spawn } from 'node:child_process'

interface Outcome { script: string, code: number | null, output: string }

function runScript (script: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.on('close', (code) => resolve({ script, code, output }))
  })
}

function report ({ script, code, output }: Outcome): boolean {
  process.stdout.write(`> npm run ${script}${code === 0 ? '' : ` failed (exit ${code})`}\n${output}`)
  return code === 0
}

// Checks that run together must all report, even when the first fails.
for (const group of [['typecheck', 'lint'], ['lint:openapi'], ['db:check']]) {
  const outcomes = await Promise.all(group.map(runScript))
  if (!outcomes.map(report).every(Boolean)) process.exit(1)
}
