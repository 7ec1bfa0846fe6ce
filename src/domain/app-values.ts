// Values as other apps write them (Shopify, WooCommerce, Pic-Time's own Zapier app, Square,
// Stripe Checkout), read exactly into what the Studio API speaks: money in integer minor units
// by the currency's ISO 4217 exponent, tax rates as decimal strings of percent, instants as ISO
// 8601, paid as a boolean. Pure; no floating point touches a value: decimals are read digit by
// digit. Anything ambiguous or impossible is refused with a message that names the value and
// says what would be read, never guessed.
import { currencyExponent } from '../contract/currency.js';

/** A value another app sent that cannot be read as what the field needs. */
export class AppValueError extends Error {
  override name = 'AppValueError';
}

/** How much of a mapped group of values a message quotes. */
const SHOWN_JSON = 60;

/**
 * A value a Zap mapped, as text: a string as it is, a number or yes/no as written; anything
 * else (an object or a list from a mis-mapped field, even one without a prototype) as the JSON
 * it is, cut short: no reader takes it for a number, a date or a word, so it is refused by name
 * instead of breaking the step, and the message shows what was mapped.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return '(a group of values)';
  return json.length > SHOWN_JSON ? `${json.slice(0, SHOWN_JSON - 1)}…` : json;
}

/** A value as a message quotes it: text in quotes, a group of values as its JSON. */
const quote = (value: unknown) => (typeof value === 'object' && value !== null ? asText(value) : JSON.stringify(asText(value)));

/** A plain decimal: digits, at most one point, no sign, no exponent, no grouping. */
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$|^\.(\d+)$/;

/** Digits before and after the point of a plain decimal, or null. */
function decimalParts(text: string): { whole: string; fraction: string } | null {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return null;
  return match[3] !== undefined ? { whole: '0', fraction: match[3] } : { whole: match[1]!, fraction: match[2] ?? '' };
}

/**
 * "12.50" in GBP → 1250; "1234.5" → 123450; "1500" in JPY → 1500; "1.250" in KWD → 1250.
 * Trailing zeros past the currency's decimals are fine ("12.500" GBP); a non-zero digit there is
 * not ("12.505" GBP: no such amount). Thousands separators and decimal commas are refused
 * rather than guessed ("1,234.56" and "1.234,56" could each mean two things). A number (not
 * text) is read from its shortest decimal form, so a float sum such as 0.30000000000000004 is
 * refused instead of rounded.
 */
export function parseMajorUnits(value: unknown, currency: string, what: string): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null || text === '')
    throw new AppValueError(`${what} is empty or not a number (${quote(value)}): map an amount such as "12.50".`);
  const exponent = currencyExponent(currency);
  if (/^-/.test(text)) throw new AppValueError(`${what} ${quote(value)} is negative; it must be zero or more.`);
  if (/^\+/.test(text))
    throw new AppValueError(`${what} ${quote(value)} has a sign; map the amount as plain digits with a decimal point, such as "12.50".`);
  if (/[,\s']/.test(text)) {
    throw new AppValueError(
      `${what} ${quote(value)} has a thousands separator or a decimal comma, which could be read two ways. ` +
        `Map the amount as plain digits with a decimal point, such as "1234.56".`,
    );
  }
  const parts = decimalParts(text);
  if (!parts)
    throw new AppValueError(`${what} ${quote(value)} is not an amount written as digits with an optional decimal point, such as "12.50".`);
  const extra = parts.fraction.slice(exponent);
  if (/[1-9]/.test(extra)) {
    throw new AppValueError(
      `${what} ${quote(value)} has more decimals than ${currency} has (${exponent}): there is no such amount of ${currency}. ` +
        'Check that the amount and the currency belong together.',
    );
  }
  const digits = `${parts.whole}${parts.fraction.slice(0, exponent).padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) throw new AppValueError(`${what} ${quote(value)} is too large to be an amount of money.`);
  return minor;
}

export type TaxRateFormat = 'percent' | 'fraction';

/**
 * A tax rate as the other app writes it, as a canonical percent string: "20" and "7.25" as
 * percent; "0.2" and "0.0725" as a fraction (Shopify's tax lines) → "20" and "7.25". The format
 * is the Zap's choice, never guessed: a percent strictly between 0 and 1 ("0.2" = 0.2%) is
 * refused as the likely fraction it is, and so is a fraction above 1. At most 4 decimals of
 * percent; no rate above 100%.
 */
export function parseTaxRate(value: unknown, format: TaxRateFormat, what: string, options: { documentedPercent?: boolean } = {}): string {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim().replace(/%$/, '').trim()
        : null;
  const parts = text === null || text === '' ? null : decimalParts(text);
  if (!parts) throw new AppValueError(`${what} ${quote(value)} is not a tax rate written as a decimal, such as "20" or "7.25".`);
  // Percent × 10^4 as digits: a fraction moves the point two places right first.
  const shift = format === 'fraction' ? 2 : 0;
  const fractionDigits = parts.fraction.padEnd(shift, '0');
  const wholeDigits = `${parts.whole}${fractionDigits.slice(0, shift)}`;
  const percentFraction = fractionDigits.slice(shift);
  if (/[1-9]/.test(percentFraction.slice(4)))
    throw new AppValueError(`${what} ${quote(value)} has more precision than a tax rate can carry (4 decimals of a percent).`);
  const scaled = BigInt(wholeDigits) * 10_000n + BigInt(percentFraction.slice(0, 4).padEnd(4, '0'));
  if (scaled > 100n * 10_000n) {
    throw new AppValueError(
      format === 'fraction'
        ? `${what} ${quote(value)} read as a fraction is above 100%: if the app writes rates as percent (such as "20"), set Tax Rate Format to Percent.`
        : `${what} ${quote(value)} is above 100%, which no tax rate is.`,
    );
  }
  // A field the app documents as percent (WooCommerce's rate_percent: a US district's 0.375) is not second-guessed.
  if (format === 'percent' && !options.documentedPercent && scaled > 0n && scaled < 10_000n) {
    throw new AppValueError(
      `${what} ${quote(value)} would be ${text}% tax, which is almost certainly a fraction (${text} = ${percentText(scaled * 100n)}%). ` +
        'If the app writes rates as fractions (Shopify does), set Tax Rate Format to Fraction.',
    );
  }
  return percentText(scaled);
}

/** Percent × 10^4 as the canonical decimal string: 200000n → "20", 72500n → "7.25". */
export function percentText(scaled: bigint): string {
  const whole = scaled / 10_000n;
  const fraction = (scaled % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const MS_DATE = /^\/Date\((-?\d{1,15})([+-]\d{4})?\)\/$/;

/** How an app writes its instants: WooCommerce's `*_gmt` dates carry no offset but are UTC by definition. */
export interface InstantRules {
  /** A date and time without an offset is UTC (the app documents it so); otherwise such a value is refused. */
  offsetlessIsUtc?: boolean;
}

/** A calendar date and clock time that exist: no 30 February, no 31 April, no 24:00 or 23:60. */
function isRealDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * When something happened, as ISO 8601 UTC: ISO 8601 with an offset (or a plain date, taken as
 * midnight UTC), Microsoft JSON dates as Pic-Time writes them (`/Date(1700000000000)/`), and
 * Unix time in seconds (up to 11 digits) or milliseconds (12 or 13 digits). A local time without
 * an offset is refused (which time zone it meant cannot be known) unless the app documents it as
 * UTC (`rules.offsetlessIsUtc`). A date that does not exist (30 February) is refused, never moved
 * to the next month.
 */
export function parseInstant(value: unknown, what: string, rules: InstantRules = {}): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  let ms: number | null = null;
  const msDate = MS_DATE.exec(text);
  const iso = ISO_INSTANT.exec(text);
  if (msDate) ms = Number(msDate[1]);
  else if (/^\d{1,11}$/.test(text)) ms = Number(text) * 1000;
  else if (/^\d{12,13}$/.test(text)) ms = Number(text);
  else if (iso) {
    const [, year, month, day, hour = '0', minute = '0', second = '0', offset] = iso;
    if (!isRealDateTime(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second))) {
      throw new AppValueError(`${what} ${quote(value)} is a date that does not exist: check the day and month of the date mapped here.`);
    }
    const hasTime = iso[4] !== undefined;
    if (hasTime && offset === undefined && !rules.offsetlessIsUtc) {
      throw new AppValueError(
        `${what} ${quote(value)} has no time zone, so the moment it means cannot be known: map a date with an offset, such as "2026-05-01T10:00:00Z".`,
      );
    }
    const normalised = text.replace(' ', 'T');
    ms = Date.parse(!hasTime ? `${text}T00:00:00Z` : offset === undefined ? `${normalised}Z` : normalised);
  }
  if (ms === null || !Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    throw new AppValueError(
      `${what} ${quote(value)} is not a date this step can read: use ISO 8601 ("2026-05-01T10:00:00Z"), /Date(ms)/, or Unix seconds or milliseconds.`,
    );
  }
  return new Date(ms).toISOString();
}

/**
 * The items of a value Zapier hands over for a nested list: a line item's several tax lines or
 * discount allocations reach a text field joined by commas ("0.04,0.045,0.00375"); an API call
 * may send a real array. Blank items are dropped; a blank value is no items.
 */
export function listItems(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value.flatMap((item) => listItems(item)) : asText(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * The words apps use for "paid" and "not paid", lower-cased. Pic-Time's payment statuses
 * ("approved", "pending approval", "unpaid"), Shopify's financial statuses ("paid", "pending",
 * "authorized", "partially_paid", "refunded", "voided"), WooCommerce's order statuses
 * ("completed", "processing", "on-hold", "pending", "failed", "cancelled"), Stripe's payment
 * statuses ("paid", "unpaid", "no_payment_required") and Zapier's yes/no.
 */
export const PAID_WORDS: ReadonlySet<string> = new Set([
  'yes',
  'true',
  '1',
  'paid',
  'approved',
  'completed',
  'complete',
  'processing',
  'succeeded',
  'captured',
  'no_payment_required',
]);
export const UNPAID_WORDS: ReadonlySet<string> = new Set([
  'no',
  'false',
  '0',
  'unpaid',
  'pending',
  'pending approval',
  'pending_approval',
  'awaiting payment',
  'awaiting_payment',
  'on-hold',
  'on hold',
  'authorized',
  'partially_paid',
  'partially paid',
  'failed',
  'open',
  'draft',
]);

/** Whether the order was paid, from a yes/no field or an app's payment status word. */
export function parsePaid(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  const word = asText(value).trim().toLowerCase().replace(/\s+/g, ' ');
  if (PAID_WORDS.has(word)) return true;
  if (UNPAID_WORDS.has(word)) return false;
  throw new AppValueError(
    `${what} ${quote(value)} does not say whether the order was paid: map a yes/no, or a payment status such as "paid", "approved" or "unpaid". ` +
      'Refunded, voided or cancelled orders are not booked as paid or unpaid: filter them out before this step.',
  );
}
