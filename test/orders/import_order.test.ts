// Import Order, as Light Blue's flow runs it in one Zap step: "order placed → find the client
// → find their latest confirmed shoot → book the order as invoices, one per tax rate".
import { describe, expect, it } from '@jest/globals';
import { idempotencyKey } from '../../src/api/idempotency.js';
import importOrder from '../../src/orders/import_order.js';
import { createContactKey } from '../../src/contacts/create_contact.js';
import { sampleOrder } from '../../src/orders/samples.js';
import type { Order } from '../../src/contract/orders.js';
import type { Contact } from '../../src/contract/contacts.js';
import { aContact, aShoot, authData, failureOf, gbStudio, page, recordRequests } from '../contacts/fixtures.js';
import { runOperation } from '../support/index.js';

const runImport = (inputData: Record<string, unknown>) =>
  runOperation<Record<string, any>>(importOrder.operation.perform, { authData, inputData });
const requests = recordRequests();

/** Prints at 20% VAT and a photo book at 0%, prices including tax: two invoices. */
const order: Order = {
  ...sampleOrder,
  id: 'ord_2rates',
  number: 'PT-2001',
  client: { email: 'Emma.Harper@example.com', first_name: 'Emma', last_name: 'Harper', phone: '07700 900123' },
  lines: [
    { id: 'oln_p', description: 'Fine Art Print 30×40 cm', quantity: 2, unit_price: 4500, tax_rate: '20', tax: null },
    { id: 'oln_b', description: 'Photo Book 20×20 cm', quantity: 1, unit_price: 2400, tax_rate: '0', tax: null },
  ],
  discount: 0,
  shipping: null,
  tax_total: null,
  totals: { goods: 11400, discount: 0, shipping: 0, tax: 1500, total: 11400 },
};

function expectOrder(o: Order = order) {
  requests.api().get(`/v1/orders/${o.id}`).reply(200, o);
}

/** Answers each POST /v1/invoices with the invoice it describes; records bodies and keys. */
/** Emma's email and phone find nobody; her name finds `byName`. */
function expectLookupsFindingByName(byName: Contact[]) {
  requests.api().get('/v1/contacts').query({ email: 'emma.harper@example.com', limit: '20' }).reply(200, page([]));
  requests.api().get('/v1/me').reply(200, gbStudio);
  requests.api().get('/v1/contacts').query({ phone: '+447700900123', limit: '20' }).reply(200, page([]));
  requests.api().get('/v1/contacts').query({ name: 'Emma Harper', limit: '20' }).reply(200, page(byName));
}

function expectInvoicePosts(count: number) {
  const posts: Array<{ body: Record<string, any>; key: string }> = [];
  // The order's invoices are looked up first: none yet.
  requests.api().get('/v1/invoices').query({ order_id: order.id, limit: '100' }).reply(200, page([]));
  requests
    .api()
    .post('/v1/invoices')
    .times(count)
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, any>;
      posts.push({ body, key: request.headers.get('idempotency-key') ?? '' });
      return [201, { id: `inv_${body.tax_rate}`, number: `INV-${posts.length}`, created_at: '2026-07-05T19:43:00Z', ...body }];
    });
  return posts;
}

describe('Import Order', () => {
  it('books an order of a known client with two tax rates on their latest shoot’s job in 4 + 2 requests', async () => {
    const emma = aContact({ id: 'con_emma', email: 'emma.harper@example.com' });
    const shoot = aShoot({ id: 'sht_wedding', contact_id: 'con_emma', job_id: 'job_wedding', starts_at: '2026-06-20T13:00:00Z' });
    expectOrder();
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'emma.harper@example.com', limit: '20' })
      .reply(200, page([emma]));
    requests
      .api()
      .get('/v1/shoots')
      .query({ contact_id: 'con_emma', status: 'confirmed,completed', before: order.placed_at, limit: '1' })
      .reply(200, page([shoot]));
    const posts = expectInvoicePosts(2);

    const result = await runImport({ order_id: order.id });

    expect(requests.sent).toHaveLength(4 + 2);
    expect(requests.unmatched).toEqual([]);
    expect(posts.map((p) => [p.body.tax_rate, p.body.contact_id, p.body.job_id])).toEqual([
      ['0', 'con_emma', 'job_wedding'],
      ['20', 'con_emma', 'job_wedding'],
    ]);
    expect(posts.map((p) => p.key)).toEqual([idempotencyKey('invoice', order.id, '0'), idempotencyKey('invoice', order.id, '20')]);
    expect(result).toMatchObject({
      order_id: 'ord_2rates',
      contact_id: 'con_emma',
      contact_result: 'matched',
      contact_matched_by: 'email',
      shoot_id: 'sht_wedding',
      job_id: 'job_wedding',
      invoice_count: 2,
      invoice_ids: ['inv_0', 'inv_20'],
      invoices_created: 2,
      invoices_reused: 0,
      invoices_total: 11400,
      rates_summary: '0%: GBP 24.00 (tax GBP 0.00); 20%: GBP 90.00 (tax GBP 15.00)',
      summary: 'Order PT-2001: 2 invoices (GBP 114.00) on Emma Harper (matched by email), job job_wedding.',
    });
  });

  it('creates the contact of a new client, keyed by the client’s identity as every step creating them keys it', async () => {
    expectOrder();
    expectLookupsFindingByName([]);
    const contactPosts: Array<{ body: unknown; key: string | null }> = [];
    requests
      .api()
      .post('/v1/contacts')
      .reply(async (request: Request) => {
        const body = (await request.json()) as Record<string, unknown>;
        contactPosts.push({ body, key: request.headers.get('idempotency-key') });
        return [201, aContact({ id: 'con_new', ...body })];
      });
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    const posts = expectInvoicePosts(2);

    const result = await runImport({ order_id: order.id });

    expect(contactPosts).toEqual([
      {
        body: { first_name: 'Emma', last_name: 'Harper', email: 'emma.harper@example.com', phone: '+447700900123' },
        key: createContactKey({ first_name: 'Emma', last_name: 'Harper', email: 'emma.harper@example.com' }),
      },
    ]);
    expect(posts.map((p) => [p.body.contact_id, p.body.job_id])).toEqual([
      ['con_new', null],
      ['con_new', null],
    ]);
    expect(result).toMatchObject({
      contact_id: 'con_new',
      contact_result: 'created',
      contact_matched_by: null,
      shoot_id: null,
      job_id: null,
    });
    expect(result.summary).toMatch(/on Emma Harper \(new contact\), no job \(no confirmed shoot on or before the order date\)\.$/);
  });

  it('says the contact was reused when the create is answered from an earlier run', async () => {
    expectOrder();
    requests.api().get('/v1/contacts').query(true).times(3).reply(200, page([]));
    requests.api().get('/v1/me').reply(200, gbStudio);
    requests
      .api()
      .post('/v1/contacts')
      .reply(201, aContact({ id: 'con_made_before' }), { 'Idempotent-Replayed': 'true' });
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    expectInvoicePosts(2);
    await expect(runImport({ order_id: order.id })).resolves.toMatchObject({ contact_id: 'con_made_before', contact_result: 'reused' });
  });

  // A name alone is no evidence for a client who gave her own email and phone: neither namesake is she.
  it('creates a contact rather than link a client with her own email and phone to namesakes on record by name alone', async () => {
    expectOrder();
    expectLookupsFindingByName([
      aContact({ id: 'con_h1', email: null, phone: null }),
      aContact({ id: 'con_h2', email: null, phone: null }),
    ]);
    requests
      .api()
      .post('/v1/contacts')
      .reply(201, aContact({ id: 'con_new' }));
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    expectInvoicePosts(2);

    await expect(runImport({ order_id: order.id })).resolves.toMatchObject({ contact_id: 'con_new', contact_result: 'created' });
    expect(requests.sent.some((r) => r.includes('name='))).toBe(false);
  });

  it('books a new client’s invoices on a new contact, never on a namesake with another email or phone', async () => {
    expectOrder();
    expectLookupsFindingByName([
      aContact({ id: 'con_stranger', email: 'emma@one.example', phone: null }),
      aContact({ id: 'con_other_phone', email: null, phone: '+447700900999' }),
    ]);
    requests
      .api()
      .post('/v1/contacts')
      .reply(201, aContact({ id: 'con_new' }));
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    const posts = expectInvoicePosts(2);

    const result = await runImport({ order_id: order.id });

    expect(result).toMatchObject({ contact_id: 'con_new', contact_result: 'created' });
    expect(posts.map((p) => p.body.contact_id)).toEqual(['con_new', 'con_new']);
    expect(requests.unmatched).toEqual([]);
  });

  it('books a family member’s order on the one the name tells apart from the others sharing the email', async () => {
    const family = { ...order, client: { ...order.client, email: 'harper.family@example.com', first_name: 'Emma', phone: null } };
    expectOrder(family);
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'harper.family@example.com', limit: '20' })
      .reply(
        200,
        page([
          aContact({ id: 'con_tom', first_name: 'Tom', email: 'harper.family@example.com' }),
          aContact({ id: 'con_emma', email: 'harper.family@example.com' }),
        ]),
      );
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    const posts = expectInvoicePosts(2);

    const result = await runImport({ order_id: order.id });

    expect(result).toMatchObject({ contact_id: 'con_emma', contact_result: 'matched', contact_matched_by: 'email' });
    expect(result.summary).toContain('on Emma Harper (matched by email, told apart by name)');
    expect(posts.map((p) => p.body.contact_id)).toEqual(['con_emma', 'con_emma']);
  });

  it('stops for a family the order cannot tell apart, saying what in Studio would', async () => {
    const family = { ...order, client: { ...order.client, email: 'harper.family@example.com', phone: null } };
    expectOrder(family);
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'harper.family@example.com', limit: '20' })
      .reply(
        200,
        page([
          aContact({ id: 'con_e1', email: 'harper.family@example.com', phone: '+447700900123' }),
          aContact({ id: 'con_e2', email: 'harper.family@example.com', phone: '+447700900456' }),
        ]),
      );

    const failure = await failureOf(runImport({ order_id: order.id }));

    expect(failure).toMatchObject({ name: 'HaltedError', code: 'ambiguous_contact' });
    expect(failure.message).toMatch(
      /^2 contacts fit this client’s email address; none was chosen and nothing was created\. Order PT-2001 was not imported\. Choose the contact by hand with Create Invoices From Order, or /,
    );
    expect(failure.message).toMatch(/Candidates: con_e1 \(Emma Harper, harper\.family@example\.com, \+447700900123\); con_e2 /);
    // Giving the contact the order's email would change nothing: both have it already.
    expect(failure.message).not.toContain('give Emma Harper’s contact the email address');
    expect(failure.message).toContain(
      'or give the other contacts their own email addresses in Studio, leaving harper.family@example.com to Emma Harper’s contact, and run this step again.',
    );
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('does not take the switchboard’s contact for a client calling from an extension, and keeps the extension on the new contact', async () => {
    const office = { ...order, client: { ...order.client, phone: '020 7946 0018 ext. 12' } };
    expectOrder(office);
    requests.api().get('/v1/contacts').query({ email: 'emma.harper@example.com', limit: '20' }).reply(200, page([]));
    requests.api().get('/v1/me').reply(200, gbStudio);
    requests
      .api()
      .get('/v1/contacts')
      .query({ phone: '+442079460018', limit: '20' })
      .reply(200, page([aContact({ id: 'con_reception', first_name: 'Front', last_name: 'Desk', email: null, phone: '+442079460018' })]));
    let sent: unknown;
    requests
      .api()
      .post('/v1/contacts')
      .reply(async (request: Request) => {
        sent = await request.json();
        return [201, aContact({ id: 'con_new', phone: null })];
      });
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    expectInvoicePosts(2);

    await expect(runImport({ order_id: order.id })).resolves.toMatchObject({ contact_id: 'con_new', contact_result: 'created' });
    expect(sent).toMatchObject({ email: 'emma.harper@example.com', phone: '+442079460018;ext=12' });
    expect(requests.unmatched).toEqual([]);
  });

  it('books the invoices without a contact when creating one is turned off and none fits', async () => {
    expectOrder();
    requests.api().get('/v1/contacts').query(true).times(3).reply(200, page([]));
    requests.api().get('/v1/me').reply(200, gbStudio);
    const posts = expectInvoicePosts(2);

    const result = await runImport({ order_id: order.id, create_contact_if_missing: 'false' });

    expect(posts.map((p) => [p.body.contact_id, p.body.job_id])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(result).toMatchObject({ contact_id: null, contact_result: 'not_found', contact: null });
    expect(requests.sent.some((r) => r.startsWith('GET /v1/shoots'))).toBe(false);
  });

  it('leaves the job out without looking for a shoot when attaching is turned off', async () => {
    expectOrder();
    requests
      .api()
      .get('/v1/contacts')
      .query(true)
      .reply(200, page([aContact({ id: 'con_emma' })]));
    const posts = expectInvoicePosts(2);
    const result = await runImport({ order_id: order.id, attach_to_latest_shoot: false });
    expect(posts.map((p) => p.body.job_id)).toEqual([null, null]);
    expect(result).toMatchObject({ contact_id: 'con_emma', job_id: null, shoot: null });
    expect(requests.sent).toHaveLength(3 + 2);
  });

  it('gives a client without a first name a contact named by their last name', async () => {
    const noFirstName: Order = { ...order, client: { ...order.client, first_name: ' ', last_name: 'Harper', phone: null } };
    expectOrder(noFirstName);
    requests.api().get('/v1/contacts').query(true).times(2).reply(200, page([]));
    let sent: unknown;
    requests
      .api()
      .post('/v1/contacts')
      .reply(async (request: Request) => {
        sent = await request.json();
        return [201, aContact({ id: 'con_harper', first_name: 'Harper', last_name: '', phone: null })];
      });
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    expectInvoicePosts(2);
    await runImport({ order_id: order.id });
    expect(sent).toEqual({ first_name: 'Harper', last_name: '', email: 'emma.harper@example.com', phone: null });
  });

  it('rejects a missing order and unreadable options before any request', async () => {
    expect((await failureOf(runImport({ order_id: ' ' }))).message).toMatch(/Order: is required/);
    expect((await failureOf(runImport({ order_id: 'ord_1', create_contact_if_missing: 'perhaps' }))).message).toMatch(
      /Create Contact If Missing: must be true or false/,
    );
    expect(requests.sent).toEqual([]);
  });
});
