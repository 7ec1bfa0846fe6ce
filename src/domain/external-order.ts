// An order from another app (Pic-Time's own Zapier app, Shopify, WooCommerce, Square, Stripe
// Checkout), described field by field in a Zap, read into what the one money split takes.
// Pure: the values are parsed exactly (app-values.ts), every problem names the field as the
// Zap builder sees it, and nothing here knows about requests. Also here: what differs between
// such an order and the invoices an earlier run booked for it, for a replay that brings other
// figures.
import type { Invoice } from '../contract/invoices.js';
import { AppValueError, parseInstant, parseMajorUnits, parsePaid, parseTaxRate, type TaxRateFormat } from './app-values.js';
import { formatMoney, isCurrency } from './currency.js';
import { canonicalRate, OrderSplitError, splitOrder, type InvoiceDraft, type SplitInput } from './tax-split.js';

/** One Zapier line item, as the Zap maps it (text, as other apps write it). */
export interface ExternalLineItem {
  description?: unknown;
  quantity?: unknown;
  unit_price?: unknown;
  tax_rate?: unknown;
  tax?: unknown;
}

/** The step's fields after blank-to-absent, before any value is read. */
export interface ExternalOrderFields {
  source_app?: string;
  reference: string;
  placed_at?: unknown;
  currency: string;
  prices_include_tax?: boolean;
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
  total?: unknown;
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
  /** What the split takes; `totals` only when the Zap gave the order's total to check against. */
  split: SplitInput;
  /** The total the Zap gave for an order with line items (minor units), to check the invoices against. */
  stated_total: number | null;
}

/** The app when the Zap names none: still a source, so replays of its orders are recognised. */
export const UNNAMED_APP = 'other';

/** "Pic-Time", "pic time" and " PIC-TIME " are one app: lower-case words joined by hyphens. */
export function sourceAppKey(text: string | undefined): string {
  const key = (text ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  return key === '' ? UNNAMED_APP : key;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Reads the order. `label(key)` is how the step shows a field ("Line Items › Unit Price"), so
 * an AppValueError names what the Zap builder mapped. Throws AppValueError for a value that
 * cannot be read, and before any figure is worked out.
 */
export function readExternalOrder(fields: ExternalOrderFields, label: (key: FieldKey) => string): ExternalOrder {
  const reference = fields.reference.trim();
  const app = sourceAppKey(fields.source_app);
  const shownApp = fields.source_app?.trim() || 'another app';
  const currency = fields.currency.trim().toUpperCase();
  if (!isCurrency(currency)) {
    throw new AppValueError(`${label('currency')} ${JSON.stringify(fields.currency)} is not an ISO 4217 currency code: map a code such as "GBP", "USD", "EUR" or "JPY".`);
  }
  const format = fields.tax_rate_format ?? 'percent';
  const money = (value: unknown, key: FieldKey, where = '') => parseMajorUnits(value, currency, `${label(key)}${where}`);
  const rate = (value: unknown, key: FieldKey, where = '') => parseTaxRate(value, format, `${label(key)}${where}`);
  const defaultRate = isBlank(fields.tax_rate) ? null : rate(fields.tax_rate, 'tax_rate');

  const items = (fields.line_items ?? []).filter((item) => !Object.values(item).every(isBlank));
  let lines: SplitInput['lines'];
  let pricesIncludeTax = fields.prices_include_tax ?? false;
  let statedTotal: number | null = null;
  if (items.length > 0) {
    lines = items.map((item, index) => {
      const where = ` (line item ${index + 1})`;
      const description = isBlank(item.description) ? `Item ${index + 1}` : String(item.description).trim();
      let taxRate = defaultRate;
      if (!isBlank(item.tax_rate)) taxRate = rate(item.tax_rate, 'line_items.tax_rate', where);
      if (taxRate === null) {
        throw new AppValueError(
          `${label('line_items.tax_rate')}${where} is empty and ${label('tax_rate')} is not set, so the tax rate of "${description}" is unknown. ` +
            `Map the line's rate, or set ${label('tax_rate')} for every line (0 for untaxed goods).`,
        );
      }
      return {
        description,
        quantity: readQuantity(item.quantity, `${label('line_items.quantity')}${where}`),
        unit_price: money(item.unit_price, 'line_items.unit_price', where),
        tax_rate: taxRate,
        tax: isBlank(item.tax) ? null : money(item.tax, 'line_items.tax', where),
      };
    });
    if (!isBlank(fields.total)) statedTotal = money(fields.total, 'total');
  } else {
    // Without line items (Pic-Time's New Order Placed gives only a total): one line, the total
    // as the client paid it, tax included, at the one rate.
    if (isBlank(fields.total)) {
      throw new AppValueError(`The order has no line items and no ${label('total')}: map the order's line items, or its total with ${label('tax_rate')}.`);
    }
    if (defaultRate === null) {
      throw new AppValueError(`${label('tax_rate')} is needed with ${label('total')} for an order without line items (0 for an untaxed order).`);
    }
    for (const key of ['discount', 'shipping_amount', 'shipping_tax', 'shipping_tax_rate'] as const) {
      if (!isBlank(fields[key])) {
        throw new AppValueError(
          `${label(key)} cannot be used with ${label('total')} alone: the total is what the client paid, discount and shipping included. ` +
            `Leave ${label(key)} empty, or map the order's line items instead of ${label('total')}.`,
        );
      }
    }
    lines = [{ description: `Order ${reference}`, quantity: 1, unit_price: money(fields.total, 'total'), tax_rate: defaultRate, tax: null }];
    pricesIncludeTax = true;
  }

  const shippingAmount = isBlank(fields.shipping_amount) ? 0 : money(fields.shipping_amount, 'shipping_amount');
  const shippingTax = isBlank(fields.shipping_tax) ? null : money(fields.shipping_tax, 'shipping_tax');
  const shippingRate = isBlank(fields.shipping_tax_rate) ? null : rate(fields.shipping_tax_rate, 'shipping_tax_rate');
  const shipping = shippingAmount > 0 || (shippingTax ?? 0) > 0 ? { amount: shippingAmount, tax_rate: shippingRate, tax: shippingTax } : null;
  const paid = isBlank(fields.paid) ? false : parsePaid(fields.paid, label('paid'));

  return {
    source: { app, reference },
    label: `${shownApp} order ${reference}`,
    placed_at: isBlank(fields.placed_at) ? null : parseInstant(fields.placed_at, label('placed_at')),
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
      discount: isBlank(fields.discount) ? 0 : money(fields.discount, 'discount'),
      shipping,
      tax_total: null,
      lines,
    },
    stated_total: statedTotal,
  };
}

/** "2", "2.0" → 2; a quantity is a whole number of at least 1. */
function readQuantity(value: unknown, what: string): number {
  if (isBlank(value)) return 1;
  const text = String(value).trim();
  const match = /^(\d+)(?:\.0+)?$/.exec(text);
  const quantity = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new AppValueError(`${what} ${JSON.stringify(text)} is not a quantity: map a whole number of at least 1, such as "2".`);
  }
  return quantity;
}

/**
 * The invoices for the order, one per tax rate, by the one money split. With a stated total
 * (an order with line items whose app also gives what the client paid), the invoices add up to
 * it: a difference within rounding goes on a rounding line (the split's rule 7), a larger one
 * is refused as the order not adding up.
 */
export function splitExternalOrder(order: ExternalOrder): InvoiceDraft[] {
  const drafts = splitOrder(order.split);
  if (order.stated_total === null) return drafts;
  const total = drafts.reduce((sum, draft) => sum + draft.total, 0);
  if (total === order.stated_total) return drafts;
  const tax = drafts.reduce((sum, draft) => sum + draft.tax, 0);
  try {
    return splitOrder({ ...order.split, totals: { tax, total: order.stated_total } });
  } catch (error) {
    if (!(error instanceof OrderSplitError)) throw error;
    const money = (minor: number) => formatMoney(minor, order.split.currency);
    throw new OrderSplitError(
      `Its line items, discount and shipping come to ${money(total)}, but its total is ${money(order.stated_total)}: ` +
        `a difference of ${money(Math.abs(order.stated_total - total))}, more than rounding can explain. ` +
        'Check that every line item, the discount and the shipping are mapped (and Prices Include Tax is set as the app says).',
    );
  }
}

/**
 * The invoices the order would now book against those an earlier run booked for it (same
 * source and reference). `differences` says in words what differs, invoice by invoice; empty
 * when every booked invoice is the one the order would book. `missing` are the order's rates
 * no invoice was booked at yet: a run that failed half-way (Zapier retries it) booked only
 * some, and booking the rest completes it without booking anything twice. Which contact or job
 * the invoices are on is not a figure: a replay returns them wherever they were booked.
 */
export function compareBooking(drafts: readonly InvoiceDraft[], existing: readonly Invoice[]): { differences: string[]; missing: InvoiceDraft[] } {
  const differences: string[] = [];
  const missing: InvoiceDraft[] = [];
  const earlier = new Map(existing.map((invoice) => [canonicalRate(invoice.tax_rate), invoice]));
  const now = new Map(drafts.map((draft) => [canonicalRate(draft.tax_rate), draft]));
  const money = (minor: number, currency: string) => formatMoney(minor, currency);
  for (const [rate, draft] of now) {
    const invoice = earlier.get(rate);
    if (!invoice) {
      missing.push(draft);
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
      differences.push(`${name} has prices ${invoice.prices_include_tax ? 'including' : 'excluding'} tax, the order now ${draft.prices_include_tax ? 'including' : 'excluding'}`);
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
    if (!now.has(rate)) differences.push(`the earlier booking has a ${rate}% invoice ${invoice.number} (${money(invoice.total, invoice.currency)}), which the order no longer has`);
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
    if (before.description !== after.description) return `line ${i + 1} is "${before.description}" on the invoice, "${after.description}" now`;
    if (before.quantity !== after.quantity) return `"${after.description}" has a quantity of ${before.quantity} on the invoice, ${after.quantity} now`;
    if (before.amount !== after.amount || before.tax !== after.tax) {
      return `"${after.description}" is ${formatMoney(before.amount, invoice.currency)} (tax ${formatMoney(before.tax, invoice.currency)}) on the invoice, ${formatMoney(after.amount, invoice.currency)} (tax ${formatMoney(after.tax, invoice.currency)}) now`;
    }
  }
  return null;
}
