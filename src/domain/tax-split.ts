// One order → one invoice draft per tax rate, exact to the minor unit.
// The money rules, rule by rule; pure, no I/O, integer minor units only (rates are exact
// fractions, see rational.ts). The invoices add up to exactly what the order says the client
// was charged (its totals), whatever rounding the gallery used: the difference is shown on a
// rounding line, within a bound, and an order beyond it is refused (rule 7, reconcile()).
import { TaxRate } from '../contract/primitives.js';
import type { InvoiceCreate, InvoiceLine } from '../contract/invoices.js';
import type { Order, OrderLine } from '../contract/orders.js';
import { formatMoney, isCurrency } from './currency.js';
import { allocateLargestRemainder, allocateLargestRemainderExact, multiplyDivideRound } from './rational.js';

/**
 * A line to invoice: quantity × unit price less its own discount (a Studio order's lines, or
 * another app's with its discount allocations), or the amount its app states after its
 * discounts (`amount`, as WooCommerce's line total).
 */
export type SplitLine = Pick<OrderLine, 'description' | 'quantity' | 'tax_rate' | 'tax'> & {
  unit_price?: number | null;
  /** The discount the app applied to this line alone (minor units), before any order discount. */
  discount?: number | null;
  /** The line's amount after its discounts, as the app states it; then unit_price is not read. */
  amount?: number | null;
};

export type SplitInput<L extends SplitLine = SplitLine> = Pick<
  Order,
  'currency' | 'prices_include_tax' | 'payment_status' | 'discount' | 'shipping' | 'tax_total'
> & {
  lines: L[];
  /**
   * The tax the order says was charged at each rate (canonical rate → minor units), where it
   * says so (WooCommerce's tax lines). Each invoice's tax is that figure: a difference from its
   * lines within rounding goes on its rounding line, a larger one is refused.
   */
  tax_by_rate?: Readonly<Record<string, number>> | null;
  /**
   * Minor units of rounding the order's own figures may disagree by beyond one per taxed line:
   * one per tax line an app states per rate (WooCommerce rounds each of them, and its total,
   * on its own). Zero when absent.
   */
  rounding_allowance?: number;
  /**
   * What the order says the client was charged (an Order's totals): the invoices add up to its
   * tax and total. Optional for callers that have no totals; then a stated tax_total is the tax
   * charged (and the total follows from the prices), and without either the lines decide.
   */
  totals?: Pick<Order['totals'], 'tax' | 'total'> | null;
};

/** An order whose every line is priced by quantity × unit price, as a Studio order's are. */
export type PricedSplitInput = SplitInput<SplitLine & { unit_price: number }>;

/** One invoice of the split: the figures of an InvoiceCreate, before it is attached to anyone. */
export type InvoiceDraft = Pick<
  InvoiceCreate,
  'tax_rate' | 'currency' | 'prices_include_tax' | 'net' | 'tax' | 'total' | 'status' | 'lines'
>;

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
        'An order cannot be discounted below zero: check the discount and the line prices of the order where it was placed.',
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

  // Rule 4: invoices ordered by rate, lowest first, none of them 0.00; rule 6: their figures.
  const invoiced = foldFreeGroups(byRate(groups), include);
  const drafts = invoiced.map(
    (group): InvoiceDraft => ({
      tax_rate: group.rate.text,
      currency: order.currency,
      prices_include_tax: include,
      ...figures(group.lines, include),
      status,
      lines: group.lines,
    }),
  );
  for (const draft of drafts) checkSafe(draft);

  // Rules 7 and 9: the invoices add up to what the order says was charged.
  const shippingAmount = shipping?.amount ?? 0;
  const charged = chargedFigures(order, include, goods - order.discount + shippingAmount);
  const statedByRate = order.tax_by_rate ?? null;
  if (charged || statedByRate) reconcile(drafts, invoiced, charged, include, statedByRate, order.rounding_allowance ?? 0);
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
 * tax is kept to the unit and shared in proportion to the tax each part would carry at its
 * group's rate (shareStatedShippingTax), so it follows the rates: a 0% part never gets any.
 */
function addSharedShipping(groups: Group[], amount: number, statedTax: number | null, include: boolean): void {
  const nets = groups.map((group) => group.goodsNet);
  // Goods worth nothing (all free or fully discounted) give no proportion: share equally.
  const weights = nets.some((net) => net > 0) ? nets : nets.map(() => 1);
  const parts = amount > 0 ? allocateLargestRemainder(amount, weights) : weights.map(() => 0);
  const taxes =
    statedTax === null
      ? parts.map((part, g) => taxOf(part, groups[g]!.rate, include))
      : shareStatedShippingTax(statedTax, groups, amount > 0 ? parts : weights, include);
  groups.forEach((group, g) => {
    const part = parts[g]!;
    const tax = taxes[g]!;
    if (part === 0 && tax === 0) return;
    checkStatedTax(tax, part, include, 'Shipping');
    group.lines.push(shippingLine(part, tax));
  });
}

/**
 * A stated shipping tax shared across the groups by largest remainder (ties: the lower rate),
 * weighted by the exact, unrounded tax of each part at its group's rate: part × r/100, or
 * part × r/(100 + r) with prices including tax. Those fractions are brought to one
 * denominator in bigint, so the weights are exact however many rates the order has. Free
 * shipping with a stated tax (prices excluding tax) is weighted by the goods' shares instead.
 */
function shareStatedShippingTax(statedTax: number, groups: Group[], parts: number[], include: boolean): number[] {
  if (statedTax === 0) return groups.map(() => 0);
  const denominators = groups.map((group) => BigInt(include ? HUNDRED_PERCENT + group.rate.scaled : HUNDRED_PERCENT));
  const common = include ? denominators.reduce((product, d) => product * d, 1n) : BigInt(HUNDRED_PERCENT);
  const weights = groups.map((group, g) => (BigInt(parts[g]!) * BigInt(group.rate.scaled) * common) / denominators[g]!);
  if (weights.every((weight) => weight === 0n)) {
    throw new OrderSplitError(
      `Shipping: the order states ${statedTax} minor units of tax on its shipping, but the shipping has no tax rate of its own ` +
        'and every rate it follows is 0%, so it carries no tax. Check the shipping tax of the order where it was placed, or give the shipping its own rate.',
    );
  }
  return allocateLargestRemainderExact(statedTax, weights);
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
 * Rule 4, no 0.00 invoices: a group whose lines all come to nothing (free lines at a rate no
 * other line carries, and no shipping) is no invoice of its own. Its lines are kept, at 0.00,
 * on the invoice with the largest total (ties: the lower rate), after that invoice's goods, so
 * every line the client ordered is on an invoice. An order that comes to nothing has none.
 */
function foldFreeGroups(groups: Group[], include: boolean): Group[] {
  const isFree = (group: Group) => group.lines.every((line) => line.amount === 0 && line.tax === 0);
  const kept = groups.filter((group) => !isFree(group));
  if (kept.length === groups.length || kept.length === 0) return kept;
  let target = kept[0]!;
  let largest = figures(target.lines, include).total;
  for (const group of kept) {
    const total = figures(group.lines, include).total;
    if (total > largest) [target, largest] = [group, total];
  }
  const free = groups.filter(isFree).flatMap((group) => group.lines);
  const afterGoods = target.lines.findIndex((line) => line.kind !== 'goods');
  target.lines.splice(afterGoods === -1 ? target.lines.length : afterGoods, 0, ...free);
  return kept;
}

/**
 * What the order says the client was charged: its totals; without them, a stated tax total
 * (the total then follows from the prices: goods − discount + shipping, plus the tax when
 * prices exclude it). An order whose stated tax total and totals disagree contradicts itself.
 */
function chargedFigures(order: SplitInput, include: boolean, prices: number): { tax: number; total: number } | null {
  const totals = order.totals;
  if (totals != null) {
    if (order.tax_total != null && order.tax_total !== totals.tax) {
      throw new OrderSplitError(
        `The order states a tax total of ${order.tax_total} minor units, but its totals say ${totals.tax} of tax was charged. ` +
          'Check the tax charged on this order where it was placed.',
      );
    }
    return { tax: totals.tax, total: totals.total };
  }
  if (order.tax_total == null) return null;
  const total = include ? prices : prices + order.tax_total;
  if (!Number.isSafeInteger(total))
    throw new OrderSplitError('The order total is too large to be an amount of money; check its prices and tax.');
  return { tax: order.tax_total, total };
}

/**
 * Rules 7 and 9: the invoices add up to the tax and the total the order says were charged,
 * whatever rounding the gallery used (per line, per rate or once per order, half up, half
 * even or truncated). The difference goes on an explicit "Rounding adjustment" line, untaxed
 * in that no rate applies to it: its `tax` is the tax difference and its `amount` the price
 * difference, so every invoice stays consistent with its lines (rule 6):
 * - prices excluding tax: amount = Δtotal − Δtax (the net moves by it; it is 0 unless the
 *   gallery's total is not its net + tax), tax = Δtax; the invoice's total moves by both.
 * - prices including tax: amount = Δtotal (0 unless the gallery's total is not the sum of its
 *   prices), tax = Δtax; the total is fixed by the prices, so a tax difference moves between
 *   net and tax (the net moves by amount − Δtax).
 * The line goes on the invoice with the largest total (ties: the lower rate). A tax difference
 * only goes on an invoice at a rate above 0% (tax never lands on a 0% invoice), and no invoice
 * is taken below zero (net, tax) or to 0.00 (total): whatever the largest cannot take goes on
 * the next largest, unit by unit, so a gallery that rounded once per rate over many small
 * rates is still booked. An invoice has at most one rounding line.
 *
 * The bound: rounding moves each taxed amount's tax by less than one minor unit, however it is
 * done, so the tax difference and the price difference may each be at most ONE MINOR UNIT PER
 * TAXED LINE: every goods line and every shipping part with an amount above 0 at a rate above
 * 0%. Beyond that (or with nothing taxed at all) the difference is no rounding: the order is
 * refused, and nothing is booked.
 */
function reconcile(
  drafts: InvoiceDraft[],
  groups: Group[],
  charged: { tax: number; total: number } | null,
  include: boolean,
  statedByRate: Readonly<Record<string, number>> | null,
  roundingAllowance = 0,
): void {
  const adjustments = drafts.map(() => ({ amount: 0, tax: 0 }));
  const allowance = roundingAllowance;
  const taxedLines = drafts.map((draft, d) => (groups[d]!.rate.scaled > 0 ? draft.lines.filter((line) => line.amount > 0).length : 0));

  // The tax stated at a rate is that invoice's tax: its lines' difference from it is rounding
  // within one minor unit per taxed line of the invoice, and never tax on a 0% invoice.
  if (statedByRate) {
    drafts.forEach((draft, d) => {
      const stated = statedByRate[groups[d]!.rate.text];
      if (stated === undefined || stated === draft.tax) return;
      const difference = stated - draft.tax;
      const money = (minor: number) => formatMoney(minor, draft.currency);
      if (groups[d]!.rate.scaled === 0) {
        throw new OrderSplitError(
          `Its tax lines say ${money(stated)} of tax at 0%, which carries none: check the tax lines mapped for this order.`,
        );
      }
      if (include && stated > draft.total) throw statedTaxError(stated, draft.total, `The ${groups[d]!.rate.text}% part of the order`);
      if (Math.abs(difference) > taxedLines[d]! + allowance) {
        throw new OrderSplitError(
          `Its tax at ${groups[d]!.rate.text}% is ${money(stated)}, but its lines at that rate come to ${money(draft.tax)}, more than rounding: ` +
            'check the tax lines and each line’s rate mapped for this order.',
        );
      }
      adjustments[d]!.tax = difference;
    });
  }

  let tax = 0;
  let total = 0;
  let bound = 0;
  drafts.forEach((draft, d) => {
    const adjusted = adjustments[d]!.tax;
    tax += draft.tax + adjusted;
    total += draft.total + (include ? 0 : adjusted);
    bound += taxedLines[d]!;
  });
  bound += allowance;
  const taxDifference = charged ? charged.tax - tax : 0;
  const totalDifference = charged ? charged.total - total : 0;
  const amountDifference = include ? totalDifference : totalDifference - taxDifference;
  const difference = () =>
    `The order says the client was charged ${charged!.tax} minor units of tax and ${charged!.total} in all, but its lines come to ` +
    `${tax} of tax and ${total} in all`;
  if (Math.abs(taxDifference) > bound || Math.abs(amountDifference) > bound) {
    throw new OrderSplitError(
      `${difference()}: a difference of ${describeDifference(taxDifference, amountDifference)}, more than rounding can explain ` +
        `(at most ${bound} here, one minor unit per taxed line). Check the tax and the totals charged on this order where it was placed.`,
    );
  }

  // Largest total first, ties to the lower rate (drafts are in rate order; the sort is stable).
  const order = drafts.map((_, d) => d).sort((a, b) => drafts[b]!.total - drafts[a]!.total);
  const fits = (d: number, amount: number, taxed: number): boolean => {
    const draft = drafts[d]!;
    const lineAmounts = (include ? draft.total : draft.net) + amount;
    const invoiceTax = draft.tax + taxed;
    const net = include ? lineAmounts - invoiceTax : lineAmounts;
    return net >= 0 && invoiceTax >= 0 && net + invoiceTax > 0;
  };
  const place = (units: number, kind: 'amount' | 'tax'): void => {
    const step = Math.sign(units);
    for (let left = Math.abs(units); left > 0; left -= 1) {
      const d = order.find((i) => {
        if (kind === 'tax' && groups[i]!.rate.scaled === 0) return false;
        // A rate whose tax the order states keeps exactly that tax.
        if (kind === 'tax' && statedByRate?.[groups[i]!.rate.text] !== undefined) return false;
        const a = adjustments[i]!;
        return kind === 'tax' ? fits(i, a.amount, a.tax + step) : fits(i, a.amount + step, a.tax);
      });
      if (d === undefined) {
        throw new OrderSplitError(
          `${difference()}, and no invoice of the order can show the difference without going below zero. ` +
            'Check the tax and the totals charged on this order where it was placed.',
        );
      }
      adjustments[d]![kind] += step;
    }
  };
  place(amountDifference, 'amount');
  place(taxDifference, 'tax');

  drafts.forEach((draft, d) => {
    const { amount, tax: taxed } = adjustments[d]!;
    if (amount === 0 && taxed === 0) return;
    draft.lines.push({ kind: 'rounding', description: ROUNDING_DESCRIPTION, quantity: 1, amount, tax: taxed });
    draft.tax += taxed;
    if (include) {
      draft.total += amount;
      draft.net = draft.total - draft.tax;
    } else {
      draft.net += amount;
      draft.total = draft.net + draft.tax;
    }
  });
}

function describeDifference(tax: number, amount: number): string {
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  const parts = [tax !== 0 ? `${signed(tax)} in tax` : '', amount !== 0 ? `${signed(amount)} in price` : ''].filter(Boolean);
  return parts.join(' and ');
}

function byRate(groups: Map<string, Group>): Group[] {
  return [...groups.values()].sort((a, b) => a.rate.scaled - b.rate.scaled);
}

// ---- checks: a bad order fails with a message that says what to fix, before any figure ----

function checkOrder(order: SplitInput): 'paid' | 'open' {
  if (!Array.isArray(order.lines) || order.lines.length === 0) {
    throw new OrderSplitError('The order has no lines, so there is nothing to invoice. Check that the order contains products.');
  }
  if (typeof order.currency !== 'string' || !isCurrency(order.currency)) {
    throw new OrderSplitError(
      `The order's currency ${quote(String(order.currency))} is not an ISO 4217 currency code (such as "GBP", "EUR" or "JPY"). ` +
        'Check the currency of the order where it was placed.',
    );
  }
  if (typeof order.prices_include_tax !== 'boolean') {
    throw new OrderSplitError('The order does not say whether its prices include tax (prices_include_tax must be true or false).');
  }
  order.lines.forEach((line, index) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new OrderSplitError(
        `${lineName(line, index)}: the quantity must be a whole number of at least 1, not ${String(line.quantity)}.`,
      );
    }
    if (line.amount != null) {
      if (!isMinorUnits(line.amount)) throw minorUnitsError(line.amount, `${lineName(line, index)}: the amount`);
    } else if (!isMinorUnits(line.unit_price)) throw minorUnitsError(line.unit_price, `${lineName(line, index)}: the unit price`);
    if (line.discount != null && !isMinorUnits(line.discount))
      throw minorUnitsError(line.discount, `${lineName(line, index)}: the discount`);
    if (line.tax != null && !isMinorUnits(line.tax)) throw minorUnitsError(line.tax, `${lineName(line, index)}: the tax charged`);
  });
  checkMinorUnits(order.discount, "The order's discount");
  if (order.shipping) {
    checkMinorUnits(order.shipping.amount, 'The shipping amount');
    if (order.shipping.tax != null) checkMinorUnits(order.shipping.tax, 'The tax charged on shipping');
  }
  if (order.tax_total != null) checkMinorUnits(order.tax_total, "The order's stated tax total");
  if (order.totals != null) {
    checkMinorUnits(order.totals.tax, "The order's tax charged (totals.tax)");
    checkMinorUnits(order.totals.total, "The order's total charged (totals.total)");
  }
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
    `${where}: the tax charged (${tax} minor units) is more than its price including tax (${amount}). Check the tax of the order where it was placed.`,
  );
}

/** "Line 2 ("Canvas 16x20")", built only when a message needs it. */
function lineName(line: SplitLine, index: number): string {
  return `Line ${index + 1} (${quote(String(line.description))})`;
}

/** Rule 1: quantity × unit price less the line's own discount, or the amount the app states for it. */
function lineValue(line: SplitLine, index: number): number {
  if (line.amount != null) return line.amount;
  const value = line.quantity * (line.unit_price ?? 0);
  if (!Number.isSafeInteger(value)) {
    throw new OrderSplitError(`${lineName(line, index)}: quantity × unit price is too large to be an amount of money.`);
  }
  const discount = line.discount ?? 0;
  if (discount > value) {
    throw new OrderSplitError(
      `${lineName(line, index)}: its discount (${discount} minor units) is larger than the line (${value}). Check the line's discount where the order was placed.`,
    );
  }
  return value - discount;
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
          'Check the tax settings of the order where it was placed.',
      );
    }
    const rate = exactRate(text);
    parsed.set(text, rate);
    return rate;
  };
}

/** A rate as one text: "5", "5.0" and "05.00" are all "5", "7.250" is "7.25". */
export function canonicalRate(text: string): string {
  const [whole = '0', fraction = ''] = text.split('.');
  const trimmedFraction = fraction.replace(/0+$/, '');
  return `${Number.parseInt(whole, 10)}${trimmedFraction ? `.${trimmedFraction}` : ''}`;
}

function exactRate(text: string): Rate {
  const [whole = '0', fraction = ''] = text.split('.');
  const scaled = Number.parseInt(whole, 10) * RATE_SCALE + Number.parseInt(fraction.padEnd(4, '0') || '0', 10);
  return { text: canonicalRate(text), scaled };
}

function quote(text: string): string {
  return JSON.stringify(text);
}
