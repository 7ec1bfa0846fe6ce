// Status codes and the error envelope {"error":{code,message,details}}: the integration maps
// each to what a Zap builder sees (not found, fix this field, reconnect, try later).
import { defineChecks, SkipCheck, verdict, type CheckSpec, type Outcome } from '../check.js';
import type { Context } from '../context.js';
import { brief, type HttpResponse } from '../http.js';
import {
  allNotFound,
  detailFields,
  envelopeProblem,
  existing,
  expectError,
  invoiceBody,
  notFoundProblems,
  studioCurrency,
  type Attempt,
} from '../fixtures.js';

/** An id no studio has, of the kind `prefix` names. */
const missing = (ctx: Context, prefix: string) => `${prefix}_missing${ctx.tag.replace(/[^a-z0-9]/g, '')}`;

/** Requests of ids no studio has. */
function unknownIdAttempts(ctx: Context): Attempt[] {
  const attempts: Array<[method: string, path: string]> = [
    ['GET', `/v1/contacts/${missing(ctx, 'con')}`],
    ['GET', `/v1/jobs/${missing(ctx, 'job')}`],
    ['GET', `/v1/jobs/${missing(ctx, 'job')}/shoots`],
    ['GET', `/v1/jobs/${missing(ctx, 'job')}/payments`],
    ['GET', `/v1/galleries/${missing(ctx, 'gal')}`],
    ['GET', `/v1/orders/${missing(ctx, 'ord')}`],
    ['GET', `/v1/invoices/${missing(ctx, 'inv')}`],
    ['GET', `/v1/payments/${missing(ctx, 'pay')}`],
    ['GET', `/v1/events/${missing(ctx, 'evt')}`],
    ['DELETE', `/v1/hooks/${missing(ctx, 'hook')}`],
  ];
  return attempts.map(([method, path]) => ({ method, path, label: `${method} ${path.replace(/_missing\w+/, '_…')}` }));
}

/** 422 with the envelope and details naming `field`. */
const naming =
  (field: string) =>
  (response: HttpResponse): Outcome => {
    const fields = detailFields(response);
    const problem = envelopeProblem(response, null);
    const ok = response.status === 422 && !problem && (fields?.includes(field) ?? false);
    return verdict(
      ok,
      `${brief(response)}${fields ? `, details name ${fields.join(', ') || '(nothing)'}` : response.status === 422 ? ', details is not a list of {field, message}' : ''}${problem && response.status >= 400 ? `; ${problem}` : ''}`,
    );
  };

/** `status` with the envelope of `code` (any code when null). */
const answers = (status: number, code: string | null) => (response: HttpResponse) => expectError(response, status, code);

/** A request that must be refused, and what the refusal must be. */
interface ErrorCase {
  id: string;
  expected: string;
  send(ctx: Context): Promise<HttpResponse>;
  judge(response: HttpResponse): Outcome;
}

const postInvoice = async (ctx: Context, invoice: Parameters<typeof invoiceBody>[1]) =>
  ctx.api('POST', '/v1/invoices', { json: invoiceBody(await studioCurrency(ctx), invoice) });

const CASES: ErrorCase[] = [
  {
    id: 'errors.link-not-found',
    expected:
      'DELETE /v1/jobs/:id/galleries/:gallery_id with a gallery id no gallery has → 404 link_not_found (what is missing is the link)',
    send: async (ctx) => {
      const [job] = await existing(ctx, '/v1/jobs', 'jobs', 1);
      return ctx.api('DELETE', `/v1/jobs/${job.id}/galleries/gal_notlinked${ctx.tag.replace(/[^a-z0-9]/g, '')}`);
    },
    judge: answers(404, 'link_not_found'),
  },
  {
    id: 'errors.unlink-unlinked-gallery',
    expected: 'DELETE /v1/jobs/:id/galleries/:gallery_id of a gallery of the studio that is not linked to the job → 404 link_not_found',
    send: async (ctx) => {
      const jobs = await existing(ctx, '/v1/jobs', 'jobs', 25);
      const linked = new Set(jobs.flatMap((job) => (Array.isArray(job.galleries) ? job.galleries.map((g: { id: string }) => g.id) : [])));
      const galleries = await existing(ctx, '/v1/galleries', 'galleries', 100);
      const job = jobs[0]!;
      const gallery =
        galleries.find((g) => !linked.has(g.id)) ??
        galleries.find((g) => !(job.galleries ?? []).some((l: { id: string }) => l.id === g.id));
      if (!gallery) throw new SkipCheck('every gallery of the studio is linked to the first job');
      return ctx.api('DELETE', `/v1/jobs/${job.id}/galleries/${gallery.id}`);
    },
    judge: answers(404, 'link_not_found'),
  },
  {
    id: 'errors.link-unknown-gallery',
    expected:
      'POST /v1/jobs/:id/galleries with a gallery_id no gallery of the studio has → 404 not_found (the gallery, not the link, is missing)',
    send: async (ctx) => {
      const [job] = await existing(ctx, '/v1/jobs', 'jobs', 1);
      return ctx.api('POST', `/v1/jobs/${job.id}/galleries`, { json: { gallery_id: missing(ctx, 'gal') } });
    },
    judge: answers(404, 'not_found'),
  },
  {
    id: 'errors.missing-field',
    expected: 'POST /v1/contacts {} → 422 with details naming first_name',
    send: (ctx) => ctx.api('POST', '/v1/contacts', { json: {} }),
    judge: naming('first_name'),
  },
  {
    id: 'errors.wrong-type',
    expected: 'POST /v1/contacts {"first_name": 42} → 422 with details naming first_name',
    send: (ctx) => ctx.api('POST', '/v1/contacts', { json: { first_name: 42 } }),
    judge: naming('first_name'),
  },
  {
    id: 'errors.unknown-field',
    expected: 'POST /v1/contacts with an unknown field "nickname" → 422 with details naming nickname (nothing created)',
    send: (ctx) => ctx.api('POST', '/v1/contacts', { json: { first_name: 'Unknown', last_name: ctx.tag, nickname: 'x' } }),
    judge: naming('nickname'),
  },
  {
    id: 'errors.unknown-nested-field',
    expected: 'POST /v1/invoices with an unknown field in a line → 422 with details naming lines.0.colour',
    send: (ctx) => postInvoice(ctx, { taxRate: '0', net: 100, tax: 0, total: 100, description: 'x', line: { colour: 'red' } }),
    judge: naming('lines.0.colour'),
  },
  {
    id: 'errors.invoice-inconsistent',
    expected: 'POST /v1/invoices whose total is not net + tax → 422 naming total',
    send: (ctx) => postInvoice(ctx, { taxRate: '20', net: 1000, tax: 200, total: 1300, description: 'x' }),
    judge: naming('total'),
  },
  {
    id: 'errors.slug-taken',
    expected: 'POST /v1/galleries with a slug the studio uses (on_slug_conflict "error") → 409 slug_taken',
    send: async (ctx) => {
      const [gallery] = await existing(ctx, '/v1/galleries', 'galleries', 1);
      return ctx.api('POST', '/v1/galleries', {
        json: {
          name: `Slug ${ctx.tag}`,
          slug: gallery.slug,
          brand_id: gallery.brand_id,
          preset_id: gallery.preset_id,
          on_slug_conflict: 'error',
        },
      });
    },
    judge: answers(409, 'slug_taken'),
  },
  {
    id: 'errors.no-token',
    expected: 'GET /v1/me without Authorization → 401 with the envelope',
    send: (ctx) => ctx.call(null, 'GET', '/v1/me'),
    judge: answers(401, null),
  },
  {
    id: 'errors.invalid-token',
    expected: 'GET /v1/me with an invalid bearer token → 401 with the envelope',
    send: (ctx) => ctx.call({ label: 'main', token: `invalid-${ctx.tag}` }, 'GET', '/v1/me'),
    judge: answers(401, null),
  },
];

export const errorChecks = defineChecks('errors', [
  {
    id: 'errors.unknown-id',
    expected: 'an unknown id → 404 not_found with the envelope, on every GET /v1/<resource>/:id (and a job’s lists, DELETE /v1/hooks/:id)',
    async run(ctx) {
      const attempts = unknownIdAttempts(ctx);
      return allNotFound(attempts.length, await notFoundProblems(ctx, ctx.main, attempts));
    },
  },
  ...CASES.map(({ id, expected, send, judge }): CheckSpec => ({ id, expected, run: async (ctx) => judge(await send(ctx)) })),
]);
