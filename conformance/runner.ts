// Runs the checks one after the other (some inject faults or wait for deliveries, so never two
// at once), each within its time limit, and turns each outcome into a row of the report.
import { CheckFailed, GROUPS, SkipCheck, type Check, type Group, type Outcome, type Row } from './check.js';
import { buildingBlockChecks } from './checks/building-blocks.js';
import { contractChecks } from './checks/contract.js';
import { errorChecks } from './checks/errors.js';
import { filterChecks } from './checks/filters.js';
import { hardeningChecks } from './checks/hardening.js';
import { idempotencyChecks } from './checks/idempotency.js';
import { isolationChecks } from './checks/isolation.js';
import { oauthChecks } from './checks/oauth.js';
import { paginationChecks } from './checks/pagination.js';
import { rateLimitChecks } from './checks/rate-limits.js';
import { writeChecks } from './checks/writes.js';
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
  ...writeChecks,
  ...rateLimitChecks,
  ...webhookChecks,
  ...isolationChecks,
  ...hardeningChecks,
  ...oauthChecks,
  ...buildingBlockChecks,
].sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));

export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

/** What to change, in plain words, for a failed check that does not say it more precisely. */
const GROUP_FIX: Record<Group, string> = {
  contract: 'Make the answer match its schema in docs/openapi.json (field names, types, and null where a value may be missing).',
  pagination:
    'Page every list as docs/studio-api.md ("Conventions") says: limit (default 25, at most 100), an opaque next_cursor that walks without gaps or repeats, newest first.',
  filters: 'Apply the query filter exactly as docs/studio-api.md ("Endpoints") describes it.',
  idempotency: 'Store and replay POST answers by Idempotency-Key as docs/studio-api.md ("Idempotency") says.',
  errors: 'Answer with the status and error code docs/studio-api.md names, in the {"error": {code, message, details}} envelope.',
  writes: 'Make the write behave as docs/studio-api.md ("Endpoints", "Invoices") says.',
  'rate-limits': 'Limit requests as docs/studio-api.md ("Rate limits") says.',
  webhooks: 'Subscribe and deliver webhooks as docs/studio-api.md ("Webhook delivery", "Webhook targets") says.',
  isolation: 'Scope every read and write to the token’s studio: another studio’s id is a 404 not_found (never a 403) and never listed.',
  hardening:
    'Keep the rules of docs/studio-api.md ("Security rules"): guess limits per account, a configured issuer, webhook targets judged by address, the subscription cap, slow clients cut off.',
  oauth: 'Follow docs/studio-api.md ("OAuth") for this step of the sign-in or the tokens.',
};

/** The checks --only and --skip leave; an unknown group or id is a usage error. */
export function selectChecks(only: string[] | undefined, skipped: string[] | undefined): Check[] {
  const known = new Set<string>([...GROUPS, ...CHECKS.map((check) => check.id)]);
  for (const name of [...(only ?? []), ...(skipped ?? [])]) {
    if (!known.has(name))
      throw new UsageError(`unknown group or check ${JSON.stringify(name)} (groups: ${GROUPS.join(', ')}; --list shows the checks)`);
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
    ctx.notes.unshift(
      ctx.sandbox
        ? `${options.url} is the Studio API sandbox (POST /_sandbox/studios answered): faults and events are made through /_sandbox`
        : `${options.url} is not the sandbox: checks that need /_sandbox are skipped`,
    );
    ctx.notes.push(`run tag ${ctx.tag}; OAuth client from ${ctx.oauth.source}`);
    const rows: Row[] = [];
    for (const check of checks) {
      const started = Date.now();
      const outcome = await runOne(check, ctx, options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
      const row: Row = {
        group: check.group,
        check: check.id,
        expected: check.expected,
        observed: outcome.observed,
        status: outcome.status,
        ms: Date.now() - started,
      };
      if (outcome.status === 'fail') row.fix = check.fix ?? `${GROUP_FIX[check.group]} This check expects: ${check.expected}.`;
      rows.push(row);
      options.progress?.(row);
    }
    if (ctx.throttled.count > 0) {
      ctx.notes.push(
        `${ctx.throttled.count} request${ctx.throttled.count === 1 ? ' was' : 's were'} answered 429 outside the rate-limits group and sent again after Retry-After (${ctx.throttled.seconds} s in all): fine, but a limit this low slows every Zap`,
      );
    }
    return { rows, notes: ctx.notes };
  } finally {
    await ctx.close();
  }
}
