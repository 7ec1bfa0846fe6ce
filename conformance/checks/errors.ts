// Status codes and the error envelope {"error":{code,message,details}}: the integration maps
// each to what a Zap builder sees (not found, fix this field, reconnect, try later).
import { verdict, type Check } from '../check.js';
import type { Context } from '../context.js';
import { brief, type HttpResponse } from '../http.js';
import { detailFields, envelopeProblem, existing, studioCurrency } from '../fixtures.js';

/** Paths with an id no studio has. */
function unknownIdPaths(ctx: Context): Array<[method: string, path: string]> {
  const missing = (prefix: string) => `${prefix}_missing${ctx.tag.replace(/[^a-z0-9]/g, '')}`;
  return [
    ['GET', `/v1/contacts/${missing('con')}`],
    ['GET', `/v1/jobs/${missing('job')}`],
    ['GET', `/v1/jobs/${missing('job')}/shoots`],
    ['GET', `/v1/jobs/${missing('job')}/payments`],
    ['GET', `/v1/galleries/${missing('gal')}`],
    ['GET', `/v1/orders/${missing('ord')}`],
    ['GET', `/v1/invoices/${missing('inv')}`],
    ['GET', `/v1/payments/${missing('pay')}`],
    ['GET', `/v1/events/${missing('evt')}`],
    ['DELETE', `/v1/hooks/${missing('hook')}`],
  ];
}

/** 422 with the envelope and details naming `field`. */
function expect422(response: HttpResponse, field: string): { ok: boolean; observed: string } {
  const fields = detailFields(response);
  const problem = envelopeProblem(response, null);
  const ok = response.status === 422 && !problem && fields !== null && fields.includes(field);
  return { ok, observed: `${brief(response)}${fields ? `, details name ${fields.join(', ') || '(nothing)'}` : response.status === 422 ? ', details is not a list of {field, message}' : ''}${problem && response.status >= 400 ? `; ${problem}` : ''}` };
}

export const errorChecks: Check[] = [
  {
    group: 'errors',
    id: 'errors.unknown-id',
    expected: 'an unknown id → 404 not_found with the envelope, on every GET /v1/<resource>/:id (and a job’s lists, DELETE /v1/hooks/:id)',
    async run(ctx) {
      const wrong: string[] = [];
      for (const [method, path] of unknownIdPaths(ctx)) {
        const response = await ctx.api(method, path);
        const problem = envelopeProblem(response, 'not_found');
        if (response.status !== 404 || problem) wrong.push(`${method} ${path.replace(/_missing\w+/, '_…')} → ${brief(response)}`);
      }
      return verdict(wrong.length === 0, wrong.length === 0 ? `${unknownIdPaths(ctx).length} of ${unknownIdPaths(ctx).length} answered 404 not_found` : wrong.join('; '));
    },
  },
  {
    group: 'errors',
    id: 'errors.link-not-found',
    expected: 'DELETE /v1/jobs/:id/galleries/:gallery_id of a gallery not linked → 404 link_not_found',
    async run(ctx) {
      const [job] = await existing(ctx, '/v1/jobs', 'jobs', 1);
      const response = await ctx.api('DELETE', `/v1/jobs/${job.id}/galleries/gal_notlinked${ctx.tag.replace(/[^a-z0-9]/g, '')}`);
      const problem = envelopeProblem(response, 'link_not_found');
      return verdict(response.status === 404 && !problem, `${brief(response)}${problem && response.status === 404 ? `; ${problem}` : ''}`);
    },
  },
  {
    group: 'errors',
    id: 'errors.missing-field',
    expected: 'POST /v1/contacts {} → 422 with details naming first_name',
    async run(ctx) {
      const { ok, observed } = expect422(await ctx.api('POST', '/v1/contacts', { json: {} }), 'first_name');
      return verdict(ok, observed);
    },
  },
  {
    group: 'errors',
    id: 'errors.wrong-type',
    expected: 'POST /v1/contacts {"first_name": 42} → 422 with details naming first_name',
    async run(ctx) {
      const { ok, observed } = expect422(await ctx.api('POST', '/v1/contacts', { json: { first_name: 42 } }), 'first_name');
      return verdict(ok, observed);
    },
  },
  {
    group: 'errors',
    id: 'errors.unknown-field',
    expected: 'POST /v1/contacts with an unknown field "nickname" → 422 with details naming nickname (nothing created)',
    async run(ctx) {
      const { ok, observed } = expect422(await ctx.api('POST', '/v1/contacts', { json: { first_name: 'Unknown', last_name: ctx.tag, nickname: 'x' } }), 'nickname');
      return verdict(ok, observed);
    },
  },
  {
    group: 'errors',
    id: 'errors.unknown-nested-field',
    expected: 'POST /v1/invoices with an unknown field in a line → 422 with details naming lines.0.colour',
    async run(ctx) {
      const currency = await studioCurrency(ctx);
      const response = await ctx.api('POST', '/v1/invoices', {
        json: { tax_rate: '0', currency, prices_include_tax: false, net: 100, tax: 0, total: 100, status: 'open', lines: [{ kind: 'goods', description: 'x', quantity: 1, amount: 100, tax: 0, colour: 'red' }] },
      });
      const { ok, observed } = expect422(response, 'lines.0.colour');
      return verdict(ok, observed);
    },
  },
  {
    group: 'errors',
    id: 'errors.invoice-inconsistent',
    expected: 'POST /v1/invoices whose total is not net + tax → 422 naming total',
    async run(ctx) {
      const currency = await studioCurrency(ctx);
      const response = await ctx.api('POST', '/v1/invoices', {
        json: { tax_rate: '20', currency, prices_include_tax: false, net: 1000, tax: 200, total: 1300, status: 'open', lines: [{ kind: 'goods', description: 'x', quantity: 1, amount: 1000, tax: 200 }] },
      });
      const { ok, observed } = expect422(response, 'total');
      return verdict(ok, observed);
    },
  },
  {
    group: 'errors',
    id: 'errors.slug-taken',
    expected: 'POST /v1/galleries with a slug the studio uses (on_slug_conflict "error") → 409 slug_taken',
    async run(ctx) {
      const [gallery] = await existing(ctx, '/v1/galleries', 'galleries', 1);
      const response = await ctx.api('POST', '/v1/galleries', { json: { name: `Slug ${ctx.tag}`, slug: gallery.slug, brand_id: gallery.brand_id, preset_id: gallery.preset_id, on_slug_conflict: 'error' } });
      const problem = envelopeProblem(response, 'slug_taken');
      return verdict(response.status === 409 && !problem, `${brief(response)}${problem && response.status === 409 ? `; ${problem}` : ''}`);
    },
  },
  {
    group: 'errors',
    id: 'errors.no-token',
    expected: 'GET /v1/me without Authorization → 401 with the envelope',
    async run(ctx) {
      const response = await ctx.call(null, 'GET', '/v1/me');
      const problem = envelopeProblem(response, null);
      return verdict(response.status === 401 && !problem, `${brief(response)}${problem ? `; ${problem}` : ''}`);
    },
  },
  {
    group: 'errors',
    id: 'errors.invalid-token',
    expected: 'GET /v1/me with an invalid bearer token → 401 with the envelope',
    async run(ctx) {
      const response = await ctx.call({ label: 'main', token: `invalid-${ctx.tag}` }, 'GET', '/v1/me');
      const problem = envelopeProblem(response, null);
      return verdict(response.status === 401 && !problem, `${brief(response)}${problem ? `; ${problem}` : ''}`);
    },
  },
];
