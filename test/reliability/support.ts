// Shared by the reliability suite: a sandbox whose every log line is kept (to be scanned for
// secrets), a watch for leaked secrets, and the counts that `npm run soak` (SOAK=1) raises.
// Running operations and reading failures is the harness's (test/support/index.ts).
import { afterAll, expect } from '@jest/globals';
import { Writable } from 'node:stream';
import { DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS } from '../../sandbox/api/idempotency.js';
import { startTestSandbox, type TestSandbox, useSandbox, type ZapierFailure } from '../support/index.js';

export const SOAK = process.env.SOAK === '1';

/** How many times each create is replayed, how many inputs fuzzing tries per operation. */
export const COUNTS = {
  replays: SOAK ? 1000 : 5,
  concurrentReplays: SOAK ? 50 : 5,
  fuzzRuns: SOAK ? 400 : 12,
  /** Soak puts each fault at every request of every operation; the fast run rotates through them. */
  everyFaultPosition: SOAK,
};

/**
 * A test's time limit from the work it is given: `count` runs of about `msEach` each, with
 * room to spare on a slow shared machine, never under jest's usual 30 s. The soak's counts
 * are bounded, so its tests are too, and each gets the time its count needs.
 */
export function timeFor(count: number, msEach: number): number {
  return Math.max(30_000, count * msEach * 3);
}

/** In a soak, one line per test with the figure it reached (a fast run prints nothing). */
export function reportFigure(what: string, figure: string): void {
  if (SOAK) process.stdout.write(`soak: ${what}: ${figure}\n`);
}

// ---- a sandbox whose Idempotency-Key clock the tests move on ----

const DAY_MS = 24 * 3600 * 1000;

/** Past the keys' lifetime: the next day, and a month later. */
export const AFTER_KEY_EXPIRY = [
  { when: 'the next day', ms: DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS * 1000 + 3600 * 1000 },
  { when: 'a month later', ms: 31 * DAY_MS },
];

/**
 * A sandbox for the file (useSandbox) whose Idempotency-Key clock is real time plus what
 * `keysExpire` has moved it on by, so a replay can come after every key stored so far expired.
 */
export function useSandboxWithKeyClock(): { sandbox: TestSandbox; keysExpire: (ms: number) => void } {
  let offsetMs = 0;
  const sandbox = useSandbox({ idempotencyClock: () => Date.now() + offsetMs });
  return {
    sandbox,
    keysExpire: (ms) => {
      offsetMs += ms;
    },
  };
}

// ---- a sandbox that keeps its logs, and a watch for leaked secrets ----

export interface ReliabilitySandbox extends TestSandbox {
  /** Every line the sandbox logged (pino JSON, level debug) and the app printed (z.console). */
  logLines: string[];
}

/**
 * A test sandbox logging at debug level into memory. The app's own log lines (z.console, which
 * Zapier's runtime prints to the console under test) are kept there too, not printed.
 */
export async function startReliabilitySandbox(): Promise<ReliabilitySandbox> {
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  const printed = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const keep = (...parts: unknown[]) =>
    void logLines.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  Object.assign(console, { log: keep, info: keep, warn: keep, error: keep });
  const sandbox = await startTestSandbox({ logLevel: 'debug', logStream });
  const stop = sandbox.stop;
  return Object.assign(sandbox, {
    logLines,
    stop: async () => {
      Object.assign(console, printed);
      await stop();
    },
  });
}

/**
 * Collects every credential the suite handles (tokens, client secrets, passwords, webhook
 * secrets, signatures) and every error message it sees, so a last test can prove none of
 * the secrets ever reached a log line or an error message.
 */
export class LeakWatch {
  readonly secrets = new Set<string>();
  readonly messages: string[] = [];

  secret(...values: Array<string | null | undefined>): void {
    for (const value of values) if (value && value.length >= 8) this.secrets.add(value);
  }

  credentials(studio: { client_secret?: string; user_password?: string; access_token?: string; refresh_token?: string }): void {
    this.secret(studio.client_secret, studio.user_password, studio.access_token, studio.refresh_token);
  }

  /** Records the failure's message (as thrown and as read) and returns it. */
  saw<T extends ZapierFailure>(failure: T): T {
    this.messages.push(failure.raw, failure.message);
    return failure;
  }

  /** Secrets found in the texts, with where they were found (empty when none leaked). */
  leaks(texts: readonly string[]): Array<{ secret: string; text: string }> {
    const found: Array<{ secret: string; text: string }> = [];
    for (const text of texts) {
      for (const secret of this.secrets) {
        if (text.includes(secret)) found.push({ secret: `${secret.slice(0, 4)}…`, text: text.slice(0, 200) });
      }
    }
    return found;
  }

  /**
   * Registers the file's closing check: once every test in it has run, in whatever order,
   * none of the secrets it saw is in a log line or an error message.
   */
  checkAfterAll(logLines: () => readonly string[]): void {
    afterAll(() => {
      expect(this.leaks([...logLines(), ...this.messages])).toEqual([]);
    });
  }
}
