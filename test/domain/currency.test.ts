import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { currencyExponent, formatMoney, isCurrency, parseMoney } from '../../src/domain/currency.js';

describe('ISO 4217 currencies', () => {
  it('knows the minor-unit exponents', () => {
    expect(currencyExponent('GBP')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(isCurrency('XXX')).toBe(false);
    expect(() => currencyExponent('ABC')).toThrow(/Unknown ISO 4217 currency code "ABC"/);
  });

  it('formats minor units exactly', () => {
    expect(formatMoney(123456, 'GBP')).toBe('GBP 1,234.56');
    expect(formatMoney(5, 'GBP')).toBe('GBP 0.05');
    expect(formatMoney(1500, 'JPY')).toBe('JPY 1,500');
    expect(formatMoney(-5, 'KWD')).toBe('KWD -0.005');
    expect(formatMoney(0, 'EUR')).toBe('EUR 0.00');
  });

  it('round-trips every amount through its formatted string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('GBP', 'JPY', 'KWD', 'USD'), (minor, currency) => {
        const digits = formatMoney(minor, currency).slice(4).replace(/[,.]/g, '');
        expect(BigInt(digits)).toBe(BigInt(minor));
      }),
    );
  });

  it('reads typed amounts as minor units, refusing what is not one', () => {
    expect(parseMoney('1,234.5', 'GBP')).toBe(123450);
    expect(parseMoney(' 450 ', 'GBP')).toBe(45000);
    expect(parseMoney('0.005', 'KWD')).toBe(5);
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    for (const bad of ['', '-1', '1.234', '1,23', '1e3', '12.5.0', 'abc']) expect(parseMoney(bad, 'GBP')).toBeNull();
    expect(parseMoney('1.5', 'JPY')).toBeNull();
  });

  it('reads back every non-negative amount it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('GBP', 'JPY', 'KWD', 'USD'), (minor, currency) => {
        expect(parseMoney(formatMoney(minor, currency).slice(4), currency)).toBe(minor);
      }),
    );
  });
});
