// Random valid orders for the property tests of the money split and of booking invoices:
// several rates (some spelled two ways), discounts up to the whole order, shipping that follows
// the goods or has its own rate, stated taxes (a stated shipping tax a few units off what its
// parts carry, as a gallery would state it), and a stated tax total a few units off, within
// what rounding can explain (one minor unit per taxed line), as a gallery that rounds once on
// the total would state it. chargedOrderArb adds the totals a gallery charges, computed by the
// sandbox's own checkout arithmetic with its tax rounded per line, per rate or per order.
import fc from 'fast-check';
import { splitOrder, type PricedSplitInput } from '../../src/domain/tax-split.js';
import { orderTotals, type OrderTotals } from '../../sandbox/world/order-totals.js';
import { TaxRounding } from '../../sandbox/store/studios.js';

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
        taxDelta: fc.integer({ min: -2, max: 2 }),
      }),
      { nil: null },
    ),
    statesTaxTotal: fc.boolean(),
    taxTotalDelta: fc.integer({ min: -3, max: 3 }),
  })
  .map((raw): PricedSplitInput => {
    const values = raw.lines.map((l) => l.quantity * l.unit_price);
    const goods = values.reduce((a, b) => a + b, 0);
    const discount = Math.floor((goods * raw.discountPercent) / 100);
    // A stated tax stays below what is left of the line after any discount share (rule 3 input).
    const lines = raw.lines.map((l, i) => {
      const room = Math.max(0, Math.floor((values[i]! * (100 - raw.discountPercent)) / 100) - 1);
      return {
        description: l.description,
        quantity: l.quantity,
        unit_price: l.unit_price,
        tax_rate: l.tax_rate,
        tax: l.statesTax ? Math.floor((room * l.taxPerMille) / 1000 / 4) : null,
      };
    });
    const ownRate = raw.shipping !== null && raw.shipping.tax_rate !== null;
    const shipping = raw.shipping && {
      amount: raw.shipping.amount,
      tax_rate: raw.shipping.tax_rate,
      tax: raw.shipping.statesTax && ownRate ? Math.floor((raw.shipping.amount * raw.shipping.taxPerMille) / 1000 / 4) : null,
    };
    let withLines: PricedSplitInput = {
      currency: raw.currency,
      prices_include_tax: raw.prices_include_tax,
      payment_status: raw.payment_status,
      discount,
      shipping,
      tax_total: null,
      lines,
    };
    if (raw.shipping?.statesTax && !ownRate) {
      // Shipping that follows the goods, with the tax the gallery says it charged on it: what its
      // parts carry, give or take a unit or two (never below 0, never tax on untaxed parts), kept
      // within each part's price when prices include tax.
      const parts = splitOrder(withLines).flatMap((d) =>
        d.lines.filter((l) => l.kind === 'shipping').map((l) => ({ rate: d.tax_rate, ...l })),
      );
      const carried = parts.reduce((sum, p) => sum + p.tax, 0);
      const taxedAmount = parts.filter((p) => p.rate !== '0').reduce((sum, p) => sum + p.amount, 0);
      let tax = carried === 0 ? 0 : Math.max(0, carried + raw.shipping.taxDelta);
      if (raw.prices_include_tax) tax = Math.min(tax, carried, taxedAmount);
      withLines = { ...withLines, shipping: { ...shipping!, tax } };
    }
    if (!raw.statesTaxTotal) return withLines;
    // A stated tax total near what the lines come to, as a gallery rounding on the total would
    // state: off by at most one unit per taxed line, and no more than the invoices can show.
    const drafts = splitOrder(withLines);
    const computed = drafts.reduce((sum, d) => sum + d.tax, 0);
    const taxed = drafts.filter((d) => d.tax_rate !== '0');
    const taxedLines = taxed.reduce((sum, d) => sum + d.lines.filter((l) => l.amount > 0).length, 0);
    const room = taxed.reduce((sum, d) => sum + (raw.taxTotalDelta < 0 ? d.tax : raw.prices_include_tax ? d.net : Infinity), 0);
    const delta = Math.sign(raw.taxTotalDelta) * Math.min(Math.abs(raw.taxTotalDelta), taxedLines, room);
    return { ...withLines, tax_total: computed + delta };
  });

/** An order with the totals its gallery charged, tax rounded as `rounding` says. */
export type ChargedOrder = PricedSplitInput & { totals: OrderTotals; rounding: TaxRounding };

export const chargedOrderArb: fc.Arbitrary<ChargedOrder> = fc
  .tuple(orderArb, fc.constantFrom(...TaxRounding.options))
  .map(([order, rounding]) => ({ ...order, rounding, totals: orderTotals(order, rounding) }));

/**
 * Many lines of a few minor units, at every rate: where rounding once per rate or per order
 * differs most from rounding per line (several units), with the totals such a gallery charged.
 */
export const smallChargedOrderArb: fc.Arbitrary<ChargedOrder> = fc
  .record({
    prices_include_tax: fc.boolean(),
    lines: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 3 }),
        unit_price: fc.integer({ min: 0, max: 30 }),
        tax_rate: fc.constantFrom(...RATES),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    shipping: fc.option(
      fc.record({ amount: fc.integer({ min: 0, max: 40 }), tax_rate: fc.option(fc.constantFrom(...RATES), { nil: null }) }),
      { nil: null },
    ),
    discount: fc.integer({ min: 0, max: 20 }),
    rounding: fc.constantFrom(...TaxRounding.options),
  })
  .map(({ rounding, ...raw }) => {
    const goods = raw.lines.reduce((sum, l) => sum + l.quantity * l.unit_price, 0);
    const order: PricedSplitInput = {
      currency: 'USD',
      prices_include_tax: raw.prices_include_tax,
      payment_status: 'paid',
      discount: Math.min(raw.discount, goods),
      shipping: raw.shipping && { ...raw.shipping, tax: null },
      tax_total: null,
      lines: raw.lines.map((l, i) => ({ ...l, description: `Mini print ${i + 1}`, tax: null })),
    };
    return { ...order, rounding, totals: orderTotals(order, rounding) };
  });
