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
  const exponent = currencyExponent(currency);
  const negative = minor < 0;
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${currency} ${negative ? '-' : ''}${whole}${fraction}`;
}
