// 429 (and a busy 503) with Retry-After: the integration hands the delay to Zapier, which
// retries then. A real API's limit can only be provoked by load (--burst N); the sandbox
// injects the answer with POST /_sandbox/faults.
import { defineChecks, fail, skip, verdict, type Outcome } from '../check.js';
import type { Context } from '../context.js';
import { brief, type HttpResponse } from '../http.js';
import { envelopeProblem } from '../fixtures.js';

/** delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterProblem(response: HttpResponse): string | null {
  const value = response.headers.get('retry-after');
  if (value === null) return 'no Retry-After';
  if (/^\d+$/.test(value.trim()) || !Number.isNaN(Date.parse(value))) return null;
  return `Retry-After ${JSON.stringify(value)} is neither seconds nor an HTTP date`;
}

/** Injects one faulty answer on the sandbox, then calls GET /v1/me twice: the fault, then normal. */
async function injected(ctx: Context, status: number, retryAfter: number): Promise<Outcome> {
  const injectedFault = await ctx.api('POST', '/_sandbox/faults', { json: { status, retry_after: retryAfter, count: 1 } });
  if (injectedFault.status !== 201) return fail(`POST /_sandbox/faults: ${brief(injectedFault)}`);
  const faulted = await ctx.api('GET', '/v1/me');
  const after = await ctx.api('GET', '/v1/me');
  const problems = [
    faulted.status !== status && `answered ${brief(faulted)}`,
    retryAfterProblem(faulted),
    faulted.headers.get('retry-after') !== null && faulted.headers.get('retry-after') !== String(retryAfter) && `Retry-After ${faulted.headers.get('retry-after')}, injected ${retryAfter}`,
    envelopeProblem(faulted, null),
    after.status !== 200 && `the next request answered ${brief(after)}`,
  ].filter(Boolean);
  return verdict(problems.length === 0, problems.length === 0 ? `${brief(faulted)}, Retry-After: ${faulted.headers.get('retry-after')}, then 200` : problems.join('; '));
}

export const rateLimitChecks = defineChecks('rate-limits', [
  {
    id: 'rate-limits.429-retry-after',
    expected: 'a 429 carries Retry-After (seconds or an HTTP date) and the error envelope',
    timeoutMs: 60_000,
    async run(ctx) {
      if (ctx.sandbox) return injected(ctx, 429, 2);
      const burst = ctx.options.burst;
      if (!burst) return skip('a 429 cannot be provoked on an API that is not the sandbox without load: pass --burst N to try');
      const responses = await Promise.all(Array.from({ length: burst }, () => ctx.api('GET', '/v1/me')));
      const limited = responses.find((response) => response.status === 429);
      if (!limited) return skip(`no 429 in ${burst} simultaneous requests (${[...new Set(responses.map((r) => r.status))].join(', ')})`);
      const problem = retryAfterProblem(limited) ?? envelopeProblem(limited, null);
      return verdict(!problem, problem ?? `429 after ${responses.indexOf(limited) + 1} of ${burst}, Retry-After: ${limited.headers.get('retry-after')}`);
    },
  },
  {
    id: 'rate-limits.503-retry-after',
    expected: 'a 503 while busy carries Retry-After and the error envelope',
    async run(ctx) {
      if (!ctx.sandbox) return skip('a 503 can only be injected on the sandbox');
      return injected(ctx, 503, 1);
    },
  },
]);
