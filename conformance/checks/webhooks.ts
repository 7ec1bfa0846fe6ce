// Webhooks as the integration's instant triggers receive them: subscribe the kit's receiver,
// make an event happen, check the Standard Webhooks signature with the subscription's secret,
// fail the first attempt on purpose and see the retry come with the same webhook-id, and
// unsubscribe. The receiver lives in ../receiver.ts, the signature check in ../standard-webhooks.ts.
import { exec } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { HookSubscription, StudioEvent } from '../../src/contract/index.js';
import { CheckFailed, defineChecks, fail, skip, SkipCheck, verdict, type Outcome } from '../check.js';
import { receiverRetryAfterSeconds, type Context } from '../context.js';
import { brief, type HttpResponse } from '../http.js';
import { detailFields, envelopeProblem, page, sleep, studioCurrency, subscribe, zodProblem } from '../fixtures.js';
import { deliveryKey, GONE_PREFIX, SLOW_PREFIX, type Delivery } from '../receiver.js';
import { signingKey, verify } from '../standard-webhooks.js';

const MAX_AGE_SECONDS = 5 * 60;
/** The first retry of a failed delivery comes within this many seconds (docs/studio-api.md). */
const FIRST_RETRY_SECONDS = 10;

interface Flow {
  event: string;
  subscribed: HttpResponse;
  hookId: string | null;
  secret: string | null;
  /** Why no event could be made to happen (then the delivery checks skip). */
  noTrigger: string | null;
  first: Delivery | null;
  retry: Delivery | null;
  waitedSeconds: number;
  /** A subscription whose target answers 410 Gone: its delivery, and whether GET /v1/hooks still lists it after. */
  gone: { hookId: string | null; subscribed: HttpResponse; delivery: Delivery | null; stillListed: boolean | null };
  /** A subscription whose target answers the first attempt 429 with Retry-After: that attempt and its retry. */
  slow: { hookId: string | null; subscribed: HttpResponse; retryAfterSeconds: number; first: Delivery | null; retry: Delivery | null };
}

const waitSeconds = (ctx: Context) => ctx.options.webhookWaitSeconds ?? 15;

/** Makes an event happen: on the sandbox an order placed through /_sandbox/orders, elsewhere --trigger-command. */
async function trigger(ctx: Context, event: string): Promise<string | null> {
  if (ctx.options.triggerCommand) {
    const command = ctx.options.triggerCommand;
    return new Promise((resolve) => {
      exec(
        command,
        {
          env: { ...process.env, CONFORMANCE_URL: ctx.options.url, CONFORMANCE_EVENT: event, CONFORMANCE_TAG: ctx.tag },
          timeout: waitSeconds(ctx) * 1000,
        },
        (error, _stdout, stderr) => {
          resolve(error ? `--trigger-command failed: ${(stderr || error.message).trim().slice(0, 200)}` : null);
        },
      );
    });
  }
  if (!ctx.sandbox) return 'no way to make an event happen on this API: pass --trigger-command (and --trigger-event)';
  const placed = await ctx.api('POST', '/_sandbox/orders', {
    json: {
      currency: await studioCurrency(ctx),
      prices_include_tax: true,
      payment_status: 'paid',
      client: { email: `hook.${ctx.tag}@conformance.example.com`, first_name: 'Hook', last_name: ctx.tag },
      lines: [{ description: 'Conformance print', quantity: 1, unit_price: 1200, tax_rate: '20' }],
    },
  });
  return placed.status === 201 ? null : `POST /_sandbox/orders: ${brief(placed)} ${placed.text.slice(0, 120)}`;
}

function flow(ctx: Context): Promise<Flow> {
  return ctx.memo('webhook-flow', async () => {
    const event = ctx.options.triggerCommand ? (ctx.options.triggerEvent ?? 'order.created') : 'order.created';
    const receiver = await ctx.receiver();
    const path = `/hooks/${ctx.tag}`;
    const gonePath = `${GONE_PREFIX}${ctx.tag}`;
    const slowPath = `${SLOW_PREFIX}${ctx.tag}`;
    const { response: subscribed, hookId } = await subscribe(ctx, receiver.url(path), event);
    const gone = await subscribe(ctx, receiver.url(gonePath), event);
    const slow = await subscribe(ctx, receiver.url(slowPath), event);
    const secret = typeof subscribed.body?.secret === 'string' ? (subscribed.body.secret as string) : null;
    const retryAfterSeconds = receiverRetryAfterSeconds(ctx.options);
    const result: Flow = {
      event,
      subscribed,
      hookId,
      secret,
      noTrigger: null,
      first: null,
      retry: null,
      waitedSeconds: waitSeconds(ctx),
      gone: { hookId: gone.hookId, subscribed: gone.response, delivery: null, stillListed: null },
      slow: { hookId: slow.hookId, subscribed: slow.response, retryAfterSeconds, first: null, retry: null },
    };
    if (!hookId && !gone.hookId && !slow.hookId) return result;
    result.noTrigger = await trigger(ctx, event);
    if (result.noTrigger) return result;
    const wait = waitSeconds(ctx) * 1000;
    /** The first delivery to `at`, and the next one with the same webhook-id within `retryWithin` ms. */
    const attempts = async (at: string, retryWithin: number): Promise<[Delivery | null, Delivery | null]> => {
      const ours = (delivery: Delivery) => delivery.path === at || delivery.path.endsWith(at);
      const first = await receiver.waitFor(ours, wait);
      if (!first) return [null, null];
      const key = deliveryKey(first);
      return [
        first,
        await receiver.waitFor((delivery) => ours(delivery) && delivery !== first && deliveryKey(delivery) === key, retryWithin),
      ];
    };
    const goneFlow = async () => {
      if (!gone.hookId) return;
      result.gone.delivery = await receiver.waitFor((delivery) => delivery.path.endsWith(gonePath), wait);
      if (!result.gone.delivery) return;
      // The API may take a moment to act on the 410: look for up to half the wait.
      const until = Date.now() + wait / 2;
      do {
        const hooks = await ctx.api('GET', '/v1/hooks');
        result.gone.stillListed = Array.isArray(hooks.body?.data)
          ? hooks.body.data.some((hook: { id?: unknown }) => hook.id === gone.hookId)
          : null;
        if (result.gone.stillListed === false) return;
        await sleep(250);
      } while (Date.now() < until);
    };
    await Promise.all([
      hookId
        ? attempts(path, wait).then(([first, retry]) => {
            result.first = first;
            result.retry = retry;
          })
        : Promise.resolve(),
      slow.hookId
        ? attempts(slowPath, retryAfterSeconds * 1000 + wait).then(([first, retry]) => {
            result.slow.first = first;
            result.slow.retry = retry;
          })
        : Promise.resolve(),
      goneFlow(),
    ]);
    return result;
  });
}

/** The flow, past subscription and trigger; a skip or failure otherwise. */
async function delivered(ctx: Context): Promise<Flow & { first: Delivery }> {
  const f = await flow(ctx);
  if (!f.hookId) throw new SkipCheck(`no subscription (POST /v1/hooks answered ${brief(f.subscribed)})`);
  if (f.noTrigger) throw new SkipCheck(f.noTrigger);
  if (!f.first)
    throw new CheckFailed(
      `no delivery reached the receiver within ${f.waitedSeconds} s (--webhook-wait): is it reachable from the API? (--webhook-host, --webhook-url)`,
    );
  return f as Flow & { first: Delivery };
}

const timeout = (ctx: Context) => (2 * waitSeconds(ctx) + receiverRetryAfterSeconds(ctx.options) + 10) * 1000;

/** Targets no API may deliver to (judged at subscription: the API never connects to them). */
const FORBIDDEN_TARGETS = [
  ['http://10.0.0.1/hook', 'a private address'],
  ['https://192.168.1.20/hook', 'a private address over https'],
  ['https://169.254.169.254/latest/meta-data', 'the cloud metadata address (link-local)'],
  ['https://[fd00::1]/hook', 'a private IPv6 address'],
  ['http://hooks.conformance.example.com/hook', 'plain http to a public name'],
] as const;

/** A delivery's body parsed; undefined when it is not JSON. */
function parsedBody(delivery: Delivery): unknown {
  try {
    return JSON.parse(delivery.body);
  } catch {
    return undefined;
  }
}

/** Whether a delivery carries a valid signature made with the subscription's secret. */
function signed(f: Flow, delivery: Delivery): Outcome {
  const result = verify(f.secret ?? '', delivery.headers, delivery.body);
  return verdict(result.ok, result.ok ? 'verified' : result.reason);
}

export const webhookChecks = defineChecks(
  'webhooks',
  [
    {
      id: 'webhooks.subscribe',
      expected: 'POST /v1/hooks {target_url, event} → 201 HookSubscription with a secret whsec_<base64>',
      async run(ctx) {
        const f = await flow(ctx);
        if (f.subscribed.status !== 201) {
          const refusedTarget = f.subscribed.status === 422 && (detailFields(f.subscribed) ?? []).includes('target_url');
          const hint = refusedTarget
            ? ` — the API refuses the kit’s receiver ${String((await ctx.receiver()).url('/'))}: put its origin on the API’s test allow-list (docs/studio-api.md, "Webhook targets"), or pass --webhook-url with an https address that reaches it`
            : '';
          return fail(`${brief(f.subscribed)} ${f.subscribed.text.slice(0, 120)}${hint}`);
        }
        const parsed = HookSubscription.safeParse(f.subscribed.body);
        if (!parsed.success) return fail(`201 but ${zodProblem(parsed.error)}`);
        if (!f.secret) return fail('201 without a secret');
        const key = signingKey(f.secret);
        return verdict(
          key !== null && key.length >= 16,
          key ? `${f.hookId}, secret whsec_… (${key.length}-byte key)` : `secret ${f.secret.slice(0, 10)}… is not whsec_<base64>`,
        );
      },
    },
    {
      id: 'webhooks.delivery-headers',
      expected:
        'the delivery is a POST with Content-Type application/json, webhook-id (= the event id), webhook-timestamp (Unix seconds) and webhook-signature',
      async run(ctx) {
        const { first } = await delivered(ctx);
        const h = first.headers;
        const eventId = (parsedBody(first) as { id?: unknown } | undefined)?.id;
        const problems = [
          !/^application\/json\b/i.test(h['content-type'] ?? '') && `Content-Type ${h['content-type'] ?? '(none)'}`,
          !h['webhook-id']
            ? 'no webhook-id'
            : h['webhook-id'] !== eventId && `webhook-id ${h['webhook-id']} is not the event id ${String(eventId)}`,
          !/^\d{1,12}$/.test(h['webhook-timestamp'] ?? '') && `webhook-timestamp ${h['webhook-timestamp'] ?? '(none)'}`,
          !h['webhook-signature'] && 'no webhook-signature',
        ].filter(Boolean);
        const others = Object.keys(h).filter((name) => /^x-.*(signature|timestamp)/i.test(name));
        return verdict(
          problems.length === 0,
          problems.length === 0
            ? `webhook-id ${h['webhook-id']}`
            : `${problems.join('; ')}${others.length ? ` (it sent ${others.join(', ')})` : ''}`,
        );
      },
    },
    {
      id: 'webhooks.signature',
      expected: 'webhook-signature is v1,<base64 HMAC-SHA256 of "id.timestamp.body"> keyed with the secret’s base64-decoded part',
      async run(ctx) {
        const f = await delivered(ctx);
        return signed(f, f.first);
      },
    },
    {
      id: 'webhooks.timestamp-fresh',
      expected: 'webhook-timestamp is within 5 minutes of now',
      async run(ctx) {
        const { first } = await delivered(ctx);
        const stamp = Number(first.headers['webhook-timestamp']);
        if (!Number.isFinite(stamp) || !first.headers['webhook-timestamp'])
          return fail(`webhook-timestamp ${first.headers['webhook-timestamp'] ?? '(none)'}`);
        const skew = Math.round(first.receivedAt / 1000 - stamp);
        return verdict(Math.abs(skew) <= MAX_AGE_SECONDS, `${skew} s from the receiver’s clock`);
      },
    },
    {
      id: 'webhooks.body-is-event',
      expected: 'the body is a StudioEvent of the subscribed type, equal to GET /v1/events/:id',
      async run(ctx) {
        const f = await delivered(ctx);
        const body = parsedBody(f.first);
        if (body === undefined) return fail(`not JSON: ${f.first.body.slice(0, 80)}`);
        const parsed = StudioEvent.safeParse(body);
        if (!parsed.success) return fail(zodProblem(parsed.error));
        if (parsed.data.type !== f.event) return fail(`type ${parsed.data.type}, subscribed to ${f.event}`);
        const listed = await ctx.api('GET', `/v1/events/${parsed.data.id}`);
        if (listed.status !== 200) return fail(`GET /v1/events/${parsed.data.id}: ${brief(listed)}`);
        return verdict(
          isDeepStrictEqual(listed.body, body),
          isDeepStrictEqual(listed.body, body)
            ? `${parsed.data.type} ${parsed.data.id}, as the API lists it`
            : 'differs from GET /v1/events/:id',
        );
      },
    },
    {
      id: 'webhooks.retry-same-id',
      expected: `the receiver answers the first attempt 500: a retry comes within ${FIRST_RETRY_SECONDS} s, with the same webhook-id and body`,
      fix: `Retry a failed delivery with the same webhook-id and body, the first retry within ${FIRST_RETRY_SECONDS} s, then with backoff.`,
      async run(ctx) {
        const f = await delivered(ctx);
        if (!f.retry)
          return fail(
            `no retry within ${f.waitedSeconds} s (--webhook-wait${f.waitedSeconds < FIRST_RETRY_SECONDS ? `; a first retry may take up to ${FIRST_RETRY_SECONDS} s: wait at least that long` : ''})`,
          );
        const sameId = Boolean(f.first.headers['webhook-id']) && f.retry.headers['webhook-id'] === f.first.headers['webhook-id'];
        const sameBody = f.retry.body === f.first.body;
        const soon = f.retry.receivedAt - f.first.receivedAt <= (FIRST_RETRY_SECONDS + 1) * 1000;
        return verdict(
          sameId && sameBody && soon,
          `retry after ${((f.retry.receivedAt - f.first.receivedAt) / 1000).toFixed(1)} s, webhook-id ${sameId ? 'the same' : `${f.first.headers['webhook-id'] ?? '(none)'} → ${f.retry.headers['webhook-id'] ?? '(none)'}`}, body ${sameBody ? 'the same' : 'differs'}`,
        );
      },
    },
    {
      id: 'webhooks.retry-signed',
      expected: 'the retry is signed too (v1 signature over its own webhook-timestamp)',
      async run(ctx) {
        const f = await delivered(ctx);
        if (!f.retry) return fail(`no retry within ${f.waitedSeconds} s`);
        return signed(f, f.retry);
      },
    },
    {
      id: 'webhooks.list',
      expected: 'GET /v1/hooks → a page listing the subscription (id, event, target_url)',
      fix: 'List the studio’s subscriptions at GET /v1/hooks as {data: [HookSubscription], next_cursor}.',
      async run(ctx) {
        const f = await flow(ctx);
        if (!f.hookId) return skip(`no subscription (POST /v1/hooks answered ${brief(f.subscribed)})`);
        const hooks = await page(ctx, ctx.main, '/v1/hooks');
        const listed = hooks.data.find((hook) => hook.id === f.hookId);
        if (!listed) return fail(`${hooks.data.length} subscriptions listed, not ${f.hookId}`);
        const parsed = HookSubscription.safeParse(listed);
        return verdict(
          parsed.success && listed.event === f.event,
          parsed.success ? `${f.hookId} listed (${listed.event})` : zodProblem(parsed.error),
        );
      },
    },
    {
      id: 'webhooks.retry-after-honoured',
      expected: 'the receiver answers a first attempt 429 with Retry-After N: the retry comes no sooner than N seconds later',
      fix: 'When a receiver answers 429 or 503 with Retry-After, schedule the retry no sooner than that (later than the backoff if it asks for more).',
      async run(ctx) {
        const f = await flow(ctx);
        if (!f.slow.hookId) return skip(`no subscription (POST /v1/hooks answered ${brief(f.slow.subscribed)})`);
        if (f.noTrigger) return skip(f.noTrigger);
        if (!f.slow.first) return fail(`no delivery to the 429 target within ${f.waitedSeconds} s`);
        if (!f.slow.retry) return fail(`no retry within ${f.slow.retryAfterSeconds + f.waitedSeconds} s of the 429`);
        const gap = (f.slow.retry.receivedAt - f.slow.first.receivedAt) / 1000;
        // A quarter of a second for the two clocks' reading of one moment.
        return verdict(
          gap >= f.slow.retryAfterSeconds - 0.25,
          `Retry-After ${f.slow.retryAfterSeconds}: the retry came ${gap.toFixed(1)} s later`,
        );
      },
    },
    {
      id: 'webhooks.gone-unsubscribes',
      expected: 'a receiver answering 410 Gone is unsubscribed: GET /v1/hooks no longer lists it, and it gets no retry',
      fix: 'On a 410 Gone from a target, delete the subscription at once and do not retry the delivery.',
      async run(ctx) {
        const f = await flow(ctx);
        if (!f.gone.hookId) return skip(`no subscription (POST /v1/hooks answered ${brief(f.gone.subscribed)})`);
        if (f.noTrigger) return skip(f.noTrigger);
        if (!f.gone.delivery) return fail(`no delivery to the 410 target within ${f.waitedSeconds} s`);
        const receiver = await ctx.receiver();
        const attempts = receiver.deliveries.filter((delivery) => delivery.path === f.gone.delivery!.path).length;
        return verdict(
          f.gone.stillListed === false && attempts === 1,
          `${f.gone.stillListed === false ? 'no longer listed' : f.gone.stillListed ? 'still listed by GET /v1/hooks' : 'GET /v1/hooks did not answer a list'}; ${attempts} attempt${attempts === 1 ? '' : 's'}`,
        );
      },
    },
    {
      id: 'webhooks.private-targets-refused',
      expected: `POST /v1/hooks with a private, link-local or plain-http target (${FORBIDDEN_TARGETS.map(([url]) => url).join(', ')}) → 422 naming target_url each`,
      fix: 'Accept only https targets that resolve to public addresses (allow the kit’s receiver by an allow-list setting, never by opening private ranges): see "Webhook targets".',
      async run(ctx) {
        const wrong: string[] = [];
        for (const [url, what] of FORBIDDEN_TARGETS) {
          const { response, hookId } = await subscribe(ctx, url, 'order.created');
          if (hookId) await ctx.api('DELETE', `/v1/hooks/${hookId}`);
          const fields = detailFields(response) ?? [];
          if (hookId || response.status !== 422 || !fields.includes('target_url')) wrong.push(`${what} (${url}) → ${brief(response)}`);
        }
        return verdict(
          wrong.length === 0,
          wrong.length === 0
            ? `${FORBIDDEN_TARGETS.length} of ${FORBIDDEN_TARGETS.length} refused with 422 naming target_url`
            : wrong.join('; '),
        );
      },
    },
    {
      id: 'webhooks.unsubscribe',
      expected: 'DELETE /v1/hooks/:id → 204; the same DELETE again → 404 not_found',
      async run(ctx) {
        const f = await flow(ctx);
        if (!f.hookId) return skip(`no subscription to delete (POST /v1/hooks answered ${brief(f.subscribed)})`);
        const first = await ctx.api('DELETE', `/v1/hooks/${f.hookId}`);
        const again = await ctx.api('DELETE', `/v1/hooks/${f.hookId}`);
        const problem = envelopeProblem(again, 'not_found');
        return verdict(first.status === 204 && again.status === 404 && !problem, `${brief(first)}, then ${brief(again)}`);
      },
    },
  ],
  { timeoutMs: timeout },
);
