// The sandbox prices an order as a gallery does, with its own arithmetic (sandbox/world/order-totals.ts),
// never the app's money split: so the app's invoices are checked against an independent figure.
// Tax is rounded per line (default), per rate or once per order, as the studio chose when it was
// created or as the placement of one order says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { orderTotals, OrderTotalsError, taxSummary, type PricedOrder } from '../../sandbox/world/order-totals.js';
import type { Order } from '../../src/contract/orders.js';
import { useSandbox } from '../support/index.js';

const line = (quantity: number, unit_price: number, tax_rate: string, tax: number | null = null) => ({
  quantity,
  unit_price,
  tax_rate,
  tax,
});
const priced = (overrides: Partial<PricedOrder> & Pick<PricedOrder, 'lines'>): PricedOrder => ({
  prices_include_tax: false,
  discount: 0,
  shipping: null,
  tax_total: null,
  ...overrides,
});

/** The demo studio's album and canvas order (prices including tax, £10 off, shipping by net). */
const DEMO_ORDER = priced({
  prices_include_tax: true,
  discount: 1000,
  shipping: { amount: 995, tax_rate: null, tax: null },
  lines: [line(1, 45000, '5'), line(2, 12000, '10')],
});

describe("a gallery's tax per rate (the console's summary)", () => {
  it('shares the demo order by rate, lowest first, adding up to the tax rounded per line', () => {
    const demo = { ...DEMO_ORDER, lines: [...DEMO_ORDER.lines].reverse() };
    const summary = taxSummary(demo);
    expect(summary.map((rate) => rate.tax_rate)).toEqual(['5', '10']);
    expect(summary.reduce((sum, rate) => sum + rate.amount, 0)).toBe(orderTotals(demo).total);
    expect(summary.reduce((sum, rate) => sum + rate.tax, 0)).toBe(orderTotals(demo, 'per_line').tax);
  });

  it('keeps one rate whatever its spelling, and a shipping tax stated without a rate on a row of its own', () => {
    const order = priced({ shipping: { amount: 500, tax_rate: null, tax: 100 }, lines: [line(1, 1000, '5'), line(1, 1000, '5.0')] });
    expect(taxSummary(order)).toEqual([
      { tax_rate: '5', amount: 2000, tax: 100 },
      { tax_rate: null, amount: 500, tax: 100 },
    ]);
  });
});

describe("a gallery's totals, worked by hand", () => {
  it('rounds per line by default: the demo studio order', () => {
    // As in test/domain/tax-split.test.ts: album 45000 at 5%, two canvases of 12000 at 10%, £10 off,
    // £9.95 shipping by net, prices including tax: tax 2112 + 2150 + 31 + 31 = 4324.
    expect(orderTotals(DEMO_ORDER)).toEqual({ goods: 69000, discount: 1000, shipping: 995, tax: 4324, total: 68995 });
  });

  it('rounds per line, per rate or once per order', () => {
    // Three 10-cent lines at 7.25%: 0.725 each → 1, 3 per line; 2.175 → 2 per rate and per order.
    const wallets = priced({ lines: [line(1, 10, '7.25'), line(1, 10, '7.25'), line(1, 10, '7.25')] });
    expect(orderTotals(wallets, 'per_line')).toMatchObject({ tax: 3, total: 33 });
    expect(orderTotals(wallets, 'per_rate')).toMatchObject({ tax: 2, total: 32 });
    expect(orderTotals(wallets, 'per_order')).toMatchObject({ tax: 2, total: 32 });
    // 10 at 5% (0.5) and 10 at 15% (1.5): 1 + 2 = 3 per line and per rate; 2.0 once per order.
    const halves = priced({ lines: [line(1, 10, '5'), line(1, 10, '15')] });
    expect([orderTotals(halves, 'per_line').tax, orderTotals(halves, 'per_rate').tax, orderTotals(halves, 'per_order').tax]).toEqual([
      3, 3, 2,
    ]);
    // "5" and "5.0" are one rate: 10 × 5% twice is 1.0 per rate, 0.5 → 1 twice per line.
    const spelled = priced({ lines: [line(1, 10, '5'), line(1, 10, '5.0')] });
    expect([orderTotals(spelled, 'per_line').tax, orderTotals(spelled, 'per_rate').tax]).toEqual([2, 1]);
  });

  it('keeps the total of prices including tax, whatever the rounding', () => {
    const inclusive = priced({ prices_include_tax: true, lines: [line(1, 10, '7.25'), line(1, 10, '7.25'), line(1, 10, '7.25')] });
    // 10 × 7.25/107.25 = 0.68 → 1 per line, 3; 30 × 7.25/107.25 = 2.03 → 2 per rate.
    expect(orderTotals(inclusive, 'per_line')).toMatchObject({ tax: 3, total: 30 });
    expect(orderTotals(inclusive, 'per_rate')).toMatchObject({ tax: 2, total: 30 });
  });

  it('charges the taxes the order states as stated', () => {
    // A line's stated tax; a stated shipping tax; a stated tax total over everything.
    expect(orderTotals(priced({ lines: [line(1, 1000, '20', 150), line(1, 10, '7.25')] }), 'per_order')).toMatchObject({
      tax: 151,
      total: 1161,
    });
    expect(
      orderTotals(priced({ shipping: { amount: 1000, tax_rate: null, tax: 100 }, lines: [line(1, 1000, '0'), line(1, 1000, '20')] })),
    ).toMatchObject({
      tax: 300,
      total: 3300,
    });
    expect(orderTotals(priced({ tax_total: 200, lines: [line(3, 333, '20')] }), 'per_line')).toMatchObject({ tax: 200, total: 1199 });
  });

  it('shares shipping with a rate of its own whole, and shipping that follows the goods by net', () => {
    // Exclusive; nets 1000 (5%) and 1000 (20%); shipping 101: 51 (tie to the lower rate) and 50.
    // Per line: 50 + 200 + 2.55 → 3 + 10 = 263. Own 0% rate: 50 + 200 + 0 = 250.
    const lines = [line(1, 1000, '20'), line(1, 1000, '5')];
    expect(orderTotals(priced({ shipping: { amount: 101, tax_rate: null, tax: null }, lines }))).toMatchObject({ tax: 263, total: 2364 });
    expect(orderTotals(priced({ shipping: { amount: 101, tax_rate: '0', tax: null }, lines }))).toMatchObject({ tax: 250, total: 2351 });
  });

  it('refuses what no gallery could charge, naming the field', () => {
    const error = (order: PricedOrder) => {
      try {
        orderTotals(order);
      } catch (caught) {
        return caught instanceof OrderTotalsError ? caught.field : caught;
      }
      return null;
    };
    expect(error(priced({ discount: 1001, lines: [line(1, 1000, '20')] }))).toBe('discount');
    expect(error(priced({ prices_include_tax: true, lines: [line(1, 1000, '20', 1001)] }))).toBe('lines');
    expect(
      error(priced({ prices_include_tax: true, shipping: { amount: 10, tax_rate: null, tax: 11 }, lines: [line(1, 1000, '20')] })),
    ).toBe('shipping');
    expect(error(priced({ lines: [line(100_000, Number.MAX_SAFE_INTEGER, '20')] }))).toBe('lines');
  });

  it('shares no code with the app’s money split', () => {
    for (const file of ['sandbox/world/order-totals.ts', 'sandbox/world/orders.ts', 'sandbox/store/orders.ts']) {
      expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')).not.toMatch(/from '[^']*src\/domain\/(tax-split|rational)/);
    }
  });
});

describe('tax rounding chosen per studio and per order, through the API', () => {
  const sandbox = useSandbox();

  const wallets = {
    currency: 'USD',
    prices_include_tax: false,
    payment_status: 'paid',
    client: { email: 'river@example.com', first_name: 'River' },
    lines: [1, 2, 3].map((n) => ({ description: `Wallet print ${n}`, quantity: 1, unit_price: 10, tax_rate: '7.25' })),
  };

  it('rounds per line unless the studio or the order says otherwise, and keeps the choice out of the order', async () => {
    const perLine = await sandbox.api('POST', '/_sandbox/orders', wallets);
    expect(perLine.status).toBe(201);
    expect((perLine.body as Order).totals).toMatchObject({ tax: 3, total: 33 });

    const perRateStudio = await sandbox.newStudio({ name: 'Austin Studio', country: 'US', currency: 'USD', tax_rounding: 'per_rate' });
    const perRate = await perRateStudio.api('POST', '/_sandbox/orders', wallets);
    expect((perRate.body as Order).totals).toMatchObject({ tax: 2, total: 32 });
    // One order of the per-rate studio placed as a per-line gallery would price it.
    const overridden = await perRateStudio.api('POST', '/_sandbox/orders', { ...wallets, tax_rounding: 'per_line' });
    expect((overridden.body as Order).totals).toMatchObject({ tax: 3, total: 33 });
    expect(overridden.body).not.toHaveProperty('tax_rounding');
    const fetched = await perRateStudio.api('GET', `/v1/orders/${(overridden.body as Order).id}`);
    expect(fetched.body).toEqual(overridden.body);
  });

  it('refuses an unknown rounding, naming the field', async () => {
    const studio = await sandbox.api('POST', '/_sandbox/studios', {
      name: 'Odd Studio',
      country: 'GB',
      currency: 'GBP',
      tax_rounding: 'sometimes',
    });
    expect(studio.status).toBe(422);
    expect(studio.body.error.details.map((d: { field: string }) => d.field)).toEqual(['tax_rounding']);
    const order = await sandbox.api('POST', '/_sandbox/orders', { ...wallets, tax_rounding: 'per_invoice' });
    expect(order.status).toBe(422);
    expect(order.body.error.details.map((d: { field: string }) => d.field)).toEqual(['tax_rounding']);
  });
});
