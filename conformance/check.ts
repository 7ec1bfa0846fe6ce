// What a check is: a small declarative object (its group, its id, what it expects) with a
// `run` that looks at the API and says what it observed, and whether that is the expected.
import type { Context } from './context.js';

/** The groups, in the order they run (OAuth last: its reuse check revokes a token family). */
export const GROUPS = [
  'contract',
  'pagination',
  'filters',
  'idempotency',
  'errors',
  'writes',
  'rate-limits',
  'webhooks',
  'isolation',
  'hardening',
  'oauth',
] as const;
export type Group = (typeof GROUPS)[number];

export type Status = 'pass' | 'fail' | 'skip';

export interface Outcome {
  status: Status;
  /** What the API did; for a skip, why the check could not run. */
  observed: string;
}

export interface Check {
  group: Group;
  /** Unique, stable: `<group>.<name>`; --only and --skip accept it. */
  id: string;
  /** What a conforming API does, in a line. */
  expected: string;
  /** What a backend that fails the check should change, in plain words (default: make it do `expected`). */
  fix?: string;
  /** The whole check's time limit (default: the run's --check-timeout); may depend on the run's options. */
  timeoutMs?: number | ((ctx: Context) => number);
  run(ctx: Context): Promise<Outcome>;
}

export interface Row {
  group: Group;
  check: string;
  expected: string;
  observed: string;
  status: Status;
  ms: number;
  /** For a failed check: what to change in the backend, in plain words. */
  fix?: string;
}

/** A check as its group's list writes it: the group is said once, by defineChecks. */
export type CheckSpec = Omit<Check, 'group'>;

/** A group's checks; `defaults` (a shared time limit) apply to every one. */
export function defineChecks(group: Group, checks: CheckSpec[], defaults: Pick<Check, 'timeoutMs'> = {}): Check[] {
  return checks.map((check) => ({ group, ...defaults, ...check }));
}

export const pass = (observed: string): Outcome => ({ status: 'pass', observed });
export const fail = (observed: string): Outcome => ({ status: 'fail', observed });
export const skip = (reason: string): Outcome => ({ status: 'skip', observed: reason });
export const verdict = (ok: boolean, observed: string): Outcome => ({ status: ok ? 'pass' : 'fail', observed });

/** Thrown inside a check to skip it (a missing precondition found deep in a helper). */
export class SkipCheck extends Error {
  override name = 'SkipCheck';
}

/** Thrown inside a check when the API did something that makes the check fail at once. */
export class CheckFailed extends Error {
  override name = 'CheckFailed';
}
