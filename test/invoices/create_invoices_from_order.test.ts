// Create Invoices From Order, as a studio owner's Zap runs it: "a client ordered prints and
// an album in the gallery → book the order as invoices, one per tax rate".
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import App from '../../index.js';
import { idempotencyKey } from '../../src/api/idempotency.js';
import createInvoicesFromOrder from '../../src/invoices/create_invoices_from_order.js';
import { invoicesSample } from '../../src/invoices/invoice-output.js';
import type { Order } from '../../src/contract/orders.js';
import { chargedOrderArb, type ChargedOrder } from './arbitraries.js';
import { API, authData, demoOrder, envelope, failureOf, invoiceApi } from './fixtures.js';
import { runOperation } from '../support/index.js';
import { recordRequests } from '../support/api-mock.js';

type Output = typeof invoicesSample;
const run = (inputData: Record<string, unknown>) =>
  runOperation<Output>(createInvoicesFromOrder.operation.perform, { authData, inputData });

const { unmatched } = recordRequests();

function serveOrder(order = demoOrder(), times = 1) {
  nock(API).get(`/v1/orders/${order.id}`).times(times).reply(200, order);
  return order;
}

describe('Create Invoices From Order', () => {
  it('is wired into the app as a create with a description Zapier accepts', () => {
    expect(App.creates?.create_invoices_from_order).toBe(createInvoicesFromOrder);
    expect(createInvoicesFromOrder.display.label).toBe('Create Invoices From Order');
    expect(createInvoicesFromOrder.display.description).toMatch(/^Creates .*\.$/);
    expect(createInvoicesFromOrder.operation.inputFields!.map((f) => [f.key, f.required, f.dynamic])).toEqual([
      ['order_id', true, 'list_orders.id.name'],
      ['contact_id', false, 'list_contacts.id.name'],
      ['job_id', false, 'list_jobs.id.name'],
    ]);
  });

  it('books the demo album (5%) and canvas (10%) order as two paid invoices keyed by order and rate', async () => {
    const order = serveOrder();
    const api = invoiceApi();

    const output = await run({ order_id: order.id, contact_id: 'con_Emm4', job_id: 'job_H4rp3r' });

    expect(api.posts.map((p) => p.key)).toEqual([idempotencyKey('invoice', order.id, '5'), idempotencyKey('invoice', order.id, '10')]);
    // Figures worked by hand in test/domain/tax-split.test.ts ("the demo studio order").
    expect(api.posts[0]!.body).toEqual({
      order_id: order.id,
      contact_id: 'con_Emm4',
      job_id: 'job_H4rp3r',
      tax_rate: '5',
      currency: 'GBP',
      prices_include_tax: true,
      net: 42864,
      tax: 2143,
      total: 45007,
      status: 'paid',
      lines: [
        { kind: 'goods', description: 'Heirloom Album', quantity: 1, amount: 44348, tax: 2112 },
        { kind: 'shipping', description: 'Shipping', quantity: 1, amount: 659, tax: 31 },
      ],
    });
    expect(api.posts[1]!.body).toMatchObject({ tax_rate: '10', net: 21807, tax: 2181, total: 23988, status: 'paid' });

    expect(output).toMatchObject({
      order_id: order.id,
      order_number: 'PT-1042',
      invoice_count: 2,
      invoice_ids: ['inv_0001', 'inv_0002'],
      order_total: 68995,
      order_total_formatted: 'GBP 689.95',
      invoices_created: 2,
      invoices_reused: 0,
    });
    expect(output.by_rate).toEqual([
      {
        tax_rate: '5',
        invoice_id: 'inv_0001',
        net: 42864,
        tax: 2143,
        total: 45007,
        formatted: '5%: net GBP 428.64 + tax GBP 21.43 = GBP 450.07',
      },
      {
        tax_rate: '10',
        invoice_id: 'inv_0002',
        net: 21807,
        tax: 2181,
        total: 23988,
        formatted: '10%: net GBP 218.07 + tax GBP 21.81 = GBP 239.88',
      },
    ]);
    expect(output.invoices[1]).toMatchObject({ id: 'inv_0002', tax_rate: '10', total_formatted: 'GBP 239.88', contact_id: 'con_Emm4' });
    expect(output.invoices[1]!.lines[0]).toEqual({
      kind: 'goods',
      description: 'Canvas 16x20',
      quantity: 2,
      amount: 23652,
      tax: 2150,
      amount_formatted: 'GBP 236.52',
    });
    expect(output.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
    expect(unmatched).toEqual([]);
  });

  it('books an order awaiting offline payment as open invoices', async () => {
    const order = serveOrder(demoOrder({ payment_status: 'awaiting_payment' }));
    const api = invoiceApi();
    const output = await run({ order_id: order.id });
    expect(api.posts.map((p) => [p.body.status, p.body.contact_id, p.body.job_id])).toEqual([
      ['open', null, null],
      ['open', null, null],
    ]);
    expect(output.invoices.map((i) => i.status)).toEqual(['open', 'open']);
  });

  it('creates nothing when the step runs again: the order’s invoices are looked up first, whatever the keys’ age', async () => {
    const order = serveOrder(demoOrder(), 2);
    const api = invoiceApi();
    const first = await run({ order_id: order.id, contact_id: 'con_Emm4' });
    const again = await run({ order_id: order.id, contact_id: 'con_Emm4' });

    expect(api.invoices).toHaveLength(2);
    expect(again.invoice_ids).toEqual(first.invoice_ids);
    expect([again.invoices_created, again.invoices_reused]).toEqual([0, 2]);
    expect(api.posts).toHaveLength(2);
  });

  it('returns the invoices already booked when the order was booked before with another contact', async () => {
    const order = serveOrder(demoOrder(), 2);
    const api = invoiceApi();
    const first = await run({ order_id: order.id, contact_id: 'con_Emm4', job_id: 'job_H4rp3r' });
    const other = await run({ order_id: order.id, contact_id: 'con_0th3r' });

    expect(api.posts).toHaveLength(2);
    expect(api.invoices).toHaveLength(2);
    expect(other.invoice_ids).toEqual(first.invoice_ids);
    expect([other.invoices_created, other.invoices_reused]).toEqual([0, 2]);
    // They stay on the contact and job they were booked on; nothing is moved or duplicated.
    expect(other.invoices.map((i) => [i.tax_rate, i.contact_id, i.job_id])).toEqual([
      ['5', 'con_Emm4', 'job_H4rp3r'],
      ['10', 'con_Emm4', 'job_H4rp3r'],
    ]);
  });

  it('stops rather than book twice when the key was used but Studio lists no invoice at that rate', async () => {
    const order = serveOrder();
    const post = nock(API).post('/v1/invoices').reply(409, envelope('idempotency_key_reused', 'Key already used with another body.'));
    nock(API).get('/v1/invoices').query({ order_id: order.id, limit: '100' }).times(2).reply(200, { data: [], next_cursor: null });
    const failure = await failureOf(run({ order_id: order.id }));
    expect(failure).toMatchObject({ code: 'invoices_mismatch', status: 409 });
    expect(failure.message).toMatch(/already booked as invoices with different details, but Studio lists no 5% invoice for it/);
    expect(post.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it('stops with a clear message, before creating anything, when the order cannot be split', async () => {
    // £20 off an order of £10 of goods: no split can make sense of it.
    const order = serveOrder(
      demoOrder({
        discount: 2000,
        lines: [{ id: 'oln_1', description: 'Print', quantity: 1, unit_price: 1000, tax_rate: '20', tax: null }],
      }),
    );
    const api = invoiceApi();
    const failure = await failureOf(run({ order_id: order.id }));
    // Halted, not errored: this order does not add up, nothing is wrong with the Zap.
    expect(failure).toMatchObject({ name: 'HaltedError', code: 'invalid_order' });
    expect(failure.message).toBe(
      `Order PT-1042 (${order.id}) cannot be booked as invoices, and none was created: check its figures where it was placed (what does not add up follows). ` +
        "The order's discount (2000 minor units) is larger than its goods (1000). An order cannot be discounted below zero: check the discount and the line prices of the order where it was placed.",
    );
    expect(api.posts).toEqual([]);
  });

  it('asks for an order before sending any request', async () => {
    const failure = await failureOf(run({ order_id: '  ' }));
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(failure.message).toMatch(/Order: is required: choose an order from the dropdown/);
    expect(unmatched).toEqual([]);
  });

  it('says so when the order does not exist in the studio', async () => {
    nock(API).get('/v1/orders/ord_Gone').reply(404, envelope('not_found', 'No order ord_Gone.'));
    const failure = await failureOf(run({ order_id: 'ord_Gone' }));
    expect(failure).toMatchObject({ code: 'not_found', status: 404 });
    expect(failure.message).toMatch(/^Order ord_Gone was not found in your Studio account\. Choose an order from the Order dropdown/);
  });

  it('passes on what the API rejected, naming the field', async () => {
    const order = serveOrder();
    nock(API).get('/v1/invoices').query(true).reply(200, { data: [], next_cursor: null });
    nock(API)
      .post('/v1/invoices')
      .reply(422, envelope('validation_failed', 'The invoice is invalid.', [{ field: 'job_id', message: 'no such job in this studio' }]));
    const failure = await failureOf(run({ order_id: order.id, job_id: 'job_Nope' }));
    expect(failure).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(failure.message).toBe(
      'Studio rejected the input: The invoice is invalid. Check these fields: job_id (no such job in this studio).',
    );
  });

  it('reports a temporary API failure as temporary (and that a retry makes nothing twice)', async () => {
    const order = serveOrder();
    nock(API).get('/v1/invoices').query(true).reply(200, { data: [], next_cursor: null });
    nock(API).post('/v1/invoices').reply(503, envelope('unavailable', 'Maintenance'));
    const failure = await failureOf(run({ order_id: order.id }));
    expect(failure.message).toMatch(
      /temporary problem \(HTTP 503: Maintenance\.\).*try the step again.*found and returned, not made again/,
    );
  });

  it('has a sample whose invoices add up to its order total', () => {
    expect(invoicesSample.invoice_count).toBe(2);
    expect(invoicesSample.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(invoicesSample.order_total);
    const keys = new Set(createInvoicesFromOrder.operation.outputFields!.map((f) => (f as { key: string }).key));
    for (const key of [
      'invoice_count',
      'invoice_ids',
      'order_total',
      'invoices_created',
      'invoices_reused',
      'by_rate[]tax_rate',
      'invoices[]lines[]kind',
    ])
      expect(keys.has(key)).toBe(true);
  });

  it('books any valid order once: one invoice per rate, adding up to the order, and a replay creates nothing', async () => {
    /** The order as the API would serve it, totals as the sandbox's gallery charged them (rounded per line, per rate or per order). */
    const asOrder = ({ rounding: _rounding, ...input }: ChargedOrder, n: number): Order => ({
      ...demoOrder({ id: `ord_Rand0m${n}` }),
      ...input,
      lines: input.lines.map((l, i) => ({ id: `oln_${i}`, ...l })),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(chargedOrderArb, async (input) => {
        nock.cleanAll();
        const order = serveOrder(asOrder(input, (n += 1)), 2);
        const api = invoiceApi();
        const first = await run({ order_id: order.id });
        const again = await run({ order_id: order.id });
        const rates = first.invoices.map((i) => i.tax_rate);
        expect(new Set(rates).size).toBe(rates.length);
        expect(first.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
        expect(first.invoices.reduce((sum, i) => sum + i.tax, 0)).toBe(order.totals.tax);
        expect([first.invoices_created, first.invoices_reused]).toEqual([rates.length, 0]);
        expect([again.invoices_created, again.invoices_reused, again.invoice_ids]).toEqual([0, rates.length, first.invoice_ids]);
        expect(api.invoices).toHaveLength(rates.length);
      }),
      { numRuns: 25 },
    );
  });
});
