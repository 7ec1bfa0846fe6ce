// One order → one invoice draft per tax rate, exact to the minor unit.
// This is the algorithm of DESIGN.md "Money", rule by rule; pure, no I/O, integer minor
// units only (rates are exact fractions, see rational.ts), so invoice totals add up to
// exactly what the order charged.
import { TaxRate } from '../api/primitives.js';
import type { InvoiceLine } from '../invoices/schema.js';
import type { Order, OrderLine } from '../orders/schema.js';
import { isCurrency } from './currency.js';
import { allocateLargestRemainder, multiplyDivideRound } from './rational.js';

export type SplitInput = Pick<Order, 'currency' | 'prices_include_tax' | 'payment_status' | 'discount' | 'shipping' | 'tax_total'> & {
  lines: Array<Pick<OrderLine, 'description' | 'quantity' | 'unit_price' | 'tax_rate' | 'tax'>>;
};

export interface InvoiceDraft {
  tax_rate: string;
  currency: string;
  prices_include_tax: boolean;
  net: number;
  tax: number;
  total: number;
  status: 'paid' | 'open';
  lines: InvoiceLine[];
}

/** The order cannot be split as given; the message says what is wrong and what to do. */
export class OrderSplitError extends Error {
  override name = 'OrderSplitError';
}

export const SHIPPING_DESCRIPTION = 'Shipping';
export const ROUNDING_DESCRIPTION = 'Rounding adjustment';

/** Rates are exact: percent × 10^4 as an integer (TaxRate allows at most 4 decimals). */
const RATE_SCALE = 10_000;
const HUNDRED_PERCENT = 100 * RATE_SCALE;

interface Rate {
  /** Canonical text: "05.50" → "5.5", so one rate is one invoice whatever its spelling. */
  text: string;
  /** The rate in percent × RATE_SCALE. */
  scaled: number;
}

interface Group {
  rate: Rate;
  lines: InvoiceLine[];
  /** Σ net of the goods lines: the weight shipping follows (rule 5). */
  goodsNet: number;
}

export function splitOrder(order: SplitInput): InvoiceDraft[] {
  const status = checkOrder(order);
  const include = order.prices_include_tax;
  const lines = order.lines;
  const parseRate = rateParser();
  const rates = lines.map((line, index) => parseRate(line.tax_rate, () => lineName(line, index)));

  // Rule 1: a line's value is quantity × unit price, as priced.
  const values = lines.map((line, index) => lineValue(line, index));
  const goods = sum(values, 'The goods of the order');
  if (order.discount > goods) {
    throw new OrderSplitError(
      `The order's discount (${order.discount} minor units) is larger than its goods (${goods}). ` +
        'An order cannot be discounted below zero: check the discount and the line prices in the gallery order.',
    );
  }

  // Rule 2: the discount is shared in proportion to value; ties go to the earlier line.
  const discountShares = order.discount > 0 ? allocateLargestRemainder(order.discount, values) : values.map(() => 0);

  // Rules 3 and 4: each line's tax, grouped by rate.
  const groups = new Map<string, Group>();
  const groupFor = (rate: Rate): Group => {
    let group = groups.get(rate.text);
    if (!group) {
      group = { rate, lines: [], goodsNet: 0 };
      groups.set(rate.text, group);
    }
    return group;
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const rate = rates[i]!;
    const amount = values[i]! - discountShares[i]!;
    const tax = line.tax ?? taxOf(amount, rate, include);
    if (include && tax > amount) throw statedTaxError(tax, amount, lineName(line, i));
    const group = groupFor(rate);
    group.lines.push({ kind: 'goods', description: line.description, quantity: line.quantity, amount, tax });
    group.goodsNet += include ? amount - tax : amount;
  }

  // Rule 5: shipping follows the goods, unless it carries its own rate.
  const shipping = order.shipping;
  if (shipping && (shipping.amount > 0 || (shipping.tax ?? 0) > 0)) {
    if (shipping.tax_rate != null) {
      const rate = parseRate(shipping.tax_rate, () => 'Shipping');
      const tax = shipping.tax ?? taxOf(shipping.amount, rate, include);
      checkStatedTax(tax, shipping.amount, include, 'Shipping');
      groupFor(rate).lines.push(shippingLine(shipping.amount, tax));
    } else {
      addSharedShipping(byRate(groups), shipping.amount, shipping.tax ?? null, include);
    }
  }

  // Rule 4: invoices ordered by rate, lowest first; rule 6: their figures.
  const drafts = byRate(groups).map((group): InvoiceDraft => ({
    tax_rate: group.rate.text,
    currency: order.currency,
    prices_include_tax: include,
    ...figures(group.lines, include),
    status,
    lines: group.lines,
  }));

  // Rule 7: a stated tax total that differs from the invoices' tax is shown, never hidden.
  if (!include && order.tax_total != null) addRoundingAdjustment(drafts, order.tax_total);

  for (const draft of drafts) checkSafe(draft);
  return drafts;
}

/** Rule 3: tax on an amount at a rate, rounded half away from zero. */
function taxOf(amount: number, rate: Rate, pricesIncludeTax: boolean): number {
  return pricesIncludeTax
    ? multiplyDivideRound(amount, rate.scaled, HUNDRED_PERCENT + rate.scaled)
    : multiplyDivideRound(amount, rate.scaled, HUNDRED_PERCENT);
}

/**
 * Rule 5 without a rate of its own: shipping is shared across the goods' groups in proportion
 * to their net (ties: the lower rate), each part taxed at its group's rate. A stated shipping
 * tax is shared the same way as the shipping, so what was charged is kept to the unit.
 */
function addSharedShipping(groups: Group[], amount: number, statedTax: number | null, include: boolean): void {
  const nets = groups.map((group) => group.goodsNet);
  // Goods worth nothing (all free or fully discounted) give no proportion: share equally.
  const weights = nets.some((net) => net > 0) ? nets : nets.map(() => 1);
  const parts = amount > 0 ? allocateLargestRemainder(amount, weights) : weights.map(() => 0);
  const taxes =
    statedTax === null
      ? parts.map((part, g) => taxOf(part, groups[g]!.rate, include))
      : amount > 0
        ? allocateLargestRemainder(statedTax, parts)
        : allocateLargestRemainder(statedTax, weights);
  groups.forEach((group, g) => {
    const part = parts[g]!;
    const tax = taxes[g]!;
    if (part === 0 && tax === 0) return;
    checkStatedTax(tax, part, include, 'Shipping');
    group.lines.push(shippingLine(part, tax));
  });
}

function shippingLine(amount: number, tax: number): InvoiceLine {
  return { kind: 'shipping', description: SHIPPING_DESCRIPTION, quantity: 1, amount, tax };
}

/** Rule 6: net, tax and total of an invoice from its lines. */
function figures(lines: readonly InvoiceLine[], include: boolean): { net: number; tax: number; total: number } {
  let amount = 0;
  let tax = 0;
  for (const line of lines) {
    amount += line.amount;
    tax += line.tax;
  }
  return include ? { net: amount - tax, tax, total: amount } : { net: amount, tax, total: amount + tax };
}

/**
 * Rule 7 (prices excluding tax): the difference between the stated tax total and the
 * invoices' tax goes, untaxed, on the invoice with the largest total (ties: the lower rate).
 */
function addRoundingAdjustment(drafts: InvoiceDraft[], statedTaxTotal: number): void {
  const computed = drafts.reduce((total, draft) => total + draft.tax, 0);
  const difference = statedTaxTotal - computed;
  if (difference === 0) return;
  let target = drafts[0]!;
  for (const draft of drafts) if (draft.total > target.total) target = draft;
  if (target.net + difference < 0) {
    throw new OrderSplitError(
      `The order states a tax total of ${statedTaxTotal} minor units, but its lines' tax comes to ${computed}: ` +
        'far more than rounding can explain. Check the tax the gallery charged on this order.',
    );
  }
  target.lines.push({ kind: 'rounding', description: ROUNDING_DESCRIPTION, quantity: 1, amount: difference, tax: 0 });
  target.net += difference;
  target.total += difference;
}

function byRate(groups: Map<string, Group>): Group[] {
  return [...groups.values()].sort((a, b) => a.rate.scaled - b.rate.scaled);
}

// ---- checks: a bad order fails with a message that says what to fix, before any figure ----

function checkOrder(order: SplitInput): 'paid' | 'open' {
  if (!Array.isArray(order.lines) || order.lines.length === 0) {
    throw new OrderSplitError('The order has no lines, so there is nothing to invoice. Check that the gallery order contains products.');
  }
  if (typeof order.currency !== 'string' || !isCurrency(order.currency)) {
    throw new OrderSplitError(
      `The order's currency ${quote(String(order.currency))} is not an ISO 4217 currency code (such as "GBP", "EUR" or "JPY"). ` +
        'Check the currency of the gallery order.',
    );
  }
  if (typeof order.prices_include_tax !== 'boolean') {
    throw new OrderSplitError('The order does not say whether its prices include tax (prices_include_tax must be true or false).');
  }
  order.lines.forEach((line, index) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new OrderSplitError(`${lineName(line, index)}: the quantity must be a whole number of at least 1, not ${String(line.quantity)}.`);
    }
    if (!isMinorUnits(line.unit_price)) throw minorUnitsError(line.unit_price, `${lineName(line, index)}: the unit price`);
    if (line.tax != null && !isMinorUnits(line.tax)) throw minorUnitsError(line.tax, `${lineName(line, index)}: the tax charged`);
  });
  checkMinorUnits(order.discount, "The order's discount");
  if (order.shipping) {
    checkMinorUnits(order.shipping.amount, 'The shipping amount');
    if (order.shipping.tax != null) checkMinorUnits(order.shipping.tax, 'The tax charged on shipping');
  }
  if (order.tax_total != null) checkMinorUnits(order.tax_total, "The order's stated tax total");
  if (order.payment_status === 'paid') return 'paid';
  if (order.payment_status === 'awaiting_payment') return 'open';
  throw new OrderSplitError(`The order's payment status ${quote(String(order.payment_status))} is neither "paid" nor "awaiting_payment".`);
}

function isMinorUnits(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function minorUnitsError(value: unknown, what: string): OrderSplitError {
  return new OrderSplitError(`${what} must be a whole number of minor units, zero or more (such as 1250 for 12.50), not ${String(value)}.`);
}

function checkMinorUnits(value: unknown, what: string): void {
  if (!isMinorUnits(value)) throw minorUnitsError(value, what);
}

/** With prices including tax, the tax is part of the amount and cannot exceed it. */
function checkStatedTax(tax: number, amount: number, include: boolean, where: string): void {
  if (include && tax > amount) throw statedTaxError(tax, amount, where);
}

function statedTaxError(tax: number, amount: number, where: string): OrderSplitError {
  return new OrderSplitError(
    `${where}: the tax charged (${tax} minor units) is more than its price including tax (${amount}). Check the tax on the gallery order.`,
  );
}

/** "Line 2 ("Canvas 16x20")", built only when a message needs it. */
function lineName(line: SplitInput['lines'][number], index: number): string {
  return `Line ${index + 1} (${quote(String(line.description))})`;
}

function lineValue(line: SplitInput['lines'][number], index: number): number {
  const value = line.quantity * line.unit_price;
  if (!Number.isSafeInteger(value)) {
    throw new OrderSplitError(`${lineName(line, index)}: quantity × unit price is too large to be an amount of money.`);
  }
  return value;
}

function sum(values: readonly number[], what: string): number {
  let total = 0;
  for (const value of values) total += value;
  if (!Number.isSafeInteger(total)) throw new OrderSplitError(`${what} add up to more than can be invoiced exactly.`);
  return total;
}

function checkSafe(draft: InvoiceDraft): void {
  if (![draft.net, draft.tax, draft.total].every(Number.isSafeInteger)) {
    throw new OrderSplitError(`The ${draft.tax_rate}% invoice would be too large to be an amount of money; check the order's prices.`);
  }
}

/**
 * Parses decimal percent strings exactly, rejecting anything the API's TaxRate rejects.
 * Orders repeat a handful of rates over many lines, so each spelling is parsed once per order.
 */
function rateParser(): (text: unknown, where: () => string) => Rate {
  const parsed = new Map<string, Rate>();
  return (text, where) => {
    const known = typeof text === 'string' ? parsed.get(text) : undefined;
    if (known) return known;
    if (typeof text !== 'string' || !TaxRate.safeParse(text).success) {
      throw new OrderSplitError(
        `${where()}: the tax rate ${quote(String(text))} is not a percentage written as a decimal string (such as "20", "5" or "7.25"). ` +
          'Check the tax settings of the gallery order.',
      );
    }
    const rate = exactRate(text);
    parsed.set(text, rate);
    return rate;
  };
}

function exactRate(text: string): Rate {
  const [whole = '0', fraction = ''] = text.split('.');
  const scaled = Number.parseInt(whole, 10) * RATE_SCALE + Number.parseInt(fraction.padEnd(4, '0') || '0', 10);
  const trimmedFraction = fraction.replace(/0+$/, '');
  const canonical = `${Number.parseInt(whole, 10)}${trimmedFraction ? `.${trimmedFraction}` : ''}`;
  return { text: canonical, scaled };
}

function quote(text: string): string {
  return JSON.stringify(text);
}
