// `npx tsx bench/load.ts` (also part of `npm run bench`): the sandbox under load, in a process
// of its own (npm run sandbox, in-memory, port 0), driven over loopback by closed-loop clients
// here; each phase runs for a fixed time, so the script stops by itself.
//   1. read throughput and p99 of GET /v1/me with 50 and with 300 concurrent clients;
//   2. p99 of GET /v1/me (10 clients) alone, then while 16 clients guess passwords on fresh
//      consent pages (one GET and one POST each), alternating the demo user's email and an
//      email nobody has (whichever of the two costs the server a hash): the ratio is the figure.
// LOAD_SANDBOX_DIR runs another checkout's sandbox (to measure a before/after); LOAD_SECONDS
// sets each phase's length (default 4).
import './env.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Agent, request as httpRequest } from 'node:http';
import { fmt, isMain, percentile, printResult, type BenchResult } from './support.js';

const PHASE_MS = Number(process.env.LOAD_SECONDS ?? 4) * 1000;

interface Running {
  url: string;
  token: string;
  clientId: string;
  email: string;
  child: ChildProcess;
}

/** Starts `npm run sandbox`'s entry point in its own process and reads its URL and demo token. */
async function startSandboxProcess(dir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    cwd: dir,
    // Without the studio's request budget: the figures are the server's throughput, not its 429s.
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DB: ':memory:', SANDBOX_LOG_LEVEL: 'silent', SANDBOX_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  const ready = new Promise<Running>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not start within 60 s')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      const token = /access_token\s+(\S+)/.exec(text)?.[1];
      const clientId = /client_id\s+(\S+)/.exec(text)?.[1];
      const email = /user_email\s+(\S+)/.exec(text)?.[1];
      if (url && token && clientId && email && text.includes('Console:')) {
        clearTimeout(timer);
        resolvePromise({ url, token, clientId, email, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  return ready;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request over the shared keep-alive agent; the body read whole. */
function send(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(url, { agent, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Closed-loop clients calling `call` until the phase ends; the latency of every call, in ms. */
async function drive(clients: number, call: () => Promise<void>, ms = PHASE_MS): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const began = performance.now();
        await call();
        latencies.push(performance.now() - began);
      }
    }),
  );
  return latencies;
}

export interface LoadFigures {
  reads: Array<{ clients: number; perSecond: number; p99: number; p50: number }>;
  meAlone: { p50: number; p99: number };
  meHammered: { p50: number; p99: number; signIns: number; signInStatuses: Record<string, number> };
}

export async function measureLoad(dir = process.env.LOAD_SANDBOX_DIR ?? resolve(import.meta.dirname, '..')): Promise<LoadFigures> {
  const sandbox = await startSandboxProcess(dir);
  const agent = new Agent({ keepAlive: true, maxSockets: 400 });
  const me = async () => {
    const response = await send(agent, `${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${sandbox.token}` } });
    if (response.status !== 200) throw new Error(`GET /v1/me answered ${response.status}`);
  };
  try {
    await drive(20, me, 1_000); // warm-up
    const reads = [];
    for (const clients of [50, 300]) {
      const latencies = await drive(clients, me);
      reads.push({
        clients,
        perSecond: latencies.length / (PHASE_MS / 1000),
        p99: percentile(latencies, 99),
        p50: percentile(latencies, 50),
      });
    }
    const alone = await drive(10, me);

    // Each guess: a fresh consent page (the old per-page limit never stopped a guesser), then
    // a wrong password, for the demo user or for an email nobody has, in turn.
    const statuses: Record<string, number> = {};
    let signIns = 0;
    let stop = false;
    const query = new URLSearchParams({
      client_id: sandbox.clientId,
      redirect_uri: 'http://localhost:9000/oauth/callback',
      response_type: 'code',
      state: 'load',
    });
    const hammer = async (n: number) => {
      for (let i = 0; !stop; i += 1) {
        const page = await send(agent, `${sandbox.url}/oauth/authorize?${query}`);
        const cookie = [page.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0] ?? '';
        const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
        const email = i % 2 === 0 ? sandbox.email : `load${n}.${i}@example.com`;
        const answer = await send(agent, `${sandbox.url}/oauth/authorize`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ csrf_token: csrf, email, password: `wrong-${n}-${i}`, decision: 'approve' }).toString(),
        });
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        signIns += 1;
        // A busy answer (503) asks to come back: briefly, to keep the pressure on.
        if (answer.status === 503) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const hammering = Array.from({ length: 16 }, (_, n) => hammer(n));
    await new Promise((r) => setTimeout(r, 300));
    const hammered = await drive(10, me);
    stop = true;
    await Promise.all(hammering);
    return {
      reads,
      meAlone: { p50: percentile(alone, 50), p99: percentile(alone, 99) },
      meHammered: { p50: percentile(hammered, 50), p99: percentile(hammered, 99), signIns, signInStatuses: statuses },
    };
  } finally {
    agent.destroy();
    sandbox.child.kill('SIGTERM');
  }
}

export function loadResult(figures: LoadFigures): BenchResult {
  const ratio = figures.meHammered.p99 / figures.meAlone.p99;
  return {
    name: 'p99 of GET /v1/me while sign-ins are hammered',
    value: figures.meHammered.p99,
    unit: 'ms',
    baselineName: 'p99 without the hammering',
    baseline: figures.meAlone.p99,
    ratio,
    target: '≤ 20× (p99 stays in milliseconds)',
    met: ratio <= 20,
    note:
      `reads: ${figures.reads.map((r) => `${r.clients} clients ${fmt(r.perSecond, 0)}/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`).join('; ')}. ` +
      `Hammering: ${figures.meHammered.signIns} sign-ins (${Object.entries(figures.meHammered.signInStatuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(', ')}); ` +
      `/v1/me p50 ${fmt(figures.meAlone.p50)} → ${fmt(figures.meHammered.p50)} ms.`,
  };
}

export function loadTable(figures: LoadFigures): string {
  return [
    '| phase | clients | requests/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...figures.reads.map((r) => `| GET /v1/me | ${r.clients} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} |`),
    `| GET /v1/me alone | 10 | | ${fmt(figures.meAlone.p50)} | ${fmt(figures.meAlone.p99)} |`,
    `| GET /v1/me while 16 clients guess passwords | 10 | | ${fmt(figures.meHammered.p50)} | ${fmt(figures.meHammered.p99)} |`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const figures = await measureLoad();
  console.log(loadTable(figures));
  printResult(loadResult(figures));
}
