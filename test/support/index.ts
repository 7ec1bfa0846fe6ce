// The test harness: read this first. Every test file imports what it needs from here.
//
// Tiers, by file name (jest.config.js runs them all; `npm run test:fast` only the first):
//   *.test.ts               unit and operation tests: no server, no browser, no child process;
//                           the Studio API is played by nock (see api-mock.ts)
//   *.integration.test.ts   start a real sandbox (useSandbox) or another local server/process
//   *.browser.test.ts       drive Chromium (skipped when CHROMIUM_PATH=/nonexistent)
//   test/e2e/               build, validate and invoke the packaged app with Zapier's CLI
//
// The pieces:
//   runOperation(perform, bundle)  runs any operation function of the app (a trigger's
//                                  perform, a create, a search, authentication's test or
//                                  OAuth steps) through Zapier's app tester, typed, no casts
//   invokeApp(method, bundle)      the same through Zapier's own handler by method path
//                                  ("creates.create_contact.operation.perform"), with
//                                  stand-ins for Zapier's cursor and cache services
//   operationsOf(key), methodOf(kind, key), keysOf(kind)   the app's operations by key
//   failureOf(step), readFailure(error)   how a step failed, as a Zap builder reads it
//   atOnce(steps)                         runs steps at once, running again one told its twin is in flight
//   useSandbox(options)            a real sandbox for the file: started on 127.0.0.1, port 0,
//                                  before its tests, stopped after them
//   startTestSandbox, apiAs, unique, placePrintOrder, …   the sandbox by hand (sandbox.ts)
//   API, authData, envelope, page, recordRequests   the mocked Studio API: import them from
//                                  api-mock.ts itself (loading nock turns interception on for
//                                  the file, which a file talking to a real server must not have)
//   delivery, SECRET, nowSeconds   signed webhook deliveries as Zapier hands them to perform
//                                  (deliveries.ts)
//
// Around every file (jest.config.js): environment.cjs (one nock per worker), setup-env.ts
// (known configuration), messages.ts (every message a person sees says what to do within 250
// characters), sequencer.cjs (--randomize shuffles files), and global-setup.cjs /
// global-teardown.cjs (leftovers.cjs: a run that leaves a process or a temporary folder
// behind fails, and what it left is removed).
import { afterAll, beforeAll, expect } from '@jest/globals';
import { createRequire } from 'node:module';
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import { startTestSandbox, type TestSandbox } from './sandbox.js';

export * from './deliveries.js';
export * from './sandbox.js';

// ---- running operations ----

/**
 * What Zapier runs: an operation function of the app (perform, performList, …, authentication's
 * test, OAuth steps) or a request template; core's typings give these as unions of both
 * (`Request | CreatePerform<…>`, `Request | Function`), so any object is taken, as the app
 * tester itself takes it, and undefined (an optional perform) is refused with a message.
 */
export type Step = object | undefined;

/** The bundle of a run; every field optional, as in Zapier's app tester. */
export interface StepBundle {
  authData?: Record<string, string>;
  inputData?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  [field: string]: unknown;
}

declare module 'zapier-platform-core' {
  /** Zapier's runtime entry point (what Lambda and `zapier-platform invoke` call); core's typings leave it out. */
  export const createAppHandler: (app: object) => (event: HandlerEvent) => Promise<{ results: unknown }>;
  export interface HandlerEvent {
    command: 'execute';
    method: string;
    bundle: object;
    storeKey?: string | null;
    rpc_base?: string;
    cursorTestObj?: object;
    zcacheTestObj?: object;
    /** Called with every log line of the invocation, as `zapier-platform invoke` shows them. */
    customLogger?: (message: string, data: Record<string, unknown>) => void;
  }
}

// zapier-platform-core ends a process that has run 250 invocations while holding more than
// 450 MB, as it would recycle a Lambda; a jest worker holds more than that by itself, and a
// property test or the soak run makes hundreds or thousands of invocations. The limit is read from core's constants on each
// invocation, so it is lifted here for the test process only.
(createRequire(import.meta.url)('zapier-platform-core/src/constants') as { KILL_MAX_LIMIT: number }).KILL_MAX_LIMIT =
  Number.POSITIVE_INFINITY;

// The app tester's typings take one operation's own bundle type; tests hand it partial bundles
// of any operation, so it is seen here through the one signature they use. Both are made on
// first use, so a file that only needs the sandbox does not build Zapier's runtime.
type AppTester = (step: NonNullable<Step>, bundle: StepBundle) => Promise<unknown>;
let appTester: AppTester | undefined;
let handler: ReturnType<typeof zapier.createAppHandler> | undefined;

/**
 * Runs an operation function as Zapier would (middleware, bundle cleaning, logging) and
 * resolves with what it returned; `T` is the shape the test reads (the app tester's result).
 */
export async function runOperation<T = unknown>(step: Step, bundle: StepBundle = {}): Promise<T> {
  if (step === undefined) throw new Error('runOperation: the app has no such operation (its perform is undefined)');
  appTester ??= zapier.createAppTester(App) as AppTester;
  return (await appTester(step, bundle)) as T;
}

/**
 * Runs an operation by its method path through Zapier's own handler (what the app tester
 * wraps), with in-memory stand-ins for Zapier's cursor and cache services unless `rpc_base`
 * points at a stand-in of Zapier's RPC service. Resolves with the results.
 */
export async function invokeApp<T = unknown>(
  method: string,
  bundle: StepBundle,
  options: { storeKey?: string; rpc_base?: string; logger?: (message: string, data: Record<string, unknown>) => void } = {},
): Promise<T> {
  handler ??= zapier.createAppHandler(App);
  const { results } = await handler({
    command: 'execute',
    method,
    bundle: { inputData: {}, meta: {}, ...bundle },
    storeKey: options.storeKey ?? `test-${method}`,
    ...(options.rpc_base ? { rpc_base: options.rpc_base } : { cursorTestObj: {}, zcacheTestObj: {} }),
    ...(options.logger ? { customLogger: options.logger } : {}),
  });
  return results as T;
}

export type OperationKind = 'trigger' | 'create' | 'search';
const GROUPS = { trigger: 'triggers', create: 'creates', search: 'searches' } as const;

type Operations = Record<string, { operation: TriggerOperations } | undefined>;
const groupOf = (kind: OperationKind): Operations => App[GROUPS[kind]] ?? {};

/** A trigger's operation functions (perform, performList, performSubscribe, …), to hand to runOperation. */
export function operationsOf(key: string): TriggerOperations {
  const trigger = groupOf('trigger')[key];
  if (!trigger) throw new Error(`the app has no trigger ${key}`);
  return trigger.operation;
}

export interface TriggerOperations {
  perform?: Step;
  performList?: Step;
  performSubscribe?: Step;
  performUnsubscribe?: Step;
}

/** The method Zapier calls: performList of hook triggers, perform of everything else. */
export function methodOf(kind: OperationKind, key: string): string {
  const holder = groupOf(kind)[key];
  if (!holder) throw new Error(`the app has no ${kind} ${key}`);
  return `${GROUPS[kind]}.${key}.operation.${kind === 'trigger' && holder.operation.performList ? 'performList' : 'perform'}`;
}

/** Every key of a kind, from the app itself, so a new operation is covered without a test edit. */
export function keysOf(kind: OperationKind): string[] {
  return Object.keys(groupOf(kind));
}

// ---- how a step failed ----

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

/**
 * The error a step threw, read the way Zapier shows it: a HaltedError (and an error with its
 * text beside its code) carries the message as written, the code and status as properties;
 * AppError and ThrottledError carry a JSON envelope in their message.
 */
export function readFailure(error: unknown): ZapierFailure {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error), raw: String(error) };
  const failure: ZapierFailure = { name: error.name, message: error.message, raw: error.message };
  const { code, status, text } = error as Error & { code?: unknown; status?: unknown; text?: unknown };
  if (typeof code === 'string') failure.code = code;
  if (typeof status === 'number') failure.status = status;
  if (typeof code === 'string' && typeof text === 'string') {
    failure.message = text;
    return failure;
  }
  try {
    const envelope = JSON.parse(error.message) as { message?: unknown; code?: unknown; status?: unknown; delay?: unknown };
    if (envelope && typeof envelope === 'object' && 'message' in envelope) {
      failure.message = typeof envelope.message === 'string' ? envelope.message : String(envelope.message);
      if (typeof envelope.code === 'string') failure.code = envelope.code;
      if (typeof envelope.status === 'number') failure.status = envelope.status;
      if (typeof envelope.delay === 'number') failure.delay = envelope.delay;
    }
  } catch {
    // not an envelope: the message as it is
  }
  return failure;
}

/** Runs a step that must fail and returns how it failed (a success fails the test). */
export async function failureOf(step: Promise<unknown>): Promise<ZapierFailure> {
  let result: unknown;
  try {
    result = await step;
  } catch (error) {
    return readFailure(error);
  }
  throw new Error(`expected the step to fail, but it returned ${JSON.stringify(result)?.slice(0, 300)}`);
}

/**
 * Runs the steps at once, as two Zap runs on one trigger do. A run told that a twin is still in
 * flight (the API's idempotency_key_in_use, a ThrottledError for Zapier) is run again, as
 * Zapier does after Retry-After; any other failure fails the test.
 */
export async function atOnce<T>(steps: Array<() => Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(steps.map((step) => step()));
  const outputs: T[] = [];
  for (const [i, outcome] of settled.entries()) {
    if (outcome.status === 'fulfilled') {
      outputs.push(outcome.value);
      continue;
    }
    const failure = readFailure(outcome.reason);
    expect({ name: failure.name, message: failure.message }).toMatchObject({ name: 'ThrottledError' });
    outputs.push(await steps[i]!());
  }
  return outputs;
}

// ---- a sandbox for the file ----

/** How long a sandbox may take to start or stop: generous, so a loaded machine (4 busy processes on 2 cores) passes. */
export const SANDBOX_LIMIT_MS = 120_000;

/**
 * A real sandbox for the test file (or describe block) that calls it: started in beforeAll on
 * 127.0.0.1, port 0, with an in-memory database and the demo studio (see sandbox.ts), and
 * stopped in afterAll whatever the tests did. The returned object is the running sandbox from
 * beforeAll on; reading it earlier (at the top level of the file) throws.
 *
 *   const sandbox = useSandbox();
 *   it('…', async () => { await runOperation(perform, { authData: sandbox.authData, inputData }) });
 */
export function useSandbox(options: Parameters<typeof startTestSandbox>[0] = {}): TestSandbox {
  let running: TestSandbox | undefined;
  beforeAll(async () => {
    running = await startTestSandbox(options);
  }, SANDBOX_LIMIT_MS);
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  }, SANDBOX_LIMIT_MS);
  return new Proxy<TestSandbox>({} as TestSandbox, {
    get(_target, key) {
      if (!running) throw new Error(`useSandbox(): the sandbox runs from beforeAll to afterAll; "${String(key)}" was read outside them`);
      return Reflect.get(running, key);
    },
  });
}
