// Replays beyond the Idempotency-Key lifetime, and runs at once. Zapier lets a user replay a
// failed run from Zap History days later, when the API has long forgotten the keys of the
// first run; and two Zap runs for one new client (two orders minutes apart, Import Order and
// Find Contact → Create Contact on one trigger) run at the same moment. Every create must
// still leave one record: it looks up what it would create first (a contact by its email or
// phone and name, a job by contact, name and date, invoices by order or by source), and runs
// at once share one key per identity. The sandbox's key clock is moved past the 24 hours.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import createContact from '../../src/contacts/create_contact.js';
import findContact from '../../src/contacts/find_contact.js';
import createJob from '../../src/jobs/create_job.js';
import updateJobStage from '../../src/jobs/update_job_stage.js';
import updateContact from '../../src/contacts/update_contact.js';
import createInvoicesFromOrder from '../../src/invoices/create_invoices_from_order.js';
import createInvoicesFromLineItems from '../../src/invoices/create_invoices_from_line_items.js';
import importOrder from '../../src/orders/import_order.js';
import importExternalOrder from '../../src/orders/import_external_order.js';
import { fromShopify, shopifyOrder } from '../orders/external-fixtures.js';
import { atOnce, failureOf, type TestStudio, runOperation, type Step } from '../support/index.js';
import { AFTER_KEY_EXPIRY, useSandboxWithKeyClock } from './support.js';

/** keysExpire moves the sandbox's key clock on, so every key stored so far has expired. */
const { sandbox, keysExpire } = useSandboxWithKeyClock();
let studio: TestStudio;

beforeAll(async () => {
  studio = await sandbox.newStudio({ name: 'Replay Studio', country: 'GB', currency: 'GBP' });
});
beforeEach(async () => {
  await studio.api('DELETE', '/_sandbox/faults');
});

type Output = Record<string, any>;
const perform = (operation: { operation: { perform?: Step } }) => (inputData: Record<string, unknown>) =>
  runOperation<Output>(operation.operation.perform, { authData: studio.authData, inputData });
const run = {
  createContact: perform(createContact),
  findContact: (input: Record<string, unknown>) => perform(findContact)(input) as unknown as Promise<Output[]>,
  createJob: perform(createJob),
  updateJobStage: perform(updateJobStage),
  createInvoicesFromOrder: perform(createInvoicesFromOrder),
  createInvoicesFromLineItems: perform(createInvoicesFromLineItems),
  importOrder: perform(importOrder),
  importExternalOrder: perform(importExternalOrder),
};

let unique = 0;
const next = () => (unique += 1);

async function list(path: string): Promise<Output[]> {
  const response = await studio.api('GET', path);
  expect(response.status).toBe(200);
  return response.body.data;
}
const contactsWithEmail = (email: string) => list(`/v1/contacts?email=${encodeURIComponent(email)}&limit=100`);
const contactsWithPhone = (phone: string) => list(`/v1/contacts?phone=${encodeURIComponent(phone)}&limit=100`);
const invoicesOfOrder = (orderId: string) => list(`/v1/invoices?order_id=${orderId}&limit=100`);
const invoicesOfSource = (reference: string) =>
  list(`/v1/invoices?source_app=shopify&source_reference=${encodeURIComponent(reference)}&limit=100`);

async function placeOrder(client: { email: string; first_name: string; last_name: string; phone?: string | null }): Promise<string> {
  const placed = await studio.api('POST', '/_sandbox/orders', {
    currency: 'GBP',
    prices_include_tax: true,
    payment_status: 'paid',
    client: { phone: null, ...client },
    lines: [
      { description: 'Fine art print', quantity: 2, unit_price: 2500, tax_rate: '20' },
      { description: 'Photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
    ],
  });
  expect(placed.status).toBe(201);
  return placed.body.id as string;
}

async function newContact(): Promise<string> {
  const n = next();
  const created = await studio.api('POST', '/v1/contacts', {
    first_name: 'Job',
    last_name: `Client ${n}`,
    email: `job.client.${n}@example.com`,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** A new client of a Shopify order, with a reference of its own. */
function shopifyInput<C extends Record<string, string>>(n: number, client: C): Record<string, unknown> & C & { reference: string } {
  return { ...fromShopify(shopifyOrder), reference: `#R${n}`, ...client };
}

describe.each(AFTER_KEY_EXPIRY)(
  'a create replayed $when, after its Idempotency-Keys expired, returns what the first run made',
  ({ ms }) => {
    it('Create Contact: the same contact (by email and name, and by phone and name)', async () => {
      const n = next();
      const byEmail = { first_name: 'Maeve', last_name: `Quinn ${n}`, email: `maeve.${n}@example.ie`, phone: '+353 85 700 0001' };
      const byPhone = { first_name: 'Cian', last_name: `Quinn ${n}`, phone: `+353 85 71${String(n).padStart(5, '0')}` };
      const first = [await run.createContact(byEmail), await run.createContact(byPhone)];
      keysExpire(ms);
      const again = [await run.createContact({ ...byEmail, first_name: 'MAEVE' }), await run.createContact(byPhone)];
      expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));
      expect(await contactsWithEmail(byEmail.email)).toHaveLength(1);
      expect((await contactsWithPhone(first[1]!.phone)).filter((c) => c.first_name === 'Cian')).toHaveLength(1);
    });

    it('Create Job: the same job (its name capitalised otherwise)', async () => {
      const contactId = await newContact();
      const input = { contact_id: contactId, name: 'Harper Wedding', event_date: '2027-06-12', job_type: 'Wedding' };
      const first = await run.createJob(input);
      keysExpire(ms);
      const again = await run.createJob({ ...input, name: 'harper WEDDING' });
      expect(again.id).toBe(first.id);
      expect(await list(`/v1/jobs?contact_id=${contactId}&limit=100`)).toHaveLength(1);
    });

    it('Create Invoices From Order: the same invoices, one per rate', async () => {
      const orderId = await placeOrder({ email: `order.client.${next()}@example.com`, first_name: 'Orla', last_name: 'Ryan' });
      const first = await run.createInvoicesFromOrder({ order_id: orderId });
      keysExpire(ms);
      const again = await run.createInvoicesFromOrder({ order_id: orderId });
      expect(again.invoice_ids).toEqual(first.invoice_ids);
      expect([again.invoices_created, again.invoices_reused]).toEqual([0, 2]);
      expect(await invoicesOfOrder(orderId)).toHaveLength(2);
    });

    it('Create Invoices From Order after a run that failed half-way: the missing rate only', async () => {
      const orderId = await placeOrder({ email: `half.way.${next()}@example.com`, first_name: 'Niall', last_name: 'Byrne' });
      // The order, the lookup and the first invoice pass; the second invoice's POST fails.
      await studio.api('POST', '/_sandbox/faults', { latency_ms: 1, count: 3 });
      await studio.api('POST', '/_sandbox/faults', { status: 500, count: 1 });
      await expect(run.createInvoicesFromOrder({ order_id: orderId })).rejects.toThrow(/temporary problem/);
      expect(await invoicesOfOrder(orderId)).toHaveLength(1);
      keysExpire(ms);
      const again = await run.createInvoicesFromOrder({ order_id: orderId });
      expect([again.invoices_created, again.invoices_reused]).toEqual([1, 1]);
      expect(await invoicesOfOrder(orderId)).toHaveLength(2);
    });

    it('Import Order for a new client: one contact, the same invoices', async () => {
      const n = next();
      const email = `import.client.${n}@example.com`;
      const orderId = await placeOrder({
        email,
        first_name: 'Saoirse',
        last_name: `Kelly ${n}`,
        phone: `07700 9${String(n).padStart(5, '0')}`,
      });
      const first = await run.importOrder({ order_id: orderId });
      keysExpire(ms);
      const again = await run.importOrder({ order_id: orderId });
      expect(first.contact_result).toBe('created');
      expect(again).toMatchObject({
        contact_id: first.contact_id,
        contact_result: 'matched',
        invoice_ids: first.invoice_ids,
        invoices_created: 0,
        invoices_reused: 2,
      });
      expect(await contactsWithEmail(email)).toHaveLength(1);
      expect(await invoicesOfOrder(orderId)).toHaveLength(2);
    });

    it('Import Order From Another App and Create Invoices From Line Items for a new client: one contact, the same invoices', async () => {
      const n = next();
      const email = `shop.client.${n}@example.com`;
      const input = shopifyInput(n, { client_email: email, client_first_name: 'Aoife', client_last_name: `Doyle ${n}`, client_phone: '' });
      const first = await run.importExternalOrder(input);
      keysExpire(ms);
      const again = await run.importExternalOrder(input);
      const items = await run.createInvoicesFromLineItems(input);
      expect(first.contact_result).toBe('created');
      expect(again).toMatchObject({
        contact_id: first.contact_id,
        contact_result: 'matched',
        invoice_ids: first.invoice_ids,
        invoices_created: 0,
      });
      expect(items.invoice_ids).toEqual(first.invoice_ids);
      expect(await contactsWithEmail(email)).toHaveLength(1);
      expect(await invoicesOfSource(input.reference)).toHaveLength(first.invoice_count);
    });
  },
);

const concurrency = [
  { runs: 2, slowed: false },
  { runs: 5, slowed: false },
  { runs: 2, slowed: true },
  { runs: 5, slowed: true },
];
const results: string[] = [];

describe.each(concurrency)('$runs runs at once (slowed API: $slowed) make one record', ({ runs, slowed }) => {
  beforeEach(async () => {
    // Every request of the studio takes 120 ms more: lookups and creates of the runs interleave.
    if (slowed) await studio.api('POST', '/_sandbox/faults', { latency_ms: 120, count: 10_000 });
  });
  const report = (what: string, count: number) => results.push(`${runs} at once${slowed ? ', slowed' : ''}: ${what}: ${count} record(s)`);

  it('Create Contact, and Find Contact → Create Contact beside Import Order, for one new client: one contact', async () => {
    const n = next();
    const email = `together.${n}@example.com`;
    const person = { first_name: 'Róisín', last_name: `Walsh ${n}`, email, phone: `07700 9${String(n).padStart(5, '0')}`.slice(0, 13) };
    const orderId = await placeOrder({ ...person });
    const steps = Array.from({ length: runs }, (_, i) =>
      i % 3 === 0
        ? () => run.importOrder({ order_id: orderId })
        : i % 3 === 1
          ? () => run.createContact(i === 1 ? person : { ...person, first_name: 'RÓISÍN', phone: '' })
          : async () => (await run.findContact({ email }))[0] ?? run.createContact(person),
    );
    const outputs = await atOnce(steps);
    const contacts = await contactsWithEmail(email);
    report('contact (Import Order, Create Contact, Find or Create)', contacts.length);
    expect(contacts).toHaveLength(1);
    expect(new Set(outputs.map((o) => o.contact_id ?? o.id))).toEqual(new Set([contacts[0]!.id]));
  });

  it('Import Order for two orders of one new client: one contact', async () => {
    const n = next();
    const client = { email: `two.orders.${n}@example.com`, first_name: 'Eimear', last_name: `Nolan ${n}` };
    const orders = await Promise.all(Array.from({ length: runs }, () => placeOrder(client)));
    const outputs = await atOnce(orders.map((orderId) => () => run.importOrder({ order_id: orderId })));
    const contacts = await contactsWithEmail(client.email);
    report('contact (Import Order, one order each)', contacts.length);
    expect(contacts).toHaveLength(1);
    expect(new Set(outputs.map((o) => o.contact_id))).toEqual(new Set([contacts[0]!.id]));
    for (const orderId of orders) expect(await invoicesOfOrder(orderId)).toHaveLength(2);
  });

  it('Import Order From Another App for orders of one new client, and Import Order: one contact', async () => {
    const n = next();
    const email = `mixed.${n}@example.com`;
    const orderId = await placeOrder({ email, first_name: 'Fionn', last_name: `Hayes ${n}` });
    const steps = Array.from({ length: runs }, (_, i) =>
      i === 0
        ? () => run.importOrder({ order_id: orderId })
        : () =>
            run.importExternalOrder(
              shopifyInput(n * 10 + i, {
                client_email: email,
                client_first_name: 'Fionn',
                client_last_name: `Hayes ${n}`,
                client_phone: '',
              }),
            ),
    );
    await atOnce(steps);
    const contacts = await contactsWithEmail(email);
    report('contact (Import Order From Another App, Import Order)', contacts.length);
    expect(contacts).toHaveLength(1);
  });

  it('Import Order From Another App run again at once for one order: one contact, one set of invoices', async () => {
    const n = next();
    const input = shopifyInput(n, {
      client_email: `same.order.${n}@example.com`,
      client_first_name: 'Ciara',
      client_last_name: `Burke ${n}`,
      client_phone: '',
    });
    const outputs = await atOnce(Array.from({ length: runs }, () => () => run.importExternalOrder(input)));
    const invoices = await invoicesOfSource(input.reference);
    report('invoices of one external order', invoices.length);
    expect(await contactsWithEmail(input.client_email)).toHaveLength(1);
    expect(invoices).toHaveLength(outputs[0]!.invoice_count);
  });

  it('Create Invoices From Order run at once: one invoice per rate', async () => {
    const orderId = await placeOrder({ email: `invoices.${next()}@example.com`, first_name: 'Declan', last_name: 'Moran' });
    const outputs = await atOnce(Array.from({ length: runs }, () => () => run.createInvoicesFromOrder({ order_id: orderId })));
    const invoices = await invoicesOfOrder(orderId);
    report('invoices of one order (2 rates)', invoices.length);
    expect(invoices).toHaveLength(2);
    expect(new Set(outputs.map((o) => [...o.invoice_ids].sort().join(',')))).toEqual(
      new Set([
        invoices
          .map((i) => i.id)
          .sort()
          .join(','),
      ]),
    );
  });

  it('Create Job with the name capitalised differently: one job', async () => {
    const contactId = await newContact();
    const names = ['Hart Family Session', 'hart family session', 'HART FAMILY SESSION', 'Hart  Family Session', 'Hart family session'];
    const outputs = await atOnce(
      Array.from(
        { length: runs },
        (_, i) => () => run.createJob({ contact_id: contactId, name: names[i % names.length]!, event_date: '2027-05-01' }),
      ),
    );
    const jobs = await list(`/v1/jobs?contact_id=${contactId}&limit=100`);
    report('job', jobs.length);
    expect(jobs).toHaveLength(1);
    expect(new Set(outputs.map((o) => o.id))).toEqual(new Set([jobs[0]!.id]));
  });

  it('Update Contact giving one new email to several contacts at once: one gets it, the others stop naming it', async () => {
    const contacts = await Promise.all(Array.from({ length: runs }, () => newContact()));
    const email = `taken.${next()}@example.com`;
    const settled = await Promise.allSettled(contacts.map((id) => perform(updateContact)({ contact_id: id, email })));
    const refused = await Promise.all(
      settled.filter((o) => o.status === 'rejected').map((o) => failureOf(Promise.reject((o as PromiseRejectedResult).reason))),
    );
    const holders = await contactsWithEmail(email);
    report('contacts given one new email', holders.length);
    expect(holders).toHaveLength(1);
    expect(refused).toHaveLength(runs - 1);
    for (const failure of refused) expect(failure).toMatchObject({ name: 'HaltedError', code: 'email_taken' });
  });

  it('Update Job Stage: the job moves once, and only one run says it moved', async () => {
    const contactId = await newContact();
    const job = await studio.api('POST', '/v1/jobs', { contact_id: contactId, name: `Stage Move ${next()}` });
    expect(job.status).toBe(201);
    const outputs = await atOnce(
      Array.from({ length: runs }, () => () => run.updateJobStage({ job_id: job.body.id, stage_id: 'stg_booked' })),
    );
    const moved = outputs.filter((o) => o.moved === true).length;
    report('Update Job Stage runs reporting moved', moved);
    expect(moved).toBe(1);
    expect(outputs.every((o) => o.stage_id === 'stg_booked')).toBe(true);
  });
});

afterAll(() => {
  // The figures for a report (SOAK=1 or REPORT=1); a green run prints nothing.
  if (process.env.SOAK || process.env.REPORT) process.stdout.write(`Runs at once:\n${results.join('\n')}\n`);
});
