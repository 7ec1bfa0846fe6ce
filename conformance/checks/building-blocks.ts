// The building blocks of a booking the integration chains: a contact's address and notes and
// the contact.updated event a change publishes (with the fields it changed; none for a change
// that alters nothing), a payment taken by a provider (POST /v1/payments, one per provider
// reference, found by it, a payment.received like any other), a shoot booked on a job and found
// by job and start, and the invoice.created event with its contact and job embedded. Each check
// makes what it reads in the kit's studio (a contact and a job of its own).
import type * as z from 'zod';
import * as C from '../../src/contract/index.js';
import { CheckFailed, defineChecks, fail, verdict, type CheckSpec } from '../check.js';
import type { Context } from '../context.js';
import { brief } from '../http.js';
import { createContact, expectError, expectStatus, invoiceBody, page, studioCurrency, zodProblem } from '../fixtures.js';

const ADDRESS = {
  street: '14 Rosebery Avenue',
  city: 'London',
  region: 'Greater London',
  postal_code: 'EC1R 4TD',
  country: 'GB',
  notes: 'Conformance notes.',
};

/** A contact with an address and notes, and a job of theirs, made once per run. */
function booking(ctx: Context): Promise<{ contact: C.Contact; job: C.Job }> {
  return ctx.memo('building-blocks-booking', async () => {
    // Not named by the run's tag: the pagination checks list exactly their own contacts by it.
    const mark = [...ctx.tag].reverse().join('');
    const contact = await createContact(ctx, {
      first_name: 'Blocks',
      last_name: mark,
      email: `blocks.${mark}@conformance.example.com`,
      ...ADDRESS,
    });
    const job = expectStatus(
      await ctx.api('POST', '/v1/jobs', { json: { contact_id: contact.id, name: `Blocks ${ctx.tag}` } }),
      201,
      'POST /v1/jobs',
    ) as C.Job;
    return { contact, job };
  });
}

/** The events of `type` about the record `id`, newest first (the first 100 of the type). */
async function eventsAbout(ctx: Context, type: string, id: string): Promise<any[]> {
  return (await page(ctx, ctx.main, '/v1/events', { type, limit: 100 })).data.filter((event) => event?.data?.id === id);
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CheckFailed(`${what} does not parse: ${zodProblem(result.error)}`);
  return result.data;
}

/** The contact's address changed (city and notes) once per run; the event it published. */
function addressChange(ctx: Context) {
  return ctx.memo('building-blocks-address-change', async () => {
    const { contact } = await booking(ctx);
    const patched = expectStatus(
      await ctx.api('PATCH', `/v1/contacts/${contact.id}`, { json: { city: 'Bath', notes: 'Moved to Bath.' } }),
      200,
      'PATCH /v1/contacts/:id',
    );
    const events = await eventsAbout(ctx, 'contact.updated', contact.id);
    return { contact, patched, events };
  });
}

/** A payment taken by a provider on the kit's job, once per run. */
function providerPayment(ctx: Context) {
  return ctx.memo('building-blocks-payment', async () => {
    const { job } = await booking(ctx);
    const body = {
      job_id: job.id,
      amount: 25000,
      currency: await studioCurrency(ctx),
      provider: 'Stripe',
      provider_reference: `pi_${ctx.tag}`,
    };
    const response = await ctx.api('POST', '/v1/payments', { json: body });
    return { job, body, response };
  });
}

/** A shoot booked on the kit's job, once per run. */
function bookedShoot(ctx: Context) {
  return ctx.memo('building-blocks-shoot', async () => {
    const { job } = await booking(ctx);
    const body = {
      job_id: job.id,
      title: 'Engagement',
      status: 'confirmed',
      starts_at: '2031-06-12T13:00:00Z',
      ends_at: '2031-06-12T14:30:00Z',
    };
    const response = await ctx.api('POST', '/v1/shoots', { json: body });
    return { job, body, response };
  });
}

const checks: CheckSpec[] = [
  {
    id: 'contract.contact-address',
    expected: 'POST /v1/contacts with street, city, region, postal_code, country and notes → 201, a Contact holding them as sent',
    async run(ctx) {
      const { contact } = await booking(ctx);
      const read = parsed(C.Contact, contact, 'the contact');
      const wrong = Object.entries(ADDRESS)
        .filter(([field, value]) => read[field as keyof typeof ADDRESS] !== value)
        .map(([field]) => field);
      return verdict(wrong.length === 0, wrong.length === 0 ? 'all six as sent' : `not as sent: ${wrong.join(', ')}`);
    },
  },
  {
    id: 'contract.contact-updated-event',
    expected:
      'PATCH /v1/contacts/:id changing city and notes → one contact.updated event: the contact after the change, changed_fields ["city", "notes"]',
    async run(ctx) {
      const { patched, events } = await addressChange(ctx);
      if (events.length !== 1) return fail(`${events.length} contact.updated events about the contact`);
      const event = parsed(C.ContactUpdatedEvent, events[0], 'the contact.updated event');
      const fields = [...event.data.changed_fields].sort().join(', ');
      return verdict(
        fields === 'city, notes' && event.data.city === patched.city,
        `changed_fields [${event.data.changed_fields.join(', ')}], city ${JSON.stringify(event.data.city)}`,
      );
    },
  },
  {
    id: 'contract.contact-unchanged-no-event',
    expected: 'a PATCH that alters nothing (the values the contact has) → 200, and no contact.updated event',
    async run(ctx) {
      const { contact, events } = await addressChange(ctx);
      const again = await ctx.api('PATCH', `/v1/contacts/${contact.id}`, { json: { city: 'Bath' } });
      if (again.status !== 200) return fail(brief(again));
      const after = await eventsAbout(ctx, 'contact.updated', contact.id);
      return verdict(after.length === events.length, `${after.length - events.length} more contact.updated event(s)`);
    },
  },
  {
    id: 'contract.payment-create',
    expected:
      'POST /v1/payments (a provider’s payment on a job) → 201 Payment with provider and provider_reference, the job’s first payment, and a payment.received event embedding the job and contact',
    async run(ctx) {
      const { job, body, response } = await providerPayment(ctx);
      const payment = parsed(C.Payment, expectStatus(response, 201, 'POST /v1/payments'), 'the payment');
      if (payment.provider !== body.provider || payment.provider_reference !== body.provider_reference || payment.amount !== body.amount) {
        return fail(`provider ${payment.provider}, reference ${payment.provider_reference}, amount ${payment.amount}`);
      }
      if (!payment.is_first_payment || payment.contact_id !== job.contact_id)
        return fail(`is_first_payment ${payment.is_first_payment}, contact ${payment.contact_id}`);
      const [event] = await eventsAbout(ctx, 'payment.received', payment.id);
      if (!event) return fail('no payment.received event about it');
      const read = parsed(C.PaymentReceivedEvent, event, 'the payment.received event');
      return verdict(
        read.data.job?.id === job.id && read.data.contact?.id === job.contact_id,
        `event ${read.id}: job ${read.data.job?.id ?? 'null'}, contact ${read.data.contact?.id ?? 'null'}`,
      );
    },
  },
  {
    id: 'filters.payments-provider-reference',
    expected: '?provider=<any case>&provider_reference= → exactly the payment taken with that reference',
    async run(ctx) {
      const { response, body } = await providerPayment(ctx);
      const made = expectStatus(response, 201, 'POST /v1/payments');
      const found = await page(ctx, ctx.main, '/v1/payments', {
        provider: body.provider.toLowerCase(),
        provider_reference: body.provider_reference,
      });
      return verdict(found.data.length === 1 && found.data[0]?.id === made.id, `${found.data.map((p) => p.id).join(', ') || 'none'}`);
    },
  },
  {
    id: 'idempotency.payment-reference-unique',
    expected: 'POST /v1/payments again with the same provider (another case) and reference, without a key → 409 payment_exists',
    async run(ctx) {
      const { body, response } = await providerPayment(ctx);
      expectStatus(response, 201, 'POST /v1/payments');
      return expectError(
        await ctx.api('POST', '/v1/payments', { json: { ...body, provider: body.provider.toUpperCase() } }),
        409,
        'payment_exists',
      );
    },
  },
  {
    id: 'contract.shoot-create',
    expected: 'POST /v1/shoots on a job → 201 Shoot for the job’s contact, with the title, status and times sent',
    async run(ctx) {
      const { job, body, response } = await bookedShoot(ctx);
      const shoot = parsed(C.Shoot, expectStatus(response, 201, 'POST /v1/shoots'), 'the shoot');
      const ok =
        shoot.contact_id === job.contact_id &&
        shoot.title === body.title &&
        shoot.status === body.status &&
        Date.parse(shoot.starts_at) === Date.parse(body.starts_at);
      return verdict(ok, `contact ${shoot.contact_id}, "${shoot.title}", ${shoot.status}, ${shoot.starts_at}`);
    },
  },
  {
    id: 'filters.shoots-job-start',
    expected: '?job_id=&starts_at=<the same instant with another offset> → exactly that shoot',
    async run(ctx) {
      const { job, response } = await bookedShoot(ctx);
      const made = expectStatus(response, 201, 'POST /v1/shoots');
      const found = await page(ctx, ctx.main, '/v1/shoots', { job_id: job.id, starts_at: '2031-06-12T15:00:00+02:00' });
      return verdict(found.data.length === 1 && found.data[0]?.id === made.id, `${found.data.map((s) => s.id).join(', ') || 'none'}`);
    },
  },
  {
    id: 'contract.invoice-created-event',
    expected:
      'POST /v1/invoices with a contact and a job → an invoice.created event: the invoice with its lines, its contact and job embedded',
    async run(ctx) {
      const { contact, job } = await booking(ctx);
      const body = {
        ...invoiceBody(await studioCurrency(ctx), { taxRate: '20', net: 1000, tax: 200, total: 1200, description: `Blocks ${ctx.tag}` }),
        contact_id: contact.id,
        job_id: job.id,
      };
      const invoice = expectStatus(await ctx.api('POST', '/v1/invoices', { json: body }), 201, 'POST /v1/invoices');
      const [event] = await eventsAbout(ctx, 'invoice.created', invoice.id);
      if (!event) return fail('no invoice.created event about it');
      const read = parsed(C.InvoiceCreatedEvent, event, 'the invoice.created event');
      return verdict(
        read.data.contact?.id === contact.id && read.data.job?.id === job.id && read.data.lines.length === 1,
        `contact ${read.data.contact?.id ?? 'null'}, job ${read.data.job?.id ?? 'null'}, ${read.data.lines.length} line(s)`,
      );
    },
  },
];

/** Grouped with the checks of their kind (contract, filters, idempotency). */
export const buildingBlockChecks = [
  ...defineChecks(
    'contract',
    checks.filter((check) => check.id.startsWith('contract.')),
  ),
  ...defineChecks(
    'filters',
    checks.filter((check) => check.id.startsWith('filters.')),
  ),
  ...defineChecks(
    'idempotency',
    checks.filter((check) => check.id.startsWith('idempotency.')),
  ),
];
