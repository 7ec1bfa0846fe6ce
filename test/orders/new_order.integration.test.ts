// New Order against the sandbox: turn the Zap on, a client orders in a gallery, the signed
// delivery reaches Zapier's URL, the trigger turns it into the order item; turn it off and
// deliveries stop.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { deliveryOf, performList, performOn, shapeOf, startLiveHook, subscribe, type LiveHook } from '../hooks/live.js';
import { runOperation } from '../support/index.js';

let live: LiveHook;
beforeAll(async () => {
  live = await startLiveHook('new_order');
});
afterAll(async () => {
  await live?.stop();
});

const bennettOrder = (payment_status: 'paid' | 'awaiting_payment') => ({
  gallery_id: 'gal_bennett_family',
  currency: 'GBP',
  prices_include_tax: true,
  payment_status,
  client: { email: 'oliver.bennett@example.co.uk', first_name: 'Oliver', last_name: 'Bennett', phone: '07700 900102' },
  lines: [
    { description: 'Giclée print 40×50 cm', quantity: 2, unit_price: 6500, tax_rate: '20' },
    { description: 'Photo book 30 pages', quantity: 1, unit_price: 12000, tax_rate: '0' },
  ],
  discount: 1500,
  shipping: { amount: 795 },
});

async function placeOrder(payment_status: 'paid' | 'awaiting_payment') {
  const placed = await live.sandbox.api('POST', '/_sandbox/orders', bennettOrder(payment_status));
  expect(placed.status).toBe(201);
  return placed.body as { id: string; number: string; totals: { total: number; tax: number } };
}

describe('New Order against the sandbox', () => {
  // Every test turns its own Zap on and off, so none depends on another having run first.
  let subscription: { id: string; secret: string };
  beforeEach(async () => {
    subscription = await subscribe(live);
  });
  afterEach(async () => {
    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
  });

  it('subscribes, receives the signed delivery of a new paid order and triggers once with the full order item', async () => {
    expect(subscription.id).toMatch(/^hook_/);
    const order = await placeOrder('paid');
    const delivery = await deliveryOf(live, order.id);
    expect(delivery.rawRequest.headers['Http-Webhook-Signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(delivery.rawRequest.headers['Http-Webhook-Id']).toBe((delivery.cleanedRequest as { id: string }).id);

    const items = await performOn(live, delivery, subscription);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: order.id,
      number: order.number,
      is_paid: true,
      client: { name: 'Oliver Bennett' },
      gallery_id: 'gal_bennett_family',
      gallery_name: 'Bennett Family Session',
      job_ids: ['job_bennett_family'],
      totals: { total: order.totals.total, tax: order.totals.tax },
    });
    const summary = items[0]!.tax_summary as Array<{ tax_rate: string; total: number; tax: number }>;
    expect(summary.map((rate) => rate.tax_rate)).toEqual(['0', '20']);
    expect(summary.reduce((sum, rate) => sum + rate.total, 0)).toBe(order.totals.total);
    expect(summary.reduce((sum, rate) => sum + rate.tax, 0)).toBe(order.totals.tax);

    // performList (samples, polling fallback) shows the same order exactly as the delivery did.
    const listed = await performList(live, {}, true);
    expect(listed[0]).toEqual(items[0]);
    expect(listed.map(shapeOf)).toEqual(listed.map(() => shapeOf(items[0])));
  });

  it('leaves out an order awaiting payment unless the Zap asks for all orders', async () => {
    const order = await placeOrder('awaiting_payment');
    const delivery = await deliveryOf(live, order.id);
    await expect(performOn(live, delivery, subscription)).resolves.toEqual([]);
    const all = await performOn(live, delivery, subscription, { payment_status: 'all' });
    expect(all).toMatchObject([{ id: order.id, is_paid: false }]);
    const listed = await performList(live, { payment_status: 'all' });
    expect(listed[0]).toEqual(all[0]);
  });

  it('triggers nothing for the real delivery checked with another subscription’s secret', async () => {
    const order = await placeOrder('paid');
    const delivery = await deliveryOf(live, order.id);
    // The app says why in the Zap's log (z.console, which prints to the console under test).
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(performOn(live, delivery, { ...subscription, secret: 'whsec_not_this_zaps_secret_0000' })).resolves.toEqual([]);
      expect(printed.mock.calls.map((args) => String(args[0]))).toContainEqual(
        expect.stringContaining('ignored a webhook delivery because its signature does not match'),
      );
    } finally {
      printed.mockRestore();
    }
  });

  it('still triggers for the real delivery when Zapier runs it ten minutes after it was signed, confirmed through the API', async () => {
    const order = await placeOrder('paid');
    const delivery = await deliveryOf(live, order.id);
    const fresh = await performOn(live, delivery, subscription);
    // Zapier's clock ten minutes on: the sandbox's own signature, untouched, is now stale.
    const realNow = Date.now.bind(Date);
    const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 10 * 60 * 1000);
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const items = await performOn(live, delivery, subscription);
      expect(items).toEqual(fresh);
      expect(items).toMatchObject([{ id: order.id, number: order.number, gallery_name: 'Bennett Family Session' }]);
      expect(printed.mock.calls.map((args) => String(args[0]))).toContainEqual(
        expect.stringContaining('was confirmed through the Studio API'),
      );
    } finally {
      later.mockRestore();
      printed.mockRestore();
    }
  });

  it('shows an order whose client has an internationalised email, delivered and polled', async () => {
    const placed = await live.sandbox.api('POST', '/_sandbox/orders', {
      ...bennettOrder('paid'),
      client: { email: 'josé@example.com', first_name: 'José', last_name: 'Núñez' },
    });
    expect(placed.status).toBe(201);
    const delivery = await deliveryOf(live, placed.body.id);
    await expect(performOn(live, delivery, subscription)).resolves.toMatchObject([
      { id: placed.body.id, client: { email: 'josé@example.com', name: 'José Núñez' } },
    ]);
    const listed = await performList(live);
    expect(listed.find((item) => item.id === placed.body.id)).toMatchObject({ client: { email: 'josé@example.com' } });
  });

  it('stops deliveries once the Zap is turned off', async () => {
    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
    const before = live.inbox.deliveries.length;
    await placeOrder('paid');
    await live.sandbox.webhooksIdle();
    expect(live.inbox.deliveries).toHaveLength(before);
    // Turning it off twice (Zapier retries) is fine: the subscription is already gone.
    await expect(runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription })).resolves.toEqual({
      id: subscription.id,
      removed: false,
    });
  });
});
