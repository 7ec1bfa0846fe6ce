// Orders and a stand-in for the Studio API's invoice endpoints, for the nock tests of the
// invoice steps. The stand-in keeps invoices and honours Idempotency-Key the way the API
// does (same key + same body → the first response, replayed; other body → 409), so replay
// tests exercise the real behaviour rather than canned answers.
import { isDeepStrictEqual } from 'node:util';
import nock from 'nock';
import type { Invoice, InvoiceCreate } from '../../src/contract/invoices.js';
import type { Order } from '../../src/contract/orders.js';
import { API, envelope } from '../support/api-mock.js';

export { API, authData, envelope } from '../support/api-mock.js';

/**
 * The demo studio's order: an album at 5% and two canvases at 10%, GBP, prices including tax,
 * £10 off and £9.95 shipping. Totals as the split gives them (worked by hand in
 * test/domain/tax-split.test.ts): 5% → total 45007, tax 2143; 10% → total 23988, tax 2181.
 */
export function demoOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord_D3m0A1bum',
    number: 'PT-1042',
    gallery_id: 'gal_H4rp3rL33',
    placed_at: '2026-07-05T19:42:05Z',
    currency: 'GBP',
    prices_include_tax: true,
    payment_status: 'paid',
    client: { email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper', phone: null },
    lines: [
      { id: 'oln_1', description: 'Heirloom Album', quantity: 1, unit_price: 45000, tax_rate: '5', tax: null },
      { id: 'oln_2', description: 'Canvas 16x20', quantity: 2, unit_price: 12000, tax_rate: '10', tax: null },
    ],
    discount: 1000,
    shipping: { amount: 995, tax_rate: null, tax: null },
    tax_total: null,
    totals: { goods: 69000, discount: 1000, shipping: 995, tax: 4324, total: 68995 },
    ...overrides,
  };
}

export interface SentPost {
  key: string | undefined;
  body: InvoiceCreate;
  status: number;
}

/** What the stand-in adds to the n-th invoice it stores (0-based). */
const storedInvoice = (n: number) => ({
  id: `inv_${String(n + 1).padStart(4, '0')}`,
  number: `INV-${2041 + n}`,
  created_at: '2026-07-05T19:43:10Z',
});

/** An in-memory invoice store behind nock: POST /v1/invoices and GET /v1/invoices?order_id= (or ?source_app=&source_reference=). */
export function invoiceApi() {
  const invoices: Invoice[] = [];
  const byKey = new Map<string, { body: unknown; invoice: Invoice }>();
  const posts: SentPost[] = [];
  nock(API)
    .persist()
    .post('/v1/invoices')
    .reply(async (request: Request) => {
      const body = (await request.json()) as InvoiceCreate;
      const key = request.headers.get('idempotency-key') ?? undefined;
      const earlier = key ? byKey.get(key) : undefined;
      if (earlier && !isDeepStrictEqual(earlier.body, body)) {
        posts.push({ key, body, status: 409 });
        return [409, envelope('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.')];
      }
      if (earlier) {
        posts.push({ key, body, status: 201 });
        return [201, earlier.invoice, { 'Idempotent-Replayed': 'true' }];
      }
      // The stand-in checks and computes nothing (that is the sandbox's job, sandbox/api/invoices.ts):
      // the invoice is the body as sent, with a declared id, number and time.
      const invoice: Invoice = {
        ...storedInvoice(invoices.length),
        ...body,
        order_id: body.order_id ?? null,
        contact_id: body.contact_id ?? null,
        job_id: body.job_id ?? null,
        source: body.source ?? null,
      };
      invoices.push(invoice);
      if (key) byKey.set(key, { body, invoice });
      posts.push({ key, body, status: 201 });
      return [201, invoice];
    });
  nock(API)
    .persist()
    .get('/v1/invoices')
    .query(true)
    .reply((request: Request) => {
      const query = new URL(request.url).searchParams;
      const orderId = query.get('order_id');
      const matches = (i: Invoice) =>
        orderId !== null
          ? i.order_id === orderId
          : i.source?.app === query.get('source_app') && i.source?.reference === query.get('source_reference');
      return [200, { data: invoices.filter(matches).reverse(), next_cursor: null }];
    });
  return { invoices, posts };
}

export { failureOf } from '../support/index.js';
