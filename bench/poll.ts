// A New Order poll (the trigger's performList, what Zapier runs when a hook trigger falls
// back to polling or loads samples) against a studio with 100,000 orders, timed where it
// counts: the server time of the events query the poll makes (GET /v1/events), measured by
// the sandbox's HTTP server from arrival to last byte. Baseline: the same poll on the plain
// demo studio (5 orders), in the same run.
//
// The scale seeding (POST /_sandbox/studios {scale: N}: N contacts, 10 × N orders) writes
// each order with its order.created event, as placing it would have.
// Run: npx tsx bench/poll.ts
import './env.js';
import { performance } from 'node:perf_hooks';
import { runOperation } from './operations.js';
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

const SCALE_CONTACTS = Number(process.env.BENCH_POLL_CONTACTS ?? 10_000); // → 10 × N orders
const POLLS = Number(process.env.BENCH_POLL_RUNS ?? 30);
const TARGET_MS = 20;
const NEW_ORDER_POLL = { method: 'triggers.new_order.operation.performList', inputData: {} };

interface PollTiming {
  eventsServerMs: number;
  pollMs: number;
  requests: number;
  items: number;
}

async function timePolls(sandbox: CountingSandbox, authData: Record<string, string>): Promise<PollTiming> {
  for (let i = 0; i < 5; i += 1) await runOperation(NEW_ORDER_POLL, authData); // warm up
  const eventsMs: number[] = [];
  const pollMs: number[] = [];
  let requests = 0;
  let items = 0;
  for (let i = 0; i < POLLS; i += 1) {
    await sandbox.settled();
    sandbox.reset();
    const started = performance.now();
    const result = (await runOperation(NEW_ORDER_POLL, authData)) as unknown[];
    pollMs.push(performance.now() - started);
    await sandbox.settled();
    const events = sandbox.served.filter((r) => r.url.startsWith('/v1/events'));
    eventsMs.push(...events.map((r) => r.serverMs));
    requests = sandbox.served.length;
    items = result.length;
  }
  return { eventsServerMs: median(eventsMs), pollMs: median(pollMs), requests, items };
}

/** A demo studio plus 10 × N orders, each with the order.created event placing it would record. */
async function scaleStudio(sandbox: CountingSandbox): Promise<{ authData: Record<string, string>; orders: number; seedMs: number }> {
  const started = performance.now();
  // Straight to POST /_sandbox/studios: the test helper's newStudio does not pass `scale` on.
  const response = await fetch(`${sandbox.url}/_sandbox/studios`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Northlight Photography at Scale', country: 'GB', currency: 'GBP', seed: 'demo', scale: SCALE_CONTACTS }),
  });
  if (response.status !== 201) throw new Error(`POST /_sandbox/studios answered ${response.status}: ${await response.text()}`);
  const studio = (await response.json()) as { studio_id: string; access_token: string; refresh_token: string };
  const db = sandbox.sandbox.context.db;
  const count = db.prepare('SELECT COUNT(*) AS n FROM orders WHERE studio_id = ?').get(studio.studio_id) as { n: number };
  return {
    authData: { access_token: studio.access_token, refresh_token: studio.refresh_token },
    orders: count.n,
    seedMs: performance.now() - started,
  };
}

/** Server time of the orders list (the Order dropdown's query, GET /v1/orders?limit=100). */
async function ordersQueryMs(sandbox: CountingSandbox, authData: Record<string, string>): Promise<number> {
  const list = { method: 'triggers.list_orders.operation.perform', inputData: {} };
  for (let i = 0; i < 5; i += 1) await runOperation(list, authData);
  await sandbox.settled();
  sandbox.reset();
  for (let i = 0; i < POLLS; i += 1) await runOperation(list, authData);
  await sandbox.settled();
  return median(sandbox.served.filter((r) => r.url.startsWith('/v1/orders')).map((r) => r.serverMs));
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export async function measurePoll(sandbox: CountingSandbox): Promise<BenchResult> {
  const demo = await timePolls(sandbox, sandbox.authData);
  const scale = await scaleStudio(sandbox);
  const big = await timePolls(sandbox, scale.authData);
  const ordersMs = await ordersQueryMs(sandbox, scale.authData);
  return {
    name: `new_order poll with ${scale.orders.toLocaleString('en-GB')} orders: server time of GET /v1/events`,
    value: big.eventsServerMs,
    unit: 'ms',
    baselineName: 'the same poll on the plain demo studio (5 orders)',
    baseline: demo.eventsServerMs,
    ratio: big.eventsServerMs / demo.eventsServerMs,
    target: `≤ ${TARGET_MS} ms`,
    met: big.eventsServerMs <= TARGET_MS,
    note:
      `median of ${POLLS} polls each; whole poll as Zapier runs it: ${fmt(big.pollMs)} ms at scale (${plural(big.requests, 'request')}, ${plural(big.items, 'item')}) ` +
      `vs ${fmt(demo.pollMs)} ms on the demo (${plural(demo.requests, 'request')}, ${plural(demo.items, 'item')}); ` +
      `the orders query (GET /v1/orders?limit=100, the Order dropdown) at scale: ${fmt(ordersMs)} ms server time; seeding took ${fmt(scale.seedMs / 1000, 1)} s`,
  };
}

/**
 * Runs this benchmark in a process of its own: the scale studio's database lives in the
 * sandbox's memory, and zapier-platform-core ends any process that has served 250
 * invocations and holds more than 450 MB, as it would a Lambda.
 */
export function measurePollInChildProcess(): BenchResult {
  return measureInChildProcess<BenchResult>(import.meta.url);
}

if (isMain(import.meta.url)) {
  const sandbox = await startCountingSandbox();
  try {
    const result = await measurePoll(sandbox);
    if (process.argv.includes('--json')) console.log(JSON.stringify(result));
    else {
      console.log('new_order poll at scale');
      printResult(result);
    }
  } finally {
    await sandbox.stop();
  }
}
