// Studio isolation: one studio's token never reaches another studio's records. Another studio's
// id is a 404 not_found, exactly like an unknown one (a 403 would confirm that the id exists),
// and its lists never show them.
import { defineChecks, skip, verdict } from '../check.js';
import type { Context } from '../context.js';
import { brief } from '../http.js';
import { allNotFound, createContact, detailFields, notFoundProblems, page, subscribe, type Attempt } from '../fixtures.js';

interface Records {
  contactId: string;
  contactEmail: string;
  jobId: string | null;
  jobContactId: string | null;
  galleryId: string | null;
  brandId: string | null;
  presetId: string | null;
  orderId: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  eventId: string | null;
  hookId: string | null;
}

/** The main studio's records: one contact and one hook made now, the rest the first of each list. */
function records(ctx: Context): Promise<Records> {
  return ctx.memo('isolation-records', async () => {
    const email = `iso.${ctx.tag}@conformance.example.com`;
    const contact = await createContact(ctx, { first_name: 'Iso', last_name: ctx.tag, email });
    const first = async (path: string) => (await page(ctx, ctx.main, path, { limit: 1 })).data[0] ?? null;
    const [job, gallery, order, invoice, payment, event, brand, preset] = [
      await first('/v1/jobs'),
      await first('/v1/galleries'),
      await first('/v1/orders'),
      await first('/v1/invoices'),
      await first('/v1/payments'),
      await first('/v1/events'),
      await first('/v1/brands'),
      await first('/v1/gallery-presets'),
    ];
    const receiver = await ctx.receiver();
    const { hookId } = await subscribe(ctx, receiver.url(`/isolation/${ctx.tag}`), 'payment.received');
    return {
      contactId: contact.id,
      contactEmail: email,
      jobId: job?.id ?? null,
      jobContactId: job?.contact_id ?? null,
      galleryId: gallery?.id ?? null,
      brandId: gallery?.brand_id ?? brand?.id ?? null,
      presetId: gallery?.preset_id ?? preset?.id ?? null,
      orderId: order?.id ?? null,
      invoiceId: invoice?.id ?? null,
      paymentId: payment?.id ?? null,
      eventId: event?.id ?? null,
      hookId,
    };
  });
}

export const isolationChecks = defineChecks('isolation', [
  {
    id: 'isolation.read-404',
    expected:
      'the other studio’s token on this studio’s ids (contact, job, its shoots, gallery, order, invoice, payment, event) → 404 not_found, never 403',
    async run(ctx) {
      const other = ctx.otherStudio();
      const r = await records(ctx);
      const paths = [
        `/v1/contacts/${r.contactId}`,
        r.jobId && `/v1/jobs/${r.jobId}`,
        r.jobId && `/v1/jobs/${r.jobId}/shoots`,
        r.galleryId && `/v1/galleries/${r.galleryId}`,
        r.orderId && `/v1/orders/${r.orderId}`,
        r.invoiceId && `/v1/invoices/${r.invoiceId}`,
        r.paymentId && `/v1/payments/${r.paymentId}`,
        r.eventId && `/v1/events/${r.eventId}`,
      ].filter((path): path is string => Boolean(path));
      return allNotFound(
        paths.length,
        await notFoundProblems(
          ctx,
          other,
          paths.map((path) => ({ method: 'GET', path, label: path })),
        ),
      );
    },
  },
  {
    id: 'isolation.lists',
    expected: 'the other studio’s lists, filtered by this studio’s email and ids, show none of this studio’s records',
    async run(ctx) {
      const other = ctx.otherStudio();
      const r = await records(ctx);
      const mine = new Set([r.contactId, r.jobId, r.galleryId, r.orderId, r.invoiceId, r.paymentId, r.eventId, r.hookId].filter(Boolean));
      // A filter by a record this studio does not have is left out.
      const queries = (
        [
          ['/v1/contacts', { email: r.contactEmail }],
          ['/v1/contacts', { q: ctx.tag }],
          ['/v1/events', { limit: '100' }],
          ['/v1/hooks', {}],
          ['/v1/jobs', { contact_id: r.jobContactId }],
          ['/v1/shoots', { contact_id: r.jobContactId }],
          ['/v1/galleries', { job_id: r.jobId }],
          ['/v1/payments', { job_id: r.jobId }],
          ['/v1/invoices', { job_id: r.jobId }],
          ['/v1/orders', { gallery_id: r.galleryId }],
          ['/v1/invoices', { order_id: r.orderId }],
        ] as Array<[string, Record<string, string | null>]>
      ).filter((entry): entry is [string, Record<string, string>] => Object.values(entry[1]).every((value) => value !== null));
      const leaks: string[] = [];
      for (const [path, query] of queries) {
        const response = await ctx.call(other, 'GET', path, { query });
        const shown = `${path}?${new URLSearchParams(query)}`;
        if (response.status !== 200 || !Array.isArray(response.body?.data)) {
          leaks.push(`${shown} → ${brief(response)}`);
          continue;
        }
        const theirs = (response.body.data as Array<{ id?: string }>).filter((item) => item.id && mine.has(item.id));
        if (theirs.length > 0) leaks.push(`${shown} shows ${theirs.map((item) => item.id).join(', ')}`);
      }
      return verdict(
        leaks.length === 0,
        leaks.length === 0 ? `${queries.length} lists, none shows this studio’s records` : leaks.join('; '),
      );
    },
  },
  {
    id: 'isolation.writes-404',
    expected:
      'the other studio’s token linking/unlinking this studio’s job and gallery, or deleting its hook → 404 not_found; the hook stays',
    async run(ctx) {
      const other = ctx.otherStudio();
      const r = await records(ctx);
      const attempts: Attempt[] = [];
      const attempt = (method: string, path: string, json?: unknown) => attempts.push({ method, path, json, label: `${method} ${path}` });
      if (r.jobId && r.galleryId) {
        attempt('POST', `/v1/jobs/${r.jobId}/galleries`, { gallery_id: r.galleryId });
        attempt('DELETE', `/v1/jobs/${r.jobId}/galleries/${r.galleryId}`);
      }
      if (r.hookId) attempt('DELETE', `/v1/hooks/${r.hookId}`);
      if (attempts.length === 0) return skip('this studio has no job, gallery or hook to try');
      const wrong = await notFoundProblems(ctx, other, attempts);
      if (r.hookId) {
        const hooks = await page(ctx, ctx.main, '/v1/hooks');
        if (!hooks.data.some((hook) => hook.id === r.hookId)) wrong.push(`hook ${r.hookId} is gone from this studio`);
      }
      return allNotFound(attempts.length, wrong);
    },
  },
  {
    id: 'isolation.foreign-references',
    expected: 'the other studio creating a gallery with this studio’s brand and preset → 422 naming brand_id or preset_id',
    async run(ctx) {
      const other = ctx.otherStudio();
      const r = await records(ctx);
      if (!r.brandId || !r.presetId) return skip('this studio has no brand and preset to try');
      const response = await ctx.call(other, 'POST', '/v1/galleries', {
        json: { name: `Foreign ${ctx.tag}`, brand_id: r.brandId, preset_id: r.presetId },
      });
      const fields = detailFields(response) ?? [];
      return verdict(
        response.status === 422 && (fields.includes('brand_id') || fields.includes('preset_id')),
        `${brief(response)}${fields.length ? ` naming ${fields.join(', ')}` : ''}`,
      );
    },
  },
]);
