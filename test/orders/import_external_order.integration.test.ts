// Orders from other apps against the real sandbox (demo studio "Northlight Photography", GB):
// Pic-Time's New Order Placed, Shopify's and WooCommerce's orders as a Zap maps them, through
// Zapier's handler, including a replay and a replay with other figures. Every test books its
// own order (its own reference), so they pass in any order.
import { describe, expect, it } from '@jest/globals';
import createInvoicesFromLineItems from '../../src/invoices/create_invoices_from_line_items.js';
import importExternalOrder from '../../src/orders/import_external_order.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { fromPicTime, fromShopify, fromWooCommerce, picTimeOrder, shopifyOrder, wooCommerceOrder } from './external-fixtures.js';
import { failureOf, runOperation, useSandbox } from '../support/index.js';

const sandbox = useSandbox();
type Output = Record<string, any>;
const runImport = (inputData: Record<string, unknown>) =>
  runOperation<Output>(importExternalOrder.operation.perform, { authData: sandbox.authData, inputData });
const runLineItems = (inputData: Record<string, unknown>) =>
  runOperation<Output>(createInvoicesFromLineItems.operation.perform, { authData: sandbox.authData, inputData });

async function get(path: string): Promise<any> {
  const response = await sandbox.api('GET', path);
  expect(response.status).toBe(200);
  return response.body;
}
const invoicesFrom = async (app: string, reference: string) =>
  (await get(`/v1/invoices?source_app=${encodeURIComponent(app)}&source_reference=${encodeURIComponent(reference)}&limit=100`))
    .data as Output[];

describe('Import Order From Another App against the sandbox', () => {
  it('books Pic-Time’s order for Amelia (national phone, /Date(ms)/, "approved") on her contact and her wedding job, one paid 20% invoice', async () => {
    const reference = 'PT-20931';
    const result = await runImport({
      ...fromPicTime(picTimeOrder),
      reference,
      client_email: 'amelia.hart@example.com',
      client_first_name: 'Amelia',
      client_last_name: 'Hart',
      client_phone: '07700 900101',
    });

    expect(result).toMatchObject({
      order_id: null,
      order_number: reference,
      source_app: 'pic-time',
      source_reference: reference,
      contact_id: DEMO_IDS.contacts.amelia,
      contact_result: 'matched',
      contact_matched_by: 'email',
      // The engagement shoot: the venue walkthrough after it was cancelled, the wedding is to come.
      shoot_id: DEMO_IDS.shoots.hartEngagement,
      job_id: DEMO_IDS.jobs.hartWedding,
      invoice_count: 1,
      invoices_created: 1,
      invoices_total: 8640,
      lines: [
        expect.objectContaining({
          description: `Order ${reference}`,
          amount: 8640,
          amount_decimal: '86.40',
          tax: 1440,
          tax_decimal: '14.40',
          tax_rate: '20',
        }),
      ],
    });
    expect(result.summary).toBe(
      `Pic-Time order ${reference}: 1 invoice (GBP 86.40) on Amelia Hart (matched by email), job ${DEMO_IDS.jobs.hartWedding}.`,
    );
    const [invoice, ...others] = await invoicesFrom('pic-time', reference);
    expect(others).toEqual([]);
    expect(invoice).toMatchObject({
      source: { app: 'pic-time', reference },
      order_id: null,
      status: 'paid',
      total: 8640,
      tax: 1440,
      contact_id: DEMO_IDS.contacts.amelia,
    });
  });

  it('books nothing new when the same order comes again, and returns the same invoices and contact', async () => {
    const input = { ...fromShopify(shopifyOrder), reference: '#2001', client_email: 'new.client.2001@example.com' };
    const first = await runImport(input);
    expect(first).toMatchObject({ contact_result: 'created', invoice_count: 2, invoices_created: 2, invoices_total: 10795 });
    expect(first.contact).toMatchObject({ email: 'new.client.2001@example.com', phone: '+447700900321' });

    const again = await runImport(input);
    expect(again).toMatchObject({ contact_id: first.contact_id, invoice_ids: first.invoice_ids, invoices_created: 0, invoices_reused: 2 });
    expect((await invoicesFrom('shopify', '#2001')).map((i) => i.id).sort()).toEqual([...first.invoice_ids].sort());
  });

  it('stops a replay with other figures, saying what differs, and books no second set', async () => {
    const input = { ...fromPicTime(picTimeOrder), reference: 'PT-30001', client_email: 'replay.client@example.com' };
    const first = await runImport(input);
    const failure = await failureOf(runImport({ ...input, total: '96.40' }));

    expect(failure.message).toMatch(
      /^Pic-Time order PT-30001 was booked before with other figures, so nothing new was booked\. To book the changed order too, give it a new Order Reference/,
    );
    expect(failure.message.slice(0, 250)).toContain(`otherwise correct invoice ${first.invoices[0].number}`);
    expect(failure.message).toContain(
      `the 20% invoice ${first.invoices[0].number} is GBP 86.40 (tax GBP 14.40), the order now GBP 96.40 (tax GBP 16.07)`,
    );
    expect(await invoicesFrom('pic-time', 'PT-30001')).toHaveLength(1);
  });

  it('stops a replay of an order edited to gain a line at a new rate, instead of booking it as the rest of a half-done run', async () => {
    const input = {
      source_app: 'Shopify',
      reference: '#30002',
      currency: 'GBP',
      prices_include_tax: 'yes',
      line_items: [{ description: 'Canvas', unit_price: '60.00', tax_rate: '0.2', tax: '10.00' }],
    };
    const first = await runImport(input);
    const edited = {
      ...input,
      line_items: [...input.line_items, { description: 'Photo Book', unit_price: '40.00', tax_rate: '0.05', tax: '1.90' }],
    };
    const failure = await failureOf(runImport(edited));
    expect(failure.name).toBe('HaltedError');
    expect(failure.message).toContain('the order now has a 5% part (GBP 40.00) that the first booking did not');
    expect((await invoicesFrom('shopify', '#30002')).map((invoice) => invoice.id)).toEqual([first.invoices[0].id]);
  });

  it('refuses an amount with more decimals than the currency has, naming the field, and books nothing', async () => {
    const failure = await failureOf(runImport({ ...fromPicTime(picTimeOrder), reference: 'PT-BAD-1', total: '86.405' }));
    expect(failure.message).toBe(
      'Check this step\'s input. Total "86.405" has more decimals than GBP has (2): there is no such amount of GBP. Check that the amount and the currency belong together. Nothing was booked.',
    );
    expect(await invoicesFrom('pic-time', 'PT-BAD-1')).toEqual([]);
  });
});

describe('Create Invoices From Line Items against the sandbox', () => {
  it('books Shopify’s order to its total_price, links the contact its email matches, and lists every line as a line item', async () => {
    const oliver = {
      client_email: 'OLIVER.BENNETT@example.co.uk',
      client_first_name: 'Oliver',
      client_last_name: 'Bennett',
      client_phone: '',
    };
    const result = await runLineItems({ ...fromShopify(shopifyOrder), reference: '#3001', ...oliver, job_id: DEMO_IDS.jobs.bennettFamily });

    expect(result).toMatchObject({
      source_app: 'shopify',
      source_reference: '#3001',
      invoice_count: 2,
      invoices_created: 2,
      order_total: 10795,
    });
    expect(
      result.lines.map((line: Output) => [
        line.tax_rate,
        line.kind,
        line.description,
        line.quantity,
        line.amount_decimal,
        line.tax_decimal,
      ]),
    ).toEqual([
      ['0', 'goods', 'Printed Photo Book', 1, '57.22', '0.00'],
      ['20', 'goods', 'Fine Art Print 8x10', 2, '45.78', '7.63'],
      ['20', 'shipping', 'Shipping', 1, '4.95', '0.83'],
    ]);
    const invoices = await invoicesFrom('shopify', '#3001');
    expect(invoices.map((i) => [i.tax_rate, i.contact_id, i.job_id]).sort()).toEqual([
      ['0', DEMO_IDS.contacts.oliver, DEMO_IDS.jobs.bennettFamily],
      ['20', DEMO_IDS.contacts.oliver, DEMO_IDS.jobs.bennettFamily],
    ]);
    expect(invoices.reduce((sum, i) => sum + i.total, 0)).toBe(10795);
  });

  it('books a WooCommerce order (USD, tax added) unattached when no contact fits, and never creates one', async () => {
    const result = await runLineItems({ ...fromWooCommerce(wooCommerceOrder), reference: '4001' });
    expect(result).toMatchObject({ invoice_count: 2, order_total: 21043, currency: 'USD' });
    const invoices = await invoicesFrom('woocommerce', '4001');
    expect(invoices.every((i) => i.contact_id === null)).toBe(true);
    expect((await get(`/v1/contacts?email=${encodeURIComponent(wooCommerceOrder.billing.email)}`)).data).toEqual([]);
  });

  it('is the same booking as Import Order From Another App: the other step’s replay books nothing', async () => {
    // Grace's own phone and name are on the contact of order #2001's other address: a new phone keeps this order clear of that stop.
    const input = { ...fromShopify(shopifyOrder), reference: '#5001', client_phone: '+447700900399' };
    const first = await runLineItems(input);
    const imported = await runImport(input);
    expect(imported).toMatchObject({ invoice_ids: first.invoice_ids, invoices_created: 0, invoices_reused: 2 });
  });
});
