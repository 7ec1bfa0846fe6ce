// What a new user meets following the README: `npm start` run a second time while one is
// running, the README's Pic-Time invoke example, and `invoke auth start` on another port.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import App from '../../index.js';
import { runOperation } from '../support/index.js';
import { ROOT, runNode } from './cli.js';
import { startTestSandbox, type TestSandbox } from '../support/index.js';

const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
const DEMO = resolve(ROOT, 'scripts/demo.ts');

describe('npm start over a demo that is running', () => {
  let checkout: string;
  const database = () => join(checkout, '.sandbox/demo.db');

  beforeAll(() => {
    // A checkout whose demo is running: its database, written by the running demo.
    checkout = mkdtempSync(join(tmpdir(), 'studio-demo-'));
    mkdirSync(join(checkout, '.sandbox'));
    writeFileSync(database(), 'the running demo’s data');
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  async function startDemo(env: Record<string, string>) {
    const before = statSync(database());
    const ran = await runNode([TSX, DEMO], { cwd: checkout, env, timeoutMs: 60_000 });
    const after = statSync(database());
    return {
      ...ran,
      untouched:
        readFileSync(database(), 'utf8') === 'the running demo’s data' && after.mtimeMs === before.mtimeMs && after.ino === before.ino,
    };
  }

  it('refuses on a port in use, saying so, before touching the running demo’s database', async () => {
    const taken: Server = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const { port } = taken.address() as { port: number };
    try {
      const ran = await startDemo({ SANDBOX_PORT: String(port) });
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(`Port ${port} is in use`);
      expect(ran.stderr).not.toMatch(/disk I\/O error|SQLITE/);
      expect(ran.untouched).toBe(true);
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
  }, 60_000);

  it('refuses on another port (SANDBOX_PORT=0) while the demo of the same checkout runs, naming it', async () => {
    // The running demo's pid file: this test's own process stands in for it (it is alive).
    writeFileSync(join(checkout, '.sandbox/demo.pid'), JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:4010' }));
    try {
      const ran = await startDemo({ SANDBOX_PORT: '0' });
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(`A demo is already running from this checkout (process ${process.pid}, http://127.0.0.1:4010)`);
      expect(ran.untouched).toBe(true);
      expect(JSON.parse(readFileSync(join(checkout, '.sandbox/demo.pid'), 'utf8'))).toEqual({
        pid: process.pid,
        url: 'http://127.0.0.1:4010',
      });
    } finally {
      rmSync(join(checkout, '.sandbox/demo.pid'), { force: true });
    }
  }, 60_000);
});

describe('the README against a sandbox seeded as the demo is', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('books an invoice with its Pic-Time invoke example, an order the demo itself has not booked', async () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const example = /invoke create import_external_order -i '([^']+)'/.exec(readme);
    expect(example).not.toBeNull();
    const input = JSON.parse(example![1]!) as Record<string, string>;
    const demoReference = /reference: '([^']+)'/.exec(readFileSync(resolve(ROOT, 'scripts/demo.ts'), 'utf8'))![1];
    expect(input.reference).not.toBe(demoReference);

    const run = () =>
      runOperation(App.creates!.import_external_order!.operation.perform, {
        authData: sandbox.authData,
        inputData: input,
      }) as Promise<Record<string, unknown>>;
    const booked = await run();
    expect(booked).toMatchObject({
      source_app: 'pic-time',
      source_reference: input.reference,
      invoice_count: 1,
      invoices_created: 1,
      contact_result: 'matched',
    });
    // "Run either a second time and it books nothing new."
    await expect(run()).resolves.toMatchObject({ invoice_ids: booked.invoice_ids, invoices_created: 0, invoices_reused: 1 });
  }, 60_000);

  it('names the registered return address when invoke auth start uses another port', async () => {
    const url = new URL('/oauth/authorize', sandbox.url);
    for (const [key, value] of Object.entries({
      response_type: 'code',
      client_id: sandbox.studio.client_id,
      redirect_uri: 'http://localhost:9100/oauth/callback',
      state: 's',
      scope: 'jobs:read',
    }))
      url.searchParams.set(key, value);
    const page = await (await fetch(url)).text();
    expect(page).toContain('This return address isn’t registered');
    expect(page).toContain('It registered http://localhost:9000/oauth/callback');
    expect(page).toContain('stop the waiting sign-in (Ctrl-C)');
    expect(page).toContain('zapier-platform invoke auth start --local-port 9000 --redirect-uri http://localhost:9000/oauth/callback');
  }, 30_000);
});
