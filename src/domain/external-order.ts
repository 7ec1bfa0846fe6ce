// An order from another app (Pic-Time's own Zapier app, Shopify, WooCommerce, Square, Stripe
// Checkout), described field by field in a Zap, read into what the one money split takes.
// Pure: the values are parsed exactly (app-values.ts), every problem names the field as the
// Zap builder sees it, and nothing here knows about requests. Also here: what differs between
// such an order and the invoices an earlier run booked for it, for a replay that brings other
// figures.
import type { Invoice } from '../contract/invoices.js';
import {
  AppValueError,
  asText,
  listItems,
  parseInstant,
  parseMajorUnits,
  parsePaid,
  percentText,
  parseTaxRate,
  type TaxRateFormat,
} from './app-values.js';
import { sourceAppKey, sourceAppRules } from './source-apps.js';
import { formatMoney, isCurrency } from './currency.js';
import { allocateLargestRemainder, multiplyDivideRound } from './rational.js';
import { canonicalRate, OrderSplitError, splitOrder, type InvoiceDraft, type SplitInput, type SplitLine } from './tax-split.js';

/** One Zapier line item, as the Zap maps it (text, as other apps write it). */
export interface ExternalLineItem {
  description?: unknown;
  quantity?: unknown;
  unit_price?: unknown;
  /** The line's amount after its discounts (WooCommerce's `total`); then Unit Price is not read. */
  line_total?: unknown;
  /** The discounts the app applied to this line alone (Shopify's discount allocations; several are added up). */
  line_discount?: unknown;
  tax_rate?: unknown;
  /** The ids of the order's tax lines this line was taxed by (WooCommerce's `taxes[].id`). */
  tax_rate_ids?: unknown;
  tax?: unknown;
}

/** The step's fields after blank-to-absent, before any value is read. */
export interface ExternalOrderFields {
  source_app?: string;
  reference: string;
  placed_at?: unknown;
  currency: string;
  prices_include_tax?: boolean;
  /** Absent: the app's own way (Shopify's fractions, percent elsewhere). */
  tax_rate_format?: TaxRateFormat;
  paid?: unknown;
  client_email?: string;
  client_first_name?: string;
  client_last_name?: string;
  client_phone?: string;
  discount?: unknown;
  shipping_amount?: unknown;
  shipping_tax_rate?: unknown;
  shipping_tax?: unknown;
  line_items?: readonly ExternalLineItem[];
  /** The order's tax lines, one item per rate (WooCommerce's `tax_lines[]`), as lists. */
  tax_lines_rate_ids?: unknown;
  tax_lines_rate?: unknown;
  tax_lines_tax?: unknown;
  tax_lines_shipping_tax?: unknown;
  /** The order's fees (WooCommerce's `fee_lines[]`), as lists. */
  fee_names?: unknown;
  fee_amounts?: unknown;
  fee_taxes?: unknown;
  total?: unknown;
  /** The order's tax in all, to check the invoices against. */
  total_tax?: unknown;
  tax_rate?: unknown;
}

export type FieldKey = keyof ExternalOrderFields | `line_items.${keyof ExternalLineItem}`;

export interface ExternalOrder {
  /** Where the order lives: the app (as a key: "shopify", "pic-time") and its reference there. */
  source: { app: string; reference: string };
  /** "Shopify order #1001": how messages and summaries name it. */
  label: string;
  /** ISO 8601 UTC, or null when the Zap did not say. */
  placed_at: string | null;
  client: { email: string | null; first_name: string; last_name: string; phone: string | null };
  /** What the split takes (without totals: splitExternalOrder adds the stated ones). */
  split: SplitInput;
  /** The total the Zap gave for an order with line items (minor units), to check the invoices against. */
  stated_total: number | null;
  /** The tax the Zap gave for the whole order (Total Tax, or its tax lines added up), to check against. */
  stated_tax: number | null;
}

export { sourceAppKey, UNNAMED_APP } from './source-apps.js';

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Percent × 10^4, as tax-split reads a canonical rate ("8.875" → 88750). */
const RATE_SCALE = 10_000;
function scaledRate(text: string): number {
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * RATE_SCALE + Number(fraction.padEnd(4, '0').slice(0, 4) || '0');
}
function rateText(scaled: number): string {
  return percentText(BigInt(scaled));
}

/** The tax at a rate (percent × 10^4) on an amount, rounded half away from zero. */
function taxOn(amount: number, scaled: number, include: boolean): number {
  return multiplyDivideRound(amount, scaled, include ? 100 * RATE_SCALE + scaled : 100 * RATE_SCALE);
}

/** A tax an app states for an amount at one or more rates (its tax lines), for the fit check. */
interface StatedTax {
  rates: string[];
  /** Each tax line's tax when the app gives them one by one, else null (one figure for all). */
  parts: number[] | null;
  total: number;
}

/**
 * The tax an app states must be the tax of its rate on the amount, within rounding: one minor
 * unit per tax line (more for a line of many pieces, which some apps round piece by piece). A
 * figure beyond that is a field mapped from the wrong place, and a 0% line carries none.
 */
function checkTaxFits(
  stated: StatedTax,
  amount: number,
  quantity: number,
  include: boolean,
  what: string,
  money: (minor: number) => string,
): void {
  const combined = stated.rates.reduce((sum, rate) => sum + scaledRate(rate), 0);
  const expectedOf = (scaled: number) => {
    if (!include) return taxOn(amount, scaled, false);
    // With tax included, each tax line's share of the amount: amount × r / (100 + all rates).
    return multiplyDivideRound(amount, scaled, 100 * RATE_SCALE + combined);
  };
  if (combined === 0) {
    if (stated.total > 0)
      throw new AppValueError(
        `${what} is ${money(stated.total)}, but the rate is 0%, which carries no tax: check that this field and the rate come from the same line.`,
      );
    return;
  }
  const unit = Math.max(1, Math.ceil(quantity / 2));
  const checks =
    stated.parts && stated.parts.length === stated.rates.length
      ? stated.parts.map((tax, i) => ({ tax, scaled: scaledRate(stated.rates[i]!), tolerance: unit }))
      : [{ tax: stated.total, scaled: combined, tolerance: unit * stated.rates.length }];
  for (const check of checks) {
    const expected = expectedOf(check.scaled);
    if (Math.abs(check.tax - expected) > check.tolerance) {
      throw new AppValueError(
        `${what} ${money(check.tax)} is not ${rateText(check.scaled)}% of ${money(amount)} (${money(expected)}) within rounding: ` +
          'map the tax charged on the whole line after its discounts, and that line’s own rate.',
      );
    }
  }
}

/**
 * Reads the order. `label(key)` is how the step shows a field ("Line Items › Unit Price"), so
 * an AppValueError names what the Zap builder mapped. Throws AppValueError for a value that
 * cannot be read, and before any figure is worked out. The Source App says how the figures are
 * written (source-apps.ts): its rate format, its dates, its nested lists, which figures are
 * after discounts and without tax.
 */
export function readExternalOrder(fields: ExternalOrderFields, label: (key: FieldKey) => string): ExternalOrder {
  const reference = fields.reference.trim();
  const app = sourceAppKey(fields.source_app);
  const rules = sourceAppRules(app);
  const shownApp = fields.source_app?.trim() || 'another app';
  const currency = fields.currency.trim().toUpperCase();
  if (!isCurrency(currency)) {
    throw new AppValueError(
      `${label('currency')} ${JSON.stringify(fields.currency)} is not an ISO 4217 currency code: map a code such as "GBP", "USD", "EUR" or "JPY".`,
    );
  }
  const format = fields.tax_rate_format ?? rules.rateFormat;
  const show = (minor: number) => formatMoney(minor, currency);
  const money = (value: unknown, key: FieldKey, where = '') => parseMajorUnits(value, currency, `${label(key)}${where}`);
  const rate = (value: unknown, key: FieldKey, where = '') => parseTaxRate(value, format, `${label(key)}${where}`);
  /** A field that may hold a nested list (several tax lines): its items, or the one value. */
  const items = (value: unknown): string[] => (isBlank(value) ? [] : rules.commaJoinedLists ? listItems(value) : [asText(value).trim()]);
  const moneyList = (value: unknown, key: FieldKey, where = '') => items(value).map((item) => money(item, key, where));
  const rateList = (value: unknown, key: FieldKey, where = '') => items(value).map((item) => rate(item, key, where));
  const sumOf = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const combine = (rates: string[], what: string): string => {
    const scaled = rates.reduce((sum, text) => sum + scaledRate(text), 0);
    if (scaled > 100 * RATE_SCALE)
      throw new AppValueError(`${what}: its tax lines add up to more than 100%, which no tax is. Check the rates mapped.`);
    return rateText(scaled);
  };
  const defaultRate = isBlank(fields.tax_rate) ? null : rate(fields.tax_rate, 'tax_rate');
  const pricesIncludeTaxField = rules.lineFiguresExcludeTax ? false : (fields.prices_include_tax ?? false);

  // The order's tax lines (WooCommerce's tax_lines[]): rate id → rate, the tax at it, and the shipping's.
  const taxLines = readTaxLines(
    fields,
    label,
    listItems,
    (value, key) => parseTaxRate(value, 'percent', label(key), { documentedPercent: true }),
    (value, key) => parseMajorUnits(value, currency, label(key)),
  );
  const singleTaxLineRate = taxLines && new Set(taxLines.map((line) => line.rate)).size === 1 ? taxLines[0]!.rate : null;
  const idsByRate = new Map<string, Set<string>>();
  const noteIds = (rateKey: string, ids: readonly string[]) => {
    const set = idsByRate.get(rateKey) ?? new Set<string>();
    for (const id of ids) set.add(id);
    idsByRate.set(rateKey, set);
  };

  const givenItems = (fields.line_items ?? []).filter((item) => !Object.values(item).every(isBlank));
  let lines: SplitLine[];
  let pricesIncludeTax = pricesIncludeTaxField;
  let statedTotal: number | null = null;
  let linesCarryDiscounts = false;
  /** A line's stated tax, checked against its rate once the order's discount is shared (it is on the line after it). */
  const lineTaxChecks: Array<{ index: number; stated: StatedTax; amount: number; quantity: number; what: string }> = [];
  if (givenItems.length > 0) {
    lines = givenItems.map((item, index) => {
      const where = ` (line item ${index + 1})`;
      const description = isBlank(item.description) ? `Item ${index + 1}` : asText(item.description).trim();
      const quantity = readQuantity(item.quantity, `${label('line_items.quantity')}${where}`);
      let amount: number;
      let figures: Pick<SplitLine, 'unit_price' | 'discount' | 'amount'>;
      if (!isBlank(item.line_total)) {
        amount = money(item.line_total, 'line_items.line_total', where);
        figures = { amount };
        linesCarryDiscounts = true;
      } else {
        if (isBlank(item.unit_price)) {
          throw new AppValueError(
            `${label('line_items.unit_price')}${where} is empty: map the price of one "${description}", or ${label('line_items.line_total')} with the line’s amount.`,
          );
        }
        const unitPrice = money(item.unit_price, 'line_items.unit_price', where);
        const discount = sumOf(moneyList(item.line_discount, 'line_items.line_discount', where));
        if (discount > 0) linesCarryDiscounts = true;
        amount = quantity * unitPrice - discount;
        if (amount < 0)
          throw new AppValueError(
            `${label('line_items.line_discount')}${where} is more than the line itself: check that it is this line’s discount.`,
          );
        figures = { unit_price: unitPrice, discount };
      }
      const taxes = moneyList(item.tax, 'line_items.tax', where);
      const statedTax = taxes.length === 0 ? null : sumOf(taxes);
      const ids = items(item.tax_rate_ids);
      let rates = rateList(item.tax_rate, 'line_items.tax_rate', where);
      if (rates.length === 0 && ids.length > 0) {
        if (!taxLines)
          throw new AppValueError(
            `${label('line_items.tax_rate_ids')}${where} names tax lines, but ${label('tax_lines_rate_ids')} and ${label('tax_lines_rate')} are empty: map the order’s tax lines too.`,
          );
        rates = ids.map((id) => {
          const line = taxLines.find((candidate) => candidate.id === id);
          if (!line)
            throw new AppValueError(
              `${label('line_items.tax_rate_ids')}${where} names tax line ${JSON.stringify(id)}, which is not among ${label('tax_lines_rate_ids')}: map both from the same order.`,
            );
          return line.rate;
        });
      }
      if (rates.length === 0) {
        if (defaultRate !== null) rates = [defaultRate];
        else if ((statedTax ?? 0) === 0 && rules.noTaxLinesMeansUntaxed) rates = ['0'];
        else if ((statedTax ?? 0) > 0 && singleTaxLineRate !== null) rates = [singleTaxLineRate];
        else {
          throw new AppValueError(
            `${label('line_items.tax_rate')}${where} is empty, so the rate of "${description}" is unknown: map it (or ${label('line_items.tax_rate_ids')} with the Tax Lines fields), ` +
              `or set ${label('tax_rate')} (0 if untaxed).`,
          );
        }
      }
      if (taxes.length > 1 && taxes.length !== rates.length) {
        throw new AppValueError(
          `${label('line_items.tax')}${where} has ${taxes.length} figures for ${rates.length} tax rates: map the line’s tax lines’ rates and taxes from the same list.`,
        );
      }
      const taxRate = combine(rates, `"${description}"${where}`);
      if (statedTax !== null) {
        lineTaxChecks.push({
          index,
          stated: { rates, parts: taxes.length > 1 ? taxes : null, total: statedTax },
          amount,
          quantity,
          what: `${label('line_items.tax')}${where}`,
        });
      }
      if (ids.length > 0) noteIds(taxRate, ids);
      return { description, quantity, ...figures, tax_rate: taxRate, tax: statedTax };
    });
    if (!isBlank(fields.total)) statedTotal = money(fields.total, 'total');
  } else {
    // Without line items (Pic-Time's New Order Placed gives only a total): one line, the total
    // as the client paid it, tax included, at the one rate.
    if (isBlank(fields.total)) {
      throw new AppValueError(
        `The order has no line items and no ${label('total')}: map the order's line items, or its total with ${label('tax_rate')}.`,
      );
    }
    if (defaultRate === null) {
      throw new AppValueError(
        `${label('tax_rate')} is needed with ${label('total')} for an order without line items (0 for an untaxed order).`,
      );
    }
    for (const key of ['discount', 'shipping_amount', 'shipping_tax', 'shipping_tax_rate', 'fee_amounts'] as const) {
      if (!isBlank(fields[key])) {
        throw new AppValueError(
          `${label(key)} cannot be used with ${label('total')} alone: the total is what the client paid, all included. ` +
            `Leave ${label(key)} empty, or map the order's line items instead of ${label('total')}.`,
        );
      }
    }
    lines = [
      { description: `Order ${reference}`, quantity: 1, unit_price: money(fields.total, 'total'), tax_rate: defaultRate, tax: null },
    ];
    pricesIncludeTax = true;
  }

  const discount = isBlank(fields.discount) ? 0 : money(fields.discount, 'discount');
  if (discount > 0 && (linesCarryDiscounts || rules.lineFiguresExcludeTax)) {
    throw new AppValueError(
      `${label('discount')} would count the discount twice: the lines are already after their discounts (${label('line_items.line_total')} or ${label('line_items.line_discount')}). Leave ${label('discount')} empty.`,
    );
  }

  // The order's discount is shared across the lines by value as the split shares it (rule 2),
  // and a stated line tax is on the line after its share.
  if (discount > 0 && !isBlank(fields.fee_amounts)) {
    throw new AppValueError(
      `${label('discount')} cannot be shared with fees: map the lines after their discounts (${label('line_items.line_total')}) and leave ${label('discount')} empty.`,
    );
  }
  const goodsValue = valuesOf(lines).reduce((sum, value) => sum + value, 0);
  const shares =
    discount > 0 && discount <= goodsValue
      ? allocateLargestRemainder(discount, lineTaxChecks.length === 0 ? lines.map(() => 1) : valuesOf(lines))
      : null;
  for (const check of lineTaxChecks) {
    checkTaxFits(check.stated, check.amount - (shares?.[check.index] ?? 0), check.quantity, pricesIncludeTax, check.what, show);
  }

  // Fees (WooCommerce's fee_lines): lines of their own, at the rate their tax shows.
  const feeAmounts = listItems(fields.fee_amounts).map((item) => money(item, 'fee_amounts'));
  const feeTaxes = listItems(fields.fee_taxes).map((item) => money(item, 'fee_taxes'));
  const feeNames = listItems(fields.fee_names);
  if (feeTaxes.length > 0 && feeTaxes.length !== feeAmounts.length) {
    throw new AppValueError(
      `${label('fee_taxes')} has ${feeTaxes.length} figures for ${feeAmounts.length} fees in ${label('fee_amounts')}: map both from the order’s fee lines.`,
    );
  }
  // A fee's rate is one the order charged, chosen by its tax: the rate whose tax on the fee is
  // what was charged within rounding (one unit per tax line of the rate); of those, the rate of
  // tax lines no line accounts for (the fee's own tax class), then the highest (a store's
  // standard rate, which fees take unless set otherwise).
  const usedIds = new Set([...idsByRate.values()].flatMap((ids) => [...ids]));
  const unexplained = (taxLines ?? []).filter((line) => !usedIds.has(line.id) && !((line.tax ?? 0) === 0 && (line.shipping_tax ?? 0) > 0));
  const unexplainedRate = unexplained.length > 0 ? rateText(unexplained.reduce((sum, line) => sum + scaledRate(line.rate), 0)) : null;
  const candidateRates = [
    ...new Set([
      ...(unexplainedRate ? [unexplainedRate] : []),
      ...lines.map((line) => line.tax_rate),
      ...(defaultRate ? [defaultRate] : []),
      ...(taxLines ?? []).map((line) => line.rate),
    ]),
  ];
  const idsOfRate = (candidate: string): string[] => {
    const noted = idsByRate.get(candidate);
    if (noted) return [...noted];
    if (candidate === unexplainedRate) return unexplained.map((line) => line.id);
    return (taxLines ?? []).filter((line) => line.rate === candidate).map((line) => line.id);
  };
  /** Fees that were charged no tax: untaxed, unless the tax lines show tax nothing else accounts for (below). */
  const untaxedFees: number[] = [];
  feeAmounts.forEach((amount, index) => {
    const tax = feeTaxes[index] ?? 0;
    if (tax === 0 && amount > 0) untaxedFees.push(lines.length);
    let rate = '0';
    if (tax > 0) {
      const beyondRounding = (candidate: string) =>
        Math.max(0, Math.abs(tax - taxOn(amount, scaledRate(candidate), false)) - Math.max(1, idsOfRate(candidate).length));
      const fitting = candidateRates.filter((candidate) => scaledRate(candidate) > 0 && beyondRounding(candidate) === 0);
      if (fitting.length === 0) {
        throw new AppValueError(
          `${label('fee_taxes')} (fee ${index + 1}) ${show(tax)} on ${show(amount)} fits none of the order’s tax rates, so its rate is unknown: map the fees’ tax and the order’s tax lines from the same order.`,
        );
      }
      const rank = (candidate: string) => (candidate === unexplainedRate ? 1e9 : 0) + scaledRate(candidate);
      rate = fitting.reduce((a, b) => (rank(b) > rank(a) ? b : a));
      if (taxLines && !idsByRate.has(rate)) noteIds(rate, idsOfRate(rate));
    }
    lines.push({
      description: feeNames.length === feeAmounts.length ? feeNames[index]! : `Fee ${index + 1}`,
      quantity: 1,
      amount,
      tax_rate: rate,
      tax,
    });
  });

  // Shipping: its own rate when the app states one (an untaxed shipping is 0%, not the goods').
  const shippingAmounts = moneyList(fields.shipping_amount, 'shipping_amount');
  const shippingAmount = sumOf(shippingAmounts);
  const shippingTaxes = moneyList(fields.shipping_tax, 'shipping_tax');
  const shippingTax = shippingTaxes.length === 0 ? null : sumOf(shippingTaxes);
  // Several shipping lines (Shopify lists each with its own tax lines): Zapier joins all their
  // rates, so the same rates come once per line; they are one set of rates, not their sum.
  let shippingRates = onePeriod(rateList(fields.shipping_tax_rate, 'shipping_tax_rate'), shippingAmounts.length);
  let shippingIds: string[] = [];
  if (shippingRates.length === 0 && taxLines && taxLines.some((line) => line.shipping_tax !== null)) {
    // The tax lines that carry shipping tax say its rate; a small shipping's tax at one of a
    // line's several rates can round to nothing, so the goods' tax lines that include them all
    // come first, when their rate fits the shipping's tax.
    const taxed = taxLines.filter((line) => (line.shipping_tax ?? 0) > 0);
    if (taxed.length === 0 && (shippingTax ?? 0) > 0) {
      // A shipping tax of a cent or so that no tax line shows (each rate's part rounded to
      // nothing, their sum to a cent): the goods' tax lines whose rate fits it best.
      const options = [...idsByRate.values()]
        .map((ids) => taxLines.filter((line) => ids.has(line.id)))
        .filter((option) => option.length > 0);
      const deviation = (option: TaxLine[]) =>
        Math.abs(
          shippingTax! -
            taxOn(
              shippingAmount,
              option.reduce((sum, line) => sum + scaledRate(line.rate), 0),
              false,
            ),
        );
      const best = options.sort((a, b) => deviation(a) - deviation(b))[0];
      if (best && scaledRate(best[0]!.rate) >= 0 && deviation(best) <= best.length) {
        shippingRates = best.map((line) => line.rate);
        shippingIds = best.map((line) => line.id);
      }
    } else if (taxed.length === 0) shippingRates = ['0'];
    else {
      const taxedIds = taxed.map((line) => line.id);
      const groups = [...idsByRate.values()].filter((ids) => taxedIds.every((id) => ids.has(id))).sort((a, b) => a.size - b.size);
      const options = [...groups.map((ids) => taxLines.filter((line) => ids.has(line.id))), taxed];
      const tax = shippingTax ?? taxed.reduce((sum, line) => sum + line.shipping_tax!, 0);
      const fitting =
        options.find((option) => {
          const scaled = option.reduce((sum, line) => sum + scaledRate(line.rate), 0);
          return Math.abs(tax - taxOn(shippingAmount, scaled, false)) <= option.length;
        }) ?? taxed;
      shippingRates = fitting.map((line) => line.rate);
      shippingIds = fitting.map((line) => line.id);
    }
  }
  if (shippingRates.length === 0 && rules.noTaxLinesMeansUntaxed && (shippingTax ?? 0) === 0) shippingRates = ['0'];
  const shippingRate = shippingRates.length === 0 ? null : combine(shippingRates, label('shipping_amount'));
  if (shippingRate !== null && shippingTax !== null) {
    checkTaxFits(
      {
        rates: shippingRates,
        parts: shippingTaxes.length > 1 && shippingTaxes.length === shippingRates.length ? shippingTaxes : null,
        total: shippingTax,
      },
      shippingAmount,
      1,
      pricesIncludeTax,
      label('shipping_tax'),
      show,
    );
  }
  if (shippingRate !== null && shippingIds.length > 0) noteIds(shippingRate, shippingIds);

  // Fees of a fraction of a cent's tax each (a store rounding tax at subtotal): each fee states
  // none, but their tax added up was charged, and the tax lines show it where no line, fee or
  // shipping accounts for it. Those fees are at that rate, as the tax lines say, so the tax they
  // were charged lands on their invoice (its rounding line) instead of nowhere.
  const withAmounts = new Set(lines.filter((line) => amountOf(line) > 0).map((line) => line.tax_rate));
  if (shippingRate !== null && shippingAmount > 0) withAmounts.add(shippingRate);
  const accounted = new Set([...idsByRate].filter(([rateKey]) => withAmounts.has(rateKey)).flatMap(([, ids]) => [...ids]));
  const orphaned = (taxLines ?? []).filter((line) => !accounted.has(line.id) && (line.tax ?? 0) > 0);
  if (orphaned.length > 0 && untaxedFees.length > 0) {
    const scaled = orphaned.reduce((sum, line) => sum + scaledRate(line.rate), 0);
    const orphanedTax = orphaned.reduce((sum, line) => sum + (line.tax ?? 0), 0);
    const feesAmount = untaxedFees.reduce((sum, index) => sum + (lines[index]!.amount ?? 0), 0);
    if (Math.abs(orphanedTax - taxOn(feesAmount, scaled, false)) <= untaxedFees.length + orphaned.length) {
      const orphanedRate = rateText(scaled);
      for (const index of untaxedFees) lines[index] = { ...lines[index]!, tax_rate: orphanedRate };
      noteIds(
        orphanedRate,
        orphaned.map((line) => line.id),
      );
    }
  }
  const shipping =
    shippingAmount > 0 || (shippingTax ?? 0) > 0 ? { amount: shippingAmount, tax_rate: shippingRate, tax: shippingTax } : null;
  const paid = isBlank(fields.paid) ? false : parsePaid(fields.paid, label('paid'));

  // The tax charged: the tax lines added up when the Zap maps them (they are what each rate
  // invoice carries), Total Tax otherwise. A Total Tax beside them is rounded once over the
  // unrounded taxes (WooCommerce rounding at subtotal), so it is a check within rounding.
  const totalTax = isBlank(fields.total_tax) ? null : money(fields.total_tax, 'total_tax');
  const taxLinesTax = taxLines?.every((line) => line.tax !== null)
    ? sumOf(taxLines.map((line) => line.tax! + (line.shipping_tax ?? 0)))
    : null;
  if (totalTax !== null && taxLinesTax !== null && Math.abs(totalTax - taxLinesTax) > taxLines!.length) {
    throw new AppValueError(
      `${label('total_tax')} is ${show(totalTax)}, but the order's tax lines add up to ${show(taxLinesTax)}: map both from the same order.`,
    );
  }
  const statedTax = taxLinesTax ?? totalTax;

  return {
    source: { app, reference },
    label: `${shownApp} order ${reference}`,
    placed_at: isBlank(fields.placed_at)
      ? null
      : parseInstant(fields.placed_at, label('placed_at'), { offsetlessIsUtc: rules.offsetlessDatesAreUtc }),
    client: {
      email: fields.client_email?.trim() || null,
      first_name: fields.client_first_name?.trim() ?? '',
      last_name: fields.client_last_name?.trim() ?? '',
      phone: fields.client_phone?.trim() || null,
    },
    split: {
      currency,
      prices_include_tax: pricesIncludeTax,
      payment_status: paid ? 'paid' : 'awaiting_payment',
      discount,
      shipping,
      tax_total: null,
      lines,
      tax_by_rate: taxLines ? taxByRate(taxLines, idsByRate) : null,
      rounding_allowance: taxLines?.length ?? 0,
    },
    stated_total: statedTotal,
    stated_tax: statedTax,
  };
}

interface TaxLine {
  id: string;
  rate: string;
  tax: number | null;
  shipping_tax: number | null;
}

/** The order's tax lines from their lists (ids, rates, taxes, shipping taxes: one item each per tax line), or null when none are mapped. */
function readTaxLines(
  fields: ExternalOrderFields,
  label: (key: FieldKey) => string,
  list: (value: unknown) => string[],
  rate: (value: string, key: FieldKey) => string,
  money: (value: string, key: FieldKey) => number,
): TaxLine[] | null {
  const rates = list(fields.tax_lines_rate);
  const ids = list(fields.tax_lines_rate_ids);
  const taxes = list(fields.tax_lines_tax);
  const shippingTaxes = list(fields.tax_lines_shipping_tax);
  if (rates.length === 0 && ids.length === 0 && taxes.length === 0 && shippingTaxes.length === 0) return null;
  if (rates.length === 0)
    throw new AppValueError(
      `${label('tax_lines_rate')} is empty though other tax-line fields are mapped: map each tax line’s rate (WooCommerce: Tax Lines Rate Percent).`,
    );
  for (const [key, values] of [
    ['tax_lines_rate_ids', ids],
    ['tax_lines_tax', taxes],
    ['tax_lines_shipping_tax', shippingTaxes],
  ] as const) {
    if (values.length > 0 && values.length !== rates.length) {
      throw new AppValueError(
        `${label(key)} has ${values.length} items for ${rates.length} tax lines in ${label('tax_lines_rate')}: map every tax-line field from the same order’s tax lines.`,
      );
    }
  }
  return rates.map((text, i) => ({
    id: ids[i] ?? String(i + 1),
    rate: rate(text, 'tax_lines_rate'),
    tax: taxes.length > 0 ? money(taxes[i]!, 'tax_lines_tax') : null,
    shipping_tax: shippingTaxes.length > 0 ? money(shippingTaxes[i]!, 'tax_lines_shipping_tax') : null,
  }));
}

/**
 * The tax the order states at each of its invoice rates, from its tax lines, where each tax line
 * belongs to one invoice rate (a line taxed by state and county tax lines is at their sum).
 * Null when a tax line is shared by two invoice rates or is not used by any: then only the
 * order's total tax is checked.
 */
function taxByRate(taxLines: readonly TaxLine[], idsByRate: ReadonlyMap<string, ReadonlySet<string>>): Record<string, number> | null {
  if (taxLines.some((line) => line.tax === null)) return null;
  const owner = new Map<string, string>();
  for (const [rateKey, ids] of idsByRate) {
    for (const id of ids) {
      if (owner.has(id) && owner.get(id) !== rateKey) return null;
      owner.set(id, rateKey);
    }
  }
  const result: Record<string, number> = {};
  for (const line of taxLines) {
    const rateKey = owner.get(line.id);
    const tax = line.tax! + (line.shipping_tax ?? 0);
    if (rateKey === undefined) {
      if (tax === 0) continue;
      return null;
    }
    result[rateKey] = (result[rateKey] ?? 0) + tax;
  }
  return result;
}

/** A list that is the same sequence repeated `times` times, as that sequence once; otherwise as it is. */
function onePeriod<T>(items: readonly T[], times: number): T[] {
  if (times < 2 || items.length % times !== 0) return [...items];
  const period = items.length / times;
  return items.every((item, i) => item === items[i % period]) ? items.slice(0, period) : [...items];
}

/** A line's amount before the order's discount: its stated amount, or quantity × unit price less its own discount. */
function amountOf(line: SplitLine): number {
  return line.amount ?? line.quantity * (line.unit_price ?? 0) - (line.discount ?? 0);
}

/** Each line's value before the order's discount: what the split shares that discount by. */
function valuesOf(lines: readonly SplitLine[]): number[] {
  const values = lines.map(amountOf);
  return values.some((value) => value > 0) ? values : values.map(() => 1);
}

/** "2", "2.0" → 2; a quantity is a whole number of at least 1. */
function readQuantity(value: unknown, what: string): number {
  if (isBlank(value)) return 1;
  const text = asText(value).trim();
  const match = /^(\d+)(?:\.0+)?$/.exec(text);
  const quantity = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new AppValueError(`${what} ${JSON.stringify(text)} is not a quantity: map a whole number of at least 1, such as "2".`);
  }
  return quantity;
}

/**
 * The invoices for the order, one per tax rate, by the one money split. The tax the app states
 * per rate and in all, and its total, are what the invoices add up to: a difference from the
 * lines within rounding goes on a rounding line (the split's rule 7), a larger one is refused
 * as the order not adding up.
 */
export function splitExternalOrder(order: ExternalOrder): InvoiceDraft[] {
  const money = (minor: number) => formatMoney(minor, order.split.currency);
  let drafts: InvoiceDraft[];
  try {
    drafts = splitOrder({ ...order.split, tax_total: order.stated_total === null ? order.stated_tax : null });
  } catch (error) {
    if (!(error instanceof OrderSplitError) || order.stated_tax === null || order.stated_total !== null) throw error;
    // Only a stated tax to check against: say it in the order's own terms.
    const computed = splitOrder({ ...order.split, tax_total: null, tax_by_rate: null }).reduce((sum, draft) => sum + draft.tax, 0);
    throw new OrderSplitError(
      `Its lines’ tax comes to ${money(computed)}, but its tax is ${money(order.stated_tax)}: more than rounding. Map every line’s Tax Charged and the order’s tax as the Source App writes them.`,
    );
  }
  if (order.stated_total === null) return drafts;
  const total = drafts.reduce((sum, draft) => sum + draft.total, 0);
  const tax = drafts.reduce((sum, draft) => sum + draft.tax, 0);
  if (total === order.stated_total && (order.stated_tax === null || tax === order.stated_tax)) return drafts;
  try {
    return splitOrder({ ...order.split, totals: { tax: order.stated_tax ?? tax, total: order.stated_total } });
  } catch (error) {
    if (!(error instanceof OrderSplitError)) throw error;
    throw new OrderSplitError(
      `Its lines, shipping and fees come to ${money(total)}${order.stated_tax === null || order.stated_tax === tax ? '' : ` (tax ${money(tax)}, stated ${money(order.stated_tax)})`}, ` +
        `but its Total is ${money(order.stated_total)}: more than rounding. Map every line, fee and shipping as the Source App writes them.`,
    );
  }
}

/** Every rate the order books an invoice at, for the booking to remember what a first run meant to book. */
export function bookedRates(drafts: readonly InvoiceDraft[]): string[] {
  return drafts.map((draft) => canonicalRate(draft.tax_rate));
}

/**
 * The invoices the order would now book against those an earlier run booked for it (same
 * source and reference). `differences` says in words what differs, invoice by invoice; empty
 * when every booked invoice is the one the order would book. `missing` are the order's rates
 * no invoice was booked at yet: a run that failed half-way (Zapier retries it) booked only
 * some, and booking the rest completes it without booking anything twice. Which contact or job
 * the invoices are on is not a figure: a replay returns them wherever they were booked.
 */
export function compareBooking(
  drafts: readonly InvoiceDraft[],
  existing: readonly Invoice[],
): { differences: string[]; missing: InvoiceDraft[] } {
  const differences: string[] = [];
  const missing: InvoiceDraft[] = [];
  const earlier = new Map(existing.map((invoice) => [canonicalRate(invoice.tax_rate), invoice]));
  const now = new Map(drafts.map((draft) => [canonicalRate(draft.tax_rate), draft]));
  const money = (minor: number, currency: string) => formatMoney(minor, currency);
  // What the first run meant to book, as its invoices remember it: a rate it never meant is an
  // edit, not a half-done booking. Invoices that do not remember are taken as meaning them all.
  const remembered = existing.find((invoice) => invoice.source?.rates !== undefined)?.source?.rates;
  const meant = remembered ? new Set(remembered.map(canonicalRate)) : null;
  for (const [rate, draft] of now) {
    const invoice = earlier.get(rate);
    if (!invoice) {
      if (meant && existing.length > 0 && !meant.has(rate)) {
        differences.push(`the order now has a ${rate}% part (${money(draft.total, draft.currency)}) that the first booking did not`);
      } else missing.push(draft);
      continue;
    }
    const name = `the ${rate}% invoice ${invoice.number}`;
    if (invoice.currency !== draft.currency) {
      differences.push(`${name} is in ${invoice.currency}, the order now in ${draft.currency}`);
      continue;
    }
    const figuresDiffer = invoice.total !== draft.total || invoice.tax !== draft.tax || invoice.net !== draft.net;
    if (figuresDiffer) {
      const figures = (f: { total: number; tax: number }) => `${money(f.total, invoice.currency)} (tax ${money(f.tax, invoice.currency)})`;
      differences.push(`${name} is ${figures(invoice)}, the order now ${figures(draft)}`);
    }
    if (invoice.prices_include_tax !== draft.prices_include_tax) {
      differences.push(
        `${name} has prices ${invoice.prices_include_tax ? 'including' : 'excluding'} tax, the order now ${draft.prices_include_tax ? 'including' : 'excluding'}`,
      );
    }
    // A voided invoice was the studio's decision, not a figure of the order.
    if (invoice.status !== 'void' && invoice.status !== draft.status) {
      differences.push(`${name} is ${invoice.status}, the order now ${draft.status === 'paid' ? 'paid' : 'unpaid'}`);
    }
    // The same figures from other lines (a line renamed, quantities moved): say which line.
    const line = figuresDiffer ? null : firstLineDifference(invoice, draft);
    if (line) differences.push(`${name}: ${line}`);
  }
  for (const [rate, invoice] of earlier) {
    if (!now.has(rate))
      differences.push(
        `the earlier booking has a ${rate}% invoice ${invoice.number} (${money(invoice.total, invoice.currency)}), which the order no longer has`,
      );
  }
  return { differences, missing };
}

function firstLineDifference(invoice: Invoice, draft: InvoiceDraft): string | null {
  const count = Math.max(invoice.lines.length, draft.lines.length);
  for (let i = 0; i < count; i += 1) {
    const before = invoice.lines[i];
    const after = draft.lines[i];
    if (!before) return `the order now has a line "${after!.description}" the invoice does not`;
    if (!after) return `the invoice has a line "${before.description}" the order no longer has`;
    if (before.description !== after.description)
      return `line ${i + 1} is "${before.description}" on the invoice, "${after.description}" now`;
    if (before.quantity !== after.quantity)
      return `"${after.description}" has a quantity of ${before.quantity} on the invoice, ${after.quantity} now`;
    if (before.amount !== after.amount || before.tax !== after.tax) {
      return `"${after.description}" is ${formatMoney(before.amount, invoice.currency)} (tax ${formatMoney(before.tax, invoice.currency)}) on the invoice, ${formatMoney(after.amount, invoice.currency)} (tax ${formatMoney(after.tax, invoice.currency)}) now`;
    }
  }
  return null;
}
