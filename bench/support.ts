// What every benchmark shares: statistics, the result row each one reports, and a sandbox
// that counts and times the requests it serves (at its HTTP server, so the figures are the
// server's own, not the client's view of them).
import { execFileSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startTestSandbox, type TestSandbox } from '../test/support/sandbox.js';

export interface BenchResult {
  /** What was measured, e.g. "cold load of dist/index.js". */
  name: string;
  /** The figure, e.g. 41.2. */
  value: number;
  unit: string;
  /** What it is compared with, measured in the same run. */
  baselineName: string;
  baseline: number;
  /** value / baseline (for a difference-style figure, whatever ratio the script explains). */
  ratio: number;
  /** The target, in words ("≤ 1.25×", "≤ 2 ms"), and whether this run met it. */
  target: string;
  met: boolean;
  /** Anything a reader needs to interpret the figure. */
  note?: string;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));
export const ratioText = (ratio: number) => `${fmt(ratio, 2)}×`;

export function printResult(result: BenchResult): void {
  console.log(
    `  → ${result.name}: ${fmt(result.value)} ${result.unit}; baseline (${result.baselineName}) ${fmt(result.baseline)} ${result.unit}; ` +
      `ratio ${ratioText(result.ratio)}; target ${result.target}: ${result.met ? 'met' : 'NOT met'}`,
  );
  if (result.note) console.log(`    ${result.note}`);
}

/** One request the sandbox served: method, path (query included), server time in ms. */
export interface ServedRequest {
  method: string;
  url: string;
  serverMs: number;
  status: number;
}

export interface CountingSandbox extends TestSandbox {
  /** Requests served since the last reset (completed responses only). */
  served: ServedRequest[];
  reset(): void;
  /** Waits until every request that has arrived has been answered. */
  settled(): Promise<void>;
}

/**
 * startTestSandbox plus a listener on the raw HTTP server: every request is recorded when its
 * response finishes, with the time from arrival to the last byte written.
 */
export async function startCountingSandbox(): Promise<CountingSandbox> {
  const sandbox = await startTestSandbox();
  const served: ServedRequest[] = [];
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  sandbox.sandbox.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    inFlight += 1;
    const done = () => {
      inFlight -= 1;
      served.push({
        method: request.method ?? '?',
        url: request.url ?? '?',
        serverMs: performance.now() - started,
        status: response.statusCode,
      });
      if (inFlight === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    };
    response.once('finish', done);
    response.once('close', () => {
      if (!response.writableFinished) done();
    });
  });
  return Object.assign(sandbox, {
    served,
    reset: () => {
      served.length = 0;
    },
    settled: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  });
}

/** Only the Studio API requests (/v1), which is what an operation costs. */
export const apiRequests = (served: readonly ServedRequest[]) => served.filter((r) => r.url.startsWith('/v1/'));

/** A request as "GET /v1/orders/:id" with ids collapsed, for tables. */
export function shape(request: ServedRequest): string {
  const path = request.url.split('?')[0]!.replace(/\/(?:[a-z]{2,4})_[A-Za-z0-9_]+/g, '/:id');
  return `${request.method} ${path}`;
}

/**
 * A benchmark script run in a process of its own with `--json` (a fresh heap, nothing of the
 * other benchmarks in it): what it prints last, parsed.
 */
export function measureInChildProcess<T>(scriptUrl: string): T {
  const output = execFileSync(resolve(import.meta.dirname, '../node_modules/.bin/tsx'), [fileURLToPath(scriptUrl), '--json'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

/** Runs `main` when the file is executed directly (`tsx bench/x.ts`), not when imported. */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && metaUrl === new URL(`file://${process.argv[1]}`).href;
}
