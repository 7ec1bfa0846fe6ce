// Random valid orders for the property tests of the money split and of booking invoices:
// several rates (some spelled two ways), discounts up to the whole order, shipping that follows
// the goods or has its own rate, stated taxes, and (prices excluding tax) a stated tax total
// a few units off, as a gallery that rounds once on the total would state it.
import fc from 'fast-check';
import { splitOrder, type SplitInput } from '../../src/domain/tax-split.js';

export const RATES = ['0', '5', '7.25', '8', '10', '12.5', '19', '20', '0.5', '21', '5.0'];
export const CURRENCIES = ['GBP', 'EUR', 'USD', 'JPY', 'KWD'];

const lineArb = fc.record({
  description: fc.constantFrom('Album', 'Canvas', 'Print 8x10', 'USB', 'Frame', 'Digital file'),
  quantity: fc.integer({ min: 1, max: 6 }),
  unit_price: fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 5_000_000 })),
  tax_rate: fc.constantFrom(...RATES),
  statesTax: fc.boolean(),
  taxPerMille: fc.integer({ min: 0, max: 1000 }),
});

export const orderArb = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    prices_include_tax: fc.boolean(),
    payment_status: fc.constantFrom('paid' as const, 'awaiting_payment' as const),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
    discountPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
    shipping: fc.option(
      fc.record({
        amount: fc.integer({ min: 0, max: 5_000 }),
        tax_rate: fc.option(fc.constantFrom(...RATES), { nil: null }),
        statesTax: fc.boolean(),
        taxPerMille: fc.integer({ min: 0, max: 1000 }),
      }),
      { nil: null },
    ),
    statesTaxTotal: fc.boolean(),
    taxTotalDelta: fc.integer({ min: -3, max: 3 }),
  })
  .map((raw): SplitInput => {
    const values = raw.lines.map((l) => l.quantity * l.unit_price);
    const goods = values.reduce((a, b) => a + b, 0);
    const discount = Math.floor((goods * raw.discountPercent) / 100);
    // A stated tax stays below what is left of the line after any discount share (rule 3 input).
    const lines = raw.lines.map((l, i) => {
      const room = Math.max(0, Math.floor((values[i]! * (100 - raw.discountPercent)) / 100) - 1);
      return { description: l.description, quantity: l.quantity, unit_price: l.unit_price, tax_rate: l.tax_rate, tax: l.statesTax ? Math.floor((room * l.taxPerMille) / 1000 / 4) : null };
    });
    const shipping = raw.shipping && {
      amount: raw.shipping.amount,
      tax_rate: raw.shipping.tax_rate,
      tax: raw.shipping.statesTax ? Math.floor((raw.shipping.amount * raw.shipping.taxPerMille) / 1000 / 4) : null,
    };
    const withLines: SplitInput = {
      currency: raw.currency,
      prices_include_tax: raw.prices_include_tax,
      payment_status: raw.payment_status,
      discount,
      shipping,
      tax_total: null,
      lines,
    };
    if (raw.prices_include_tax || !raw.statesTaxTotal) return withLines;
    // A stated tax total near what the lines come to, as a gallery rounding on the total would state.
    const drafts = splitOrder(withLines);
    const computed = drafts.reduce((sum, d) => sum + d.tax, 0);
    const largestNet = Math.max(...drafts.map((d) => d.net));
    return { ...withLines, tax_total: Math.max(0, computed + Math.max(raw.taxTotalDelta, -largestNet)) };
  });

