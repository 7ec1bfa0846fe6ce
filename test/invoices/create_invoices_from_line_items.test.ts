// Create Invoices From Line Items and Import Order From Another App as Zapier runs them, against
// a stand-in of the invoice endpoints that honours Idempotency-Key: the field keys Zaps map
// into, the requests a booking costs, the keys that make it safe to retry, and what a second
// run is told.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import createInvoicesFromLineItems from '../../src/invoices/create_invoices_from_line_items.js';
import { externalInvoiceKey } from '../../src/invoices/book-external-order.js';
import importExternalOrder from '../../src/orders/import_external_order.js';
import { fromPicTime, fromShopify, picTimeOrder, shopifyOrder } from '../orders/external-fixtures.js';
import { API, authData, envelope, failureOf, invoiceApi } from './fixtures.js';
import { runOperation } from '../support/index.js';
import { recordRequests } from '../support/api-mock.js';

type Output = Record<string, any>;
const run = (inputData: Record<string, unknown>) =>
  runOperation<Output>(createInvoicesFromLineItems.operation.perform, { authData, inputData });

const log = recordRequests();
const shopify = { ...fromShopify(shopifyOrder), contact_id: 'con_Gr4ce' };

const ORDER_KEYS = [
  'source_app',
  'reference',
  'placed_at',
  'currency',
  'prices_include_tax',
  'tax_rate_format',
  'paid',
  'client_email',
  'client_first_name',
  'client_last_name',
  'client_phone',
  'line_items',
  'discount',
  'shipping_amount',
  'shipping_tax_rate',
  'shipping_tax',
  'tax_lines_rate_ids',
  'tax_lines_rate',
  'tax_lines_tax',
  'tax_lines_shipping_tax',
  'fee_names',
  'fee_amounts',
  'fee_taxes',
  'total',
  'total_tax',
  'total_tax_rate',
];

describe('the two steps for orders from other apps', () => {
  it('are wired into the app with the field keys Zaps map into, line items as a Zapier line-item group', () => {
    expect(App.creates?.create_invoices_from_line_items).toBe(createInvoicesFromLineItems);
    expect(App.creates?.import_external_order).toBe(importExternalOrder);
    const keys = (fields: unknown) => (fields as Array<{ key: string }>).map((f) => f.key);
    expect(keys(createInvoicesFromLineItems.operation.inputFields)).toEqual([...ORDER_KEYS, 'contact_id', 'job_id']);
    expect(keys(importExternalOrder.operation.inputFields)).toEqual([...ORDER_KEYS, 'create_contact_if_missing', 'attach_to_latest_shoot']);
    const group = (createInvoicesFromLineItems.operation.inputFields as Array<{ key: string; children?: Array<{ key: string }> }>).find(
      (f) => f.key === 'line_items',
    )!;
    expect(group.children!.map((c) => c.key)).toEqual([
      'description',
      'quantity',
      'unit_price',
      'line_discount',
      'line_total',
      'tax_rate',
      'tax_rate_ids',
      'tax',
    ]);
    for (const key of ['reference', 'currency']) {
      expect(
        (createInvoicesFromLineItems.operation.inputFields as Array<{ key: string; required?: boolean }>).find((f) => f.key === key)!
          .required,
      ).toBe(true);
    }
  });
});

describe('Create Invoices From Line Items', () => {
  it('books one invoice per rate: one lookup of the source, then one POST per rate, keyed by source, reference and rate', async () => {
    const api = invoiceApi();
    const output = await run(shopify);

    expect(log.unmatched).toEqual([]);
    expect(api.posts.map((p) => p.key)).toEqual([
      externalInvoiceKey({ source: { app: 'shopify', reference: '#1001' } }, '0'),
      externalInvoiceKey({ source: { app: 'shopify', reference: '#1001' } }, '20'),
    ]);
    // Each invoice remembers every rate of the booking, for a later run to tell a half-way stop from an edit.
    expect(api.posts.map((p) => p.body.source)).toEqual([
      { app: 'shopify', reference: '#1001', rates: ['0', '20'] },
      { app: 'shopify', reference: '#1001', rates: ['0', '20'] },
    ]);
    expect(api.posts.map((p) => [p.body.tax_rate, p.body.total, p.body.tax, p.body.status, p.body.contact_id, p.body.order_id])).toEqual([
      ['0', 5722, 0, 'paid', 'con_Gr4ce', null],
      ['20', 5073, 846, 'paid', 'con_Gr4ce', null],
    ]);
    expect(output).toMatchObject({
      order_id: null,
      order_number: '#1001',
      source_app: 'shopify',
      source_reference: '#1001',
      invoice_count: 2,
      invoices_created: 2,
      invoices_reused: 0,
      order_total: 10795,
    });
  });

  it('replays with one request and no POST: the same invoices, none created', async () => {
    const api = invoiceApi();
    const first = await run(shopify);
    const posts = api.posts.length;
    const again = await run({ ...shopify, source_app: ' SHOPIFY ' });
    expect(api.posts.length).toBe(posts);
    expect(again).toMatchObject({ invoice_ids: first.invoice_ids, invoices_created: 0, invoices_reused: 2 });
  });

  it('stops a replay whose figures changed, naming each difference, halted so the Zap stays on', async () => {
    invoiceApi();
    await run(shopify);
    const failure = await failureOf(run({ ...shopify, paid: 'pending', total: undefined, shipping_amount: '5.95', shipping_tax: '0.99' }));
    expect(failure.name).toBe('HaltedError');
    expect(failure.message).toMatch(
      /^Shopify order #1001 was booked before with other figures, so nothing new was booked\. To book the changed order too, give it a new Order Reference/,
    );
    expect(failure.message.slice(0, 250)).toContain('otherwise correct invoices');
    expect(failure.message).toContain('the 20% invoice INV-2042 is GBP 50.73 (tax GBP 8.46), the order now GBP 51.73 (tax GBP 8.62)');
    expect(failure.message).toContain('the 0% invoice INV-2041 is paid, the order now unpaid');
    expect(failure.message).toContain('give it a new Order Reference');
  });

  it('when another run booked the order between its lookup and its POST, answers with what that run booked', async () => {
    const api = invoiceApi();
    const first = await run(shopify);
    const booked = [...api.invoices];
    nock.cleanAll();
    // The lookup comes before the other run's invoices are listed; the POST then finds its key taken.
    nock(API).get('/v1/invoices').query(true).reply(200, { data: [], next_cursor: null });
    nock(API)
      .post('/v1/invoices')
      .reply(409, envelope('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.'));
    nock(API).get('/v1/invoices').query(true).reply(200, { data: booked, next_cursor: null });
    const again = await run({ ...shopify, contact_id: 'con_Someone_Else' });
    expect(log.unmatched).toEqual([]);
    expect(again).toMatchObject({ invoice_ids: first.invoice_ids, invoices_created: 0, invoices_reused: 2 });
  });

  it('matches the contact by the client’s email when no contact is chosen, and creates none', async () => {
    const api = invoiceApi();
    const grace = {
      id: 'con_Gr4ce',
      first_name: 'Grace',
      last_name: 'Okafor',
      email: 'grace.okafor@example.com',
      phone: null,
      created_at: '2026-01-01T00:00:00Z',
    };
    log
      .api()
      .get('/v1/contacts')
      .query((q) => q.email === 'grace.okafor@example.com')
      .reply(200, { data: [grace], next_cursor: null });
    const output = await run(fromShopify(shopifyOrder));
    expect(log.unmatched).toEqual([]);
    expect(api.posts.every((p) => p.body.contact_id === 'con_Gr4ce')).toBe(true);
    expect(log.sent.filter((r) => r.startsWith('POST /v1/contacts'))).toEqual([]);
    expect(output.invoice_count).toBe(2);
  });

  it('refuses a total-only order with shipping beside it before any request', async () => {
    const failure = await failureOf(run({ ...fromPicTime(picTimeOrder), shipping_amount: '3.00' }));
    expect(failure.message).toMatch(/^Check this step's input\. Shipping Amount cannot be used with Total alone/);
    expect(failure.message).toMatch(/Nothing was booked\.$/);
  });

  it('says which field has a Shopify fraction when Percent is chosen', async () => {
    const failure = await failureOf(run({ ...shopify, tax_rate_format: 'percent' }));
    expect(failure.message).toContain('Line Items › Tax Rate (line item 1) "0.2" would be 0.2% tax, which is almost certainly a fraction');
  });

  it('reads a Zap made through the API that sends the order’s rate as tax_rate', async () => {
    const api = invoiceApi();
    const { total_tax_rate: _rate, ...picTime } = fromPicTime(picTimeOrder);
    await run({ ...picTime, tax_rate: '20', contact_id: 'con_Emm4' });
    expect(api.posts.map((p) => [p.body.tax_rate, p.body.tax])).toEqual([['20', 1440]]);
  });

  it('passes on an API error as the API said it (the booking is not half done)', async () => {
    nock(API).get('/v1/invoices').query(true).reply(200, { data: [], next_cursor: null });
    nock(API)
      .post('/v1/invoices')
      .reply(422, envelope('validation_failed', 'The invoice does not add up.', [{ field: 'total', message: 'is wrong' }]));
    const failure = await failureOf(run(shopify));
    expect(failure.message).toMatch(/does not add up|total/);
  });
});
