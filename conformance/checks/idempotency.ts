// Idempotency-Key: every create of the integration sends one derived from its inputs, so a
// step Zapier replays gets the first result back instead of a second contact or invoice, and
// of two runs at once one makes the record while the other is told to retry (409 in use).
import { isDeepStrictEqual } from 'node:util';
import { defineChecks, fail, verdict } from '../check.js';
import type { Context } from '../context.js';
import { brief, type HttpResponse } from '../http.js';
import { expectError, invoiceBody, page, studioCurrency } from '../fixtures.js';

interface Exchange {
  key: string;
  body: Record<string, unknown>;
  first: HttpResponse;
  replay: HttpResponse;
  otherBody: HttpResponse;
}

const replayed = (response: HttpResponse) => response.headers.get('idempotent-replayed');

/** POST with a key, the same again, then the same key with another body. */
function contactExchange(ctx: Context): Promise<Exchange> {
  return ctx.memo('idempotency-contact', async () => {
    const key = `${ctx.tag}-contact`;
    const body = { first_name: 'Idem', last_name: ctx.tag, email: `idem.${ctx.tag}@conformance.example.com` };
    const headers = { 'Idempotency-Key': key };
    const first = await ctx.api('POST', '/v1/contacts', { json: body, headers });
    const replay = await ctx.api('POST', '/v1/contacts', { json: body, headers });
    const otherBody = await ctx.api('POST', '/v1/contacts', { json: { ...body, first_name: 'Other' }, headers });
    return { key, body, first, replay, otherBody };
  });
}

export const idempotencyChecks = defineChecks('idempotency', [
  {
    id: 'idempotency.first-request',
    expected: 'POST /v1/contacts with a new Idempotency-Key → 201, without Idempotent-Replayed: true',
    async run(ctx) {
      const { first } = await contactExchange(ctx);
      return verdict(
        first.status === 201 && replayed(first) !== 'true',
        `${brief(first)}, Idempotent-Replayed: ${replayed(first) ?? '(none)'}`,
      );
    },
  },
  {
    id: 'idempotency.replay-same-response',
    expected: 'the same key and body again → the same status and the same body (the same contact id)',
    async run(ctx) {
      const { first, replay } = await contactExchange(ctx);
      if (replay.status !== first.status) return fail(`first ${brief(first)}, replay ${brief(replay)}`);
      return verdict(
        isDeepStrictEqual(replay.body, first.body),
        isDeepStrictEqual(replay.body, first.body)
          ? `${replay.status}, contact ${replay.body?.id} again`
          : `another body: id ${replay.body?.id} vs ${first.body?.id}`,
      );
    },
  },
  {
    id: 'idempotency.replay-header',
    expected: 'the replay carries Idempotent-Replayed: true',
    async run(ctx) {
      const { replay } = await contactExchange(ctx);
      return verdict(replayed(replay) === 'true', `Idempotent-Replayed: ${replayed(replay) ?? '(none)'}`);
    },
  },
  {
    id: 'idempotency.no-second-record',
    expected: 'after the replay the studio has exactly one contact with that email',
    async run(ctx) {
      const { body } = await contactExchange(ctx);
      const found = await page(ctx, ctx.main, '/v1/contacts', { email: String(body.email) });
      return verdict(found.data.length === 1, `${found.data.length} contact${found.data.length === 1 ? '' : 's'}`);
    },
  },
  {
    id: 'idempotency.key-reused',
    expected: 'the same key with another body → 409 idempotency_key_reused (error envelope)',
    async run(ctx) {
      return expectError((await contactExchange(ctx)).otherBody, 409, 'idempotency_key_reused');
    },
  },
  {
    id: 'idempotency.invoice-replay',
    expected: 'POST /v1/invoices twice with one key → the same invoice (same id and number), the second marked replayed',
    async run(ctx) {
      const invoice = invoiceBody(await studioCurrency(ctx), {
        taxRate: '20',
        net: 1000,
        tax: 200,
        total: 1200,
        description: `Conformance ${ctx.tag}`,
      });
      const headers = { 'Idempotency-Key': `${ctx.tag}-invoice` };
      const first = await ctx.api('POST', '/v1/invoices', { json: invoice, headers });
      if (first.status !== 201) return fail(`first POST: ${brief(first)} ${first.text.slice(0, 100)}`);
      const replay = await ctx.api('POST', '/v1/invoices', { json: invoice, headers });
      const same = replay.status === 201 && replay.body?.id === first.body?.id && replay.body?.number === first.body?.number;
      return verdict(
        same && replayed(replay) === 'true',
        `${brief(replay)}, ${replay.body?.id === first.body?.id ? `invoice ${first.body?.id} again` : `a new invoice ${replay.body?.id}`}, Idempotent-Replayed: ${replayed(replay) ?? '(none)'}`,
      );
    },
  },
  {
    id: 'idempotency.concurrent-same-key',
    expected:
      '5 identical POST /v1/contacts at once with one Idempotency-Key → one contact; each answer is that contact (201) or 409 idempotency_key_in_use',
    fix: 'Reserve the Idempotency-Key before doing the work (insert it as running, atomically), and answer a request whose key is running with 409 idempotency_key_in_use and a Retry-After; store the answer when the first one finishes.',
    async run(ctx) {
      const headers = { 'Idempotency-Key': `${ctx.tag}-at-once` };
      const body = { first_name: 'Twins', last_name: ctx.tag, email: `twins.${ctx.tag}@conformance.example.com` };
      const answers = await Promise.all(Array.from({ length: 5 }, () => ctx.api('POST', '/v1/contacts', { json: body, headers })));
      const made = new Set(answers.filter((answer) => answer.status === 201).map((answer) => answer.body?.id));
      const odd = answers.filter((answer) => answer.status !== 201 && expectError(answer, 409, 'idempotency_key_in_use').status !== 'pass');
      const found = await page(ctx, ctx.main, '/v1/contacts', { email: body.email });
      const observed = `answers ${answers.map((answer) => answer.status).join(', ')}; ${made.size} contact id${made.size === 1 ? '' : 's'} answered, ${found.data.length} listed`;
      return verdict(made.size === 1 && odd.length === 0 && found.data.length === 1, observed);
    },
  },
  {
    id: 'idempotency.error-not-stored',
    expected: 'a POST answered with an error (422) is not stored: the same key with a corrected body → 201 (not 409, not the 422 again)',
    fix: 'Store only a 2xx answer under an Idempotency-Key; after a 4xx or 5xx free the key, so the corrected or retried request is processed.',
    async run(ctx) {
      const headers = { 'Idempotency-Key': `${ctx.tag}-error` };
      const first = await ctx.api('POST', '/v1/contacts', { json: { last_name: ctx.tag }, headers });
      if (first.status !== 422) return fail(`the invalid POST (no first_name) → ${brief(first)}`);
      const fixed = await ctx.api('POST', '/v1/contacts', { json: { first_name: 'Fixed', last_name: ctx.tag }, headers });
      return verdict(
        fixed.status === 201 && replayed(fixed) !== 'true',
        `422, then ${brief(fixed)}${replayed(fixed) ? `, Idempotent-Replayed: ${replayed(fixed)}` : ''}`,
      );
    },
  },
  {
    id: 'idempotency.per-studio',
    expected: 'another studio may use the same key for its own request: 201, not a 409 or the first studio’s record',
    async run(ctx) {
      const other = ctx.otherStudio();
      const { key, first } = await contactExchange(ctx);
      const response = await ctx.call(other, 'POST', '/v1/contacts', {
        json: { first_name: 'Keyshare', last_name: ctx.tag },
        headers: { 'Idempotency-Key': key },
      });
      if (response.status !== 201) return fail(brief(response));
      return verdict(
        response.body?.id !== first.body?.id,
        response.body?.id === first.body?.id ? 'the first studio’s contact was returned' : `201, its own contact ${response.body?.id}`,
      );
    },
  },
]);
