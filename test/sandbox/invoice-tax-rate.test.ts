// An invoice's tax must fit its rate: none at 0%, and near the rate applied to its lines above.
import { describe, expect, it } from '@jest/globals';
import { taxRateProblems } from '../../sandbox/store/invoices.js';

const line = (amount: number, tax: number, quantity = 1, kind: 'goods' | 'shipping' | 'rounding' = 'goods') => ({
  kind,
  description: 'x',
  quantity,
  amount,
  tax,
});

describe('the tax fits the rate', () => {
  it('refuses any tax on a 0% invoice, naming the line that carries it', () => {
    expect(taxRateProblems({ tax_rate: '0', tax: 0, prices_include_tax: false, lines: [line(1000, 0)] })).toEqual([]);
    expect(taxRateProblems({ tax_rate: '0.00', tax: 200, prices_include_tax: false, lines: [line(1000, 0), line(500, 200)] })).toEqual([
      { field: 'lines.1.tax', message: expect.stringMatching(/^must be 0: an invoice at a tax rate of 0.00% carries no tax/) },
    ]);
  });

  it('takes the rate on prices before tax, or the tax part of prices including it, within a minor unit per item and per line', () => {
    expect(taxRateProblems({ tax_rate: '20', tax: 200, prices_include_tax: false, lines: [line(1000, 200)] })).toEqual([]);
    expect(taxRateProblems({ tax_rate: '20', tax: 202, prices_include_tax: false, lines: [line(1000, 202)] })).toEqual([]);
    expect(taxRateProblems({ tax_rate: '20', tax: 150, prices_include_tax: false, lines: [line(1000, 150)] })).toEqual([
      { field: 'tax', message: "is 150 but 20% of the lines' amounts (1000) is about 200: the tax must fit the rate" },
    ]);
    expect(taxRateProblems({ tax_rate: '20', tax: 200, prices_include_tax: true, lines: [line(1200, 200)] })).toEqual([]);
    expect(taxRateProblems({ tax_rate: '20', tax: 240, prices_include_tax: true, lines: [line(1200, 240)] })).toHaveLength(1);
    // Per-unit rounding on 3 items of 333 at 7.25% (24.14 each): 3 × 24 = 72 against 72.42.
    expect(taxRateProblems({ tax_rate: '7.25', tax: 72, prices_include_tax: false, lines: [line(999, 72, 3)] })).toEqual([]);
    // A rounding line's tax counts, its amount does not.
    expect(
      taxRateProblems({ tax_rate: '20', tax: 199, prices_include_tax: false, lines: [line(1000, 200), line(0, -1, 1, 'rounding')] }),
    ).toEqual([]);
  });
});
