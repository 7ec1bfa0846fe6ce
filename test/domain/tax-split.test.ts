// The money split, rule by rule (DESIGN.md "Money"), with every expected figure worked out
// by hand in the comments; then properties over random valid orders.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatMoney } from '../../src/domain/currency.js';
import { allocateLargestRemainder, multiplyDivideRound } from '../../src/domain/rational.js';
import { OrderSplitError, splitOrder, type InvoiceDraft, type SplitInput } from '../../src/domain/tax-split.js';
import { orderArb } from '../invoices/arbitraries.js';

type Line = SplitInput['lines'][number];

function line(description: string, quantity: number, unit_price: number, tax_rate: string, tax: number | null = null): Line {
  return { description, quantity, unit_price, tax_rate, tax };
}

function order(overrides: Partial<SplitInput> & Pick<SplitInput, 'lines'>): SplitInput {
  return {
    currency: 'GBP',
    prices_include_tax: false,
    payment_status: 'paid',
    discount: 0,
    shipping: null,
    tax_total: null,
    ...overrides,
  };
}

/** The figures of each invoice, compact enough to read against the hand calculation. */
function figures(drafts: InvoiceDraft[]) {
  return drafts.map((d) => ({ rate: d.tax_rate, net: d.net, tax: d.tax, total: d.total }));
}

function linesOf(draft: InvoiceDraft | undefined) {
  return (draft?.lines ?? []).map((l) => [l.kind, l.amount, l.tax]);
}

describe('the demo studio order: album at 5% and canvas at 10%, GBP, prices include tax', () => {
  const demo = order({
    prices_include_tax: true,
    discount: 1000, // £10.00 off the order
    shipping: { amount: 995, tax_rate: null, tax: null }, // £9.95, follows the goods
    lines: [line('Heirloom album', 1, 45000, '5'), line('Canvas 16x20', 2, 12000, '10')],
  });

  it('books one paid invoice per rate whose totals add up to what the client paid', () => {
    // Values: album 45000, canvases 2 × 12000 = 24000; goods 69000.
    // Discount 1000 by value: album 1000×45000/69000 = 652.17 → 652, canvas 347.83 → 347;
    //   1 unit left, largest remainder .83 → canvas 348. Amounts 44348 and 23652.
    // Tax (included): album 44348×5/105 = 2111.81 → 2112, net 42236;
    //   canvas 23652×10/110 = 2150.18 → 2150, net 21502.
    // Shipping 995 by net 42236 : 21502 (Σ 63738): 659.33 → 659 and 335.66 → 335;
    //   1 unit left, remainder .66 > .33 → 10% gets 336.
    //   Its tax: 659×5/105 = 31.38 → 31; 336×10/110 = 30.55 → 31.
    // 5%: total 44348 + 659 = 45007, tax 2112 + 31 = 2143, net 42864.
    // 10%: total 23652 + 336 = 23988, tax 2150 + 31 = 2181, net 21807.
    // Σ totals 68995 = 69000 − 1000 + 995.
    const drafts = splitOrder(demo);
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 42864, tax: 2143, total: 45007 },
      { rate: '10', net: 21807, tax: 2181, total: 23988 },
    ]);
    expect(linesOf(drafts[0])).toEqual([['goods', 44348, 2112], ['shipping', 659, 31]]);
    expect(linesOf(drafts[1])).toEqual([['goods', 23652, 2150], ['shipping', 336, 31]]);
    expect(drafts[1]!.lines[0]).toEqual({ kind: 'goods', description: 'Canvas 16x20', quantity: 2, amount: 23652, tax: 2150 });
    expect(drafts[0]!.lines[1]).toMatchObject({ kind: 'shipping', description: 'Shipping', quantity: 1 });
    expect(drafts.every((d) => d.status === 'paid' && d.currency === 'GBP' && d.prices_include_tax)).toBe(true);
    expect(drafts.reduce((sum, d) => sum + d.total, 0)).toBe(68995);
  });

  it('books an order awaiting offline payment as open invoices (rule 8)', () => {
    const drafts = splitOrder({ ...demo, payment_status: 'awaiting_payment' });
    expect(drafts.map((d) => d.status)).toEqual(['open', 'open']);
    expect(figures(drafts)).toEqual(figures(splitOrder(demo)));
  });
});

describe('rule 2: the discount is shared by value, largest remainders first', () => {
  const amounts = (o: SplitInput) => splitOrder(o).flatMap((d) => d.lines.filter((l) => l.kind === 'goods').map((l) => l.amount));

  it('gives the leftover unit to the largest remainder', () => {
    // Values 1000, 2000, 4000 (Σ 7000), discount 100: 14.29 → 14 (rem 2000/7000),
    // 28.57 → 28 (rem 4000/7000), 57.14 → 57 (rem 1000/7000); Σ 99, 1 left → the 2000 line.
    // Amounts 1000−14 = 986, 2000−29 = 1971, 4000−57 = 3943.
    const o = order({ discount: 100, lines: [line('A', 1, 1000, '20'), line('B', 1, 2000, '20'), line('C', 1, 4000, '20')] });
    expect(amounts(o)).toEqual([986, 1971, 3943]);
  });

  it('breaks ties between equal remainders in favour of the earlier line', () => {
    // Three lines of 1000, discount 100: 33.33 each → 33, 1 left, all remainders equal → line 1.
    const o = order({ discount: 100, lines: [line('A', 1, 1000, '20'), line('B', 1, 1000, '20'), line('C', 1, 1000, '20')] });
    expect(amounts(o)).toEqual([966, 967, 967]);
    // Three lines of 1, discount 2: 0.67 each → 0, 2 left → lines 1 and 2.
    const tiny = order({ discount: 2, lines: [line('A', 1, 1, '20'), line('B', 1, 1, '20'), line('C', 1, 1, '20')] });
    expect(amounts(tiny)).toEqual([0, 0, 1]);
  });

  it('shares a discount across rates, then taxes each line on what is left', () => {
    // Exclusive. Values 3000 (20%) and 1000 (5%), discount 401: 300.75 → 300, 100.25 → 100,
    // 1 left → the 20% line (.75). Amounts 2699 and 900.
    // Tax: 2699 × 20% = 539.8 → 540; 900 × 5% = 45.
    const drafts = splitOrder(order({ discount: 401, lines: [line('Print', 3, 1000, '20'), line('Book', 1, 1000, '5')] }));
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 900, tax: 45, total: 945 },
      { rate: '20', net: 2699, tax: 540, total: 3239 },
    ]);
  });

  it('can take a line to zero and still invoices it', () => {
    // One line of 500, discount 500: amount 0, tax 0.
    const drafts = splitOrder(order({ discount: 500, lines: [line('Voucher print', 1, 500, '20')] }));
    expect(figures(drafts)).toEqual([{ rate: '20', net: 0, tax: 0, total: 0 }]);
  });

  it('stays exact when products pass 2^53 (bigint)', () => {
    // Values 4503599627370497 and 3 (Σ 4503599627370500), discount 3002399751580331:
    // shares floor(D×v/Σ) = 3002399751580329 (rem 7) and 1 (rem 4503599627370493);
    // 1 left → line 2 (larger remainder). Amounts 1501199875790168 and 3 − 2 = 1.
    const o = order({
      discount: 3002399751580331,
      lines: [line('Studio buy-out', 1, 4503599627370497, '0'), line('Sticker', 3, 1, '0')],
    });
    expect(amounts(o)).toEqual([1501199875790168, 1]);
  });
});

describe('rule 3: tax per line, rounded half away from zero, or as the order states it', () => {
  it('computes exclusive tax on the amount with exact decimal rates', () => {
    // 1999 × 7.25% = 144.9275 → 145; 10 × 5% = 0.5 → 1 (half away from zero); 30 × 5% = 1.5 → 2.
    const drafts = splitOrder(order({ lines: [line('Print', 1, 1999, '7.25'), line('Mini', 1, 10, '5'), line('Mini 3', 3, 10, '5')] }));
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 40, tax: 3, total: 43 },
      { rate: '7.25', net: 1999, tax: 145, total: 2144 },
    ]);
  });

  it('computes inclusive tax as amount × r/(100 + r)', () => {
    // 3 at 20% included: 3 × 20/120 = 0.5 → 1, net 2. 12000 at 20%: 2000 exactly, net 10000.
    const drafts = splitOrder(order({ prices_include_tax: true, lines: [line('Proof', 1, 3, '20'), line('Frame', 1, 12000, '20')] }));
    expect(figures(drafts)).toEqual([{ rate: '20', net: 10002, tax: 2001, total: 12003 }]);
  });

  it('uses the tax the order states for a line as is, even when it differs from the rate', () => {
    // Inclusive 1000 at 20% would be 166.67 → 167; the gallery says it charged 150: keep 150, net 850.
    // The second line states nothing: 2400 × 20/120 = 400.
    const drafts = splitOrder(
      order({ prices_include_tax: true, lines: [line('Framed print', 1, 1000, '20', 150), line('Canvas', 1, 2400, '20')] }),
    );
    expect(linesOf(drafts[0])).toEqual([['goods', 1000, 150], ['goods', 2400, 400]]);
    expect(figures(drafts)).toEqual([{ rate: '20', net: 2850, tax: 550, total: 3400 }]);
  });

  it('stays exact on amounts whose tax needs bigint', () => {
    // 8000000000000200 × 7.25% = 580000000000014.5 exactly → 580000000000015.
    const drafts = splitOrder(order({ lines: [line('Archive licence', 1, 8000000000000200, '7.25')] }));
    expect(figures(drafts)).toEqual([{ rate: '7.25', net: 8000000000000200, tax: 580000000000015, total: 8580000000000215 }]);
  });
});

describe('rule 4: one invoice per rate, lowest rate first', () => {
  it('groups lines by rate value, whatever the spelling, and orders by rate', () => {
    // "5.0" and "5" are one rate; "05.50" is 5.5; "12.5" sorts after "5.5" (by value, not text).
    const drafts = splitOrder(
      order({ lines: [line('A', 1, 100, '12.5'), line('B', 1, 100, '5.0'), line('C', 1, 100, '05.50'), line('D', 1, 100, '5')] }),
    );
    expect(drafts.map((d) => d.tax_rate)).toEqual(['5', '5.5', '12.5']);
    expect(drafts[0]!.lines.map((l) => l.description)).toEqual(['B', 'D']);
  });
});

describe('rule 5: shipping follows the goods unless it has a rate of its own', () => {
  it('splits shipping by net and gives a tie to the lower rate', () => {
    // Exclusive; nets 1000 (5%) and 1000 (20%); shipping 101: 50.5 each → 50, 50; 1 left,
    // equal remainders → the lower rate: 51 at 5%, 50 at 20%.
    // Shipping tax: 51 × 5% = 2.55 → 3; 50 × 20% = 10.
    const drafts = splitOrder(
      order({ shipping: { amount: 101, tax_rate: null, tax: null }, lines: [line('Print', 1, 1000, '20'), line('Book', 1, 1000, '5')] }),
    );
    expect(linesOf(drafts[0])).toEqual([['goods', 1000, 50], ['shipping', 51, 3]]);
    expect(linesOf(drafts[1])).toEqual([['goods', 1000, 200], ['shipping', 50, 10]]);
  });

  it('splits shipping with prices excluding and including tax', () => {
    // Exclusive: nets 10000 (5%) and 5000 (20%), shipping 600 → 400 and 200.
    // 5%: net 10400, tax 500 + 20 = 520, total 10920. 20%: net 5200, tax 1000 + 40 = 1040, total 6240.
    const lines = [line('Album', 1, 10000, '5'), line('Wall art', 1, 5000, '20')];
    const exclusive = splitOrder(order({ shipping: { amount: 600, tax_rate: null, tax: null }, lines }));
    expect(figures(exclusive)).toEqual([
      { rate: '5', net: 10400, tax: 520, total: 10920 },
      { rate: '20', net: 5200, tax: 1040, total: 6240 },
    ]);
    // Inclusive, same prices: tax 10000×5/105 = 476.19 → 476 (net 9524); 5000×20/120 = 833.33 → 833 (net 4167).
    // Shipping 600 by net 9524 : 4167 (Σ 13691): 417.36 → 417 and 182.61 → 182, 1 left → 20% (.61): 183.
    // Shipping tax: 417×5/105 = 19.86 → 20; 183×20/120 = 30.5 → 31.
    // 5%: total 10417, tax 496, net 9921. 20%: total 5183, tax 864, net 4319.
    const inclusive = splitOrder(order({ prices_include_tax: true, shipping: { amount: 600, tax_rate: null, tax: null }, lines }));
    expect(figures(inclusive)).toEqual([
      { rate: '5', net: 9921, tax: 496, total: 10417 },
      { rate: '20', net: 4319, tax: 864, total: 5183 },
    ]);
  });

  it('books shipping with its own 0% rate as its own invoice, though no goods carry that rate', () => {
    // Goods 2000 at 20% (exclusive, tax 400); shipping 500 at "0" → a 0% invoice of 500, listed first.
    const drafts = splitOrder(order({ shipping: { amount: 500, tax_rate: '0', tax: null }, lines: [line('Print', 2, 1000, '20')] }));
    expect(figures(drafts)).toEqual([
      { rate: '0', net: 500, tax: 0, total: 500 },
      { rate: '20', net: 2000, tax: 400, total: 2400 },
    ]);
    expect(linesOf(drafts[0])).toEqual([['shipping', 500, 0]]);
  });

  it('puts shipping with a rate some goods carry on their invoice, whole', () => {
    // Shipping 700 at 5% joins the 5% book: tax 35. The 20% invoice gets none.
    const drafts = splitOrder(
      order({ shipping: { amount: 700, tax_rate: '5', tax: null }, lines: [line('Book', 1, 1000, '5'), line('Print', 1, 1000, '20')] }),
    );
    expect(linesOf(drafts[0])).toEqual([['goods', 1000, 50], ['shipping', 700, 35]]);
    expect(linesOf(drafts[1])).toEqual([['goods', 1000, 200]]);
  });

  it('shares a stated shipping tax the way the shipping is shared, keeping it to the unit', () => {
    // Inclusive. Nets: 2100×5/105 = 100 → net 2000; 1200×20/120 = 200 → net 1000. Shipping 300
    // by 2000 : 1000 → 200 and 100. Stated shipping tax 25 shared by 200 : 100 → 16.67 → 16 and
    // 8.33 → 8, 1 left → 5% (.67): 17 and 8. Σ 25 as charged.
    const drafts = splitOrder(
      order({
        prices_include_tax: true,
        shipping: { amount: 300, tax_rate: null, tax: 25 },
        lines: [line('Album', 1, 2100, '5'), line('Print', 1, 1200, '20')],
      }),
    );
    expect(linesOf(drafts[0])).toEqual([['goods', 2100, 100], ['shipping', 200, 17]]);
    expect(linesOf(drafts[1])).toEqual([['goods', 1200, 200], ['shipping', 100, 8]]);
  });

  it('shares shipping equally when the goods are worth nothing (fully discounted)', () => {
    // Values 1000 and 1000, discount 2000 → nets 0 and 0; shipping 301 → 150.5 each → 151 (lower rate) and 150.
    const drafts = splitOrder(
      order({
        discount: 2000,
        shipping: { amount: 301, tax_rate: null, tax: null },
        lines: [line('Print', 1, 1000, '20'), line('Book', 1, 1000, '5')],
      }),
    );
    expect(linesOf(drafts[0])).toEqual([['goods', 0, 0], ['shipping', 151, 8]]); // 151 × 5% = 7.55 → 8
    expect(linesOf(drafts[1])).toEqual([['goods', 0, 0], ['shipping', 150, 30]]);
  });

  it('adds no shipping line for free shipping', () => {
    const drafts = splitOrder(order({ shipping: { amount: 0, tax_rate: '0', tax: null }, lines: [line('Print', 1, 1000, '20')] }));
    expect(drafts.map((d) => d.tax_rate)).toEqual(['20']);
    expect(linesOf(drafts[0])).toEqual([['goods', 1000, 200]]);
  });
});

describe('rule 7: a stated tax total that differs is shown on a rounding line, never hidden', () => {
  it('puts the difference, untaxed, on the invoice with the largest total', () => {
    // Exclusive. Three prints of 333 at 20%: 66.6 → 67 each, 201; a book of 100 at 5%: 5.
    // The gallery computed its tax on the total and states 205 (999 × 20% = 199.8 → 200, + 5).
    // Difference 205 − 206 = −1 goes on the 20% invoice (total 1200 > 105):
    // net 999 − 1 = 998, tax 201, total 1199. Σ totals 1199 + 105 = 1304 = 1099 + 205.
    const drafts = splitOrder(
      order({
        tax_total: 205,
        lines: [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20'), line('Print 3', 1, 333, '20'), line('Book', 1, 100, '5')],
      }),
    );
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 100, tax: 5, total: 105 },
      { rate: '20', net: 998, tax: 201, total: 1199 },
    ]);
    expect(drafts[1]!.lines.at(-1)).toEqual({ kind: 'rounding', description: 'Rounding adjustment', quantity: 1, amount: -1, tax: 0 });
  });

  it('gives it to the lower rate when the largest totals tie', () => {
    // 0%: 1200, total 1200. 20%: 1000 + 200 = 1200. Stated tax 201 → +1 on the 0% invoice.
    const drafts = splitOrder(order({ tax_total: 201, lines: [line('Print', 1, 1000, '20'), line('Export print', 1, 1200, '0')] }));
    expect(figures(drafts)).toEqual([
      { rate: '0', net: 1201, tax: 0, total: 1201 },
      { rate: '20', net: 1000, tax: 200, total: 1200 },
    ]);
    expect(linesOf(drafts[0])).toEqual([['goods', 1200, 0], ['rounding', 1, 0]]);
  });

  it('adds nothing when the stated total agrees, or when prices include tax', () => {
    const lines = [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20')];
    expect(splitOrder(order({ tax_total: 134, lines })).flatMap((d) => d.lines).some((l) => l.kind === 'rounding')).toBe(false);
    expect(splitOrder(order({ tax_total: 100, prices_include_tax: true, lines })).flatMap((d) => d.lines).some((l) => l.kind === 'rounding')).toBe(false);
  });

  it('refuses a stated tax total that no rounding can explain', () => {
    // A line of 100 whose stated tax is 500, and a stated tax total of 0: the −500 difference
    // would leave the invoice a net of 100 − 500 < 0. That is no rounding; the order is wrong.
    expect(() => splitOrder(order({ tax_total: 0, lines: [line('Print', 1, 100, '20', 500)] }))).toThrow(/far more than rounding can explain/);
    // The same order stating 400: difference −100 takes the net to exactly 0, which is allowed.
    expect(figures(splitOrder(order({ tax_total: 400, lines: [line('Print', 1, 100, '20', 500)] })))).toEqual([{ rate: '20', net: 0, tax: 500, total: 500 }]);
  });
});

describe('currencies with 0 and 3 decimals', () => {
  it('splits a JPY order (no minor unit) with the 10% and 8% reduced rates', () => {
    // Inclusive. Values ¥3300 (10%) and ¥1080 (8%), discount ¥500: 376.71 → 376, 123.29 → 123,
    // 1 left → the ¥3300 line: 377. Amounts 2923 and 957.
    // Tax: 2923 × 10/110 = 265.73 → 266 (net 2657); 957 × 8/108 = 70.89 → 71 (net 886).
    const drafts = splitOrder(
      order({ currency: 'JPY', prices_include_tax: true, discount: 500, lines: [line('Photo book', 1, 3300, '10'), line('Prints', 1, 1080, '8')] }),
    );
    expect(figures(drafts)).toEqual([
      { rate: '8', net: 886, tax: 71, total: 957 },
      { rate: '10', net: 2657, tax: 266, total: 2923 },
    ]);
    expect(formatMoney(drafts[1]!.total, 'JPY')).toBe('JPY 2,923');
  });

  it('splits a KWD order (fils, 3 decimals) with shipping', () => {
    // Exclusive. 12.345 KWD (12345 fils) at 5%, 2 × 3.250 = 6500 fils at 15%; shipping 1000 fils
    // by net 12345 : 6500 (Σ 18845): 655.08 → 655, 344.92 → 344; 1 left → 15% (.92): 345.
    // Tax: 12345 × 5% = 617.25 → 617; 6500 × 15% = 975; 655 × 5% = 32.75 → 33; 345 × 15% = 51.75 → 52.
    // 5%: net 13000, tax 650, total 13650. 15%: net 6845, tax 1027, total 7872.
    const drafts = splitOrder(
      order({
        currency: 'KWD',
        shipping: { amount: 1000, tax_rate: null, tax: null },
        lines: [line('Album', 1, 12345, '5'), line('Canvas', 2, 3250, '15')],
      }),
    );
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 13000, tax: 650, total: 13650 },
      { rate: '15', net: 6845, tax: 1027, total: 7872 },
    ]);
    expect(formatMoney(drafts[0]!.total, 'KWD')).toBe('KWD 13.650');
  });
});

describe('bad orders get a clear error and no invoice', () => {
  const good = order({ lines: [line('Print', 1, 1000, '20')] });
  const cases: Array<[string, SplitInput, RegExp]> = [
    ['no lines', { ...good, lines: [] }, /no lines, so there is nothing to invoice/],
    ['a negative unit price', { ...good, lines: [line('Print', 1, -5, '20')] }, /Line 1 \("Print"\): the unit price must be a whole number of minor units, zero or more/],
    ['a fractional unit price', { ...good, lines: [line('Print', 1, 12.5, '20')] }, /unit price must be a whole number/],
    ['a negative discount', { ...good, discount: -1 }, /discount must be a whole number of minor units, zero or more/],
    ['negative shipping', { ...good, shipping: { amount: -100, tax_rate: null, tax: null } }, /shipping amount must be a whole number/],
    ['a negative stated tax', { ...good, lines: [line('Print', 1, 1000, '20', -3)] }, /tax charged must be a whole number/],
    ['an unknown currency', { ...good, currency: 'XYZ' }, /currency "XYZ" is not an ISO 4217 currency code/],
    ['a rate with a comma', { ...good, lines: [line('Print', 1, 1000, '7,25')] }, /tax rate "7,25" is not a percentage written as a decimal string/],
    ['a rate with a percent sign', { ...good, lines: [line('Print', 1, 1000, '20%')] }, /tax rate "20%"/],
    ['a rate as a number', { ...good, lines: [{ ...line('Print', 1, 1000, '20'), tax_rate: 20 as unknown as string }] }, /tax rate "20" is not a percentage/],
    ['a shipping rate that is no decimal', { ...good, shipping: { amount: 100, tax_rate: 'zero', tax: null } }, /Shipping: the tax rate "zero"/],
    ['a quantity of zero', { ...good, lines: [line('Print', 0, 1000, '20')] }, /quantity must be a whole number of at least 1, not 0/],
    ['a fractional quantity', { ...good, lines: [line('Print', 1.5, 1000, '20')] }, /quantity must be a whole number of at least 1, not 1.5/],
    ['a discount larger than the goods', { ...good, discount: 1001 }, /discount \(1001 minor units\) is larger than its goods \(1000\)/],
    ['included tax above the price', { ...good, prices_include_tax: true, lines: [line('Print', 1, 1000, '20', 1001)] }, /tax charged \(1001 minor units\) is more than its price including tax/],
    ['an unknown payment status', { ...good, payment_status: 'pending' as 'paid' }, /payment status "pending"/],
  ];
  it.each(cases)('refuses %s', (_what, bad, message) => {
    expect(() => splitOrder(bad)).toThrow(OrderSplitError);
    expect(() => splitOrder(bad)).toThrow(message);
  });
});

// ---- properties over random valid orders ----

/** A rate as an exact fraction, for the test's own arithmetic: "7.25" → 725/100. */
function rateFraction(rate: string): [bigint, bigint] {
  const [whole, fraction = ''] = rate.split('.');
  return [BigInt(whole! + fraction), 10n ** BigInt(fraction.length)];
}
const rateValue = (rate: string) => Number(rate); // ordering only, never money

/** The test's own rule 3: round(amount × r/100) or round(amount × r/(100 + r)), halves away from zero. */
function expectedTax(amount: number, rate: string, include: boolean): number {
  const [n, d] = rateFraction(rate);
  const numerator = BigInt(amount) * n;
  const denominator = include ? 100n * d + n : 100n * d;
  const quotient = numerator / denominator;
  return Number((numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient);
}

/** The drafts' goods lines, back in the order's line order (lines of one rate keep their order). */
function goodsLinesInOrder(o: SplitInput, drafts: InvoiceDraft[]) {
  const queues = new Map(drafts.map((d) => [rateValue(d.tax_rate), d.lines.filter((l) => l.kind === 'goods')]));
  return o.lines.map((l) => queues.get(rateValue(l.tax_rate))!.shift()!);
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('properties of the split over random valid orders', () => {
  it('books one rate per invoice, distinct and ordered lowest first, all with the order’s currency and status', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const drafts = splitOrder(o);
        const rates = drafts.map((d) => rateValue(d.tax_rate));
        expect(rates).toEqual([...rates].sort((a, b) => a - b));
        expect(new Set(rates).size).toBe(rates.length);
        const expectedRates = new Set(o.lines.map((l) => rateValue(l.tax_rate)));
        const s = o.shipping;
        if (s && s.tax_rate !== null && (s.amount > 0 || (s.tax ?? 0) > 0)) expectedRates.add(rateValue(s.tax_rate));
        expect(new Set(rates)).toEqual(expectedRates);
        const status = o.payment_status === 'paid' ? 'paid' : 'open';
        for (const d of drafts) expect([d.currency, d.prices_include_tax, d.status]).toEqual([o.currency, o.prices_include_tax, status]);
      }),
      { numRuns: 300 },
    );
  });

  it('adds up to exactly what the order charged: goods − discount + shipping (+ tax when excluded)', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const drafts = splitOrder(o);
        const goods = sumOf(o.lines.map((l) => l.quantity * l.unit_price));
        const shipping = o.shipping?.amount ?? 0;
        // Charged tax when excluded: the stated total, or else each line's tax by the order or by rule 3
        // (checked line by line in the next property).
        const chargedTax = o.tax_total ?? sumOf(drafts.flatMap((d) => d.lines.map((l) => l.tax)));
        const orderTotal = goods - o.discount + shipping + (o.prices_include_tax ? 0 : chargedTax);
        expect(sumOf(drafts.map((d) => d.total))).toBe(orderTotal);
        if (o.tax_total !== null) expect(sumOf(drafts.map((d) => d.tax)) + sumOf(drafts.flatMap((d) => d.lines.filter((l) => l.kind === 'rounding').map((l) => l.amount)))).toBe(o.tax_total);
      }),
      { numRuns: 300 },
    );
  });

  it('shares the discount by value with largest remainders, and taxes each line by rule 3 unless stated', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const drafts = splitOrder(o);
        const goodsLines = goodsLinesInOrder(o, drafts);
        const values = o.lines.map((l) => l.quantity * l.unit_price);
        const total = sumOf(values);
        const shares = goodsLines.map((l, i) => values[i]! - l.amount);
        expect(sumOf(shares)).toBe(o.discount);
        shares.forEach((share, i) => {
          const floor = total === 0 ? 0 : Number((BigInt(o.discount) * BigInt(values[i]!)) / BigInt(total));
          expect(share === floor || share === floor + 1).toBe(true);
          const stated = o.lines[i]!.tax;
          expect(goodsLines[i]!.tax).toBe(stated ?? expectedTax(goodsLines[i]!.amount, o.lines[i]!.tax_rate, o.prices_include_tax));
          expect(goodsLines[i]).toMatchObject({ description: o.lines[i]!.description, quantity: o.lines[i]!.quantity });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('shares shipping exactly: the parts add up to the shipping and its stated tax is kept', () => {
    fc.assert(
      fc.property(
        orderArb.filter((o) => o.shipping !== null),
        (o) => {
          const drafts = splitOrder(o);
          const parts = drafts.flatMap((d) => d.lines.filter((l) => l.kind === 'shipping').map((l) => ({ rate: d.tax_rate, ...l })));
          expect(sumOf(parts.map((p) => p.amount))).toBe(o.shipping!.amount);
          if (o.shipping!.tax !== null) expect(sumOf(parts.map((p) => p.tax))).toBe(o.shipping!.tax);
          else for (const p of parts) expect(p.tax).toBe(expectedTax(p.amount, p.rate, o.prices_include_tax));
          if (o.shipping!.tax_rate !== null) expect(parts.every((p) => rateValue(p.rate) === rateValue(o.shipping!.tax_rate!))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps each invoice consistent with its lines, with nothing negative but a rounding adjustment', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        for (const d of splitOrder(o)) {
          const amount = sumOf(d.lines.map((l) => l.amount));
          const tax = sumOf(d.lines.map((l) => l.tax));
          expect(d.tax).toBe(tax);
          if (o.prices_include_tax) expect([d.total, d.net]).toEqual([amount, amount - tax]);
          else expect([d.net, d.total]).toEqual([amount, amount + tax]);
          expect(Math.min(d.net, d.tax, d.total)).toBeGreaterThanOrEqual(0);
          for (const l of d.lines) {
            if (l.kind !== 'rounding') expect(Math.min(l.amount, l.tax)).toBeGreaterThanOrEqual(0);
            expect(Number.isSafeInteger(l.amount) && Number.isSafeInteger(l.tax) && l.quantity >= 1).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows a differing stated tax total on one rounding line of the invoice with the largest total', () => {
    fc.assert(
      fc.property(
        orderArb.filter((o) => o.tax_total !== null),
        (o) => {
          const before = splitOrder({ ...o, tax_total: null });
          const after = splitOrder(o);
          const difference = o.tax_total! - sumOf(before.map((d) => d.tax));
          const rounding = after.flatMap((d, i) => d.lines.filter((l) => l.kind === 'rounding').map((l) => ({ i, l })));
          if (difference === 0) return expect(rounding).toEqual([]);
          const largest = Math.max(...before.map((d) => d.total));
          const target = before.findIndex((d) => d.total === largest); // ties: the lower rate comes first
          expect(rounding).toEqual([{ i: target, l: { kind: 'rounding', description: 'Rounding adjustment', quantity: 1, amount: difference, tax: 0 } }]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic and leaves the order untouched', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const copy = structuredClone(o);
        const first = splitOrder(o);
        expect(o).toEqual(copy);
        expect(splitOrder(copy)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});

describe('exact sharing and rounding (rational.ts), against a plain bigint reference', () => {
  /** Largest remainder the slow, obvious way: bigint shares, then a full sort of remainders. */
  function referenceShares(total: number, weights: number[]): number[] {
    const sum = BigInt(sumOf(weights));
    const exact = weights.map((w, i) => ({ i, share: (BigInt(total) * BigInt(w)) / sum, rem: (BigInt(total) * BigInt(w)) % sum }));
    let leftover = BigInt(total) - exact.reduce((a, e) => a + e.share, 0n);
    for (const e of [...exact].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))) {
      if (leftover === 0n) break;
      e.share += 1n;
      leftover -= 1n;
    }
    return exact.map((e) => Number(e.share));
  }

  it('shares any total across any weights exactly as the reference does (number and bigint paths)', () => {
    const weight = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2 ** 40 }));
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 1, maxLength: 30 }).filter((ws) => sumOf(ws) > 0 && Number.isSafeInteger(sumOf(ws))),
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 45 })),
        (weights, total) => {
          const shares = allocateLargestRemainder(total, weights);
          expect(shares).toEqual(referenceShares(total, weights));
          expect(sumOf(shares)).toBe(total);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rounds value × n/d half away from zero exactly, beyond 2^53 too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 1_010_000 }),
        fc.integer({ min: 1, max: 2_010_000 }),
        (value, n, d) => {
          const product = BigInt(value) * BigInt(n);
          const magnitude = product < 0n ? -product : product;
          const rounded = magnitude / BigInt(d) + ((magnitude % BigInt(d)) * 2n >= BigInt(d) ? 1n : 0n);
          const expected = product < 0n ? -rounded : rounded;
          fc.pre(expected <= BigInt(Number.MAX_SAFE_INTEGER) && expected >= -BigInt(Number.MAX_SAFE_INTEGER));
          expect(multiplyDivideRound(value, n, d)).toBe(Number(expected));
        },
      ),
      { numRuns: 500 },
    );
    expect(multiplyDivideRound(-5, 1, 10)).toBe(-1); // −0.5 → −1, away from zero
    expect(multiplyDivideRound(-4, 1, 10)).toBe(0); // −0.4 → 0, and never −0
  });
});
