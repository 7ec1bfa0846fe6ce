// Orders from other apps, read field by field and split by the one money split: the three
// apps' real shapes, the values that must be refused (naming the field and the value), the
// property that line-item input splits exactly as the same order from Studio does, and what
// a replay with other figures is told.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppValueError } from '../../src/domain/app-values.js';
import { formatDecimal } from '../../src/domain/currency.js';
import {
  compareBooking,
  readExternalOrder,
  sourceAppKey,
  splitExternalOrder,
  type ExternalOrderFields,
} from '../../src/domain/external-order.js';
import { OrderSplitError, splitOrder, type InvoiceDraft } from '../../src/domain/tax-split.js';
import type { Invoice } from '../../src/contract/invoices.js';
import { orderArb } from '../invoices/arbitraries.js';
import { ExternalOrderInput, orderFieldsOf } from '../../src/orders/external-order-input.js';
import { fromPicTime, fromShopify, fromWooCommerce, picTimeOrder, shopifyOrder, wooCommerceOrder } from '../orders/external-fixtures.js';

const label = (key: string) => `[${key}]`;
/** As the step reads them: Zapier's text through the step's schema, then the reader. */
const read = (fields: Record<string, unknown>) => readExternalOrder(orderFieldsOf(ExternalOrderInput.parse(fields)), label);
const sum = (drafts: InvoiceDraft[], field: 'net' | 'tax' | 'total') => drafts.reduce((total, draft) => total + draft[field], 0);
const refused = (fields: Record<string, unknown>, message: RegExp) => {
  expect(() => splitExternalOrder(read(fields))).toThrow(message);
};

describe('orders as the apps send them', () => {
  it('books a Shopify order (fractional rates, prices including VAT, shipping at its own rate) to exactly its total_price and total_tax', () => {
    const order = read(fromShopify(shopifyOrder));
    expect(order.source).toEqual({ app: 'shopify', reference: '#1001' });
    expect(order.placed_at).toBe('2026-11-28T14:03:11.000Z');
    expect(order.split.payment_status).toBe('paid');
    const drafts = splitExternalOrder(order);
    expect(drafts.map((d) => [d.tax_rate, d.total, d.tax])).toEqual([
      ['0', 5722, 0],
      ['20', 5073, 846],
    ]);
    expect(sum(drafts, 'total')).toBe(10795);
    expect(sum(drafts, 'tax')).toBe(846);
    expect(drafts.every((d) => d.status === 'paid')).toBe(true);
  });

  it('books a WooCommerce order (numeric unit prices, percent rates, tax added) to exactly its total and total_tax', () => {
    const drafts = splitExternalOrder(read(fromWooCommerce(wooCommerceOrder)));
    expect(drafts.map((d) => [d.tax_rate, d.net, d.tax, d.total])).toEqual([
      ['0', 800, 0, 800],
      ['8.25', 18700, 1543, 20243],
    ]);
    expect(sum(drafts, 'total')).toBe(21043);
    expect(drafts[1]!.status).toBe('paid'); // "processing": paid, being fulfilled
  });

  it('books Pic-Time’s New Order Placed (a total only, /Date(ms)/, "approved") as one invoice with the tax inside the total', () => {
    const order = read(fromPicTime(picTimeOrder));
    expect(order.placed_at).toBe('2026-11-30T18:00:00.000Z');
    expect(order.client).toEqual({ email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper', phone: '07700 900123' });
    const [invoice, ...others] = splitExternalOrder(order);
    expect(others).toEqual([]);
    expect(invoice).toMatchObject({ tax_rate: '20', prices_include_tax: true, net: 7200, tax: 1440, total: 8640, status: 'paid' });
    expect(invoice!.lines).toEqual([{ kind: 'goods', description: 'Order PT-20931', quantity: 1, amount: 8640, tax: 1440 }]);
  });

  it('reads "pending approval" as unpaid: open invoices', () => {
    expect(splitExternalOrder(read({ ...fromPicTime(picTimeOrder), paid: 'Pending Approval' }))[0]!.status).toBe('open');
  });

  it('names one app one way, whatever its case and spacing', () => {
    expect(['Pic-Time', ' pic time ', 'PIC_TIME'].map(sourceAppKey)).toEqual(['pic-time', 'pic-time', 'pic-time']);
    expect(sourceAppKey('')).toBe('other');
  });

  it('takes a line item’s missing rate from Tax Rate for Total, and a missing quantity as 1', () => {
    const order = read({ reference: 'A-1', currency: 'EUR', tax_rate: '19', line_items: [{ description: 'Print', unit_price: '10.00' }] });
    expect(order.split.lines).toEqual([{ description: 'Print', quantity: 1, unit_price: 1000, discount: 0, tax_rate: '19', tax: null }]);
  });

  it('keeps a total with line items as a check: a cent of rounding goes on a rounding line', () => {
    const fields = {
      reference: 'R-1',
      currency: 'GBP',
      line_items: [{ description: 'Print', quantity: '3', unit_price: '0.10', tax_rate: '7.25' }],
    };
    const exact = splitExternalOrder(read(fields));
    expect(exact[0]!.total).toBe(32); // 30 + 2.175 of tax → 32
    // The app rounded each print's tax up (3 × 0.73): its total is a cent more.
    const checked = splitExternalOrder(read({ ...fields, total: '0.33' }));
    expect(checked[0]!.total).toBe(33);
    expect(checked[0]!.lines.at(-1)).toMatchObject({ kind: 'rounding', amount: 1, tax: 0 });
  });
});

describe('values that are refused, naming the field and the value, before anything is worked out', () => {
  const base = {
    reference: 'X-1',
    currency: 'GBP',
    line_items: [{ description: 'Print', quantity: '1', unit_price: '12.50', tax_rate: '20' }],
  };
  it.each([
    [
      'a price with more decimals than GBP has',
      { line_items: [{ description: 'Print', unit_price: '12.505', tax_rate: '20' }] },
      /\[line_items.unit_price\] \(line item 1\) "12.505" has more decimals than GBP has/,
    ],
    ['a decimal comma', { discount: '1.234,56' }, /\[discount\] "1.234,56" has a thousands separator or a decimal comma/],
    [
      'a fraction where percent was chosen',
      { line_items: [{ description: 'Print', unit_price: '12.50', tax_rate: '0.2' }] },
      /\[line_items.tax_rate\] \(line item 1\) "0.2" would be 0.2% tax, which is almost certainly a fraction/,
    ],
    [
      'a percent where fraction was chosen',
      { tax_rate_format: 'fraction' },
      /\[line_items.tax_rate\] \(line item 1\) "20" read as a fraction is above 100%/,
    ],
    ['a currency that is no ISO 4217 code', { currency: 'Pounds' }, /\[currency\] "Pounds" is not an ISO 4217 currency code/],
    ['a local time without a zone', { placed_at: '2026-11-29 09:12:45' }, /\[placed_at\] "2026-11-29 09:12:45" has no time zone/],
    ['a payment word that says neither', { paid: 'refunded' }, /\[paid\] "refunded" does not say whether the order was paid/],
    [
      'a quantity that is no whole number',
      { line_items: [{ description: 'Print', quantity: '1.5', unit_price: '1', tax_rate: '20' }] },
      /\[line_items.quantity\] \(line item 1\) "1.5" is not a quantity/,
    ],
    [
      'a line without a rate and no rate for the order',
      { line_items: [{ description: 'Print', unit_price: '1' }] },
      /\[line_items.tax_rate\] \(line item 1\) is empty, so the rate of "Print" is unknown/,
    ],
    ['no line items and no total', { line_items: [] }, /no line items and no \[total\]/],
    ['a total without its rate', { line_items: [], total: '10.00' }, /\[tax_rate\] is needed with \[total\]/],
    [
      'shipping beside a total alone',
      { line_items: [], total: '10.00', tax_rate: '20', shipping_amount: '2.00' },
      /\[shipping_amount\] cannot be used with \[total\] alone/,
    ],
  ])('%s', (_name, change, message) => {
    expect(() => read({ ...base, ...change })).toThrow(AppValueError);
    expect(() => read({ ...base, ...change })).toThrow(message);
  });

  it('refuses a stated total that line items, discount and shipping do not come to (beyond rounding)', () => {
    refused({ ...base, total: '13.50' }, /come to GBP 15.00, but its Total is GBP 13.50: more than rounding/);
    expect(() => splitExternalOrder(read({ ...base, total: '13.50' }))).toThrow(OrderSplitError);
  });

  it('skips the empty rows Zapier sends for unmapped line items', () => {
    expect(read({ ...base, line_items: [...base.line_items, { description: '', quantity: '', unit_price: '' }] }).split.lines).toHaveLength(
      1,
    );
  });
});

// The same order, once as Studio holds it (minor units) and once as another app writes it
// (major-unit text, rates as percent or fraction): the invoices are the same to the unit.
describe('line-item input splits exactly as the same Studio order', () => {
  /** "7.25" → "0.0725", "20" → "0.2", "100" → "1", "0.5" → "0.005": moved two places by text, not arithmetic. */
  const asFraction = (percent: string) => {
    const [whole = '0', fraction = ''] = percent.split('.');
    const padded = whole.padStart(3, '0');
    const text = `${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '');
    return text === '' ? '0' : text;
  };

  it('gives the same invoices for every order, currency and rate spelling', () => {
    fc.assert(
      fc.property(orderArb, fc.constantFrom('percent' as const, 'fraction' as const), (studio, format) => {
        // Taxes worked out from the rates: a stated tax another app sends must fit its rate,
        // which the shops' own generators (test/shops/) cover; here the reading itself is compared.
        const order = {
          ...studio,
          tax_total: null,
          lines: studio.lines.map((line) => ({ ...line, tax: null })),
          shipping: studio.shipping && { ...studio.shipping, tax: null },
        };
        let expected: InvoiceDraft[] | Error;
        try {
          expected = splitOrder(order);
        } catch (error) {
          expected = error as Error;
        }
        const money = (minor: number) => formatDecimal(minor, order.currency);
        const rate = (percent: string) => (format === 'fraction' ? asFraction(percent) : percent);
        const fields = {
          reference: 'P-1',
          currency: order.currency,
          prices_include_tax: order.prices_include_tax,
          tax_rate_format: format,
          paid: order.payment_status === 'paid' ? 'yes' : 'no',
          discount: money(order.discount),
          shipping_amount: order.shipping ? money(order.shipping.amount) : undefined,
          shipping_tax_rate: order.shipping?.tax_rate != null ? rate(order.shipping.tax_rate) : undefined,
          shipping_tax: order.shipping?.tax != null ? money(order.shipping.tax) : undefined,
          line_items: order.lines.map((line) => ({
            description: line.description,
            quantity: String(line.quantity),
            unit_price: money(line.unit_price),
            tax_rate: rate(line.tax_rate),
            tax: line.tax === null ? undefined : money(line.tax),
          })),
        } as unknown as ExternalOrderFields;
        // Percent rates between 0 and 1 ("0.5") are refused as likely fractions: the order is
        // then written as the fraction it is.
        const belowOne = (rate: string | null | undefined) => rate != null && /^0\.\d*[1-9]/.test(rate);
        const written =
          format === 'percent' && (order.lines.some((l) => belowOne(l.tax_rate)) || belowOne(order.shipping?.tax_rate))
            ? { ...fields, tax_rate_format: 'fraction' as const }
            : fields;
        const rewritten =
          written === fields
            ? fields
            : {
                ...written,
                line_items: order.lines.map((line, i) => ({ ...fields.line_items![i], tax_rate: asFraction(line.tax_rate) })),
                shipping_tax_rate: order.shipping?.tax_rate != null ? asFraction(order.shipping.tax_rate) : undefined,
              };
        const external = readExternalOrder(rewritten, label);
        if (expected instanceof Error) {
          expect(() => splitExternalOrder(external)).toThrow(expected.message);
          return;
        }
        const canonical = (drafts: InvoiceDraft[]) => drafts.map((d) => ({ ...d, tax_rate: Number(d.tax_rate) }));
        expect(canonical(splitExternalOrder(external))).toEqual(canonical(expected));
      }),
      { numRuns: 400 },
    );
  });
});

describe('what a replay with other figures is told', () => {
  const drafts = splitExternalOrder(read(fromShopify(shopifyOrder)));
  const booked = (changes: Partial<InvoiceDraft>[] = []): Invoice[] =>
    drafts.map((draft, i) => ({
      id: `inv_${i}`,
      number: `INV-${100 + i}`,
      order_id: null,
      contact_id: null,
      job_id: null,
      source: { app: 'shopify', reference: '#1001' },
      ...draft,
      ...changes[i],
      created_at: '2026-11-28T14:05:00Z',
    }));

  const differencesOf = (now: InvoiceDraft[], invoices: Invoice[]) => compareBooking(now, invoices).differences;

  it('finds nothing when the figures are the same (rates spelled either way)', () => {
    expect(compareBooking(drafts, booked([{ tax_rate: '0.0' }, { tax_rate: '20.00' }]))).toEqual({ differences: [], missing: [] });
  });

  it('leaves the rates a half-done booking did not reach to be booked, and counts them no difference', () => {
    const [first] = booked();
    expect(compareBooking(drafts, [first!])).toEqual({ differences: [], missing: [drafts[1]] });
  });

  it('says which invoice, which figure, before and now', () => {
    const differences = differencesOf(drafts, booked([{}, { total: 5000, status: 'open' }]));
    expect(differences).toContain('the 20% invoice INV-101 is GBP 50.00 (tax GBP 8.46), the order now GBP 50.73 (tax GBP 8.46)');
    expect(differences).toContain('the 20% invoice INV-101 is open, the order now paid');
  });

  it('names a rate only one side has', () => {
    const changed = splitExternalOrder(
      read({
        ...fromShopify(shopifyOrder),
        total: undefined,
        line_items: [{ description: 'Fine Art Print 8x10', quantity: '3', unit_price: '24.00', tax_rate: '0.2' }],
      }),
    );
    expect(differencesOf(changed, booked())).toContain(
      'the earlier booking has a 0% invoice INV-100 (GBP 57.22), which the order no longer has',
    );
  });

  it('names the line when the figures are the same but a line is not', () => {
    const renamed = fromShopify(shopifyOrder);
    (renamed.line_items as Array<Record<string, string>>)[0]!.description = 'Fine Art Print 8x12';
    expect(differencesOf(splitExternalOrder(read(renamed)), booked())).toEqual([
      'the 20% invoice INV-101: line 1 is "Fine Art Print 8x10" on the invoice, "Fine Art Print 8x12" now',
    ]);
  });

  it('does not count a voided invoice’s status as a difference', () => {
    expect(differencesOf(drafts, booked([{ status: 'void' }, {}]))).toEqual([]);
  });
});

describe('an edited order told from a half-done booking, by the rates the first run meant', () => {
  const base = { source_app: 'Shopify', reference: '#77', currency: 'GBP', prices_include_tax: 'yes' };
  const first = splitExternalOrder(
    read({ ...base, line_items: [{ description: 'Canvas', unit_price: '60.00', tax_rate: '0.2', tax: '10.00' }] }),
  );
  const invoice = (draft: InvoiceDraft, rates?: string[]): Invoice => ({
    id: 'inv_1',
    number: 'INV-1',
    order_id: null,
    contact_id: null,
    job_id: null,
    source: { app: 'shopify', reference: '#77', ...(rates ? { rates } : {}) },
    ...draft,
    created_at: '2026-11-28T14:05:00Z',
  });
  const edited = splitExternalOrder(
    read({
      ...base,
      line_items: [
        { description: 'Canvas', unit_price: '60.00', tax_rate: '0.2', tax: '10.00' },
        { description: 'Photo Book', unit_price: '40.00', tax_rate: '0.05', tax: '1.90' },
      ],
    }),
  );

  it('stops an order that gained a line at a rate the first booking never had', () => {
    const { differences, missing } = compareBooking(edited, [invoice(first[0]!, ['20'])]);
    expect(missing).toEqual([]);
    expect(differences).toEqual(['the order now has a 5% part (GBP 40.00) that the first booking did not']);
  });

  it('completes a booking that stopped half-way: the rate was meant from the start', () => {
    const twenty = edited.find((d) => d.tax_rate === '20')!;
    const { differences, missing } = compareBooking(edited, [invoice(twenty, ['5', '20'])]);
    expect(differences).toEqual([]);
    expect(missing.map((d) => d.tax_rate)).toEqual(['5']);
  });
});

describe('each app read on its own terms (the classes of orders the shops write)', () => {
  const shopify = { source_app: 'Shopify', reference: '#9', currency: 'USD', paid: 'paid' };
  const woo = { source_app: 'WooCommerce', reference: '9', currency: 'GBP', paid: 'processing' };
  const figures = (drafts: InvoiceDraft[]) => drafts.map((d) => [d.tax_rate, d.net, d.tax, d.total]);

  it('adds a line’s several tax lines (state, county, city) as Zapier joins them, and books the line at their sum', () => {
    const drafts = splitExternalOrder(
      read({
        ...shopify,
        line_items: [{ description: 'Canvas', unit_price: '100.00', tax_rate: '0.04,0.045,0.00375', tax: '4.00,4.50,0.38' }],
        total: '108.88',
      }),
    );
    expect(figures(drafts)).toEqual([['8.875', 10000, 888, 10888]]);
  });

  it('takes a discount off the line Shopify allocated it to, never off the others', () => {
    const drafts = splitExternalOrder(
      read({
        ...shopify,
        currency: 'GBP',
        prices_include_tax: 'yes',
        line_items: [
          { description: 'Book', unit_price: '30.00', tax_rate: '0' },
          { description: 'Canvas', unit_price: '50.00', line_discount: '5.00,5.00', tax_rate: '0.2', tax: '6.67' },
        ],
        total: '70.00',
      }),
    );
    expect(figures(drafts)).toEqual([
      ['0', 3000, 0, 3000],
      ['20', 3333, 667, 4000],
    ]);
  });

  it('books a Shopify line and shipping without tax lines as untaxed, inventing no tax', () => {
    const drafts = splitExternalOrder(
      read({
        ...shopify,
        currency: 'GBP',
        line_items: [
          { description: 'Print', unit_price: '20.00', tax_rate: '0.2', tax: '4.00' },
          { description: 'Gift card', unit_price: '10.00' },
        ],
        shipping_amount: '4.00',
        total: '38.00',
      }),
    );
    expect(figures(drafts)).toEqual([
      ['0', 1400, 0, 1400],
      ['20', 2000, 400, 2400],
    ]);
  });

  it('reads WooCommerce’s line totals as after coupons and without tax, even for a store whose prices include it', () => {
    const drafts = splitExternalOrder(
      read({
        ...woo,
        prices_include_tax: 'yes',
        line_items: [{ description: 'Print', quantity: '3', line_total: '7.50', tax: '1.50', tax_rate_ids: '1' }],
        tax_lines_rate_ids: '1',
        tax_lines_rate: '20',
        tax_lines_tax: '1.50',
        total: '9.00',
      }),
    );
    expect(figures(drafts)).toEqual([['20', 750, 150, 900]]);
  });

  it('charges WooCommerce’s shipping at the one rate its tax lines say, and books its fees', () => {
    const drafts = splitExternalOrder(
      read({
        ...woo,
        line_items: [
          { description: 'Print', line_total: '10.00', tax: '2.00', tax_rate_ids: '1' },
          { description: 'Book', line_total: '20.00', tax: '1.00', tax_rate_ids: '2' },
        ],
        tax_lines_rate_ids: '1,2',
        tax_lines_rate: '20,5',
        tax_lines_tax: '3.00,1.00',
        tax_lines_shipping_tax: '0.00,0.25',
        shipping_amount: '5.00',
        shipping_tax: '0.25',
        fee_names: 'Rush fee',
        fee_amounts: '5.00',
        fee_taxes: '1.00',
        total: '44.25',
      }),
    );
    expect(figures(drafts)).toEqual([
      ['5', 2500, 125, 2625],
      ['20', 1500, 300, 1800],
    ]);
  });

  it('books the tax WooCommerce states per rate when it rounds tax at subtotal, the difference on a rounding line', () => {
    const drafts = splitExternalOrder(
      read({
        ...woo,
        line_items: [1, 2, 3].map((n) => ({ description: `Print ${n}`, line_total: '0.33', tax: '0.07', tax_rate_ids: '1' })),
        tax_lines_rate_ids: '1',
        tax_lines_rate: '20',
        tax_lines_tax: '0.20',
        total: '1.19',
      }),
    );
    expect(figures(drafts)).toEqual([['20', 99, 20, 119]]);
    expect(drafts[0]!.lines.at(-1)).toEqual({ kind: 'rounding', description: 'Rounding adjustment', quantity: 1, amount: 0, tax: -1 });
  });

  it('books fees of a fraction of a cent’s tax each at the rate their tax lines charged, when nothing else there has an amount', () => {
    // A 100% coupon leaves the lines at 0.00; two taxable fees of 0.02 and 0.06 carry 0.00165 and
    // 0.00495 of tax, none each once rounded, 0.01 together (the store rounds at subtotal).
    const drafts = splitExternalOrder(
      read({
        ...woo,
        currency: 'USD',
        line_items: [{ description: 'Print', line_total: '0.00', tax: '0.00', tax_rate_ids: '15' }],
        tax_lines_rate_ids: '15',
        tax_lines_rate: '8.25',
        tax_lines_tax: '0.01',
        tax_lines_shipping_tax: '0.00',
        fee_names: 'Gift wrapping,Handling',
        fee_amounts: '0.02,0.06',
        fee_taxes: '0.00,0.00',
        total: '0.09',
        total_tax: '0.01',
      }),
    );
    expect(figures(drafts)).toEqual([['8.25', 8, 1, 9]]);
  });

  it('reads WooCommerce’s GMT date without an offset as UTC, and no other app’s', () => {
    expect(read({ ...woo, placed_at: '2026-11-29T09:12:45', total: '1.00', total_tax_rate: '0' }).placed_at).toBe(
      '2026-11-29T09:12:45.000Z',
    );
    expect(() => read({ ...shopify, placed_at: '2026-11-29T09:12:45', total: '1.00', total_tax_rate: '0' })).toThrow(/no time zone/);
  });

  it.each([
    [
      {
        ...woo,
        line_items: [{ description: 'Print', line_total: '10.00', tax: '2.00', tax_rate_ids: '1' }],
        tax_lines_rate_ids: '1',
        tax_lines_rate: '20',
        discount: '2.00',
      },
      /count the discount twice/,
    ],
    [{ ...woo, line_items: [{ description: 'Print', line_total: '10.00', tax: '2.00' }] }, /rate of "Print" is unknown: map it/],
    [
      { ...shopify, line_items: [{ description: 'Print', unit_price: '10.00', tax_rate: '0', tax: '0.50' }] },
      /rate is 0%, which carries no tax/,
    ],
    [
      { ...shopify, line_items: [{ description: 'Print', unit_price: '100.00', tax_rate: '0.2', tax: '2.00' }] },
      /GBP|USD 2\.00 is not 20% of USD 100\.00 \(USD 20\.00\) within rounding/,
    ],
    [{ ...shopify, line_items: [{ description: 'Print', unit_price: '+10.00' }] }, /has a sign/],
    [{ ...shopify, placed_at: '2026-02-30T10:00:00Z', line_items: [{ description: 'Print', unit_price: '10.00' }] }, /does not exist/],
    [
      { ...shopify, line_items: [{ description: 'Print', unit_price: '10.00', tax_rate: '0.04,0.045', tax: '0.40,0.45,0.04' }] },
      /3 figures for 2 tax rates/,
    ],
    [
      {
        ...woo,
        line_items: [{ description: 'Print', line_total: '10.00', tax: '2.00', tax_rate_ids: '7' }],
        tax_lines_rate_ids: '1',
        tax_lines_rate: '20',
      },
      /names tax line "7"/,
    ],
  ])('refuses a figure that cannot be what the shop charged, naming the field (%#)', (fields, message) => {
    expect(() => splitExternalOrder(read(fields))).toThrow(message);
  });

  it('fits every refusal’s advice in the 250 characters Zapier shows', () => {
    const messages = [
      () => read({ ...shopify, line_items: [{ description: 'Print', unit_price: '100.00', tax_rate: '0.2', tax: '2.00' }] }),
      () => read({ ...woo, line_items: [{ description: 'Print', line_total: '10.00', tax: '2.00' }], discount: '2.00' }),
      () => read({ ...woo, fee_amounts: '0.10', fee_taxes: '5.00', line_items: [{ description: 'Print', line_total: '10.00' }] }),
      () =>
        splitExternalOrder(
          read({ ...shopify, line_items: [{ description: 'Print', unit_price: '10.00', tax_rate: '0' }], total: '25.00' }),
        ),
      () =>
        read({
          ...woo,
          line_items: [{ description: 'Print', line_total: '10.00', tax: '2.00', tax_rate_ids: '1' }],
          tax_lines_rate_ids: '1,2',
          tax_lines_rate: '20',
        }),
    ].map((run) => {
      try {
        run();
      } catch (error) {
        return `Check this step's input. ${(error as Error).message}`;
      }
      throw new Error('expected a refusal');
    });
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('a field mapped from an object (a mis-mapped Zapier field)', () => {
  it('is refused naming the field, never a TypeError, even an object without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    for (const app of ['Shopify', 'WooCommerce', 'Other']) {
      for (const field of ['quantity', 'unit_price', 'tax_rate', 'tax', 'line_discount', 'line_total', 'tax_rate_ids']) {
        const fields = {
          source_app: app,
          reference: 'X-1',
          currency: 'GBP',
          line_items: [{ description: bare, unit_price: '10.00', [field]: bare }],
        };
        expect(() => splitExternalOrder(read(fields))).toThrow(AppValueError);
      }
      expect(() => read({ source_app: app, reference: 'X-1', currency: 'GBP', paid: bare, total: '1.00', total_tax_rate: '0' })).toThrow(
        AppValueError,
      );
      expect(() =>
        read({
          source_app: app,
          reference: 'X-1',
          currency: 'GBP',
          fee_amounts: [bare],
          line_items: [{ unit_price: '1.00', tax_rate: '0' }],
        }),
      ).toThrow(AppValueError);
    }
  });
});
