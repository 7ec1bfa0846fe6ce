// WooCommerce orders as WooCommerce computes and writes them: the cart totals of
// `WC_Cart_Totals` (amounts in the store's minor units, "cents"), the coupons of `WC_Discounts`,
// and the REST API v3 order of `WC_REST_Orders_V2_Controller` (what its Zapier trigger hands over):
// - A line's price is unit price × quantity, tax included when the store's prices include it;
//   coupons come off that price first (percent: per line, the remainder a cent at a time;
//   fixed cart: in proportion; fixed product: per item).
// - Tax is worked out per line and per tax rate (`WC_Tax::calc_tax`): on the price after
//   coupons, backwards from it when prices include tax. Each is rounded to a cent unless the
//   store rounds tax at subtotal, when it stays unrounded until the totals.
// - With prices including tax, the line's `total` is the price less its unrounded tax: it
//   excludes tax either way. The REST API formats `subtotal`, `total`, `total_tax` and the tax
//   lines' `tax_total` and `shipping_tax_total` to the store's decimals; `price` is `total` ÷
//   quantity as a float, and `taxes[]` are the raw per-rate figures.
// - Fees and shipping are priced without tax; shipping takes the tax class of the cart's items
//   (standard if any item is standard) and only the rates that apply to shipping.
// - The order's `total` is the items, fees, shipping and every tax line added up and rounded
//   once; `tax_lines[]` has one entry per rate id, with the tax on goods and fees
//   (`tax_total`) and on shipping (`shipping_tax_total`), and `rate_percent`.
// - `date_created_gmt` is UTC written without an offset; `status` is processing when paid.
import fc from 'fast-check';
import { add, allocate, decimalText, div, frac, mul, percent, roundHalfUp, sub, type Fraction } from './exact.js';
import type { Charged } from './charged.js';

interface RateRow {
  id: number;
  percent: string;
  shipping: boolean;
  label: string;
}

/** A store's tax table: classes of products, each with its rate rows (several for a US address). */
interface Store {
  decimals: number;
  includes: boolean[];
  classes: Record<string, RateRow[]>;
  maxUnit: number;
}

const STORES: Record<string, Store[]> = {
  GBP: [
    {
      decimals: 2,
      includes: [true, false],
      classes: {
        standard: [{ id: 1, percent: '20', shipping: true, label: 'VAT' }],
        'reduced-rate': [{ id: 2, percent: '5', shipping: true, label: 'VAT' }],
        'zero-rate': [{ id: 3, percent: '0', shipping: true, label: 'VAT' }],
        none: [],
      },
      maxUnit: 60_000,
    },
  ],
  EUR: [
    {
      decimals: 2,
      includes: [true, false],
      classes: {
        standard: [{ id: 4, percent: '19', shipping: true, label: 'MwSt' }],
        'reduced-rate': [{ id: 5, percent: '7', shipping: true, label: 'MwSt' }],
        none: [],
      },
      maxUnit: 60_000,
    },
    {
      decimals: 2,
      includes: [true],
      classes: {
        standard: [{ id: 6, percent: '21', shipping: true, label: 'BTW' }],
        'reduced-rate': [{ id: 7, percent: '9', shipping: true, label: 'BTW' }],
      },
      maxUnit: 60_000,
    },
  ],
  USD: [
    {
      decimals: 2,
      includes: [false],
      classes: {
        standard: [
          { id: 8, percent: '4', shipping: true, label: 'NY State Tax' },
          { id: 9, percent: '4.5', shipping: true, label: 'NYC Tax' },
          { id: 10, percent: '0.375', shipping: true, label: 'MCTD' },
        ],
        none: [],
      },
      maxUnit: 60_000,
    },
    {
      decimals: 2,
      includes: [false],
      classes: {
        standard: [
          { id: 11, percent: '6', shipping: false, label: 'State' },
          { id: 12, percent: '1', shipping: false, label: 'County' },
          { id: 13, percent: '0.25', shipping: false, label: 'District' },
        ],
        'reduced-rate': [{ id: 14, percent: '2.9', shipping: false, label: 'Reduced' }],
        none: [],
      },
      maxUnit: 60_000,
    },
    {
      decimals: 2,
      includes: [false],
      classes: { standard: [{ id: 15, percent: '8.25', shipping: true, label: 'Tax' }], none: [] },
      maxUnit: 60_000,
    },
  ],
  JPY: [
    {
      decimals: 0,
      includes: [true, false],
      classes: {
        standard: [{ id: 16, percent: '10', shipping: true, label: '消費税' }],
        'reduced-rate': [{ id: 17, percent: '8', shipping: true, label: '軽減税率' }],
      },
      maxUnit: 80_000,
    },
  ],
  KWD: [
    { decimals: 3, includes: [false], classes: { none: [] }, maxUnit: 150_000 },
    {
      decimals: 3,
      includes: [false, true],
      classes: { standard: [{ id: 18, percent: '5', shipping: true, label: 'VAT' }], none: [] },
      maxUnit: 150_000,
    },
  ],
};

export const WOOCOMMERCE_CURRENCIES = Object.keys(STORES);

export interface WooOrder {
  id: number;
  number: string;
  status: string;
  currency: string;
  prices_include_tax: boolean;
  date_created: string;
  date_created_gmt: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  billing: { first_name: string; last_name: string; email: string; phone: string };
  line_items: Array<{
    id: number;
    name: string;
    quantity: number;
    tax_class: string;
    subtotal: string;
    subtotal_tax: string;
    total: string;
    total_tax: string;
    taxes: Array<{ id: number; total: string; subtotal: string }>;
    price: number;
  }>;
  tax_lines: Array<{
    id: number;
    rate_code: string;
    rate_id: number;
    label: string;
    compound: boolean;
    tax_total: string;
    shipping_tax_total: string;
    rate_percent: number;
  }>;
  shipping_lines: Array<{
    id: number;
    method_title: string;
    total: string;
    total_tax: string;
    taxes: Array<{ id: number; total: string }>;
  }>;
  fee_lines: Array<{
    id: number;
    name: string;
    tax_class: string;
    tax_status: string;
    total: string;
    total_tax: string;
    taxes: Array<{ id: number; total: string }>;
  }>;
  coupon_lines: Array<{ id: number; code: string; discount: string; discount_tax: string }>;
}

type Coupon =
  | { kind: 'none' }
  | { kind: 'percent'; percent: number }
  | { kind: 'fixed_cart'; share: number }
  | { kind: 'fixed_product'; share: number; mask: boolean[] };

const COUPON: fc.Arbitrary<Coupon> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('percent' as const), percent: fc.constantFrom(5, 10, 15, 25, 33, 50, 100) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fixed_cart' as const), share: fc.integer({ min: 1, max: 90 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fixed_product' as const),
      share: fc.integer({ min: 1, max: 60 }),
      mask: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    }),
  },
);

export const wooCommerceOrderArb = (currency: string) =>
  fc
    .record({
      store: fc.constantFrom(...STORES[currency]!),
      includeIndex: fc.nat(),
      roundAtSubtotal: fc.boolean(),
      id: fc.integer({ min: 100, max: 99_999 }),
      lines: fc.array(
        fc.record({
          name: fc.constantFrom(
            'Fine Art Print 8x10',
            'Canvas Wrap 16x20',
            'Printed Photo Book',
            'Digital Download',
            'Framed Print',
            'Wallet Prints (set of 8)',
          ),
          quantity: fc.integer({ min: 1, max: 6 }),
          unit: fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 999 })),
          classIndex: fc.nat(),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      coupons: fc.array(COUPON, { minLength: 1, maxLength: 2 }),
      shipping: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: null }),
      fees: fc.array(
        fc.record({
          name: fc.constantFrom('Rush fee', 'Gift wrapping', 'Handling'),
          amount: fc.integer({ min: 1, max: 5_000 }),
          taxable: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      status: fc.constantFrom('processing', 'completed', 'on-hold', 'pending'),
    })
    .map((raw) => buildWooOrder(currency, raw));

interface RawWoo {
  store: Store;
  includeIndex: number;
  roundAtSubtotal: boolean;
  id: number;
  lines: Array<{ name: string; quantity: number; unit: number; classIndex: number }>;
  coupons: Coupon[];
  shipping: number | null;
  fees: Array<{ name: string; amount: number; taxable: boolean }>;
  status: string;
}

/** `WC_Tax::calc_tax` for non-compound rates: exclusive, or backwards from an inclusive price. */
function calcTax(price: Fraction, rows: readonly RateRow[], inclusive: boolean): Map<number, Fraction> {
  const taxes = new Map<number, Fraction>();
  const sumRates = rows.reduce((sum, row) => add(sum, percent(row.percent)), frac(0));
  for (const row of rows) {
    const rate = percent(row.percent);
    taxes.set(row.id, inclusive ? div(mul(price, rate), add(frac(100), sumRates)) : div(mul(price, rate), frac(100)));
  }
  return taxes;
}

function buildWooOrder(currency: string, raw: RawWoo): { order: WooOrder; charged: Charged } {
  const store = raw.store;
  const inclusive = store.includes[raw.includeIndex % store.includes.length]!;
  const classNames = Object.keys(store.classes);
  /** Cents as the REST API writes them: rounded to the store's decimals (`wc_format_decimal`). */
  const rest = (value: Fraction) => decimalText(roundHalfUp(value), store.decimals);
  const restMinor = (value: Fraction) => roundHalfUp(value);
  /** `round_line_tax`: to a cent, unless tax is rounded at subtotal. */
  const roundLineTax = (value: Fraction) => (raw.roundAtSubtotal ? value : frac(roundHalfUp(value)));

  const items = raw.lines.map((line, index) => {
    const taxClass = classNames[line.classIndex % classNames.length]!;
    return { ...line, index, taxClass, rows: store.classes[taxClass]!, price: BigInt(line.unit) * BigInt(line.quantity), discount: 0n };
  });

  // WC_Discounts: each coupon on the price less the coupons before it, in whole cents.
  const couponLines: WooOrder['coupon_lines'] = [];
  raw.coupons.forEach((coupon, c) => {
    const left = items.map((item) => item.price - item.discount);
    let shares: bigint[] = items.map(() => 0n);
    if (coupon.kind === 'percent') {
      const floors = left.map((l) => (l * BigInt(coupon.percent)) / 100n);
      const wanted = roundHalfUp(frac(left.reduce((a, b) => a + b, 0n) * BigInt(coupon.percent), 100n));
      const remainder = wanted - floors.reduce((a, b) => a + b, 0n);
      shares = allocateRemainder(floors, left, remainder);
    }
    if (coupon.kind === 'fixed_cart') {
      const total = left.reduce((a, b) => a + b, 0n);
      shares = allocate((total * BigInt(coupon.share)) / 100n, left);
    }
    if (coupon.kind === 'fixed_product') {
      shares = items.map((item, i) => {
        if (!coupon.mask[i]) return 0n;
        const amount = ((BigInt(item.unit) * BigInt(coupon.share)) / 100n) * BigInt(item.quantity);
        return amount < left[i]! ? amount : left[i]!;
      });
    }
    shares.forEach((share, i) => (items[i]!.discount += share));
    const total = shares.reduce((a, b) => a + b, 0n);
    if (coupon.kind !== 'none')
      couponLines.push({ id: 900 + c, code: `${coupon.kind}-${c}`, discount: decimalText(total, store.decimals), discount_tax: '0' });
  });

  // Per line: total after coupons; taxes per rate; with inclusive prices the total less the unrounded taxes.
  const merged = new Map<number, { goods: Fraction; shipping: Fraction }>();
  const mergedEntry = (id: number) => {
    const entry = merged.get(id) ?? { goods: frac(0), shipping: frac(0) };
    merged.set(id, entry);
    return entry;
  };
  let itemsTotal = frac(0);
  const lineItems = items.map((item) => {
    const discounted = frac(item.price - item.discount);
    const taxes = calcTax(discounted, item.rows, inclusive);
    let total = discounted;
    let totalTax = frac(0);
    for (const [id, tax] of taxes) {
      totalTax = add(totalTax, roundLineTax(tax));
      mergedEntry(id).goods = add(mergedEntry(id).goods, roundLineTax(tax));
    }
    if (inclusive)
      total = sub(
        total,
        [...taxes.values()].reduce((a, b) => add(a, b), frac(0)),
      );
    itemsTotal = add(itemsTotal, raw.roundAtSubtotal ? total : frac(roundHalfUp(total)));
    const subtotalTaxes = calcTax(frac(item.price), item.rows, inclusive);
    const subtotal = inclusive
      ? sub(
          frac(item.price),
          [...subtotalTaxes.values()].reduce((a, b) => add(a, b), frac(0)),
        )
      : frac(item.price);
    return {
      raw: item,
      total,
      totalTax,
      json: {
        id: 100 + item.index,
        name: item.name,
        quantity: item.quantity,
        tax_class: item.taxClass === 'standard' ? '' : item.taxClass,
        subtotal: rest(subtotal),
        subtotal_tax: rest([...subtotalTaxes.values()].reduce((a, b) => add(a, roundLineTax(b)), frac(0))),
        total: rest(total),
        total_tax: rest(totalTax),
        taxes: [...taxes].map(([id, tax]) => ({
          id,
          total: fractionText(roundLineTax(tax), store.decimals),
          subtotal: fractionText(subtotalTaxes.get(id)!, store.decimals),
        })),
        // The REST API's float: total ÷ quantity.
        price: Number(fractionText(div(total, frac(item.quantity)), store.decimals)),
      },
    };
  });

  // Fees, priced without tax, standard class when taxable.
  let feesTotal = 0n;
  const feeLines = raw.fees.map((fee, f) => {
    const rows = fee.taxable ? (store.classes.standard ?? []) : [];
    const taxes = calcTax(frac(fee.amount), rows, false);
    let totalTax = frac(0);
    for (const [id, tax] of taxes) {
      totalTax = add(totalTax, roundLineTax(tax));
      mergedEntry(id).goods = add(mergedEntry(id).goods, roundLineTax(tax));
    }
    feesTotal += BigInt(fee.amount);
    return {
      rows,
      amount: BigInt(fee.amount),
      totalTax,
      json: {
        id: 800 + f,
        name: fee.name,
        tax_class: '',
        tax_status: fee.taxable ? 'taxable' : 'none',
        total: decimalText(fee.amount, store.decimals),
        total_tax: rest(totalTax),
        taxes: [...taxes].map(([id, tax]) => ({ id, total: fractionText(roundLineTax(tax), store.decimals) })),
      },
    };
  });

  // Shipping: the cart items' class (standard when any item is standard), its rates that apply to shipping.
  const shippingLines: WooOrder['shipping_lines'] = [];
  let shippingRows: RateRow[] = [];
  let shippingTaxTotal = frac(0);
  if (raw.shipping !== null) {
    const taxedClasses = items.filter((item) => item.rows.length > 0).map((item) => item.taxClass);
    const shippingClass = taxedClasses.includes('standard') ? 'standard' : taxedClasses[0];
    shippingRows = shippingClass ? store.classes[shippingClass]!.filter((row) => row.shipping) : [];
    const taxes = calcTax(frac(raw.shipping), shippingRows, false);
    for (const [id, tax] of taxes) {
      const rounded = raw.roundAtSubtotal ? tax : frac(roundHalfUp(tax));
      shippingTaxTotal = add(shippingTaxTotal, rounded);
      mergedEntry(id).shipping = add(mergedEntry(id).shipping, rounded);
    }
    shippingLines.push({
      id: 700,
      method_title: 'Flat rate',
      total: decimalText(raw.shipping, store.decimals),
      total_tax: rest(shippingTaxTotal),
      taxes: [...taxes].map(([id, tax]) => ({ id, total: fractionText(tax, store.decimals) })),
    });
  }

  const allTaxes = [...merged.values()].reduce((sum, entry) => add(sum, entry.goods, entry.shipping), frac(0));
  const total = roundHalfUp(add(itemsTotal, frac(feesTotal), frac(raw.shipping ?? 0), allTaxes));
  const cartTax = [...merged.values()].reduce((sum, entry) => add(sum, entry.goods), frac(0));
  const rows = Object.values(store.classes).flat();
  const taxLines = [...merged].map(([id, entry]) => {
    const row = rows.find((r) => r.id === id)!;
    return {
      id: 500 + id,
      rate_code: `${row.label}-${id}`,
      rate_id: id,
      label: row.label,
      compound: false,
      tax_total: rest(entry.goods),
      shipping_tax_total: rest(entry.shipping),
      rate_percent: Number(row.percent),
    };
  });

  // What the client was charged at each rate: the REST API's figures, per invoice rate (the
  // rates of a line's tax lines added up), tax from the tax lines.
  const charged: Charged = { currency, total, tax: 0n, byRate: new Map() };
  const rateOf = (rowsOf: readonly RateRow[]) => sumPercents(rowsOf.map((row) => row.percent));
  const idsAt = new Map<string, Set<number>>();
  const book = (rate: string, net: bigint, ids: readonly number[]) => {
    const entry = charged.byRate.get(rate) ?? { net: 0n, tax: 0n };
    entry.net += net;
    charged.byRate.set(rate, entry);
    const set = idsAt.get(rate) ?? new Set<number>();
    ids.forEach((id) => set.add(id));
    idsAt.set(rate, set);
  };
  lineItems.forEach((line) =>
    book(
      rateOf(line.raw.rows),
      restMinor(line.total),
      line.raw.rows.map((row) => row.id),
    ),
  );
  // A fee says only its tax: one charged some is at its class's rate.
  const untaxedFees = feeLines.filter((fee) => restMinor(fee.totalTax) === 0n);
  feeLines.forEach((fee) => {
    if (restMinor(fee.totalTax) > 0n)
      book(
        rateOf(fee.rows),
        fee.amount,
        fee.rows.map((row) => row.id),
      );
  });
  // Shipping at the rates that applied to it; one whose tax rounds to nothing is untaxed as charged.
  if (raw.shipping !== null && raw.shipping > 0) {
    const taxed = restMinor(shippingTaxTotal) > 0n;
    book(taxed ? rateOf(shippingRows) : '0', BigInt(raw.shipping), taxed ? shippingRows.map((row) => row.id) : []);
  }
  // A fee charged no tax is untaxed as charged, unless the tax lines show tax that nothing
  // else with an amount carries (fees of a fraction of a cent's tax each, a store rounding at
  // subtotal): then what those fees were charged, together, is that tax, at its lines' rate.
  const carried = new Set([...idsAt].filter(([rate]) => (charged.byRate.get(rate)?.net ?? 0n) > 0n).flatMap(([, ids]) => [...ids]));
  const orphaned = taxLines.filter((line) => !carried.has(line.rate_id) && minorOf(line.tax_total, store.decimals) > 0n);
  const orphanedRate = sumPercents(orphaned.map((line) => String(line.rate_percent)));
  const orphanedTax = orphaned.reduce((sum, line) => sum + minorOf(line.tax_total, store.decimals), 0n);
  const feesAmount = untaxedFees.reduce((sum, fee) => sum + fee.amount, 0n);
  const fits =
    orphaned.length > 0 &&
    untaxedFees.length > 0 &&
    feesAmount > 0n &&
    Math.abs(Number(orphanedTax - roundHalfUp(div(mul(frac(feesAmount), percent(orphanedRate)), frac(100))))) <=
      untaxedFees.length + orphaned.length;
  for (const fee of untaxedFees) {
    book(fits ? orphanedRate : '0', fee.amount, fits ? orphaned.map((line) => line.rate_id) : []);
  }
  for (const [rate, ids] of idsAt) {
    const tax = taxLines
      .filter((line) => ids.has(line.rate_id))
      .reduce((sum, line) => sum + minorOf(line.tax_total, store.decimals) + minorOf(line.shipping_tax_total, store.decimals), 0n);
    charged.byRate.get(rate)!.tax = tax;
  }
  charged.roundingAllowance = taxLines.length;
  charged.tax = taxLines.reduce(
    (sum, line) => sum + minorOf(line.tax_total, store.decimals) + minorOf(line.shipping_tax_total, store.decimals),
    0n,
  );

  const stamp = `2026-11-${String((raw.id % 28) + 1).padStart(2, '0')}T09:12:45`;
  const order: WooOrder = {
    id: raw.id,
    number: String(raw.id),
    status: raw.status,
    currency,
    prices_include_tax: inclusive,
    date_created: stamp,
    date_created_gmt: stamp,
    discount_total: decimalText(
      items.reduce((sum, item) => sum + item.discount, 0n),
      store.decimals,
    ),
    discount_tax: '0.00',
    shipping_total: decimalText(raw.shipping ?? 0, store.decimals),
    shipping_tax: rest(shippingTaxTotal),
    cart_tax: rest(cartTax),
    total: decimalText(total, store.decimals),
    total_tax: rest(add(cartTax, shippingTaxTotal)),
    billing: { first_name: 'Maya', last_name: `Lopez ${raw.id}`, email: `maya${raw.id}@example.com`, phone: '' },
    line_items: lineItems.map((line) => line.json),
    tax_lines: taxLines,
    shipping_lines: shippingLines,
    fee_lines: feeLines.map((fee) => fee.json),
    coupon_lines: couponLines,
  };
  return { order, charged };
}

/** Percent texts added exactly: "4" + "4.5" + "0.375" → "8.875". */
function sumPercents(texts: readonly string[]): string {
  if (texts.length === 0) return '0';
  const total = texts.reduce((sum, text) => add(sum, percent(text)), frac(0));
  const scaled = (total.n * 10_000n) / total.d;
  const whole = scaled / 10_000n;
  const rest = (scaled % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : `${whole}`;
}

function minorOf(text: string, decimals: number): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
}

/** An unrounded figure in cents as PHP prints the float in major units (a few decimals past the store's). */
function fractionText(cents: Fraction, decimals: number): string {
  const extra = 6n;
  const scaled = roundHalfUp(mul(cents, frac(10n ** extra)));
  return decimalText(scaled, decimals + Number(extra)).replace(/\.?0+$/, '') || '0';
}

/** A percent coupon's cents left after flooring go one at a time to the lines in order. */
function allocateRemainder(floors: bigint[], limits: bigint[], remainder: bigint): bigint[] {
  const shares = [...floors];
  let left = remainder;
  for (let pass = 0; left > 0n && pass < 1000; pass += 1) {
    for (let i = 0; i < shares.length && left > 0n; i += 1) {
      if (shares[i]! < limits[i]!) {
        shares[i]! += 1n;
        left -= 1n;
      }
    }
  }
  return shares;
}
