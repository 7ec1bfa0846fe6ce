// Runs the invoices engineer's bench/tax-split.ts (a 10,000-line order split into one invoice
// per rate, against summing the lines once) in its own process and reads its figures back
// for the summary, so that script stays exactly as its author wrote it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchResult } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');

export function measureTaxSplit(): { output: string; result: BenchResult } {
  const output = execFileSync(resolve(ROOT, 'node_modules/.bin/tsx'), [resolve(ROOT, 'bench/tax-split.ts')], { cwd: ROOT, encoding: 'utf8' });
  const figures = /absolute: split ([\d.]+) ms, baseline ([\d.]+) µs; target ≤ ([\d.]+) ms/.exec(output);
  const title = /^tax split of .*$/m.exec(output);
  if (!figures || !title) throw new Error(`bench/tax-split.ts printed something this runner cannot read:\n${output}`);
  const splitMs = Number(figures[1]);
  const baselineMs = Number(figures[2]) / 1000;
  const targetMs = Number(figures[3]);
  return {
    output,
    result: {
      name: title[0],
      value: splitMs,
      unit: 'ms',
      baselineName: 'summing the lines’ quantity × unit price once',
      baseline: baselineMs,
      ratio: splitMs / baselineMs,
      target: `≤ ${targetMs} ms`,
      met: splitMs <= targetMs,
    },
  };
}
