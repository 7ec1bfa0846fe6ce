// The money split, rule by rule, with every expected figure worked out by hand in the
// comments; then properties over random valid orders, some with the totals an independent
// gallery computation (the sandbox's) charged for them.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatMoney } from '../../src/domain/currency.js';
import { allocateLargestRemainder, multiplyDivideRound } from '../../src/domain/rational.js';
import { OrderSplitError, splitOrder, type InvoiceDraft, type PricedSplitInput } from '../../src/domain/tax-split.js';
import { chargedOrderArb, orderArb, smallChargedOrderArb } from '../invoices/arbitraries.js';

type Line = PricedSplitInput['lines'][number];

function line(description: string, quantity: number, unit_price: number, tax_rate: string, tax: number | null = null): Line {
  return { description, quantity, unit_price, tax_rate, tax };
}

function order(overrides: Partial<PricedSplitInput> & Pick<PricedSplitInput, 'lines'>): PricedSplitInput {
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
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 44348, 2112],
      ['shipping', 659, 31],
    ]);
    expect(linesOf(drafts[1])).toEqual([
      ['goods', 23652, 2150],
      ['shipping', 336, 31],
    ]);
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
  const amounts = (o: PricedSplitInput) => splitOrder(o).flatMap((d) => d.lines.filter((l) => l.kind === 'goods').map((l) => l.amount));

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

  it('can take a line to zero and still invoices it, but books no 0.00 invoice', () => {
    // A line of 500 and one of 0 at 20%, discount 250: all of it on the 500 line (amount 250,
    // tax 50); the free line keeps its 0.00 on the invoice.
    const drafts = splitOrder(order({ discount: 250, lines: [line('Voucher print', 1, 500, '20'), line('Free proof', 1, 0, '20')] }));
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 250, 50],
      ['goods', 0, 0],
    ]);
    // One line of 500, discount 500: the order comes to nothing, so there is nothing to invoice.
    // (This used to book an invoice of 0.00.)
    expect(splitOrder(order({ discount: 500, lines: [line('Voucher print', 1, 500, '20')] }))).toEqual([]);
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
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 1000, 150],
      ['goods', 2400, 400],
    ]);
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
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 1000, 50],
      ['shipping', 51, 3],
    ]);
    expect(linesOf(drafts[1])).toEqual([
      ['goods', 1000, 200],
      ['shipping', 50, 10],
    ]);
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
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 1000, 50],
      ['shipping', 700, 35],
    ]);
    expect(linesOf(drafts[1])).toEqual([['goods', 1000, 200]]);
  });

  it('shares a stated shipping tax by the tax each part would carry, keeping it to the unit', () => {
    // Inclusive. Nets: 2100×5/105 = 100 → net 2000; 1200×20/120 = 200 → net 1000. Shipping 300
    // by 2000 : 1000 → 200 and 100. The tax each part would carry: 200×5/105 = 9.52 and
    // 100×20/120 = 16.67 (Σ 26.19). Stated shipping tax 25 shared by them: 9.09 → 9 and
    // 15.91 → 15, 1 left → 20% (.91): 9 and 16. Σ 25 as charged.
    // (This used to share the tax like the shipping, 17 and 8: the 5% part carried 17 of tax.)
    const drafts = splitOrder(
      order({
        prices_include_tax: true,
        shipping: { amount: 300, tax_rate: null, tax: 25 },
        lines: [line('Album', 1, 2100, '5'), line('Print', 1, 1200, '20')],
      }),
    );
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 2100, 100],
      ['shipping', 200, 9],
    ]);
    expect(linesOf(drafts[1])).toEqual([
      ['goods', 1200, 200],
      ['shipping', 100, 16],
    ]);
  });

  it('never puts a stated shipping tax on a 0% invoice (prices excluding and including tax)', () => {
    // Exclusive: nets 1000 (0%) and 1000 (20%); shipping 1000 → 500 and 500. The parts would carry
    // 0 and 100 of tax, so the stated 100 all goes to 20%: 500 × 20% = 100. (It used to be 50 and 50.)
    const exclusive = splitOrder(
      order({
        shipping: { amount: 1000, tax_rate: null, tax: 100 },
        lines: [line('Export print', 1, 1000, '0'), line('Print', 1, 1000, '20')],
      }),
    );
    expect(linesOf(exclusive[0])).toEqual([
      ['goods', 1000, 0],
      ['shipping', 500, 0],
    ]);
    expect(linesOf(exclusive[1])).toEqual([
      ['goods', 1000, 200],
      ['shipping', 500, 100],
    ]);
    expect(figures(exclusive)).toEqual([
      { rate: '0', net: 1500, tax: 0, total: 1500 },
      { rate: '20', net: 1500, tax: 300, total: 1800 },
    ]);
    // Inclusive: 1000 at 0% (net 1000), 1200 at 20% (tax 200, net 1000); shipping 1200 → 600 and
    // 600; stated shipping tax 100 (600 × 20/120 = 100) all on the 20% part.
    const inclusive = splitOrder(
      order({
        prices_include_tax: true,
        shipping: { amount: 1200, tax_rate: null, tax: 100 },
        lines: [line('Export print', 1, 1000, '0'), line('Print', 1, 1200, '20')],
      }),
    );
    expect(linesOf(inclusive[0])).toEqual([
      ['goods', 1000, 0],
      ['shipping', 600, 0],
    ]);
    expect(linesOf(inclusive[1])).toEqual([
      ['goods', 1200, 200],
      ['shipping', 600, 100],
    ]);
    // Three rates, exclusive: nets 1000 (0%), 2000 (5%), 1000 (20%); shipping 400 → 100, 200, 100;
    // the parts would carry 0, 10 and 20 (Σ 30); a stated 31 → 0, 10.33 → 10, 20.67 → 20, 1 left → 20%: 21.
    const three = splitOrder(
      order({
        shipping: { amount: 400, tax_rate: null, tax: 31 },
        lines: [line('Export', 1, 1000, '0'), line('Book', 1, 2000, '5'), line('Print', 1, 1000, '20')],
      }),
    );
    expect(three.map((d) => d.lines.find((l) => l.kind === 'shipping')?.tax)).toEqual([0, 10, 21]);
  });

  it('refuses a stated shipping tax when every rate the shipping follows is 0%', () => {
    const bad = order({
      shipping: { amount: 1000, tax_rate: null, tax: 100 },
      lines: [line('Export print', 1, 1000, '0'), line('Gift card', 1, 500, '0.0')],
    });
    expect(() => splitOrder(bad)).toThrow(OrderSplitError);
    expect(() => splitOrder(bad)).toThrow(
      /Shipping: the order states 100 minor units of tax on its shipping, but .* every rate it follows is 0%/,
    );
    // A stated shipping tax of 0 on such an order is simply what was charged.
    expect(figures(splitOrder({ ...bad, shipping: { amount: 1000, tax_rate: null, tax: 0 } }))).toEqual([
      { rate: '0', net: 2500, tax: 0, total: 2500 },
    ]);
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
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 0, 0],
      ['shipping', 151, 8],
    ]); // 151 × 5% = 7.55 → 8
    expect(linesOf(drafts[1])).toEqual([
      ['goods', 0, 0],
      ['shipping', 150, 30],
    ]);
  });

  it('adds no shipping line for free shipping', () => {
    const drafts = splitOrder(order({ shipping: { amount: 0, tax_rate: '0', tax: null }, lines: [line('Print', 1, 1000, '20')] }));
    expect(drafts.map((d) => d.tax_rate)).toEqual(['20']);
    expect(linesOf(drafts[0])).toEqual([['goods', 1000, 200]]);
  });
});

describe('rule 7: a stated tax total that differs is shown on a rounding line, never hidden', () => {
  const rounding = (tax: number, amount = 0) => ({ kind: 'rounding', description: 'Rounding adjustment', quantity: 1, amount, tax });

  it('puts the difference on the invoice with the largest total, in its tax', () => {
    // Exclusive. Three prints of 333 at 20%: 66.6 → 67 each, 201; a book of 100 at 5%: 5.
    // The gallery computed its tax on the total and states 205 (999 × 20% = 199.8 → 200, + 5).
    // Difference 205 − 206 = −1 goes on the 20% invoice (total 1200 > 105), as tax:
    // net 999, tax 201 − 1 = 200, total 1199. Σ totals 1199 + 105 = 1304 = 1099 + 205; Σ tax 205.
    // (This used to take the 1 off the net, 998, leaving the invoices' tax at 206, not the 205 charged.)
    const drafts = splitOrder(
      order({
        tax_total: 205,
        lines: [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20'), line('Print 3', 1, 333, '20'), line('Book', 1, 100, '5')],
      }),
    );
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 100, tax: 5, total: 105 },
      { rate: '20', net: 999, tax: 200, total: 1199 },
    ]);
    expect(drafts[1]!.lines.at(-1)).toEqual(rounding(-1));
  });

  it('gives it to the lower rate when the largest totals tie, and never to a 0% invoice', () => {
    // 10%: 1100 + 110 = 1210. 21%: 1000 + 210 = 1210. Stated tax 319 → −1 on the 10% invoice.
    const tie = splitOrder(order({ tax_total: 319, lines: [line('Book', 1, 1100, '10'), line('Print', 1, 1000, '21')] }));
    expect(figures(tie)).toEqual([
      { rate: '10', net: 1100, tax: 109, total: 1209 },
      { rate: '21', net: 1000, tax: 210, total: 1210 },
    ]);
    // 0%: 1200, total 1200. 20%: 1000 + 200 = 1200. Stated tax 201: +1 of tax cannot go on the
    // 0% invoice, so the 20% one shows it: tax 201, total 1201.
    // (This used to add the 1 to the 0% invoice as net, so the invoices' tax stayed 200.)
    const drafts = splitOrder(order({ tax_total: 201, lines: [line('Print', 1, 1000, '20'), line('Export print', 1, 1200, '0')] }));
    expect(figures(drafts)).toEqual([
      { rate: '0', net: 1200, tax: 0, total: 1200 },
      { rate: '20', net: 1000, tax: 201, total: 1201 },
    ]);
    expect(linesOf(drafts[1])).toEqual([
      ['goods', 1000, 200],
      ['rounding', 0, 1],
    ]);
  });

  it('adds nothing when the stated total agrees', () => {
    const lines = [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20')];
    // 66.6 → 67 twice, 134 (exclusive); 55.5 → 56 twice, 112 (inclusive).
    expect(
      splitOrder(order({ tax_total: 134, lines }))
        .flatMap((d) => d.lines)
        .some((l) => l.kind === 'rounding'),
    ).toBe(false);
    expect(
      splitOrder(order({ tax_total: 112, prices_include_tax: true, lines }))
        .flatMap((d) => d.lines)
        .some((l) => l.kind === 'rounding'),
    ).toBe(false);
  });

  it('reconciles prices including tax too: the total stays, the difference moves from tax to net', () => {
    // Inclusive. The same two prints: tax 56 + 56 = 112, but the gallery took 666 × 20/120 = 111
    // once. Rounding line: amount 0, tax −1: total 666 (the prices), tax 111, net 555.
    // (A stated tax total used to be ignored when prices include tax.)
    const drafts = splitOrder(
      order({ tax_total: 111, prices_include_tax: true, lines: [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20')] }),
    );
    expect(figures(drafts)).toEqual([{ rate: '20', net: 555, tax: 111, total: 666 }]);
    expect(drafts[0]!.lines.at(-1)).toEqual(rounding(-1));
  });

  it("adds up to the order's totals when the gallery rounded once per rate (three 10-cent lines at 7.25%)", () => {
    // Exclusive, USD. Each line 10 × 7.25% = 0.725 → 1, so the lines' tax is 3 and the invoice 33.
    // The gallery rounded per rate: 30 × 7.25% = 2.175 → 2, total 32, and says so in its totals.
    // The invoice: goods 3 × 10 (tax 1 each), rounding line tax −1: net 30, tax 2, total 32.
    // (This used to book 33: the split was only checked against itself.)
    const lines = [line('Wallet print', 1, 10, '7.25'), line('Wallet print', 1, 10, '7.25'), line('Wallet print', 1, 10, '7.25')];
    const drafts = splitOrder(order({ currency: 'USD', lines, totals: { tax: 2, total: 32 } }));
    expect(figures(drafts)).toEqual([{ rate: '7.25', net: 30, tax: 2, total: 32 }]);
    expect(linesOf(drafts[0])).toEqual([
      ['goods', 10, 1],
      ['goods', 10, 1],
      ['goods', 10, 1],
      ['rounding', 0, -1],
    ]);
    // The same gallery with prices including tax: 10 × 7.25/107.25 = 0.68 → 1 per line, 3 in all;
    // once per rate 30 × 7.25/107.25 = 2.03 → 2. The total is the prices, 30: tax 2, net 28.
    const inclusive = splitOrder(order({ currency: 'USD', prices_include_tax: true, lines, totals: { tax: 2, total: 30 } }));
    expect(figures(inclusive)).toEqual([{ rate: '7.25', net: 28, tax: 2, total: 30 }]);
    expect(linesOf(inclusive[0]).at(-1)).toEqual(['rounding', 0, -1]);
  });

  it('shows a total that is not net + tax as a price difference on the rounding line', () => {
    // Exclusive. A gallery that rounds each line's price with tax (333 × 1.2 = 399.6 → 400, twice:
    // 800) and the tax once (666 × 20% = 133.2 → 133) charges 800 with 133 of tax: its net is 667,
    // one more than the prices (666). The lines' tax is 134: rounding line amount +1, tax −1.
    const drafts = splitOrder(
      order({ lines: [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20')], totals: { tax: 133, total: 800 } }),
    );
    expect(figures(drafts)).toEqual([{ rate: '20', net: 667, tax: 133, total: 800 }]);
    expect(drafts[0]!.lines.at(-1)).toEqual(rounding(-1, 1));
  });

  it('spreads what the largest invoice cannot take onto the next largest, one rounding line each', () => {
    // Exclusive. 0.5%: 1000, tax 5, total 1005 (the largest). 20%: twenty lines of 3, each
    // 0.6 → 1 of tax, 20; total 80. A gallery rounding per rate charged 5 + (60 × 20% = 12) = 17.
    // Difference −8: the 0.5% invoice can give up its 5 of tax (not more), the 20% one the other 3.
    const lines = [line('Archive', 1, 1000, '0.5'), ...Array.from({ length: 20 }, (_, i) => line(`Mini ${i + 1}`, 1, 3, '20'))];
    const drafts = splitOrder(order({ lines, totals: { tax: 17, total: 1077 } }));
    expect(figures(drafts)).toEqual([
      { rate: '0.5', net: 1000, tax: 0, total: 1000 },
      { rate: '20', net: 60, tax: 17, total: 77 },
    ]);
    expect(drafts.map((d) => d.lines.filter((l) => l.kind === 'rounding'))).toEqual([[rounding(-5)], [rounding(-3)]]);
  });

  it("takes the order's totals over its lines, and refuses totals that contradict its stated tax total", () => {
    const lines = [line('Print 1', 1, 333, '20'), line('Print 2', 1, 333, '20')];
    expect(figures(splitOrder(order({ lines, tax_total: 133, totals: { tax: 133, total: 799 } })))).toEqual([
      { rate: '20', net: 666, tax: 133, total: 799 },
    ]);
    expect(() => splitOrder(order({ lines, tax_total: 133, totals: { tax: 134, total: 800 } }))).toThrow(
      /states a tax total of 133 minor units, but its totals say 134 of tax was charged/,
    );
  });

  it('refuses a difference that no rounding can explain: at most one minor unit per taxed line', () => {
    // A line of 100 whose stated tax is 500, and a stated tax total of 0: a difference of −500
    // with one taxed line. That is no rounding; the order is wrong.
    expect(() => splitOrder(order({ tax_total: 0, lines: [line('Print', 1, 100, '20', 500)] }))).toThrow(/more than rounding can explain/);
    // The same order stating 400: −100 is no rounding either. (This used to be booked, with a
    // −100 "rounding adjustment" taking the net to 0.)
    expect(() => splitOrder(order({ tax_total: 400, lines: [line('Print', 1, 100, '20', 500)] }))).toThrow(OrderSplitError);
    // A stated tax of 100,000 on a 1,000 order (it used to become a 99,800 "rounding adjustment").
    const huge = order({ lines: [line('Canvas', 1, 1000, '20')], totals: { tax: 100_000, total: 101_000 } });
    expect(() => splitOrder(huge)).toThrow(
      'The order says the client was charged 100000 minor units of tax and 101000 in all, but its lines come to 200 of tax and 1200 in all: ' +
        'a difference of +99800 in tax, more than rounding can explain (at most 1 here, one minor unit per taxed line). ' +
        'Check the tax and the totals charged on this order where it was placed.',
    );
  });

  it('allows exactly the bound and refuses one more, in tax and in price alike', () => {
    // Three taxed lines at 20% (tax 67 × 3 = 201) and a 0% line, which no rounding touches: bound 3.
    const lines = [
      line('Print 1', 1, 333, '20'),
      line('Print 2', 1, 333, '20'),
      line('Print 3', 1, 333, '20'),
      line('Export', 1, 500, '0'),
    ];
    const prices = 1499;
    expect(figures(splitOrder(order({ lines, totals: { tax: 198, total: prices + 198 } })))[1]).toEqual({
      rate: '20',
      net: 999,
      tax: 198,
      total: 1197,
    });
    expect(() => splitOrder(order({ lines, totals: { tax: 197, total: prices + 197 } }))).toThrow(
      /a difference of -4 in tax, more than rounding can explain \(at most 3 here/,
    );
    expect(figures(splitOrder(order({ lines, totals: { tax: 201, total: prices + 201 + 3 } })))[1]).toEqual({
      rate: '20',
      net: 1002,
      tax: 201,
      total: 1203,
    });
    expect(() => splitOrder(order({ lines, totals: { tax: 201, total: prices + 201 + 4 } }))).toThrow(
      /a difference of \+4 in price, more than rounding can explain/,
    );
    // Nothing taxed at all: no difference is rounding.
    expect(() => splitOrder(order({ lines: [line('Export', 1, 500, '0')], totals: { tax: 1, total: 501 } }))).toThrow(/at most 0 here/);
    // Free lines at a rate count for nothing either: 0 × 20% is 0 however it is rounded.
    expect(() =>
      splitOrder(order({ lines: [line('Export', 1, 500, '0'), line('Free proof', 1, 0, '20')], totals: { tax: 1, total: 501 } })),
    ).toThrow(/at most 0 here/);
  });
});

describe('rule 4: no invoice of 0.00', () => {
  it('keeps a free line at a rate of its own on the invoice with the largest total, at 0.00', () => {
    // 20%: a print of 1000 (tax 200) and shipping 100 at 20% (tax 20); 5%: a book of 2000 (tax 100);
    // 0%: a complimentary proof at 0. No 0% invoice: the proof joins the largest (5%: 2100),
    // after its goods; the 5% invoice is unchanged in money.
    const drafts = splitOrder(
      order({
        shipping: { amount: 100, tax_rate: '5', tax: null },
        lines: [line('Print', 1, 1000, '20'), line('Complimentary proof', 1, 0, '0'), line('Book', 1, 2000, '5')],
      }),
    );
    expect(figures(drafts)).toEqual([
      { rate: '5', net: 2100, tax: 105, total: 2205 },
      { rate: '20', net: 1000, tax: 200, total: 1200 },
    ]);
    expect(drafts[0]!.lines.map((l) => [l.kind, l.description, l.amount, l.tax])).toEqual([
      ['goods', 'Book', 2000, 100],
      ['goods', 'Complimentary proof', 0, 0],
      ['shipping', 'Shipping', 100, 5],
    ]);
  });

  it('books nothing for an order that comes to nothing, and a free line with free shipping at its rate', () => {
    expect(splitOrder(order({ lines: [line('Free download', 1, 0, '20'), line('Free proof', 2, 0, '0')] }))).toEqual([]);
    expect(splitOrder(order({ shipping: { amount: 0, tax_rate: '0', tax: null }, lines: [line('Free download', 1, 0, '20')] }))).toEqual(
      [],
    );
    // A fully discounted rate keeps its line when shipping follows it: the goods are worth nothing,
    // so shipping is shared equally and both invoices have money on them.
    const drafts = splitOrder(
      order({
        discount: 2000,
        shipping: { amount: 301, tax_rate: null, tax: null },
        lines: [line('Print', 1, 1000, '20'), line('Book', 1, 1000, '5')],
      }),
    );
    expect(drafts.every((d) => d.total > 0)).toBe(true);
  });
});

describe('currencies with 0 and 3 decimals', () => {
  it('splits a JPY order (no minor unit) with the 10% and 8% reduced rates', () => {
    // Inclusive. Values ¥3300 (10%) and ¥1080 (8%), discount ¥500: 376.71 → 376, 123.29 → 123,
    // 1 left → the ¥3300 line: 377. Amounts 2923 and 957.
    // Tax: 2923 × 10/110 = 265.73 → 266 (net 2657); 957 × 8/108 = 70.89 → 71 (net 886).
    const drafts = splitOrder(
      order({
        currency: 'JPY',
        prices_include_tax: true,
        discount: 500,
        lines: [line('Photo book', 1, 3300, '10'), line('Prints', 1, 1080, '8')],
      }),
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
  const cases: Array<[string, PricedSplitInput, RegExp]> = [
    ['no lines', { ...good, lines: [] }, /no lines, so there is nothing to invoice/],
    [
      'a negative unit price',
      { ...good, lines: [line('Print', 1, -5, '20')] },
      /Line 1 \("Print"\): the unit price must be a whole number of minor units, zero or more/,
    ],
    ['a fractional unit price', { ...good, lines: [line('Print', 1, 12.5, '20')] }, /unit price must be a whole number/],
    ['a negative discount', { ...good, discount: -1 }, /discount must be a whole number of minor units, zero or more/],
    ['negative shipping', { ...good, shipping: { amount: -100, tax_rate: null, tax: null } }, /shipping amount must be a whole number/],
    ['a negative stated tax', { ...good, lines: [line('Print', 1, 1000, '20', -3)] }, /tax charged must be a whole number/],
    ['an unknown currency', { ...good, currency: 'XYZ' }, /currency "XYZ" is not an ISO 4217 currency code/],
    [
      'a rate with a comma',
      { ...good, lines: [line('Print', 1, 1000, '7,25')] },
      /tax rate "7,25" is not a percentage written as a decimal string/,
    ],
    ['a rate with a percent sign', { ...good, lines: [line('Print', 1, 1000, '20%')] }, /tax rate "20%"/],
    ['a rate above 100', { ...good, lines: [line('Print', 1, 1000, '100.5')] }, /tax rate "100.5" is not a percentage/],
    [
      'a shipping rate above 100',
      { ...good, shipping: { amount: 100, tax_rate: '100.0001', tax: null } },
      /Shipping: the tax rate "100.0001"/,
    ],
    ['totals that are no amount', { ...good, totals: { tax: -1, total: 1199 } }, /tax charged \(totals.tax\) must be a whole number/],
    [
      'a rate as a number',
      { ...good, lines: [{ ...line('Print', 1, 1000, '20'), tax_rate: 20 as unknown as string }] },
      /tax rate "20" is not a percentage/,
    ],
    [
      'a shipping rate that is no decimal',
      { ...good, shipping: { amount: 100, tax_rate: 'zero', tax: null } },
      /Shipping: the tax rate "zero"/,
    ],
    ['a quantity of zero', { ...good, lines: [line('Print', 0, 1000, '20')] }, /quantity must be a whole number of at least 1, not 0/],
    [
      'a fractional quantity',
      { ...good, lines: [line('Print', 1.5, 1000, '20')] },
      /quantity must be a whole number of at least 1, not 1.5/,
    ],
    ['a discount larger than the goods', { ...good, discount: 1001 }, /discount \(1001 minor units\) is larger than its goods \(1000\)/],
    [
      'included tax above the price',
      { ...good, prices_include_tax: true, lines: [line('Print', 1, 1000, '20', 1001)] },
      /tax charged \(1001 minor units\) is more than its price including tax/,
    ],
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

/**
 * The drafts' goods lines, back in the order's line order (lines of one rate keep their order;
 * the free lines of rates without an invoice come after the goods of the invoice they joined,
 * lowest rate first).
 */
function goodsLinesInOrder(o: PricedSplitInput, drafts: InvoiceDraft[]) {
  const perRate = new Map<number, number>();
  for (const l of o.lines) perRate.set(rateValue(l.tax_rate), (perRate.get(rateValue(l.tax_rate)) ?? 0) + 1);
  const queues = new Map(
    drafts.map((d) => [rateValue(d.tax_rate), d.lines.filter((l) => l.kind === 'goods').slice(0, perRate.get(rateValue(d.tax_rate)) ?? 0)]),
  );
  const folded = drafts.flatMap((d) => d.lines.filter((l) => l.kind === 'goods').slice(perRate.get(rateValue(d.tax_rate)) ?? 0));
  for (const rate of [...perRate.keys()].filter((r) => !queues.has(r)).sort((a, b) => a - b))
    queues.set(rate, folded.splice(0, perRate.get(rate)!));
  return o.lines.map((l) => queues.get(rateValue(l.tax_rate))!.shift()!);
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const roundingLines = (drafts: InvoiceDraft[]) => drafts.flatMap((d) => d.lines.filter((l) => l.kind === 'rounding'));
/** The bound of rule 7: one minor unit per goods line or shipping part above 0 at a rate above 0%. */
const boundOf = (drafts: InvoiceDraft[]) =>
  sumOf(drafts.filter((d) => d.tax_rate !== '0').map((d) => d.lines.filter((l) => l.kind !== 'rounding' && l.amount > 0).length));

describe('properties of the split over random valid orders', () => {
  it('books one rate per invoice, distinct and ordered lowest first, never 0.00, every line once, all with the order’s currency and status', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const drafts = splitOrder(o);
        const rates = drafts.map((d) => rateValue(d.tax_rate));
        expect(rates).toEqual([...rates].sort((a, b) => a - b));
        expect(new Set(rates).size).toBe(rates.length);
        for (const d of drafts) expect(d.total).toBeGreaterThan(0);
        if (drafts.length === 0) {
          // Only an order that comes to nothing has no invoice.
          expect(sumOf(o.lines.map((l) => l.quantity * l.unit_price)) - o.discount + (o.shipping?.amount ?? 0)).toBe(0);
          expect([...o.lines.map((l) => l.tax ?? 0), o.shipping?.tax ?? 0].every((t) => t === 0)).toBe(true);
          return;
        }
        const expectedRates = new Set(o.lines.map((l) => rateValue(l.tax_rate)));
        const s = o.shipping;
        if (s && s.tax_rate !== null && (s.amount > 0 || (s.tax ?? 0) > 0)) expectedRates.add(rateValue(s.tax_rate));
        // Every rate has its invoice, unless all its lines came to nothing (they are on another invoice at 0.00).
        for (const rate of rates) expect(expectedRates.has(rate)).toBe(true);
        const goods = drafts.flatMap((d) => d.lines.filter((l) => l.kind === 'goods'));
        expect(goods).toHaveLength(o.lines.length);
        const missing = o.lines.filter((l) => !rates.includes(rateValue(l.tax_rate)));
        expect(goods.filter((l) => l.amount === 0 && l.tax === 0).length).toBeGreaterThanOrEqual(missing.length);
        if (s && s.tax_rate !== null && !rates.includes(rateValue(s.tax_rate))) expect([s.amount, s.tax ?? 0]).toEqual([0, 0]);
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
        // Charged tax: the stated total, or else each line's tax by the order or by rule 3
        // (checked line by line in the next property).
        const chargedTax = o.tax_total ?? sumOf(drafts.flatMap((d) => d.lines.map((l) => l.tax)));
        const orderTotal = goods - o.discount + shipping + (o.prices_include_tax ? 0 : chargedTax);
        expect(sumOf(drafts.map((d) => d.total))).toBe(orderTotal);
        expect(sumOf(drafts.map((d) => d.tax))).toBe(chargedTax);
      }),
      { numRuns: 300 },
    );
  });

  it('adds up to the totals an independent gallery charged, however it rounded the tax, within the bound', () => {
    // The totals come from the sandbox's own checkout arithmetic (sandbox/world/order-totals.ts).
    fc.assert(
      fc.property(fc.oneof(chargedOrderArb, smallChargedOrderArb), (o) => {
        const drafts = splitOrder(o);
        expect(sumOf(drafts.map((d) => d.total))).toBe(o.totals.total);
        expect(sumOf(drafts.map((d) => d.tax))).toBe(o.totals.tax);
        const rounding = roundingLines(drafts);
        // Rounded per line, as the split does, there is nothing to reconcile: the two agree.
        if (o.rounding === 'per_line' && o.tax_total === null) expect(rounding).toEqual([]);
        const bound = boundOf(drafts);
        expect(Math.abs(sumOf(rounding.map((l) => l.tax)))).toBeLessThanOrEqual(bound);
        expect(Math.abs(sumOf(rounding.map((l) => l.amount)))).toBeLessThanOrEqual(bound);
        for (const d of drafts) {
          const own = d.lines.filter((l) => l.kind === 'rounding');
          expect(own.length).toBeLessThanOrEqual(1);
          if (d.tax_rate === '0') expect(d.tax).toBe(sumOf(d.lines.filter((l) => l.kind !== 'rounding').map((l) => l.tax)));
          if (own[0]) expect(own[0]).toMatchObject({ kind: 'rounding', description: 'Rounding adjustment', quantity: 1 });
        }
      }),
      { numRuns: 600 },
    );
  });

  it('refuses, rather than books, a stated tax beyond one minor unit per taxed line', () => {
    fc.assert(
      fc.property(
        orderArb.map((o) => ({ ...o, tax_total: null })),
        fc.integer({ min: 1, max: 100_000 }),
        fc.boolean(),
        (o, beyond, under) => {
          const drafts = splitOrder(o);
          const tax = sumOf(drafts.map((d) => d.tax));
          const statedTax = tax + (under ? -1 : 1) * (boundOf(drafts) + beyond);
          fc.pre(statedTax >= 0);
          expect(() => splitOrder({ ...o, tax_total: statedTax })).toThrow(/more than rounding can explain/);
          const prices = sumOf(drafts.map((d) => (o.prices_include_tax ? d.total : d.net)));
          expect(() => splitOrder({ ...o, totals: { tax: statedTax, total: prices + (o.prices_include_tax ? 0 : statedTax) } })).toThrow(
            OrderSplitError,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shares the discount by value with largest remainders, and taxes each line by rule 3 unless stated', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const drafts = splitOrder(o);
        if (drafts.length === 0) return; // an order that comes to nothing (the property above)
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

  it('shares shipping exactly: the parts add up to the shipping, and a stated tax follows the tax each part would carry', () => {
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
          // Shipping that follows the goods: a 0% part carries no tax, and a stated tax is shared by
          // largest remainder in proportion to the exact tax of each part at its rate.
          if (o.shipping!.tax_rate === null) for (const p of parts) if (p.rate === '0') expect(p.tax).toBe(0);
          if (o.shipping!.tax_rate === null && o.shipping!.tax !== null && o.shipping!.amount > 0 && o.shipping!.tax > 0) {
            const withParts = drafts.map((d) => ({ rate: d.tax_rate, part: d.lines.find((l) => l.kind === 'shipping') }));
            const weights = withParts.map(({ rate, part }) =>
              exactTaxWeight(
                part?.amount ?? 0,
                rate,
                o.prices_include_tax,
                drafts.map((d) => d.tax_rate),
              ),
            );
            expect(withParts.map(({ part }) => part?.tax ?? 0)).toEqual(referenceSharesBig(o.shipping!.tax, weights));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps each invoice consistent with its lines, with nothing negative but a rounding adjustment', () => {
    fc.assert(
      fc.property(fc.oneof(orderArb, chargedOrderArb), (o) => {
        for (const d of splitOrder(o)) {
          const amount = sumOf(d.lines.map((l) => l.amount));
          const tax = sumOf(d.lines.map((l) => l.tax));
          expect(d.tax).toBe(tax);
          if (o.prices_include_tax) expect([d.total, d.net]).toEqual([amount, amount - tax]);
          else expect([d.net, d.total]).toEqual([amount, amount + tax]);
          expect(Math.min(d.net, d.tax)).toBeGreaterThanOrEqual(0);
          expect(d.total).toBeGreaterThan(0);
          for (const l of d.lines) {
            if (l.kind !== 'rounding') expect(Math.min(l.amount, l.tax)).toBeGreaterThanOrEqual(0);
            expect(Number.isSafeInteger(l.amount) && Number.isSafeInteger(l.tax) && l.quantity >= 1).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows a differing stated tax total as tax on a rounding line of the invoice with the largest total', () => {
    fc.assert(
      fc.property(
        orderArb.filter((o) => o.tax_total !== null),
        (o) => {
          const before = splitOrder({ ...o, tax_total: null });
          const after = splitOrder(o);
          const difference = o.tax_total! - sumOf(before.map((d) => d.tax));
          const rounding = after.flatMap((d, i) => d.lines.filter((l) => l.kind === 'rounding').map((l) => ({ i, l })));
          if (difference === 0) return expect(rounding).toEqual([]);
          // The total follows from the prices and the stated tax, so the line carries tax only.
          expect(rounding.every(({ l }) => l.amount === 0 && before[0]!.tax_rate !== undefined)).toBe(true);
          expect(sumOf(rounding.map(({ l }) => l.tax))).toBe(difference);
          expect(rounding.every(({ i }) => after[i]!.tax_rate !== '0')).toBe(true);
          // On the largest taxed invoice (ties: the lower rate), whole, when it can take it.
          const taxed = before.map((d, i) => ({ d, i })).filter(({ d }) => d.tax_rate !== '0');
          const largest = Math.max(...taxed.map(({ d }) => d.total));
          const target = taxed.find(({ d }) => d.total === largest)!;
          const net = o.prices_include_tax ? target.d.net - difference : target.d.net;
          if (target.d.tax + difference >= 0 && net >= 0 && net + target.d.tax + difference > 0) {
            expect(rounding).toEqual([
              { i: target.i, l: { kind: 'rounding', description: 'Rounding adjustment', quantity: 1, amount: 0, tax: difference } },
            ]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic and leaves the order untouched', () => {
    fc.assert(
      fc.property(fc.oneof(orderArb, chargedOrderArb), (o) => {
        const copy = structuredClone(o);
        const first = splitOrder(o);
        expect(o).toEqual(copy);
        expect(splitOrder(copy)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});

/** The exact tax a part would carry at its rate, over a denominator common to all the order's rates. */
function exactTaxWeight(amount: number, rate: string, include: boolean, allRates: string[]): bigint {
  const [n, _d] = rateFraction(rate);
  // amount × n/(100d) or amount × n/(100d + n); scaled by the product of every rate's denominator.
  const denominator = (r: string) => {
    const [rn, rd] = rateFraction(r);
    return include ? 100n * rd + rn : 100n * rd;
  };
  const common = allRates.reduce((product, r) => product * denominator(r), 1n);
  return (BigInt(amount) * n * common) / denominator(rate);
}

/** Largest remainder with bigint weights the slow, obvious way (ties: the lower index). */
function referenceSharesBig(total: number, weights: bigint[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const exact = weights.map((w, i) => ({ i, share: (BigInt(total) * w) / sum, rem: (BigInt(total) * w) % sum }));
  let leftover = BigInt(total) - exact.reduce((a, e) => a + e.share, 0n);
  for (const e of [...exact].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))) {
    if (leftover === 0n) break;
    e.share += 1n;
    leftover -= 1n;
  }
  return exact.map((e) => Number(e.share));
}

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
