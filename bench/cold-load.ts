// Cold load: how long a fresh Node process takes to import the built app (dist/index.js),
// against importing bare zapier-platform-core, which every Zapier app pays for anyway.
// Each sample is a new `node` process (Node 22 from node_modules/.bin) that times its own
// dynamic import; the kinds of process alternate so a busy machine slows all of them alike.
// scripts/build.mjs writes the app in two files: dist/index.js, the definition as data with
// stubs for its functions, which every invocation loads; and dist/app.js (the app's code, zod
// and libphonenumber-js in one bundle), which the first function a step calls loads, once per
// runtime. The breakdown shows each after core, and what the first step adds, so moving the
// code out of the definition is seen not to make a step's first run any slower.
// Run: npx tsx bench/cold-load.ts  (builds first)
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMain, median, printResult, type BenchResult } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = resolve(ROOT, 'node_modules/.bin/node');
const APP = pathToFileURL(resolve(ROOT, 'dist/index.js')).href;
const CODE = pathToFileURL(resolve(ROOT, 'dist/app.js')).href;
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const TARGET = 1.15;

/** Imports each specifier in turn in one fresh process; returns ms per import. */
function timeImports(specifiers: string[]): number[] {
  const script = `
    const times = [];
    for (const specifier of process.argv.slice(1)) {
      const started = performance.now();
      await import(specifier);
      times.push(performance.now() - started);
    }
    console.log(JSON.stringify(times));`;
  const output = execFileSync(NODE, ['--input-type=module', '-e', script, ...specifiers], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop()!) as number[];
}

export function build(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface ColdLoad {
  result: BenchResult;
  breakdown: Array<{ part: string; ms: number }>;
}

export function measureColdLoad(): ColdLoad {
  const core: number[] = [];
  const app: number[] = [];
  const parts: Record<string, number[]> = {
    'the definition (dist/index.js)': [],
    "the app's code, on a step's first call (dist/app.js)": [],
    'zod, as a separate package': [],
    'libphonenumber-js, as a separate package': [],
  };
  for (let run = 0; run < RUNS; run += 1) {
    // Alternate which kind goes first within the pair.
    const pair = run % 2 === 0 ? (['core', 'app'] as const) : (['app', 'core'] as const);
    for (const kind of pair) {
      if (kind === 'core') core.push(timeImports(['zapier-platform-core'])[0]!);
      // What Zapier's runtime loads: core, then the app's definition (which no longer imports core itself).
      else app.push(timeImports(['zapier-platform-core', APP]).reduce((sum, ms) => sum + ms, 0));
    }
    // Breakdown: core, then the bundle; and what the bundled packages cost on their own.
    const [, definition, code] = timeImports(['zapier-platform-core', APP, CODE]);
    parts['the definition (dist/index.js)']!.push(definition!);
    parts["the app's code, on a step's first call (dist/app.js)"]!.push(code!);
    const [, zod, phone] = timeImports(['zapier-platform-core', 'zod', 'libphonenumber-js']);
    parts['zod, as a separate package']!.push(zod!);
    parts['libphonenumber-js, as a separate package']!.push(phone!);
  }
  const coreMs = median(core);
  const appMs = median(app);
  const result: BenchResult = {
    name: 'cold load of core + dist/index.js',
    value: appMs,
    unit: 'ms',
    baselineName: 'bare zapier-platform-core',
    baseline: coreMs,
    ratio: appMs / coreMs,
    target: `≤ ${TARGET}×`,
    met: appMs / coreMs <= TARGET,
    note: `median of ${RUNS} fresh processes each; import time measured inside the process`,
  };
  return {
    result,
    breakdown: Object.entries(parts).map(([part, samples]) => ({ part, ms: median(samples) })),
  };
}

export function printColdLoad({ result, breakdown }: ColdLoad): void {
  console.log('cold load (fresh node processes)');
  printResult(result);
  console.log(`    after core is loaded: ${breakdown.map((b) => `${b.part} +${b.ms.toFixed(1)} ms`).join(', ')}`);
}

if (isMain(import.meta.url)) {
  build();
  printColdLoad(measureColdLoad());
}
