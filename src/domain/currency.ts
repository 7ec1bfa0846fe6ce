// Money as people read it. The ISO 4217 codes and their exponents are part of the contract
// (src/contract/currency.ts); they are re-exported here for the domain's callers.
import { currencyExponent } from '../contract/currency.js';

export { currencyExponent, isCurrency } from '../contract/currency.js';

/**
 * Formats integer minor units as a decimal string with the currency code, e.g.
 * formatMoney(123456, 'GBP') === 'GBP 1,234.56', formatMoney(-5, 'KWD') === 'KWD -0.005'.
 * Integer arithmetic only: no floating point touches money.
 */
export function formatMoney(minor: number, currency: string): string {
  return `${currency} ${decimalText(minor, currency, true)}`;
}

/**
 * Integer minor units as the plain decimal accounting apps take in an amount field:
 * formatDecimal(123456, 'GBP') === '1234.56', formatDecimal(1500, 'JPY') === '1500'.
 */
export function formatDecimal(minor: number, currency: string): string {
  return decimalText(minor, currency, false);
}

function decimalText(minor: number, currency: string, grouped: boolean): string {
  const exponent = currencyExponent(currency);
  const negative = minor < 0;
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  const wholeDigits = digits.slice(0, digits.length - exponent);
  const whole = grouped ? wholeDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : wholeDigits;
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * Reads an amount a person typed ("1,234.5", "450", "0.005") as integer minor units of the
 * currency: formatMoney's inverse, without floating point. Null when it is not a non-negative
 * amount with at most the currency's decimals.
 */
export function parseMoney(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const minor = Number(match[1]!.replace(/,/g, '') + fraction.padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}
