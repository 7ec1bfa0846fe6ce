// App overhead per operation: the time Zapier's runtime and the app add on top of the HTTP
// requests an operation makes. Each operation runs through the same handler Zapier uses
// (input validation, middleware, zod parsing of every response, output checks), and the
// exact requests it made (captured once: method, URL, headers, body) are replayed with plain
// fetch, reading and JSON-parsing each body as any client must. Runs alternate app/raw so
// load on the machine hits both alike; the figure is the median of the paired differences.
// Creates are measured in steady state: after the first run the API answers them from its
// idempotency store, for the app and for the raw replay alike. A no-op operation through the
// same handler shows how much of the difference is Zapier's runtime itself (it compiles the
// app definition on every invocation), whatever the app does.
// Run: npx tsx bench/overhead.ts
import './env.js';
import { performance } from 'node:perf_hooks';
import type { HttpResponse, ZObject } from 'zapier-platform-core';
import App from '../index.js';
import { BENCH_OPERATIONS, createHandler, runOperation, type BenchOperation } from './operations.js';
import { fmt, isMain, median, printResult, startCountingSandbox, type BenchResult, type CountingSandbox } from './support.js';

// Zapier's handler wraps global fetch with its request logger on its first invocation; the
// raw replay keeps the plain one, so the baseline is a client without Zapier in the way.
const plainFetch = globalThis.fetch;
const ITERATIONS = Number(process.env.BENCH_OVERHEAD_ITERATIONS ?? 40);
const WARMUP = 5;
const TARGET_MS = 2;

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

/** Median time of an operation that does nothing, run through the same handler. */
async function runtimeAlone(): Promise<number> {
  const app = App as typeof App & { _testRequest?: (z: ZObject) => unknown };
  app._testRequest = async () => [];
  const handler = createHandler(App);
  const run = () => handler({ command: 'execute', method: '_testRequest', bundle: { authData: {}, inputData: {}, meta: {} } });
  try {
    for (let i = 0; i < WARMUP * 4; i += 1) await run();
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS * 2; i += 1) samples.push(await timed(run));
    return median(samples);
  } finally {
    delete app._testRequest;
  }
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

async function measureOperation(sandbox: CountingSandbox, operation: BenchOperation): Promise<OverheadRow> {
  const authData = sandbox.authData;
  const prepare = async () => operation.prepare?.(sandbox.api);
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
  for (let i = 0; i < WARMUP; i += 1) {
    await app();
    await raw();
  }
  const appSamples: number[] = [];
  const rawSamples: number[] = [];
  const differences: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    let appMs: number;
    let rawMs: number;
    if (i % 2 === 0) {
      appMs = await app();
      rawMs = await raw();
    } else {
      rawMs = await raw();
      appMs = await app();
    }
    appSamples.push(appMs);
    rawSamples.push(rawMs);
    differences.push(appMs - rawMs);
  }
  return {
    key: operation.key,
    requests: requests.length,
    appMs: median(appSamples),
    rawMs: median(rawSamples),
    overheadMs: median(differences),
  };
}

export async function measureOverhead(
  sandbox: CountingSandbox,
): Promise<{ rows: OverheadRow[]; runtimeMs: number; appOwnMs: number; result: BenchResult }> {
  const rows: OverheadRow[] = [];
  for (const operation of BENCH_OPERATIONS) rows.push(await measureOperation(sandbox, operation));
  const runtimeMs = await runtimeAlone();
  const overall = median(rows.map((row) => row.overheadMs));
  const appOwnMs = median(rows.map((row) => row.overheadMs - runtimeMs));
  const over = rows.filter((row) => row.overheadMs > TARGET_MS).map((row) => `${row.key} ${fmt(row.overheadMs)} ms`);
  const result: BenchResult = {
    name: 'app overhead per operation (median over operations of each one’s median)',
    value: overall,
    unit: 'ms',
    baselineName: 'the same requests with plain fetch, median over operations',
    baseline: median(rows.map((row) => row.rawMs)),
    ratio: median(rows.map((row) => row.appMs / row.rawMs)),
    target: `≤ ${TARGET_MS} ms`,
    met: overall <= TARGET_MS,
    note:
      `${ITERATIONS} paired runs per operation; ratio = median of app time / raw time per operation. ` +
      `Zapier's runtime alone (a no-op operation through the same handler) takes ${fmt(runtimeMs)} ms of it; ` +
      `the app's own part is ${fmt(appOwnMs)} ms (median over operations)` +
      (over.length > 0 ? `; above ${TARGET_MS} ms: ${over.join(', ')}` : ''),
  };
  return { rows, runtimeMs, appOwnMs, result };
}

export function overheadTable(rows: readonly OverheadRow[], runtimeMs: number): string {
  const lines = [
    '| operation | requests | app (ms) | plain fetch (ms) | overhead (ms, median of paired differences) | of which the app’s own (ms) | app’s own per request (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const own = row.overheadMs - runtimeMs;
    lines.push(
      `| \`${row.key}\` | ${row.requests} | ${fmt(row.appMs)} | ${fmt(row.rawMs)} | ${fmt(row.overheadMs)} | ${fmt(own)} | ${fmt(own / Math.max(row.requests, 1))} |`,
    );
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const sandbox = await startCountingSandbox();
  try {
    const { rows, runtimeMs, result } = await measureOverhead(sandbox);
    console.log('app overhead per operation vs plain fetch of the same requests');
    console.log(overheadTable(rows, runtimeMs));
    printResult(result);
  } finally {
    await sandbox.stop();
  }
}
