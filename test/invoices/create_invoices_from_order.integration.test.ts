// Create Invoices From Order against the real sandbox: a client places an order in a gallery
// (/_sandbox/orders), the Zap books it through the real app, and the invoices Studio keeps add
// up to what the order charged. Running the step again books nothing new. No nock here.
import { describe, expect, it } from '@jest/globals';
import createInvoicesFromOrder from '../../src/invoices/create_invoices_from_order.js';
import type { invoicesSample } from '../../src/invoices/invoice-output.js';
import type { Invoice } from '../../src/contract/invoices.js';
import type { Order } from '../../src/contract/orders.js';
import { failureOf, runOperation, useSandbox } from '../support/index.js';

type Output = typeof invoicesSample;
const sandbox = useSandbox();

const run = (inputData: Record<string, unknown>, authData = sandbox.authData) =>
  runOperation<Output>(createInvoicesFromOrder.operation.perform, { authData, inputData });

async function placeOrder(placement: Record<string, unknown>, api = sandbox.api): Promise<Order> {
  const placed = await api('POST', '/_sandbox/orders', {
    gallery_id: null,
    client: { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart' },
    ...placement,
  });
  expect(placed.status).toBe(201);
  return placed.body as Order;
}

async function invoicesOfOrder(orderId: string, api = sandbox.api): Promise<Invoice[]> {
  const listed = await api('GET', `/v1/invoices?order_id=${orderId}&limit=100`);
  expect(listed.status).toBe(200);
  return listed.body.data as Invoice[];
}

const figures = (invoices: Array<Pick<Invoice, 'tax_rate' | 'net' | 'tax' | 'total' | 'status'>>) =>
  invoices.map(({ tax_rate, net, tax, total, status }) => ({ tax_rate, net, tax, total, status }));
const ids = (invoices: Array<{ id: string }>) => invoices.map((i) => i.id).sort();

describe('Create Invoices From Order, against the sandbox', () => {
  it('books an album (5%) and canvas (10%) order as two paid invoices that add up to the order, once', async () => {
    const order = await placeOrder({
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'paid',
      lines: [
        { description: 'Heirloom Album', quantity: 1, unit_price: 45000, tax_rate: '5' },
        { description: 'Canvas 16x20', quantity: 2, unit_price: 12000, tax_rate: '10' },
      ],
      discount: 1000,
      shipping: { amount: 995, tax_rate: null },
    });
    // The sandbox's totals for this order, and the invoices, as worked by hand in test/domain/tax-split.test.ts.
    expect(order.totals).toEqual({ goods: 69000, discount: 1000, shipping: 995, tax: 4324, total: 68995 });

    const first = await run({ order_id: order.id, contact_id: 'con_amelia_hart', job_id: 'job_hart_wedding' });

    expect([first.invoice_count, first.invoices_created, first.invoices_reused]).toEqual([2, 2, 0]);
    expect(figures(first.invoices)).toEqual([
      { tax_rate: '5', net: 42864, tax: 2143, total: 45007, status: 'paid' },
      { tax_rate: '10', net: 21807, tax: 2181, total: 23988, status: 'paid' },
    ]);
    expect(first.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
    expect(first.order_total).toBe(order.totals.total);
    expect(
      first.invoices.every((i) => i.order_id === order.id && i.contact_id === 'con_amelia_hart' && i.job_id === 'job_hart_wedding'),
    ).toBe(true);

    const stored = await invoicesOfOrder(order.id);
    expect(ids(stored)).toEqual([...first.invoice_ids].sort());
    expect(stored.find((i) => i.tax_rate === '5')!.lines).toEqual([
      { kind: 'goods', description: 'Heirloom Album', quantity: 1, amount: 44348, tax: 2112 },
      { kind: 'shipping', description: 'Shipping', quantity: 1, amount: 659, tax: 31 },
    ]);

    // A Zapier retry or a replayed Zap: nothing new.
    const again = await run({ order_id: order.id, contact_id: 'con_amelia_hart', job_id: 'job_hart_wedding' });
    expect([again.invoices_created, again.invoices_reused]).toEqual([0, 2]);
    expect(again.invoice_ids).toEqual(first.invoice_ids);

    // The same order booked by another Zap for another contact: the existing invoices, untouched.
    const elsewhere = await run({ order_id: order.id, contact_id: 'con_oliver_bennett' });
    expect([elsewhere.invoices_created, elsewhere.invoices_reused]).toEqual([0, 2]);
    expect(elsewhere.invoice_ids).toEqual(first.invoice_ids);
    expect(elsewhere.invoices.map((i) => i.contact_id)).toEqual(['con_amelia_hart', 'con_amelia_hart']);

    expect(ids(await invoicesOfOrder(order.id))).toEqual(ids(stored));
  });

  it('books an order awaiting offline payment as open invoices', async () => {
    const order = await placeOrder({
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'awaiting_payment',
      lines: [{ description: 'Digital download – 10 images', quantity: 1, unit_price: 9500, tax_rate: '20' }],
    });
    const output = await run({ order_id: order.id });
    // 9500 × 20/120 = 1583.33 → 1583 tax, net 7917.
    expect(figures(output.invoices)).toEqual([{ tax_rate: '20', net: 7917, tax: 1583, total: 9500, status: 'open' }]);
    expect(output.invoices[0]!.total).toBe(order.totals.total);
  });

  it('shows a stated tax total on a rounding line, and Studio accepts the invoices', async () => {
    // Prices excluding tax; three prints of 333 at 20% are taxed 67 each (201), but the gallery
    // stated 200 (on the total): a −1 rounding adjustment of the tax on the only invoice, whose
    // tax is then the 200 charged. (It used to take the 1 off the net and keep the tax at 201.)
    const order = await placeOrder({
      currency: 'GBP',
      prices_include_tax: false,
      payment_status: 'paid',
      lines: [
        { description: 'Print 5x7, Golden Hour', quantity: 1, unit_price: 333, tax_rate: '20' },
        { description: 'Print 5x7, First Dance', quantity: 1, unit_price: 333, tax_rate: '20' },
        { description: 'Print 5x7, Confetti', quantity: 1, unit_price: 333, tax_rate: '20' },
      ],
      tax_total: 200,
    });
    const output = await run({ order_id: order.id });
    expect(order.totals).toMatchObject({ tax: 200, total: 1199 });
    expect(figures(output.invoices)).toEqual([{ tax_rate: '20', net: 999, tax: 200, total: 1199, status: 'paid' }]);
    expect(output.invoices[0]!.lines.at(-1)).toMatchObject({ kind: 'rounding', description: 'Rounding adjustment', amount: 0, tax: -1 });
    expect(output.invoices[0]!.total).toBe(order.totals.total); // 999 + 200 as charged
  });

  it('books a per-rate-rounding studio’s order so the invoices add up exactly to its totals, with a rounding line', async () => {
    // A gallery that rounds tax once per rate: three 10-cent prints at 7.25% are 30 × 7.25% =
    // 2.175 → 2 of tax, 32 in all (the app's per-line tax would be 3 × 1 = 3, 33 in all).
    const austin = await sandbox.newStudio({ name: 'Austin Studio', country: 'US', currency: 'USD', tax_rounding: 'per_rate' });
    const order = await placeOrder(
      {
        currency: 'USD',
        prices_include_tax: false,
        payment_status: 'paid',
        lines: [1, 2, 3].map((n) => ({ description: `Wallet print ${n}`, quantity: 1, unit_price: 10, tax_rate: '7.25' })),
      },
      austin.api,
    );
    expect(order.totals).toEqual({ goods: 30, discount: 0, shipping: 0, tax: 2, total: 32 });

    const output = await run({ order_id: order.id }, austin.authData);
    expect(figures(output.invoices)).toEqual([{ tax_rate: '7.25', net: 30, tax: 2, total: 32, status: 'paid' }]);
    const stored = await invoicesOfOrder(order.id, austin.api);
    expect(stored[0]!.lines.map((l) => [l.kind, l.amount, l.tax])).toEqual([
      ['goods', 10, 1],
      ['goods', 10, 1],
      ['goods', 10, 1],
      ['rounding', 0, -1],
    ]);
    expect(stored[0]!.lines.at(-1)).toMatchObject({ description: 'Rounding adjustment', quantity: 1 });
    expect(stored.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
    expect(stored.reduce((sum, i) => sum + i.tax, 0)).toBe(order.totals.tax);
  });

  it('books an order whose gallery rounded once per order, prices including tax, across rates and shipping', async () => {
    // The demo studio rounds per line; this order says its gallery rounded once on the whole order.
    // Exact taxes: 45/6 = 7.5 twice (20%), 109 × 7/107 = 7.13, 95 × 5/105 = 4.52; shipping 97 by net
    // → 33 (5%), 37 (7%), 27 (20%), taxed 1.57, 2.42, 4.5. Per line: 8 + 8 + 7 + 5 + 2 + 2 + 5 = 37;
    // once on the order: 35.15 → 35. The total is the prices either way: 294 + 97 = 391.
    const lines = [
      { description: 'Mini print', quantity: 3, unit_price: 15, tax_rate: '20' },
      { description: 'Mini print', quantity: 3, unit_price: 15, tax_rate: '20' },
      { description: 'Mini book', quantity: 1, unit_price: 109, tax_rate: '7' },
      { description: 'Sticker', quantity: 5, unit_price: 19, tax_rate: '5' },
    ];
    const placement = {
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'paid',
      lines,
      shipping: { amount: 97, tax_rate: null },
    };
    const perLine = await placeOrder(placement);
    const perOrder = await placeOrder({ ...placement, tax_rounding: 'per_order' });
    expect([perLine.totals.tax, perLine.totals.total]).toEqual([37, 391]);
    expect([perOrder.totals.tax, perOrder.totals.total]).toEqual([35, 391]);
    expect(perOrder).not.toHaveProperty('tax_rounding');

    const plain = await run({ order_id: perLine.id });
    expect(plain.invoices.flatMap((i) => i.lines).some((l) => l.kind === 'rounding')).toBe(false);
    const output = await run({ order_id: perOrder.id });
    const rounding = output.invoices.flatMap((i) => i.lines.filter((l) => l.kind === 'rounding'));
    expect(rounding).toHaveLength(1);
    expect(rounding[0]).toMatchObject({ amount: 0, tax: -2 });
    expect(output.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(perOrder.totals.total);
    expect(output.invoices.reduce((sum, i) => sum + i.tax, 0)).toBe(perOrder.totals.tax);
  });

  it('books a stated shipping tax on the taxed rates only, never on the 0% invoice', async () => {
    const order = await placeOrder({
      currency: 'GBP',
      prices_include_tax: false,
      payment_status: 'paid',
      lines: [
        { description: 'Export print', quantity: 1, unit_price: 1000, tax_rate: '0' },
        { description: 'Print 8x10', quantity: 1, unit_price: 1000, tax_rate: '20' },
      ],
      shipping: { amount: 1000, tax_rate: null, tax: 100 },
    });
    expect(order.totals).toEqual({ goods: 2000, discount: 0, shipping: 1000, tax: 300, total: 3300 });
    const output = await run({ order_id: order.id });
    expect(figures(output.invoices)).toEqual([
      { tax_rate: '0', net: 1500, tax: 0, total: 1500, status: 'paid' },
      { tax_rate: '20', net: 1500, tax: 300, total: 1800, status: 'paid' },
    ]);
  });

  it('refuses an order whose tax no rounding can explain, and books nothing', async () => {
    // The gallery says it charged 100,000 of tax on a 1,000 order.
    const order = await placeOrder({
      currency: 'GBP',
      prices_include_tax: false,
      payment_status: 'paid',
      lines: [{ description: 'Canvas 16x20', quantity: 1, unit_price: 1000, tax_rate: '20' }],
      tax_total: 100_000,
    });
    expect(order.totals).toMatchObject({ tax: 100_000, total: 101_000 });
    const failure = await failureOf(run({ order_id: order.id }));
    expect(failure.code).toBe('invalid_order');
    expect(failure.message).toMatch(
      new RegExp(
        `^Order ${order.number} \\(${order.id}\\) cannot be booked as invoices, and none was created: check its figures where it was placed .*more than rounding can explain`,
      ),
    );
    expect(await invoicesOfOrder(order.id)).toEqual([]);
  });

  it('books the seeded demo orders, each adding up to its totals, shipping with its own 0% rate included', async () => {
    for (const orderId of ['ord_hart_album_canvas', 'ord_bennett_prints', 'ord_bennett_wall_art']) {
      const order = (await sandbox.api('GET', `/v1/orders/${orderId}`)).body as Order;
      const output = await run({ order_id: orderId });
      expect(output.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
      expect(output.invoices.reduce((sum, i) => sum + i.tax, 0)).toBe(order.totals.tax);
    }
    const wallArt = await invoicesOfOrder('ord_bennett_wall_art');
    expect(wallArt.map((i) => i.tax_rate).sort()).toEqual(['0', '20']);
    expect(wallArt.find((i) => i.tax_rate === '0')!.lines).toEqual([
      { kind: 'shipping', description: 'Shipping', quantity: 1, amount: 795, tax: 0 },
    ]);
  });

  it('books a JPY order in yen and a KWD order in fils, in studios of those currencies', async () => {
    const tokyo = await sandbox.newStudio({ name: 'Tokyo Studio', country: 'JP', currency: 'JPY' });
    const jpy = await placeOrder(
      {
        currency: 'JPY',
        prices_include_tax: true,
        payment_status: 'paid',
        discount: 500,
        lines: [
          { description: 'Photo book', quantity: 1, unit_price: 3300, tax_rate: '10' },
          { description: 'Prints', quantity: 1, unit_price: 1080, tax_rate: '8' },
        ],
      },
      tokyo.api,
    );
    const yen = await run({ order_id: jpy.id }, tokyo.authData);
    expect(figures(yen.invoices)).toEqual([
      { tax_rate: '8', net: 886, tax: 71, total: 957, status: 'paid' },
      { tax_rate: '10', net: 2657, tax: 266, total: 2923, status: 'paid' },
    ]);
    expect(yen.order_total_formatted).toBe('JPY 3,880');

    const kuwait = await sandbox.newStudio({ name: 'Kuwait Studio', country: 'KW', currency: 'KWD' });
    const kwd = await placeOrder(
      {
        currency: 'KWD',
        prices_include_tax: false,
        payment_status: 'paid',
        shipping: { amount: 1000, tax_rate: null },
        lines: [
          { description: 'Album', quantity: 1, unit_price: 12345, tax_rate: '5' },
          { description: 'Canvas', quantity: 2, unit_price: 3250, tax_rate: '15' },
        ],
      },
      kuwait.api,
    );
    const fils = await run({ order_id: kwd.id }, kuwait.authData);
    expect(figures(fils.invoices)).toEqual([
      { tax_rate: '5', net: 13000, tax: 650, total: 13650, status: 'paid' },
      { tax_rate: '15', net: 6845, tax: 1027, total: 7872, status: 'paid' },
    ]);
    expect(fils.order_total_formatted).toBe('KWD 21.522');
    // Another studio's order is not this studio's to book.
    await expect(run({ order_id: kwd.id })).rejects.toThrow(/was not found in your Studio account/);
  });
});
