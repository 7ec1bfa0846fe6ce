// Runs the checks one after the other (some inject faults or wait for deliveries, so never two
// at once), each within its time limit, and turns each outcome into a row of the report.
import { CheckFailed, GROUPS, SkipCheck, type Check, type Outcome, type Row } from './check.js';
import { buildingBlockChecks } from './checks/building-blocks.js';
import { contractChecks } from './checks/contract.js';
import { errorChecks } from './checks/errors.js';
import { filterChecks } from './checks/filters.js';
import { idempotencyChecks } from './checks/idempotency.js';
import { isolationChecks } from './checks/isolation.js';
import { oauthChecks } from './checks/oauth.js';
import { paginationChecks } from './checks/pagination.js';
import { rateLimitChecks } from './checks/rate-limits.js';
import { webhookChecks } from './checks/webhooks.js';
import { Context } from './context.js';
import { UsageError, type ConformanceOptions } from './options.js';

export type { ConformanceOptions } from './options.js';
export type { Row, Status } from './check.js';

/** Every check, in the order of GROUPS. */
export const CHECKS: Check[] = [
  ...contractChecks,
  ...paginationChecks,
  ...filterChecks,
  ...idempotencyChecks,
  ...errorChecks,
  ...rateLimitChecks,
  ...webhookChecks,
  ...isolationChecks,
  ...oauthChecks,
  ...buildingBlockChecks,
].sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));

export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

/** The checks --only and --skip leave; an unknown group or id is a usage error. */
export function selectChecks(only: string[] | undefined, skipped: string[] | undefined): Check[] {
  const known = new Set<string>([...GROUPS, ...CHECKS.map((check) => check.id)]);
  for (const name of [...(only ?? []), ...(skipped ?? [])]) {
    if (!known.has(name)) throw new UsageError(`unknown group or check ${JSON.stringify(name)} (groups: ${GROUPS.join(', ')}; --list shows the checks)`);
  }
  const matches = (check: Check, names: string[]) => names.includes(check.group) || names.includes(check.id);
  return CHECKS.filter((check) => (!only || only.length === 0 || matches(check, only)) && !(skipped && matches(check, skipped)));
}

async function runOne(check: Check, ctx: Context, defaultTimeoutMs: number): Promise<Outcome> {
  const limit = typeof check.timeoutMs === 'function' ? check.timeoutMs(ctx) : (check.timeoutMs ?? defaultTimeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'fail', observed: `no result within ${limit} ms` }), limit);
  });
  try {
    return await Promise.race([check.run(ctx), timedOut]);
  } catch (error) {
    if (error instanceof SkipCheck) return { status: 'skip', observed: error.message };
    if (error instanceof CheckFailed) return { status: 'fail', observed: error.message };
    return { status: 'fail', observed: `the check broke: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

export interface ConformanceResult {
  rows: Row[];
  /** What the kit found out about the API and decided (sandbox or not, studios it made). */
  notes: string[];
}

/** Runs the kit against `options.url`; rows in the order of the checks. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const checks = selectChecks(options.only, options.skip);
  const ctx = new Context(options);
  try {
    await ctx.setUp();
    ctx.notes.unshift(ctx.sandbox ? `${options.url} is the Studio API sandbox (POST /_sandbox/studios answered): faults and events are made through /_sandbox` : `${options.url} is not the sandbox: checks that need /_sandbox are skipped`);
    ctx.notes.push(`run tag ${ctx.tag}; OAuth client from ${ctx.oauth.source}`);
    const rows: Row[] = [];
    for (const check of checks) {
      const started = Date.now();
      const outcome = await runOne(check, ctx, options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
      const row: Row = { group: check.group, check: check.id, expected: check.expected, observed: outcome.observed, status: outcome.status, ms: Date.now() - started };
      rows.push(row);
      options.progress?.(row);
    }
    return { rows, notes: ctx.notes };
  } finally {
    await ctx.close();
  }
}
