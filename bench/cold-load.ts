// Cold load: how long a fresh Node process takes to import the built app (dist/index.js),
// against importing bare zapier-platform-core, which every Zapier app pays for anyway.
// Each sample is a new `node` process (Node 22 from node_modules/.bin) that times its own
// dynamic import; the kinds of process alternate so a busy machine slows all of them alike.
// A breakdown imports core first and then each of the app's dependencies, to show where the
// difference goes (zod, zod/mini for comparison, libphonenumber-js, the app's own modules),
// and an experiment times the same app bundled into one file by esbuild (what a bundling
// build step would give; not what ships today).
// Run: npx tsx bench/cold-load.ts  (builds first)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMain, median, printResult, type BenchResult } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = resolve(ROOT, 'node_modules/.bin/node');
const APP = pathToFileURL(resolve(ROOT, 'dist/index.js')).href;
const ESBUILD = resolve(ROOT, 'node_modules/.bin/esbuild');
// Under node_modules (ignored by git), so the bundle still resolves zapier-platform-core.
const BUNDLE_DIR = resolve(ROOT, 'node_modules/.cache/studio-bench');
const BUNDLE = resolve(BUNDLE_DIR, 'app.bundle.mjs');
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const TARGET = 1.25;

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
  /** The app bundled into one file (core left external), if esbuild is there. */
  bundled: { ms: number; ratio: number } | null;
}

/** dist/index.js bundled by esbuild into one ESM file, zapier-platform-core external. */
function bundleApp(): string | null {
  if (!existsSync(ESBUILD)) return null;
  mkdirSync(BUNDLE_DIR, { recursive: true });
  execFileSync(ESBUILD, [resolve(ROOT, 'dist/index.js'), '--bundle', '--platform=node', '--format=esm', '--target=node22', '--external:zapier-platform-core', `--outfile=${BUNDLE}`, '--log-level=warning'], { cwd: ROOT });
  return pathToFileURL(BUNDLE).href;
}

export function measureColdLoad(): ColdLoad {
  const core: number[] = [];
  const app: number[] = [];
  const parts: Record<string, number[]> = { zod: [], 'zod/mini': [], 'libphonenumber-js': [], 'app modules': [] };
  const bundle = bundleApp();
  const bundled: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Alternate which kind goes first within the pair.
    const pair = run % 2 === 0 ? (['core', 'app'] as const) : (['app', 'core'] as const);
    for (const kind of pair) {
      if (kind === 'core') core.push(timeImports(['zapier-platform-core'])[0]!);
      else app.push(timeImports([APP])[0]!);
    }
    // Breakdown: core, then zod, libphonenumber-js and the app (what is left is the app's own code).
    const [, zod, phone, rest] = timeImports(['zapier-platform-core', 'zod', 'libphonenumber-js', APP]);
    parts.zod!.push(zod!);
    parts['libphonenumber-js']!.push(phone!);
    parts['app modules']!.push(rest!);
    parts['zod/mini']!.push(timeImports(['zapier-platform-core', 'zod/mini'])[1]!);
    if (bundle) bundled.push(timeImports([bundle])[0]!);
  }
  const coreMs = median(core);
  const appMs = median(app);
  const result: BenchResult = {
    name: 'cold load of dist/index.js',
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
    bundled: bundle ? { ms: median(bundled), ratio: median(bundled) / coreMs } : null,
  };
}

export function printColdLoad({ result, breakdown, bundled }: ColdLoad): void {
  console.log('cold load (fresh node processes)');
  printResult(result);
  console.log(`    after core is loaded: ${breakdown.map((b) => `${b.part} +${b.ms.toFixed(1)} ms`).join(', ')} (zod/mini measured alone, for comparison)`);
  if (bundled) console.log(`    experiment: the app bundled into one file by esbuild loads in ${bundled.ms.toFixed(1)} ms, ${bundled.ratio.toFixed(2)}× core`);
}

if (isMain(import.meta.url)) {
  build();
  printColdLoad(measureColdLoad());
}
