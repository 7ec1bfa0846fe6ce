// Shopify orders as Shopify computes and writes them (Admin REST API, "Order" resource, the JSON
// its Zapier trigger New Paid Order hands over):
// - `line_items[].price` is the price of one before discounts, tax included when the shop's
//   `taxes_included` is true; `quantity`; `taxable`.
// - Discounts are allocated to the lines they apply to (`discount_allocations[].amount`): a
//   product discount to its products only, an order discount across every line; a shipping
//   discount to the shipping line (`discounted_price`).
// - Tax is charged per line on the line after its discounts, one `tax_lines[]` entry per
//   jurisdiction (a US state, county and city each), each rounded on its own; `rate` is a
//   fraction (0.2). An untaxed line or shipping has no tax lines at all.
// - `total_tax` is every tax line added up; `subtotal_price` is the lines after discounts;
//   `total_price` is subtotal + shipping + tax (tax only when prices exclude it).
// The generator computes all of it exactly (test/shops/exact.ts) and says what the shop charged
// at each rate: the truth the invoices are compared with.
import fc from 'fast-check';
import { add, allocate, decimalText, frac, mul, div, roundHalfEven, roundHalfUp, type Fraction } from './exact.js';
import type { Charged } from './charged.js';

interface TaxLine {
  title: string;
  rate: number;
  price: string;
}

export interface ShopifyOrder {
  id: number;
  name: string;
  created_at: string;
  currency: string;
  taxes_included: boolean;
  financial_status: string;
  total_price: string;
  subtotal_price: string;
  total_tax: string;
  total_discounts: string;
  email: string;
  customer: { email: string; first_name: string; last_name: string; phone: string | null };
  line_items: Array<{
    title: string;
    quantity: number;
    price: string;
    taxable: boolean;
    tax_lines: TaxLine[];
    discount_allocations: Array<{ amount: string; discount_application_index: number }>;
  }>;
  shipping_lines: Array<{
    title: string;
    price: string;
    discounted_price: string;
    tax_lines: TaxLine[];
    discount_allocations: Array<{ amount: string }>;
  }>;
}

/** A market: its currency's decimals, whether shops there price with tax included, and its taxes (fractions as Shopify writes them). */
interface Market {
  decimals: number;
  included: boolean[];
  /** The tax lines a product may carry: several for one US address (state, county, city). */
  productTaxes: string[][][];
  maxUnit: number;
}

const MARKETS: Record<string, Market> = {
  GBP: { decimals: 2, included: [true, false], productTaxes: [[['0.2'], ['0.05'], ['0'], []]], maxUnit: 60_000 },
  EUR: {
    decimals: 2,
    included: [true, false],
    productTaxes: [
      [['0.19'], ['0.07'], []],
      [['0.2'], ['0.055'], []],
      [['0.21'], ['0.09'], []],
    ],
    maxUnit: 60_000,
  },
  USD: {
    decimals: 2,
    included: [false],
    productTaxes: [
      [['0.04', '0.045', '0.00375'], []],
      [['0.0625', '0.01'], []],
      [['0.06', '0.0025', '0.01'], ['0.06'], []],
      [['0.0725', '0.0025', '0.0075'], []],
    ],
    maxUnit: 60_000,
  },
  JPY: { decimals: 0, included: [true, false], productTaxes: [[['0.1'], ['0.08'], []]], maxUnit: 80_000 },
  KWD: { decimals: 3, included: [false, true], productTaxes: [[[]], [['0.05'], []]], maxUnit: 150_000 },
};

export const SHOPIFY_CURRENCIES = Object.keys(MARKETS);

type Rounding = 'half-up' | 'half-even';
const rounder = (mode: Rounding) => (value: Fraction) => (mode === 'half-up' ? roundHalfUp(value) : roundHalfEven(value));

/** A percent text of a Shopify fraction: "0.00375" → "0.375"; several add up. */
function percentOf(fractions: readonly string[]): string {
  const total = fractions.reduce((sum, f) => add(sum, toFraction(f)), frac(0));
  const hundred = mul(total, frac(100));
  // at most 4 decimals of percent, as the rates above have
  const scaled = (hundred.n * 10_000n) / hundred.d;
  const whole = scaled / 10_000n;
  const rest = (scaled % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : `${whole}`;
}

function toFraction(text: string): Fraction {
  const [whole = '0', fraction = ''] = text.split('.');
  return frac(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

const DISCOUNT = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('order-percent' as const), percent: fc.constantFrom(5, 10, 15, 20, 25, 33, 50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('order-fixed' as const), share: fc.integer({ min: 1, max: 60 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('product-percent' as const),
      percent: fc.constantFrom(10, 20, 30, 100),
      mask: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('product-fixed' as const),
      perItemShare: fc.integer({ min: 1, max: 40 }),
      mask: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    }),
  },
);

export const shopifyOrderArb = (currency: string) => {
  const market = MARKETS[currency]!;
  return fc
    .record({
      id: fc.integer({ min: 1000, max: 999_999 }),
      included: fc.constantFrom(...market.included),
      rounding: fc.constantFrom<Rounding>('half-up', 'half-even'),
      taxes: fc.constantFrom(...market.productTaxes),
      lines: fc.array(
        fc.record({
          title: fc.constantFrom(
            'Fine Art Print 8x10',
            'Canvas Wrap 16x20',
            'Printed Photo Book',
            'Digital Download',
            'Framed Print',
            'Wallet Prints',
          ),
          quantity: fc.integer({ min: 1, max: 6 }),
          unit: fc.oneof(fc.integer({ min: 0, max: market.maxUnit }), fc.integer({ min: 1, max: 500 })),
          taxIndex: fc.nat(),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      discounts: fc.array(DISCOUNT, { minLength: 1, maxLength: 2 }),
      shipping: fc.option(
        fc.record({
          price: fc.integer({ min: 0, max: 3_000 }),
          taxed: fc.boolean(),
          discount: fc.constantFrom('none', 'free', 'half'),
          // A second shipping line (an order shipped from two locations), taxed alike.
          second: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: null, freq: 4 }),
        }),
        { nil: null },
      ),
      paid: fc.constantFrom('paid', 'pending', 'authorized', 'partially_paid'),
      offset: fc.constantFrom('+00:00', '-05:00', '+09:00', '+01:00', '-08:00'),
    })
    .map((raw) => buildShopifyOrder(currency, market, raw));
};

interface RawShopify {
  id: number;
  included: boolean;
  rounding: Rounding;
  taxes: string[][];
  lines: Array<{ title: string; quantity: number; unit: number; taxIndex: number }>;
  discounts: Array<
    | { kind: 'none' }
    | { kind: 'order-percent'; percent: number }
    | { kind: 'order-fixed'; share: number }
    | { kind: 'product-percent'; percent: number; mask: boolean[] }
    | { kind: 'product-fixed'; perItemShare: number; mask: boolean[] }
  >;
  shipping: { price: number; taxed: boolean; discount: string; second: number | null } | null;
  paid: string;
  offset: string;
}

function buildShopifyOrder(currency: string, market: Market, raw: RawShopify): { order: ShopifyOrder; charged: Charged } {
  const round = rounder(raw.rounding);
  const money = (minor: bigint) => decimalText(minor, market.decimals);
  const standard = raw.taxes.find((set) => set.length > 0 && set.some((f) => f !== '0')) ?? [];
  const lines = raw.lines.map((line) => ({
    ...line,
    value: BigInt(line.quantity) * BigInt(line.unit),
    taxes: raw.taxes[line.taxIndex % raw.taxes.length]!,
    allocations: [] as bigint[],
  }));

  // Discounts, each allocated to the lines it applies to, on what is left of each line.
  raw.discounts.forEach((discount) => {
    const left = lines.map((line) => line.value - line.allocations.reduce((a, b) => a + b, 0n));
    let shares: bigint[] = lines.map(() => 0n);
    if (discount.kind === 'order-percent') shares = left.map((l) => round(frac(l * BigInt(discount.percent), 100n)));
    if (discount.kind === 'order-fixed') {
      const total = left.reduce((a, b) => a + b, 0n);
      shares = allocate((total * BigInt(discount.share)) / 100n, left);
    }
    if (discount.kind === 'product-percent')
      shares = left.map((l, i) => (discount.mask[i] ? round(frac(l * BigInt(discount.percent), 100n)) : 0n));
    if (discount.kind === 'product-fixed') {
      shares = left.map((l, i) => {
        if (!discount.mask[i]) return 0n;
        const perItem = (BigInt(lines[i]!.unit) * BigInt(discount.perItemShare)) / 100n;
        const amount = perItem * BigInt(lines[i]!.quantity);
        return amount < l ? amount : l;
      });
    }
    shares.forEach((share, i) => {
      if (share > 0n) lines[i]!.allocations.push(share);
    });
  });

  const charged: Charged = { currency, total: 0n, tax: 0n, byRate: new Map() };
  const book = (rate: string, amount: bigint, tax: bigint) => {
    const net = raw.included ? amount - tax : amount;
    const entry = charged.byRate.get(rate) ?? { net: 0n, tax: 0n };
    entry.net += net;
    entry.tax += tax;
    charged.byRate.set(rate, entry);
  };
  /** Shopify's tax lines for an amount: one per jurisdiction, each rounded on its own. */
  const taxLinesFor = (amount: bigint, fractions: readonly string[]): TaxLine[] => {
    const combined = fractions.reduce((sum, f) => add(sum, toFraction(f)), frac(0));
    return fractions.map((f, i) => {
      const rate = toFraction(f);
      const tax = raw.included ? round(div(mul(frac(amount), rate), add(frac(1), combined))) : round(mul(frac(amount), rate));
      return { title: ['State Tax', 'County Tax', 'City Tax'][i] ?? 'VAT', rate: Number(f), price: money(tax) };
    });
  };
  const taxOf = (taxLines: TaxLine[]) => taxLines.reduce((sum, line) => sum + BigInt(line.price.replace('.', '')), 0n);

  let subtotal = 0n;
  let totalTax = 0n;
  let discounts = 0n;
  const lineItems = lines.map((line) => {
    const discount = line.allocations.reduce((a, b) => a + b, 0n);
    const amount = line.value - discount;
    const taxLines = taxLinesFor(amount, line.taxes);
    const tax = taxOf(taxLines);
    subtotal += amount;
    totalTax += tax;
    discounts += discount;
    book(line.taxes.length === 0 ? '0' : percentOf(line.taxes), amount, tax);
    return {
      title: line.title,
      quantity: line.quantity,
      price: money(BigInt(line.unit)),
      taxable: line.taxes.length > 0,
      tax_lines: taxLines,
      discount_allocations: line.allocations.map((amount, index) => ({ amount: money(amount), discount_application_index: index })),
    };
  });

  const shippingLines: ShopifyOrder['shipping_lines'] = [];
  let shippingCharged = 0n;
  if (raw.shipping) {
    const fractions = raw.shipping.taxed ? standard : [];
    const prices = [BigInt(raw.shipping.price), ...(raw.shipping.second === null ? [] : [BigInt(raw.shipping.second)])];
    prices.forEach((price, index) => {
      const discount = index > 0 ? 0n : raw.shipping!.discount === 'free' ? price : raw.shipping!.discount === 'half' ? price / 2n : 0n;
      const discounted = price - discount;
      const taxLines = taxLinesFor(discounted, fractions);
      const tax = taxOf(taxLines);
      totalTax += tax;
      shippingCharged += discounted;
      discounts += discount;
      if (discounted > 0n || tax > 0n) book(fractions.length === 0 ? '0' : percentOf(fractions), discounted, tax);
      shippingLines.push({
        title: index === 0 ? 'Standard Shipping' : 'Second Shipment',
        price: money(price),
        discounted_price: money(discounted),
        tax_lines: taxLines,
        discount_allocations: discount > 0n ? [{ amount: money(discount) }] : [],
      });
    });
  }
  charged.tax = totalTax;
  charged.total = subtotal + shippingCharged + (raw.included ? 0n : totalTax);

  const order: ShopifyOrder = {
    id: raw.id,
    name: `#${raw.id}`,
    created_at: `2026-11-${String((raw.id % 28) + 1).padStart(2, '0')}T14:03:11${raw.offset}`,
    currency,
    taxes_included: raw.included,
    financial_status: raw.paid,
    total_price: money(charged.total),
    subtotal_price: money(subtotal),
    total_tax: money(totalTax),
    total_discounts: money(discounts),
    email: `client${raw.id}@example.com`,
    customer: { email: `client${raw.id}@example.com`, first_name: 'Grace', last_name: `Okafor ${raw.id}`, phone: null },
    line_items: lineItems,
    shipping_lines: shippingLines,
  };
  return { order, charged };
}
