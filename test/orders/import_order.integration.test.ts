// Import Order against the real sandbox (demo studio "Northlight Photography", GB, GBP):
// the Light Blue flow end to end, including a run that fails halfway and is run again.
import { describe, expect, it } from '@jest/globals';
import importOrder from '../../src/orders/import_order.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { runOperation, useSandbox, operationsOf } from '../support/index.js';

const sandbox = useSandbox();
const runImport = (inputData: Record<string, unknown>) =>
  runOperation<Record<string, any>>(importOrder.operation.perform, { authData: sandbox.authData, inputData });

async function get(path: string): Promise<any> {
  const response = await sandbox.api('GET', path);
  expect(response.status).toBe(200);
  return response.body;
}
const invoicesOf = async (orderId: string) => (await get(`/v1/invoices?order_id=${orderId}&limit=100`)).data as Array<Record<string, any>>;
const contactsWithEmail = async (email: string) =>
  (await get(`/v1/contacts?email=${encodeURIComponent(email)}&limit=100`)).data as Array<Record<string, any>>;

/** Places an order in a gallery as a client would: prints at 20% and a photo book at 0%. */
async function placeOrder(client: { email: string; first_name: string; last_name: string; phone: string | null }) {
  const response = await sandbox.api('POST', '/_sandbox/orders', {
    currency: 'GBP',
    prices_include_tax: true,
    payment_status: 'paid',
    placed_at: '2026-12-01T18:00:00.000Z',
    client,
    lines: [
      { description: 'Fine art print 8×10"', quantity: 2, unit_price: 2500, tax_rate: '20' },
      { description: 'Hardback photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
    ],
    shipping: { amount: 495, tax_rate: null },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; number: string };
}

describe('Import Order against the sandbox', () => {
  it('books Oliver’s order on his existing contact (email in other case) and his completed family session, skipping the rained-off one', async () => {
    const result = await runImport({ order_id: DEMO_IDS.orders.bennettPrints });

    expect(result).toMatchObject({
      contact_id: DEMO_IDS.contacts.oliver,
      contact_result: 'matched',
      contact_matched_by: 'email',
      shoot_id: DEMO_IDS.shoots.bennettFamily,
      job_id: DEMO_IDS.jobs.bennettFamily,
      invoice_count: 2,
      invoices_created: 2,
    });
    const invoices = await invoicesOf(DEMO_IDS.orders.bennettPrints);
    expect(invoices.map((i) => [i.tax_rate, i.contact_id, i.job_id]).sort()).toEqual([
      ['0', DEMO_IDS.contacts.oliver, DEMO_IDS.jobs.bennettFamily],
      ['20', DEMO_IDS.contacts.oliver, DEMO_IDS.jobs.bennettFamily],
    ]);
    const order = await get(`/v1/orders/${DEMO_IDS.orders.bennettPrints}`);
    expect(invoices.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
  });

  // Zoë's phone and name, another email: the same person with a second address, or a namesake
  // relative on her phone. Not decidable from the order: it stops, naming her contact, and
  // neither links it to her nor makes a second Zoë.
  it('stops on “Zoe Bronte”’s order from another email with Zoë’s phone and name, naming her contact and creating nothing', async () => {
    const contactsBefore = (await get('/v1/contacts?limit=100')).data.length;
    const failure = runImport({ order_id: DEMO_IDS.orders.bronteDownloads });
    await expect(failure).rejects.toMatchObject({ name: 'HaltedError', code: 'ambiguous_contact' });
    await expect(failure).rejects.toThrow(
      /^This client’s phone number and name fit a contact whose email address is another .*Choose the contact by hand with Create Invoices From Order, or if it is the same person, give that contact the email address zoe\.b@example\.net in Studio/,
    );
    await expect(failure).rejects.toThrow(`${DEMO_IDS.contacts.zoe} (Zoë Brontë,`);
    expect((await get('/v1/contacts?limit=100')).data.length).toBe(contactsBefore);
    expect(await invoicesOf(DEMO_IDS.orders.bronteDownloads)).toEqual([]);
  });

  it('matches Priya, who has no email on record, by her national phone number', async () => {
    const order = await placeOrder({ email: 'priya.shah@example.com', first_name: 'Priya', last_name: 'Shah', phone: '07700 900107' });
    const result = await runImport({ order_id: order.id });
    expect(result).toMatchObject({ contact_id: DEMO_IDS.contacts.priya, contact_result: 'matched', contact_matched_by: 'phone' });
  });

  it('creates the contact of a new client, once, even when the import runs twice', async () => {
    const order = await placeOrder({ email: 'Hannah.Reid@example.com', first_name: 'Hannah', last_name: 'Reid', phone: '07700 900188' });

    const first = await runImport({ order_id: order.id });
    const second = await runImport({ order_id: order.id });

    expect(first).toMatchObject({
      contact_result: 'created',
      contact: { first_name: 'Hannah', last_name: 'Reid', email: 'hannah.reid@example.com', phone: '+447700900188' },
      job_id: null,
      invoices_created: 2,
    });
    expect(second).toMatchObject({
      contact_id: first.contact_id,
      contact_result: 'matched',
      contact_matched_by: 'email',
      invoices_created: 0,
      invoices_reused: 2,
    });
    expect(await contactsWithEmail('hannah.reid@example.com')).toHaveLength(1);
    expect(await invoicesOf(order.id)).toHaveLength(2);
  });

  // This order used to stop as ambiguous between the two James Wilsons; each has an email other
  // than the order's, which now rules both out, so he is a new client.
  it('books “James Wilson”, ordering from an email neither James Wilson has, on a new contact, never on a namesake', async () => {
    const contactsBefore = (await get('/v1/contacts?limit=100')).data.length;

    const result = await runImport({ order_id: DEMO_IDS.orders.wilsonPrints });

    expect(result).toMatchObject({
      contact_result: 'created',
      contact: { first_name: 'James', last_name: 'Wilson', email: 'james.w@example.org' },
    });
    expect([DEMO_IDS.contacts.jamesWilson, DEMO_IDS.contacts.jamesWilson2]).not.toContain(result.contact_id);
    expect((await get('/v1/contacts?limit=100')).data.length).toBe(contactsBefore + 1);
    expect((await invoicesOf(DEMO_IDS.orders.wilsonPrints)).map((i) => i.contact_id)).toEqual([result.contact_id]);
  });

  it('stops on a family sharing the order’s email that the order cannot tell apart, creating nothing; the phone tells them apart', async () => {
    const family = 'okafor.family@example.com';
    const sam = await sandbox.api('POST', '/v1/contacts', {
      first_name: 'Sam',
      last_name: 'Okafor',
      email: family,
      phone: '+447700900301',
    });
    const sam2 = await sandbox.api('POST', '/v1/contacts', {
      first_name: 'Sam',
      last_name: 'Okafor',
      email: family,
      phone: '+447700900302',
    });
    const contactsBefore = (await get('/v1/contacts?limit=100')).data.length;
    const order = await placeOrder({ email: family, first_name: 'Sam', last_name: 'Okafor', phone: null });

    const failure = runImport({ order_id: order.id });

    // Halted, not errored: a person must choose, but nothing is wrong with the Zap.
    await expect(failure).rejects.toMatchObject({ name: 'HaltedError', code: 'ambiguous_contact' });
    await expect(failure).rejects.toThrow(
      /^2 contacts fit this client’s email address; none was chosen and nothing was created\. Order ORD-\d+ was not imported\./,
    );
    await expect(failure).rejects.toThrow(`${sam.body.id} (Sam Okafor, ${family}, +447700900301)`);
    await expect(failure).rejects.toThrow(`${sam2.body.id} (Sam Okafor, ${family}, +447700900302)`);
    await expect(failure).rejects.toThrow(/Create Invoices From Order/);
    expect((await get('/v1/contacts?limit=100')).data.length).toBe(contactsBefore);
    expect(await invoicesOf(order.id)).toEqual([]);

    const withPhone = await placeOrder({ email: family, first_name: 'Sam', last_name: 'Okafor', phone: '07700 900302' });
    await expect(runImport({ order_id: withPhone.id })).resolves.toMatchObject({ contact_id: sam2.body.id, contact_matched_by: 'email' });
  });

  it('imports an order from josé@example.com: a New Order poll shows it, the contact is created, and a later order matches it', async () => {
    const order = await placeOrder({ email: 'josé@example.com', first_name: 'José', last_name: 'Núñez', phone: null });
    const polled = await runOperation<Array<Record<string, any>>>(operationsOf('new_order').performList, {
      authData: sandbox.authData,
      inputData: {},
    });
    expect(polled.find((item) => item.id === order.id)).toMatchObject({ client: { email: 'josé@example.com' } });

    const first = await runImport({ order_id: order.id });
    expect(first).toMatchObject({
      contact_result: 'created',
      contact: { first_name: 'José', last_name: 'Núñez', email: 'josé@example.com' },
      invoices_created: 2,
    });

    // The same address typed in capitals, its "é" as "e" + a combining accent (NFD): the same client.
    const later = await placeOrder({ email: 'JOSE\u0301@EXAMPLE.COM', first_name: 'José', last_name: 'Núñez', phone: null });
    const second = await runImport({ order_id: later.id });
    expect(second).toMatchObject({ contact_id: first.contact_id, contact_result: 'matched', contact_matched_by: 'email' });
    expect(await contactsWithEmail('josé@example.com')).toHaveLength(1);
  });

  it('after a failure halfway (second invoice refused), a rerun ends with one contact and one set of invoices', async () => {
    const order = await placeOrder({
      email: 'noah.fitz@example.com',
      first_name: 'Noah',
      last_name: 'Fitzgerald',
      phone: '+44 7700 900199',
    });
    // Requests of this import: order, contact by email, by phone, by name, create contact,
    // shoot, invoice at 0%, invoice at 20%. Let the first seven through (a 1 ms delay is a
    // fault that changes nothing) and fail the eighth: the second invoice.
    expect((await sandbox.api('POST', '/_sandbox/faults', { latency_ms: 1, count: 7 })).status).toBeLessThan(300);
    expect((await sandbox.api('POST', '/_sandbox/faults', { status: 500, count: 1 })).status).toBeLessThan(300);

    await expect(runImport({ order_id: order.id })).rejects.toThrow(/temporary problem \(HTTP 500/);
    const halfway = await invoicesOf(order.id);
    expect(halfway.map((i) => i.tax_rate)).toEqual(['0']);
    expect(await contactsWithEmail('noah.fitz@example.com')).toHaveLength(1);

    const rerun = await runImport({ order_id: order.id });

    expect(rerun).toMatchObject({ contact_result: 'matched', invoice_count: 2, invoices_created: 1, invoices_reused: 1 });
    expect(await contactsWithEmail('noah.fitz@example.com')).toHaveLength(1);
    const invoices = await invoicesOf(order.id);
    expect(invoices.map((i) => i.tax_rate).sort()).toEqual(['0', '20']);
    expect(new Set(invoices.map((i) => i.contact_id))).toEqual(new Set([rerun.contact_id]));
  });
});
