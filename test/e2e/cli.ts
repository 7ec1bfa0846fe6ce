// Runs the Zapier CLI (and other Node programs) the way a developer does, on the project's
// pinned Node, and collects what they print.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ZAPIER_CLI = resolve(ROOT, 'node_modules/zapier-platform-cli/src/bin/run');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` with extra environment; resolves when it exits (or is killed at timeoutMs). */
export function runNode(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends whatever the program started too.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** `zapier-platform <args>` in `cwd`. */
export function zapierCli(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 90_000): Promise<Ran> {
  return runNode([ZAPIER_CLI, ...args], { cwd, env, timeoutMs });
}

/** A TCP port that was free a moment ago (for programs that need to be told their port). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

/** The JSON document a CLI printed last (invoke prints its result as pretty JSON). */
export function lastJson(text: string): unknown {
  const start = text.search(/^[[{]/m);
  if (start === -1) throw new Error(`no JSON in output:\n${text}`);
  return JSON.parse(text.slice(start));
}
