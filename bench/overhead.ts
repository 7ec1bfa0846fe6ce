// App overhead per operation: the time Zapier's runtime and the app add on top of the HTTP
// requests an operation makes. Each operation runs through the same handler Zapier uses
// (input validation, middleware, zod parsing of every response, output checks), and the
// exact requests it made (captured once: method, URL, headers, body) are replayed with plain
// fetch, reading and JSON-parsing each body as any client must. Runs alternate app/raw so
// load on the machine hits both alike; the figure is the median of the paired differences.
// Creates are measured in steady state: after the first run the API answers them from its
// idempotency store, for the app and for the raw replay alike.
// What an invocation costs before the operation does anything is measured apart, as a no-op
// operation through the same handler, twice: in an app of that one operation (core's floor,
// which every app pays) and added to this app's definition (core compiles the whole
// definition twice per invocation, so the difference is this definition's size at work).
// "The app's own" part of an operation is its overhead less that no-op within this app, run
// beside it in each iteration (app, raw replay and no-op in rotating order).
// Run: npx tsx bench/overhead.ts
import './env.js';
import { performance } from 'node:perf_hooks';
import type { HttpResponse } from 'zapier-platform-core';
import App from '../index.js';
import { BENCH_OPERATIONS, createHandler, runOperation, type BenchOperation } from './operations.js';
import type { TestStudio } from '../test/support/sandbox.js';
import {
  fmt,
  isMain,
  measureInChildProcess,
  median,
  printResult,
  startCountingSandbox,
  type BenchResult,
  type CountingSandbox,
} from './support.js';

// Zapier's handler wraps global fetch with its request logger on its first invocation; the
// raw replay keeps the plain one, so the baseline is a client without Zapier in the way.
const plainFetch = globalThis.fetch;
const ITERATIONS = Number(process.env.BENCH_OVERHEAD_ITERATIONS ?? 100);
const WARMUP = 5;
/** The app's own part of an operation, median over operations. */
const TARGET_MS = 1;

interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OverheadRow {
  key: string;
  requests: number;
  appMs: number;
  rawMs: number;
  overheadMs: number;
  /** The overhead less a no-op operation through the same handler, paired run by run. */
  ownMs: number;
}

/** The app with one more afterResponse that records each request as it was sent. */
function captureRequests(operation: BenchOperation, authData: Record<string, string>): Promise<CapturedRequest[]> {
  const captured: CapturedRequest[] = [];
  const record = (response: HttpResponse) => {
    const request = response.request as unknown as { url: string; method?: string; headers?: Record<string, string>; body?: unknown };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (/^(authorization|accept|content-type|idempotency-key)$/i.test(name)) headers[name] = String(value);
    }
    captured.push({
      url: request.url,
      method: request.method ?? 'GET',
      headers,
      body: typeof request.body === 'string' ? request.body : undefined,
    });
    return response;
  };
  const afters = App.afterResponse === undefined ? [] : Array.isArray(App.afterResponse) ? App.afterResponse : [App.afterResponse];
  const handler = createHandler({ ...App, afterResponse: [...afters, record] });
  return handler({
    command: 'execute',
    method: operation.method,
    bundle: { authData, inputData: operation.inputData, meta: {} },
    storeKey: 'bench-capture',
    cursorTestObj: {},
    zcacheTestObj: {},
  }).then(() => captured);
}

/** What an invocation costs before the operation does anything. */
export interface Runtime {
  /** A no-op operation in an app of that one operation: zapier-platform-core's floor. */
  floorMs: number;
  /** The same no-op added to this app's definition. */
  withDefinitionMs: number;
}

/** An operation that does nothing, and how it is run by method path. */
const noopOperation = async () => [];
const NOOP = { method: '_noop', inputData: {} };

/**
 * Median time of the no-op through Zapier's handler, alone in an app and within this app
 * (measureOverhead adds it to the definition while it measures).
 */
async function runtimeAlone(): Promise<Runtime> {
  const alone = createHandler({ version: App.version, platformVersion: App.platformVersion, _noop: noopOperation });
  const medianOf = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < WARMUP * 4; i += 1) await run();
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS * 2; i += 1) samples.push(await timed(run));
    return median(samples);
  };
  return {
    floorMs: await medianOf(() => alone({ command: 'execute', method: NOOP.method, bundle: { authData: {}, inputData: {}, meta: {} } })),
    withDefinitionMs: await medianOf(() => runOperation(NOOP, {})),
  };
}

async function replayRaw(requests: readonly CapturedRequest[]): Promise<void> {
  for (const request of requests) {
    const response = await plainFetch(request.url, { method: request.method, headers: request.headers, body: request.body });
    const text = await response.text();
    if (text !== '') JSON.parse(text);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measureOperation(studio: TestStudio, operation: BenchOperation): Promise<OverheadRow> {
  const authData = studio.authData;
  const prepare = async () => operation.prepare?.(studio.api);
  // One run to reach steady state (creates exist; replays from now on), then capture.
  await prepare();
  await runOperation(operation, authData);
  await prepare();
  const requests = await captureRequests(operation, authData);
  const app = async () => {
    await prepare();
    return timed(() => runOperation(operation, authData));
  };
  const raw = async () => {
    await prepare();
    return timed(() => replayRaw(requests));
  };
  const noop = () => timed(() => runOperation(NOOP, authData));
  for (let i = 0; i < WARMUP; i += 1) {
    await app();
    await raw();
    await noop();
  }
  const appSamples: number[] = [];
  const rawSamples: number[] = [];
  const differences: number[] = [];
  const own: number[] = [];
  // The three runs of an iteration in rotating order, so none is always first or last.
  const runs = [app, raw, noop];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const ms = [0, 0, 0];
    for (let j = 0; j < runs.length; j += 1) {
      const which = (i + j) % runs.length;
      ms[which] = await runs[which]!();
    }
    const [appMs, rawMs, noopMs] = ms as [number, number, number];
    appSamples.push(appMs);
    rawSamples.push(rawMs);
    differences.push(appMs - rawMs);
    own.push(appMs - rawMs - noopMs);
  }
  return {
    key: operation.key,
    requests: requests.length,
    appMs: median(appSamples),
    rawMs: median(rawSamples),
    overheadMs: median(differences),
    ownMs: median(own),
  };
}

export async function measureOverhead(
  sandbox: CountingSandbox,
): Promise<{ rows: OverheadRow[]; runtime: Runtime; appOwnMs: number; result: BenchResult }> {
  const rows: OverheadRow[] = [];
  const app = App as typeof App & { _noop?: typeof noopOperation };
  app._noop = noopOperation;
  let runtime: Runtime;
  try {
    // A demo studio of its own, as the demo seeds it, whatever other benchmarks of the run did before.
    const studio = await sandbox.newStudio({ name: 'Northlight Photography', seed: 'demo' });
    // Every operation and the no-op a few times first, so the first one measured does not carry
    // the compiling of the paths all of them share.
    for (let i = 0; i < WARMUP; i += 1) {
      for (const operation of BENCH_OPERATIONS) {
        await operation.prepare?.(studio.api);
        await runOperation(operation, studio.authData);
        await runOperation(NOOP, studio.authData);
      }
    }
    for (const operation of BENCH_OPERATIONS) rows.push(await measureOperation(studio, operation));
    runtime = await runtimeAlone();
  } finally {
    delete app._noop;
  }
  const overall = median(rows.map((row) => row.overheadMs));
  const appOwnMs = median(rows.map((row) => row.ownMs));
  const over = rows.filter((row) => row.ownMs > TARGET_MS).map((row) => `${row.key} ${fmt(row.ownMs)} ms`);
  const definitionKb = JSON.stringify(App).length / 1024;
  const result: BenchResult = {
    name: 'the app’s own overhead per operation (median over operations of each one’s median)',
    value: appOwnMs,
    unit: 'ms',
    baselineName: 'the same requests with plain fetch, median over operations',
    baseline: median(rows.map((row) => row.rawMs)),
    ratio: median(rows.map((row) => row.appMs / row.rawMs)),
    target: `≤ ${TARGET_MS} ms`,
    met: appOwnMs <= TARGET_MS,
    note:
      `${ITERATIONS} paired runs per operation; ratio = median of app time / raw time per operation. ` +
      `Overhead in all ${fmt(overall)} ms (median over operations), of which Zapier's runtime before the operation runs ` +
      `${fmt(runtime.withDefinitionMs)} ms: core's floor ${fmt(runtime.floorMs)} ms (a no-op in an app of one operation) and ` +
      `${fmt(runtime.withDefinitionMs - runtime.floorMs)} ms compiling this app's ${fmt(definitionKb, 0)} KB definition (core does it twice per invocation)` +
      (over.length > 0 ? `; the app’s own above ${TARGET_MS} ms: ${over.join(', ')}` : ''),
  };
  return { rows, runtime, appOwnMs, result };
}

export function overheadTable(rows: readonly OverheadRow[]): string {
  const lines = [
    '| operation | requests | app (ms) | plain fetch (ms) | overhead (ms, median of paired differences) | of which the app’s own (ms, less a paired no-op) | app’s own per request (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const own = row.ownMs;
    lines.push(
      `| \`${row.key}\` | ${row.requests} | ${fmt(row.appMs)} | ${fmt(row.rawMs)} | ${fmt(row.overheadMs)} | ${fmt(own)} | ${fmt(own / Math.max(row.requests, 1))} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The measurement in a process of its own (a fresh sandbox, nothing else on the heap), as
 * `npm run bench` runs it: what the other benchmarks of the run leave behind would otherwise
 * be part of every garbage collection measured here.
 */
export function measureOverheadInChildProcess(): Awaited<ReturnType<typeof measureOverhead>> {
  return measureInChildProcess(import.meta.url);
}

if (isMain(import.meta.url)) {
  const sandbox = await startCountingSandbox();
  try {
    const measured = await measureOverhead(sandbox);
    if (process.argv.includes('--json')) console.log(JSON.stringify(measured));
    else {
      console.log('app overhead per operation vs plain fetch of the same requests');
      console.log(overheadTable(measured.rows));
      printResult(measured.result);
    }
  } finally {
    await sandbox.stop();
  }
}
