// Rate limits (docs/studio-api.md, "Rate limits"): every /v1 answer says where the studio
// stands (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset), and a request over the limit
// is a 429 with Retry-After, which the integration hands to Zapier to retry then. The kit
// spends the budget on purpose (GET /v1/me, RateLimit-Remaining + 1 times), checks the 429,
// then waits Retry-After out so that the groups after it are not throttled. An API with no
// limit at all fails: one Zap stuck in a loop could then take the API down for every studio.
import { defineChecks, fail, skip, verdict, type Outcome } from '../check.js';
import type { Context } from '../context.js';
import { brief, retryAfterSeconds, type HttpResponse } from '../http.js';
import { envelopeProblem, sleep } from '../fixtures.js';

/** Requests sent at once while spending the budget. */
const CONCURRENCY = 20;
/** The longest Retry-After the group waits out before moving on. */
const MAX_RECOVERY_SECONDS = 120;

interface Limits {
  limit: number;
  remaining: number;
  reset: number;
}

/** RateLimit-Limit/-Remaining/-Reset as numbers; null (and why) when any is missing or not a number. */
function limitsOf(response: HttpResponse): { limits: Limits | null; problem: string | null } {
  const read = (name: string) => {
    const value = response.headers.get(name);
    return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
  };
  const limit = read('ratelimit-limit');
  const remaining = read('ratelimit-remaining');
  const reset = read('ratelimit-reset');
  const missing = [
    limit === null && 'RateLimit-Limit',
    remaining === null && 'RateLimit-Remaining',
    reset === null && 'RateLimit-Reset',
  ].filter(Boolean);
  if (missing.length > 0) return { limits: null, problem: `no ${missing.join(', ')} (a whole number of requests / seconds)` };
  return { limits: { limit: limit!, remaining: remaining!, reset: reset! }, problem: null };
}

/** delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterProblem(response: HttpResponse): string | null {
  const value = response.headers.get('retry-after');
  if (value === null) return 'no Retry-After';
  return retryAfterSeconds(value) === null ? `Retry-After ${JSON.stringify(value)} is neither seconds nor an HTTP date` : null;
}

interface Spent {
  /** The headers of the first GET /v1/me. */
  first: HttpResponse;
  sent: number;
  limited: HttpResponse | null;
}

/** Spends the studio's budget once per run, until a 429 (or --burst requests). */
function spend(ctx: Context): Promise<Spent> {
  return ctx.memo('rate-limit-burst', async () => {
    const first = await ctx.api('GET', '/v1/me', { raw: true });
    const cap = ctx.options.burst ?? 1000;
    let sent = 0;
    let limited: HttpResponse | null = first.status === 429 ? first : null;
    // What the API last said is left; a window that ends mid-burst starts a fresh budget, which
    // the headers then show, so the kit keeps going (up to the cap) rather than stopping short.
    let remaining = limitsOf(first).limits?.remaining ?? null;
    while (!limited && sent < cap) {
      const batch = Math.min(CONCURRENCY, cap - sent, remaining === null ? cap : remaining + 1);
      const responses = await Promise.all(Array.from({ length: batch }, () => ctx.api('GET', '/v1/me', { raw: true })));
      sent += batch;
      limited = responses.find((response) => response.status === 429) ?? null;
      const left = responses
        .map((response) => limitsOf(response).limits?.remaining)
        .filter((value): value is number => value !== undefined);
      remaining = left.length > 0 ? Math.min(...left) : null;
    }
    return { first, sent, limited };
  });
}

/** After the 429: Retry-After waited out (at most MAX_RECOVERY_SECONDS), and a request made then. */
function recover(ctx: Context): Promise<{ limited: HttpResponse | null; waitedSeconds: number; after: HttpResponse | null }> {
  return ctx.memo('rate-limit-recovery', async () => {
    const { limited } = await spend(ctx);
    if (!limited) return { limited, waitedSeconds: 0, after: null };
    const seconds = Math.min(
      retryAfterSeconds(limited.headers.get('retry-after')) ?? limitsOf(limited).limits?.reset ?? 1,
      MAX_RECOVERY_SECONDS,
    );
    await sleep(seconds * 1000 + 250);
    return { limited, waitedSeconds: seconds, after: await ctx.api('GET', '/v1/me', { raw: true }) };
  });
}

/** Injects one faulty answer on the sandbox, then calls GET /v1/me twice: the fault, then normal. */
async function injected(ctx: Context, status: number, retryAfter: number): Promise<Outcome> {
  const injectedFault = await ctx.api('POST', '/_sandbox/faults', { json: { status, retry_after: retryAfter, count: 1 } });
  if (injectedFault.status !== 201) return fail(`POST /_sandbox/faults: ${brief(injectedFault)}`);
  const faulted = await ctx.api('GET', '/v1/me', { raw: true });
  const after = await ctx.api('GET', '/v1/me', { raw: true });
  const problems = [
    faulted.status !== status && `answered ${brief(faulted)}`,
    retryAfterProblem(faulted),
    envelopeProblem(faulted, null),
    after.status !== 200 && `the next request answered ${brief(after)}`,
  ].filter(Boolean);
  return verdict(
    problems.length === 0,
    problems.length === 0 ? `${brief(faulted)}, Retry-After: ${faulted.headers.get('retry-after')}, then 200` : problems.join('; '),
  );
}

const MAX_WAIT_MS = (MAX_RECOVERY_SECONDS + 60) * 1000;
/** Time for the burst itself (up to --burst requests, CONCURRENCY at a time). */
const BURST_MS = 120_000;

export const rateLimitChecks = defineChecks('rate-limits', [
  {
    id: 'rate-limits.headers',
    expected:
      'every answer to a /v1 request with a valid token carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (whole numbers: requests, requests, seconds)',
    fix: 'Limit each studio’s requests per time window and send the three RateLimit-* headers on every answer to a /v1 request with a valid token (docs/studio-api.md, "Rate limits").',
    timeoutMs: BURST_MS,
    async run(ctx) {
      const { first } = await spend(ctx);
      const { limits, problem } = limitsOf(first);
      if (!limits) return fail(`GET /v1/me → ${brief(first)} with ${problem}: the API states no rate limit`);
      return verdict(
        limits.remaining <= limits.limit,
        `limit ${limits.limit}, ${limits.remaining} remaining, window resets in ${limits.reset} s`,
      );
    },
  },
  {
    id: 'rate-limits.429-retry-after',
    expected:
      'past the limit (RateLimit-Remaining + 1 requests) → 429 rate_limited with Retry-After (seconds or an HTTP date) and the error envelope',
    fix: 'Answer a request over the studio’s limit with 429, code rate_limited, and Retry-After; an API without any limit fails here.',
    timeoutMs: BURST_MS,
    async run(ctx) {
      const { first, sent, limited } = await spend(ctx);
      if (!limited) {
        const stated = limitsOf(first).limits;
        return fail(
          `no 429 after ${sent} requests${stated ? ` (RateLimit-Remaining said ${stated.remaining} at the start)` : ' (and no RateLimit headers)'}: the API has no rate limit${ctx.options.burst ? ` of ${ctx.options.burst} requests or fewer (--burst)` : ', or one above 1000 requests (raise --burst)'}`,
        );
      }
      const problem = retryAfterProblem(limited) ?? envelopeProblem(limited, 'rate_limited');
      return verdict(!problem, problem ?? `429 after ${sent} requests, Retry-After: ${limited.headers.get('retry-after')}`);
    },
  },
  {
    id: 'rate-limits.recovers',
    expected: 'after waiting out Retry-After, GET /v1/me → 200 (the kit waits it out before the next group)',
    fix: 'Let a studio’s requests through again once the Retry-After it was given has passed.',
    timeoutMs: BURST_MS + MAX_WAIT_MS,
    async run(ctx) {
      const { limited, waitedSeconds, after } = await recover(ctx);
      if (!limited || !after) return skip('no 429 to recover from (see rate-limits.429-retry-after)');
      return verdict(after.status === 200, `waited ${waitedSeconds} s, then ${brief(after)}`);
    },
  },
  {
    id: 'rate-limits.503-retry-after',
    expected: 'a 503 while busy carries Retry-After and the error envelope',
    async run(ctx) {
      if (!ctx.sandbox) return skip('a 503 cannot be provoked from outside; docs/studio-api.md ("Rate limits") states what one must carry');
      return injected(ctx, 503, 1);
    },
  },
]);
