// Shared by the reliability suite: a sandbox whose every log line is kept (to be scanned for
// secrets), the app's operations run the way Zapier runs them, the Zapier error a run ended
// with, and the counts that `npm run soak` (SOAK=1) raises.
import { afterAll, expect } from '@jest/globals';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import { startTestSandbox, type ApiCall, type ApiResponse, type TestSandbox } from '../support/sandbox.js';

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

// ---- running operations ----

export type OperationKind = 'trigger' | 'create' | 'search';
const GROUPS = { trigger: 'triggers', create: 'creates', search: 'searches' } as const;
type Holder = { operation: { perform?: unknown; performList?: unknown } };

/** The method Zapier calls: performList of hook triggers, perform of everything else. */
export function methodOf(kind: OperationKind, key: string): string {
  const holder = (App[GROUPS[kind]] as unknown as Record<string, Holder | undefined>)[key];
  if (!holder) throw new Error(`the app has no ${kind} ${key}`);
  return `${GROUPS[kind]}.${key}.operation.${kind === 'trigger' && holder.operation.performList ? 'performList' : 'perform'}`;
}

/** Every key of a kind, from the app itself, so a new operation is covered without a test edit. */
export function keysOf(kind: OperationKind): string[] {
  return Object.keys(App[GROUPS[kind]] ?? {});
}

// zapier-platform-core ends a process that has run 250 invocations while holding more than
// 450 MB, as it would recycle a Lambda; a jest worker holds more than that by itself, and the
// soak run makes thousands of invocations. The limit is read from core's constants on each
// invocation, so it is lifted here for the test process only.
(createRequire(import.meta.url)('zapier-platform-core/src/constants') as { KILL_MAX_LIMIT: number }).KILL_MAX_LIMIT =
  Number.POSITIVE_INFINITY;

type Handler = (event: object) => Promise<{ results: unknown }>;
const handler = (zapier as unknown as { createAppHandler: (app: unknown) => Handler }).createAppHandler(App);

/**
 * Runs an operation through Zapier's own handler (what createAppTester wraps), with
 * in-memory stand-ins for Zapier's cursor and cache services so dropdown triggers can page.
 */
export async function runStep(
  method: string,
  bundle: { authData: Record<string, string>; inputData?: unknown; [field: string]: unknown },
): Promise<unknown> {
  const response = await handler({
    command: 'execute',
    method,
    bundle: { inputData: {}, meta: {}, ...bundle },
    storeKey: `reliability-${method}`,
    cursorTestObj: {},
    zcacheTestObj: {},
  });
  return response.results;
}

// ---- what a failure was ----

export interface ZapierFailure {
  /** AppError (z.errors.Error), HaltedError, ThrottledError, RefreshAuthError, ExpiredAuthError, CheckError, TypeError, … */
  name: string;
  /** The message a Zap builder reads (for AppError and ThrottledError, from their JSON envelope). */
  message: string;
  code?: string;
  status?: number;
  delay?: number;
  /** The error's message as thrown, envelope included. */
  raw: string;
}

export function failureOf(error: unknown): ZapierFailure {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error), raw: String(error) };
  const failure: ZapierFailure = { name: error.name, message: error.message, raw: error.message };
  if (error.name === 'HaltedError') {
    // Its message is shown as written; the code and status ride along as properties.
    const { code, status } = error as Error & { code?: unknown; status?: unknown };
    if (typeof code === 'string') failure.code = code;
    if (typeof status === 'number') failure.status = status;
  }
  if (error.name === 'AppError' || error.name === 'ThrottledError') {
    try {
      const envelope = JSON.parse(error.message) as { message?: unknown; code?: unknown; status?: unknown; delay?: unknown };
      failure.message = typeof envelope.message === 'string' ? envelope.message : String(envelope.message);
      if (typeof envelope.code === 'string') failure.code = envelope.code;
      if (typeof envelope.status === 'number') failure.status = envelope.status;
      if (typeof envelope.delay === 'number') failure.delay = envelope.delay;
    } catch {
      // not an envelope: keep the message as it is
    }
  }
  return failure;
}

/** Runs a step that must fail and returns how it failed (a success is a test failure). */
export async function failureOfStep(step: Promise<unknown>): Promise<ZapierFailure> {
  try {
    const result = await step;
    throw new Error(`expected the step to fail, but it returned ${JSON.stringify(result)?.slice(0, 300)}`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('expected the step to fail')) throw error;
    return failureOf(error);
  }
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

// ---- talking to the sandbox as a studio whose token changes ----

/** An authenticated call with whatever token the studio has now (tokens rotate in these tests). */
export async function apiAs(url: string, token: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
}

let counter = 0;
/** A short unique suffix for names and emails made by a test. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}`;
}

let phones = 0;
/** A UK number reserved for drama (07700 900xxx) that no demo contact has (they use 101–107). */
export function uniquePhone(): string {
  phones += 1;
  return `+44 7700 900${String(200 + (phones % 800)).padStart(3, '0')}`;
}

/** A gallery client places an order with prints at 20% and a photo book at 0%; returns its id. */
export async function placePrintOrder(
  api: ApiCall,
  client: { email: string; first_name: string; last_name: string; phone?: string | null },
): Promise<string> {
  const placed = await api('POST', '/_sandbox/orders', {
    currency: 'GBP',
    prices_include_tax: true,
    payment_status: 'paid',
    client: { phone: null, ...client },
    lines: [
      { description: 'Fine art print 8×10"', quantity: 2, unit_price: 2500, tax_rate: '20' },
      { description: 'Hardback photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
    ],
    shipping: { amount: 495, tax_rate: null },
  });
  if (placed.status !== 201) throw new Error(`placing the order failed: HTTP ${placed.status} ${JSON.stringify(placed.body)}`);
  return placed.body.id as string;
}
