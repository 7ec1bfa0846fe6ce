// `npm run sandbox` as a developer runs it: the first line is the URL, a fresh database gets
// the demo studio with printed credentials that work, a second start keeps the data.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';

// Starting tsx's sandbox takes seconds; on a loaded machine (four busy processes on 2 cores)
// many more, so the limits are generous.
const START_LIMIT_MS = 120_000;
jest.setTimeout(2 * START_LIMIT_MS + 30_000);

const dir = mkdtempSync(join(tmpdir(), 'sandbox-main-'));
const running: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  // Each sandbox is one process (node with tsx's loader, no tsx launcher in between) in its
  // own process group, so a kill reaches whatever it started too.
  for (const child of running) killGroup(child);
  rmSync(dir, { recursive: true, force: true });
});

function killGroup(child: ChildProcessWithoutNullStreams): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

interface Started {
  lines: string[];
  stop(): Promise<number | null>;
}

/** Starts `sandbox/main.ts` (as `npm run sandbox` does) and resolves once it has printed `until`. */
function startMain(env: Record<string, string>, args: string[], until: RegExp): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, SANDBOX_LOG_LEVEL: 'warn', ...env },
    detached: true,
  });
  running.push(child);
  let output = '';
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`sandbox did not start within ${START_LIMIT_MS / 1000} s; output so far:\n${output}`));
    }, START_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (until.test(output)) {
        clearTimeout(timer);
        resolve({ lines: output.split('\n'), stop });
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited early:\n${output}`));
    });
  });
}

function credential(lines: string[], name: string): string {
  const line = lines.find((l) => l.trim().startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in:\n${lines.join('\n')}`);
  return line.trim().split(/\s+/)[1]!;
}

describe('npm run sandbox', () => {
  it.concurrent('prints the URL first, seeds a fresh database with the demo studio, and keeps it on restart', async () => {
    const dbPath = join(dir, 'studio.db');
    const first = await startMain({ SANDBOX_PORT: '0', SANDBOX_DB: dbPath }, ['--scale', '3'], /refresh_token\s+\S+/);
    expect(first.lines[0]).toMatch(/^Studio API sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.lines[1]).toMatch(/Northlight Photography.*\+3 contacts, 30 orders/);
    const url = first.lines[0]!.replace('Studio API sandbox listening on ', '');
    const token = credential(first.lines, 'access_token');
    const me = (await (await fetch(`${url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      studio: { name: string };
    };
    expect(me.studio.name).toBe('Northlight Photography');
    const orders = (await (await fetch(`${url}/v1/orders?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      data: unknown[];
    };
    expect(orders.data).toHaveLength(35);
    expect(await first.stop()).toBe(0);

    const second = await startMain({ SANDBOX_PORT: '0', SANDBOX_DB: dbPath }, [], /already has studios/);
    const secondUrl = second.lines[0]!.replace('Studio API sandbox listening on ', '');
    const again = await fetch(`${secondUrl}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    await second.stop();
  });

  it.concurrent('runs on an in-memory database too', async () => {
    const started = await startMain({ SANDBOX_PORT: '0', SANDBOX_DB: ':memory:' }, [], /access_token\s+\S+/);
    expect(started.lines[0]).toMatch(/^Studio API sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = started.lines[0]!.replace('Studio API sandbox listening on ', '');
    const me = await fetch(`${url}/v1/me`, { headers: { Authorization: `Bearer ${credential(started.lines, 'access_token')}` } });
    expect(me.status).toBe(200);
    // The console's address and the user to sign in as, which its sign-in page accepts.
    expect(started.lines).toContain(
      `Console: ${url}/ (sign in as ${credential(started.lines, 'user_email')} / ${credential(started.lines, 'user_password')})`,
    );
    expect((await fetch(`${url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/console/sign-in');
    await started.stop();
  });
});
