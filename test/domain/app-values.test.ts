// Values as other apps write them, read exactly: decimal money by ISO 4217 exponent, tax rates
// as percent or fraction (never guessed), dates in the formats apps send, and "paid" words.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppValueError, parseInstant, parseMajorUnits, parsePaid, parseTaxRate } from '../../src/domain/app-values.js';

const refused = (run: () => unknown, message?: RegExp) => {
  expect(run).toThrow(AppValueError);
  if (message) expect(run).toThrow(message);
};

describe('amounts in major units', () => {
  it.each([
    ['12.50', 'GBP', 1250],
    ['1234.5', 'GBP', 123450],
    ['0.99', 'USD', 99],
    ['.5', 'EUR', 50],
    ['12', 'GBP', 1200],
    ['12.500', 'GBP', 1250],
    ['1500', 'JPY', 1500],
    ['1500.00', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    [' 7.95 ', 'GBP', 795],
    [12.5, 'GBP', 1250],
    ['0', 'GBP', 0],
  ] as const)('%j %s → %i', (text, currency, minor) => {
    expect(parseMajorUnits(text, currency, 'Unit Price')).toBe(minor);
  });

  it.each([
    ['12.505', 'GBP', /more decimals than GBP has \(2\)/],
    ['1500.5', 'JPY', /more decimals than JPY has \(0\)/],
    ['1,234.56', 'GBP', /thousands separator or a decimal comma/],
    ['1.234,56', 'EUR', /thousands separator or a decimal comma/],
    ['1 234.56', 'EUR', /thousands separator/],
    ['-5.00', 'GBP', /negative/],
    ['1e3', 'GBP', /not an amount/],
    ['£12.50', 'GBP', /not an amount/],
    ['', 'GBP', /empty/],
    [0.1 + 0.2, 'GBP', /more decimals/],
    ['99999999999999999999', 'GBP', /too large/],
  ] as const)('refuses %j in %s', (text, currency, message) => {
    refused(() => parseMajorUnits(text, currency, 'Unit Price'), message);
  });

  it('names the field and the value', () => {
    refused(() => parseMajorUnits('12.505', 'GBP', 'Line Items: Unit Price (line 2)'), /^Line Items: Unit Price \(line 2\) "12\.505"/);
  });

  it('reads every decimal text exactly (no floating point on the way)', () => {
    const currency = fc.constantFrom(['GBP', 2], ['JPY', 0], ['KWD', 3], ['USD', 2]) as fc.Arbitrary<[string, number]>;
    fc.assert(
      fc.property(currency, fc.bigInt({ min: 0n, max: 2n ** 52n }), fc.nat(3), ([code, exponent], minor, extraZeros) => {
        const digits = minor.toString().padStart(exponent + 1, '0');
        const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}${'0'.repeat(extraZeros)}`;
        expect(parseMajorUnits(text, code, 'Amount')).toBe(Number(minor));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any amount with a non-zero digit past the currency’s decimals', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 9 }), (whole, digit) => {
        expect(() => parseMajorUnits(`${whole}.00${digit}`, 'GBP', 'Amount')).toThrow(AppValueError);
        expect(() => parseMajorUnits(`${whole}.${digit}`, 'JPY', 'Amount')).toThrow(AppValueError);
      }),
    );
  });

  it('refuses anything with a grouping separator, whatever the digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(',', ' ', "'"),
        (high, low, separator) => {
          expect(() => parseMajorUnits(`${high}${separator}${String(low).padStart(3, '0')}.00`, 'GBP', 'Amount')).toThrow(
            /thousands separator/,
          );
        },
      ),
    );
  });
});

describe('tax rates', () => {
  it.each([
    ['20', 'percent', '20'],
    ['7.25', 'percent', '7.25'],
    ['5.0', 'percent', '5'],
    ['0', 'percent', '0'],
    ['20%', 'percent', '20'],
    ['100', 'percent', '100'],
    ['0.2', 'fraction', '20'],
    ['0.0725', 'fraction', '7.25'],
    ['0.05', 'fraction', '5'],
    ['0', 'fraction', '0'],
    ['1', 'fraction', '100'],
    [0.2, 'fraction', '20'],
  ] as const)('%j as %s → %s', (text, format, rate) => {
    expect(parseTaxRate(text, format, 'Tax Rate')).toBe(rate);
  });

  it.each([
    ['0.2', 'percent', /almost certainly a fraction \(0\.2 = 20%\).*Tax Rate Format to Fraction/],
    ['20', 'fraction', /above 100%.*Tax Rate Format to Percent/],
    ['100.5', 'percent', /above 100%/],
    ['7.123456', 'percent', /more precision/],
    ['twenty', 'percent', /not a tax rate/],
    ['-5', 'percent', /not a tax rate/],
  ] as const)('refuses %j as %s', (text, format, message) => {
    refused(() => parseTaxRate(text, format, 'Tax Rate'), message);
  });

  it('a fraction and its percent read as the same rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 1_000_000 }), (scaled) => {
        // scaled = percent × 10^4, at least 1%.
        const percent = `${Math.floor(scaled / 10_000)}.${String(scaled % 10_000).padStart(4, '0')}`;
        const asFraction = scaled === 1_000_000 ? '1' : `0.${String(scaled).padStart(6, '0')}`;
        expect(parseTaxRate(asFraction, 'fraction', 'Tax Rate')).toBe(parseTaxRate(percent, 'percent', 'Tax Rate'));
      }),
    );
  });
});

describe('instants', () => {
  it.each([
    ['2026-05-01T10:00:00Z', '2026-05-01T10:00:00.000Z'],
    ['2026-05-01T11:00:00+01:00', '2026-05-01T10:00:00.000Z'],
    ['2026-05-01', '2026-05-01T00:00:00.000Z'],
    ['/Date(1700000000000)/', '2023-11-14T22:13:20.000Z'],
    ['/Date(1700000000000+0000)/', '2023-11-14T22:13:20.000Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
    ['1700000000000', '2023-11-14T22:13:20.000Z'],
    [1700000000, '2023-11-14T22:13:20.000Z'],
  ] as const)('%j → %s', (text, iso) => {
    expect(parseInstant(text, 'Placed At')).toBe(iso);
  });

  it.each([
    ['2026-05-01T10:00:00', /no time zone/],
    ['yesterday', /not a date/],
    ['', /not a date/],
    ['2026-13-45T10:00:00Z', /does not exist/],
    ['2026-02-30T10:00:00Z', /does not exist/],
    ['2026-04-31', /does not exist/],
    ['2025-02-29T00:00:00+01:00', /does not exist/],
    ['2026-05-01T24:00:00Z', /does not exist/],
  ])('refuses %j', (text, message) => {
    refused(() => parseInstant(text, 'Placed At'), message);
  });

  it('seconds, milliseconds and /Date(ms)/ of one moment agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000_000, max: 4_000_000_000_000 }), (ms) => {
        const whole = ms - (ms % 1000);
        const iso = new Date(whole).toISOString();
        expect(parseInstant(String(whole), 'At')).toBe(iso);
        expect(parseInstant(`/Date(${whole})/`, 'At')).toBe(iso);
        if (whole / 1000 < 1e11) expect(parseInstant(String(whole / 1000), 'At')).toBe(iso);
      }),
    );
  });
});

describe('paid', () => {
  it.each([
    [true, true],
    [false, false],
    ['yes', true],
    ['No', false],
    ['paid', true],
    ['approved', true],
    ['Pending Approval', false],
    ['unpaid', false],
    ['completed', true],
    ['processing', true],
    ['on-hold', false],
    ['partially_paid', false],
    ['authorized', false],
  ] as const)('%j → %s', (value, paid) => {
    expect(parsePaid(value, 'Paid')).toBe(paid);
  });

  it.each(['refunded', 'voided', 'cancelled', 'maybe', ''])('refuses %j, saying what to map', (value) => {
    refused(() => parsePaid(value, 'Paid'), /does not say whether the order was paid/);
  });
});

describe('a group of values mapped into a field', () => {
  // A field mapped from a whole object or list (a mis-mapped group of Zapier's fields) is
  // refused naming the field and quoting what was mapped, never as "[object Object]".
  it.each([
    [{}, '{}'],
    [{ '': '+sCH' }, '{"":"+sCH"}'],
    [['20', '5'], '["20","5"]'],
    [Object.assign(Object.create(null), { rate: 20 }), '{"rate":20}'],
  ])('%j is refused, quoted as its JSON', (value, shown) => {
    for (const read of [
      () => parseTaxRate(value, 'percent', 'Tax Lines Rates'),
      () => parseMajorUnits(value, 'GBP', 'Total'),
      () => parseInstant(value, 'Placed At'),
      () => parsePaid(value, 'Paid'),
    ]) {
      expect(read).toThrow(AppValueError);
      let message = '';
      try {
        read();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(shown);
      expect(message).not.toContain('[object');
    }
  });

  it('cuts a long group short', () => {
    const long = { notes: 'x'.repeat(500) };
    expect(() => parseTaxRate(long, 'percent', 'Rate')).toThrow(/\{"notes":"x+…/);
  });
});
