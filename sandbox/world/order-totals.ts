import type { TaxRounding } from '../store/studios.js';

export interface PricedOrder {
  prices_include_tax: boolean;
  discount: number;
  shipping: { amount: number; tax_rate: string | null; tax: number | null } | null;
  tax_total: number | null;
  lines: Array<{ quantity: number; unit_price: number; tax_rate: string; tax: number | null }>;
}

export interface OrderTotals {
  goods: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
}

/** The order cannot be priced; `field` is the placement field the message is about. */
export class OrderTotalsError extends Error {
  override name = 'OrderTotalsError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A non-negative fraction n/d, d > 0. */
interface Fraction {
  n: bigint;
  d: bigint;
}

/** A rate as a fraction of one: "7.25" → 725/10000. */
function rateOf(text: string): Fraction {
  const [whole = '0', decimals = ''] = text.split('.');
  return reduce({ n: BigInt(whole + decimals), d: 100n * 10n ** BigInt(decimals.length) });
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function reduce(f: Fraction): Fraction {
  const g = gcd(f.n, f.d);
  return g > 1n ? { n: f.n / g, d: f.d / g } : f;
}

function add(a: Fraction, b: Fraction): Fraction {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

/** Half up (amounts are never negative, so this is half away from zero). */
function roundHalfUp(f: Fraction): bigint {
  return (2n * f.n + f.d) / (2n * f.d);
}

/** The exact tax on an amount at a rate, the amount priced with or without the tax. */
function exactTax(amount: bigint, rate: Fraction, include: boolean): Fraction {
  return include ? { n: amount * rate.n, d: rate.d + rate.n } : { n: amount * rate.n, d: rate.d };
}

/** Shares `total` by `weights` (some positive): floors, then the largest remainders; ties to the first. */
function shareByWeight(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const shares = weights.map((w) => (total * w) / sum);
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = weights
    .map((w, i) => ({ i, remainder: (total * w) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}

/** One amount of tax the order charges: stated (an integer) or exact at a rate, to be rounded. */
interface TaxItem {
  rate: string;
  /** The amount (as priced, tax included or not) the tax is on. */
  amount: bigint;
  tax: Fraction;
}

/** The order's goods, discount and shipping, and every amount of tax it charges, by rate. */
function taxItems(order: PricedOrder) {
  const include = order.prices_include_tax;
  const rates = new Map<string, Fraction>();
  /** How each rate was first written, for people. */
  const labels = new Map<string, string>();
  /** One key per rate value, whatever its spelling ("5" and "5.0"). */
  const keyOf = (text: string) => {
    const rate = rateOf(text);
    const key = `${rate.n}/${rate.d}`;
    rates.set(key, rate);
    if (!labels.has(key)) labels.set(key, text);
    return key;
  };

  const values = order.lines.map((line) => BigInt(line.quantity) * BigInt(line.unit_price));
  const goods = values.reduce((a, b) => a + b, 0n);
  const discount = BigInt(order.discount);
  if (discount > goods)
    throw new OrderTotalsError('discount', `is ${discount}, more than the goods (${goods}): an order cannot be discounted below zero`);
  const discounts = discount > 0n ? shareByWeight(discount, values) : values.map(() => 0n);

  const items: TaxItem[] = [];
  const netByRate = new Map<string, bigint>();
  order.lines.forEach((line, i) => {
    const key = keyOf(line.tax_rate);
    const amount = values[i]! - discounts[i]!;
    const exact = exactTax(amount, rates.get(key)!, include);
    const stated = line.tax == null ? null : BigInt(line.tax);
    if (include && stated !== null && stated > amount) {
      throw new OrderTotalsError('lines', `line ${i + 1}: the tax charged (${stated}) is more than its price including tax (${amount})`);
    }
    items.push({ rate: key, amount, tax: stated === null ? exact : { n: stated, d: 1n } });
    // The net the shipping follows, with the line's tax as charged on the line (rounded per line).
    const lineTax = stated ?? roundHalfUp(exact);
    netByRate.set(key, (netByRate.get(key) ?? 0n) + (include ? amount - lineTax : amount));
  });

  const shipping = order.shipping;
  const shippingAmount = BigInt(shipping?.amount ?? 0);
  if (shipping && (shipping.amount > 0 || (shipping.tax ?? 0) > 0)) {
    const stated = shipping.tax == null ? null : BigInt(shipping.tax);
    if (include && stated !== null && stated > shippingAmount) {
      throw new OrderTotalsError(
        'shipping',
        `the tax charged on shipping (${stated}) is more than the shipping including tax (${shippingAmount})`,
      );
    }
    if (shipping.tax_rate != null) {
      const key = keyOf(shipping.tax_rate);
      items.push({
        rate: key,
        amount: shippingAmount,
        tax: stated === null ? exactTax(shippingAmount, rates.get(key)!, include) : { n: stated, d: 1n },
      });
    } else if (stated !== null) {
      items.push({ rate: STATED_SHIPPING_TAX, amount: shippingAmount, tax: { n: stated, d: 1n } });
    } else {
      // Across the rates, lowest first, by their net (equally when the goods are worth nothing).
      const keys = [...netByRate.keys()].sort((a, b) => compareRates(rates.get(a)!, rates.get(b)!));
      const nets = keys.map((key) => netByRate.get(key)!);
      const weights = nets.some((net) => net > 0n) ? nets : nets.map(() => 1n);
      shareByWeight(shippingAmount, weights).forEach((part, k) => {
        items.push({ rate: keys[k]!, amount: part, tax: exactTax(part, rates.get(keys[k]!)!, include) });
      });
    }
  }
  return { include, rates, labels, goods, discount, shippingAmount, items };
}

/** Shipping whose tax is stated without a rate: its own line of the summary. */
const STATED_SHIPPING_TAX = 'stated shipping tax';

function compareRates(x: Fraction, y: Fraction): number {
  return x.n * y.d < y.n * x.d ? -1 : x.n * y.d > y.n * x.d ? 1 : 0;
}

export interface RateSummary {
  /** The rate as the order wrote it ("20"), or null for shipping tax stated without a rate. */
  tax_rate: string | null;
  /** What is priced at the rate (goods after discount, and its shipping), tax included or not as the order is. */
  amount: number;
  /** The tax at the rate, each line's (and shipping part's) rounded half up; as stated where the order states it. */
  tax: number;
}

/**
 * The order's tax per rate, lowest rate first, as the gallery's own arithmetic shares it. Its
 * tax adds up to the order's when the gallery rounds per line and states no total; otherwise
 * the difference is the rounding the gallery did once per rate or per order (or what it stated).
 */
export function taxSummary(order: PricedOrder): RateSummary[] {
  const { rates, labels, items } = taxItems(order);
  const byRate = new Map<string, { amount: bigint; tax: bigint }>();
  for (const item of items) {
    const sum = byRate.get(item.rate) ?? { amount: 0n, tax: 0n };
    byRate.set(item.rate, { amount: sum.amount + item.amount, tax: sum.tax + roundHalfUp(item.tax) });
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => (a === STATED_SHIPPING_TAX ? 1 : b === STATED_SHIPPING_TAX ? -1 : compareRates(rates.get(a)!, rates.get(b)!)))
    .map(([key, sum]) => ({
      tax_rate: key === STATED_SHIPPING_TAX ? null : labels.get(key)!,
      amount: Number(sum.amount),
      tax: Number(sum.tax),
    }));
}

export function orderTotals(order: PricedOrder, rounding: TaxRounding = 'per_line'): OrderTotals {
  const { include, goods, discount, shippingAmount, items } = taxItems(order);

  let tax: bigint;
  if (order.tax_total != null) {
    tax = BigInt(order.tax_total); // the gallery says what it charged
  } else if (rounding === 'per_line') {
    tax = items.reduce((sum, item) => sum + roundHalfUp(item.tax), 0n);
  } else if (rounding === 'per_rate') {
    const byRate = new Map<string, Fraction>();
    for (const item of items) byRate.set(item.rate, add(byRate.get(item.rate) ?? { n: 0n, d: 1n }, item.tax));
    tax = [...byRate.values()].reduce((sum, exact) => sum + roundHalfUp(exact), 0n);
  } else {
    tax = roundHalfUp(items.reduce((sum, item) => add(sum, item.tax), { n: 0n, d: 1n }));
  }

  const prices = goods - discount + shippingAmount;
  const totals = { goods, discount, shipping: shippingAmount, tax, total: include ? prices : prices + tax };
  for (const [name, value] of Object.entries(totals)) {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new OrderTotalsError('lines', `the order's ${name} is too large`);
  }
  return {
    goods: Number(goods),
    discount: Number(discount),
    shipping: Number(shippingAmount),
    tax: Number(tax),
    total: Number(totals.total),
  };
}
