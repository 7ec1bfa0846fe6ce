// New Order: a client orders prints in a gallery; the studio's Zap gets the order once, with
// money ready to map and the jobs the gallery belongs to. The event embeds the gallery, so a
// delivery makes no request and a poll one per page of events.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleGallery } from '../../src/galleries/samples.js';
import type { OrderCreatedEvent } from '../../src/contract/hooks.js';
import { sampleOrder, sampleOrderCreatedEvent } from '../../src/orders/samples.js';
import { delivery, operationsOf, runOperation } from '../support/index.js';
import { API } from '../support/api-mock.js';

const newOrder = operationsOf('new_order');
const authData = { access_token: 'at-orders' };

function orderEvent(id: string, changes: Partial<Record<keyof OrderCreatedEvent['data'], unknown>> = {}): OrderCreatedEvent {
  return {
    ...sampleOrderCreatedEvent,
    id: `evt_${id}`,
    data: { ...sampleOrderCreatedEvent.data, id: `ord_${id}`, number: `PT-${id}`, ...changes } as OrderCreatedEvent['data'],
  };
}

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

describe('New Order', () => {
  it('delivers a paid order with formatted money, the per-rate tax summary and the gallery’s job links, without a request', async () => {
    const [item] = (await runOperation(newOrder.perform, { authData, ...delivery(sampleOrderCreatedEvent).bundle })) as Array<
      Record<string, unknown>
    >;
    expect(item).toMatchObject({
      id: 'ord_7Hk2Qm9x',
      number: 'PT-1042',
      payment_status: 'paid',
      is_paid: true,
      client: { email: 'emma.harper@example.com', name: 'Emma Harper', phone: '07700 900123' },
      discount: 1000,
      discount_formatted: 'GBP 10.00',
      shipping: { amount: 995, amount_formatted: 'GBP 9.95', tax_rate: null, tax: null },
      totals: {
        goods: 69000,
        tax: 4324,
        total: 68995,
        total_formatted: 'GBP 689.95',
        tax_formatted: 'GBP 43.24',
        goods_formatted: 'GBP 690.00',
      },
      // One entry per rate, as the invoices will be booked: 5% (the album) and 10% (the canvases).
      tax_summary: [
        { tax_rate: '5', net: 42864, tax: 2143, total: 45007, total_formatted: 'GBP 450.07' },
        { tax_rate: '10', net: 21807, tax: 2181, total: 23988, total_formatted: 'GBP 239.88' },
      ],
      gallery_id: 'gal_3Vx8Lp2a',
      gallery_name: 'Emma & James Wedding',
      gallery_url: 'https://gallery.northlight.example/emma-james-wedding',
      job_ids: ['job_5Rt7Wq2e'],
    });
    expect((item!.lines as unknown[])[0]).toEqual({
      id: 'oln_4Fs9Tb1q',
      description: 'Heirloom Album 30×30 cm, 40 pages',
      quantity: 1,
      unit_price: 45000,
      unit_price_formatted: 'GBP 450.00',
      unit_price_decimal: '450.00',
      line_total: 45000,
      line_total_formatted: 'GBP 450.00',
      line_total_decimal: '450.00',
      tax_rate: '5',
      tax: null,
    });
  });

  it('gives a sample (performList) exactly the item a live delivery of the same order gives', async () => {
    const live = await runOperation(newOrder.perform, { authData, ...delivery(sampleOrderCreatedEvent).bundle });
    nock(API)
      .get('/v1/events')
      .query({ type: 'order.created', limit: '100' })
      .reply(200, { data: [sampleOrderCreatedEvent], next_cursor: null });
    const listed = await runOperation(newOrder.performList, { authData, meta: { isLoadingSample: true } });
    expect(listed).toEqual(live);
  });

  it('skips orders awaiting payment by default', async () => {
    const unpaid = orderEvent('2001', { payment_status: 'awaiting_payment' });
    await expect(runOperation(newOrder.perform, { authData, ...delivery(unpaid).bundle })).resolves.toEqual([]);
  });

  it('includes orders awaiting payment when the user picks "All orders"', async () => {
    const unpaid = orderEvent('2002', { payment_status: 'awaiting_payment' });
    const items = (await runOperation(newOrder.perform, {
      authData,
      inputData: { payment_status: 'all' },
      ...delivery(unpaid).bundle,
    })) as Array<Record<string, unknown>>;
    expect(items).toMatchObject([{ id: 'ord_2002', payment_status: 'awaiting_payment', is_paid: false }]);
  });

  it('only fires for the chosen gallery', async () => {
    const elsewhere = orderEvent('2003', { gallery_id: 'gal_other' });
    await expect(
      runOperation(newOrder.perform, { authData, inputData: { gallery_id: 'gal_3Vx8Lp2a' }, ...delivery(elsewhere).bundle }),
    ).resolves.toEqual([]);
    await expect(
      runOperation(newOrder.perform, { authData, inputData: { gallery_id: 'gal_3Vx8Lp2a' }, ...delivery(sampleOrderCreatedEvent).bundle }),
    ).resolves.toHaveLength(1);
  });

  it('applies the same filters to listed orders and reads further pages to find matches, one request per page', async () => {
    const page1 = [
      orderEvent('3005', { payment_status: 'awaiting_payment' }),
      orderEvent('3004'),
      orderEvent('3003', { gallery_id: 'gal_other' }),
    ];
    const page2 = [orderEvent('3002'), orderEvent('3001', { payment_status: 'awaiting_payment' })];
    nock(API).get('/v1/events').query({ type: 'order.created', limit: '100' }).reply(200, { data: page1, next_cursor: 'cur_2' });
    nock(API)
      .get('/v1/events')
      .query({ type: 'order.created', limit: '100', cursor: 'cur_2' })
      .reply(200, { data: page2, next_cursor: null });
    const items = (await runOperation(newOrder.performList, {
      authData,
      inputData: { gallery_id: 'gal_3Vx8Lp2a', payment_status: 'paid' },
    })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['ord_3004', 'ord_3002']);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('still fires for an order outside any gallery, with no gallery or job links', async () => {
    const direct = orderEvent('4001', { gallery_id: null, gallery: null });
    const [item] = (await runOperation(newOrder.perform, { authData, ...delivery(direct).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ id: 'ord_4001', gallery_id: null, gallery_name: null, gallery_url: null, job_ids: [] });
  });

  it('still fires when the order’s gallery was deleted before the event (gallery null)', async () => {
    const [item] = (await runOperation(newOrder.perform, { authData, ...delivery(orderEvent('4002', { gallery: null })).bundle })) as Array<
      Record<string, unknown>
    >;
    expect(item).toMatchObject({ gallery_id: 'gal_3Vx8Lp2a', gallery_name: null, job_ids: [] });
  });

  it('fires with an empty tax summary, and logs why, for an order the money split cannot read', async () => {
    const odd = orderEvent('5001', { discount: 99_999_999 });
    const [item] = (await runOperation(newOrder.perform, { authData, ...delivery(odd).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ id: 'ord_5001', tax_summary: [] });
    expect(jest.mocked(console.log).mock.calls.flat().join('\n')).toMatch(/no tax summary for order PT-5001: The order's discount/);
  });

  it('fires for clients whose email real mail systems accept, internationalised ones included', async () => {
    for (const [n, email] of [
      'josé@example.com',
      'ivan@example.xn--p1ai',
      'user@bücher.de',
      'o&neil@example.com',
      '用户@例子.广告',
    ].entries()) {
      const order = orderEvent(`600${n}`, { client: { ...sampleOrder.client, email } });
      const items = (await runOperation(newOrder.perform, { authData, ...delivery(order).bundle })) as Array<Record<string, unknown>>;
      expect(items).toMatchObject([{ id: `ord_600${n}`, client: { email } }]);
    }
  });

  it('polls fine with one order it cannot read among good ones: the rest come through and the odd one is logged by id and field', async () => {
    const odd = orderEvent('7002', { lines: [{ ...sampleOrder.lines[0]!, quantity: 0 }] });
    const page = [orderEvent('7003'), odd, orderEvent('7001', { client: { ...sampleOrder.client, email: 'josé@example.com' } })];
    nock(API).get('/v1/events').query({ type: 'order.created', limit: '100' }).reply(200, { data: page, next_cursor: null });
    const items = (await runOperation(newOrder.performList, { authData })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['ord_7003', 'ord_7001']);
    expect(jest.mocked(console.log).mock.calls.flat().join('\n')).toMatch(
      /left out record evt_7002 \(ord_7002\) of a list of events, which this integration cannot read \(data\.lines\.0\.quantity: /,
    );
  });

  it('still fires, without the gallery’s details, when the embedded gallery cannot be read, and logs the event and field', async () => {
    const odd = orderEvent('8001', { gallery: { ...sampleGallery, image_count: -5 } });
    const [item] = (await runOperation(newOrder.perform, { authData, ...delivery(odd).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ id: 'ord_8001', gallery_id: 'gal_3Vx8Lp2a', gallery_name: null, job_ids: [] });
    expect(jest.mocked(console.log).mock.calls.flat().join('\n')).toMatch(/event evt_8001 came without a readable gallery \(image_count: /);
  });

  it('a poll of 25 orders from 25 different galleries is one request', async () => {
    const page = Array.from({ length: 25 }, (_, n) =>
      orderEvent(`90${n}`, { gallery_id: `gal_${n}`, gallery: { ...sampleGallery, id: `gal_${n}`, name: `Gallery ${n}` } }),
    );
    const api = nock(API).get('/v1/events').query({ type: 'order.created', limit: '100' }).reply(200, { data: page, next_cursor: null });
    const items = (await runOperation(newOrder.performList, { authData })) as Array<{ gallery_name: string }>;
    expect(api.isDone()).toBe(true);
    expect(items.map((item) => item.gallery_name)).toEqual(page.map((_, n) => `Gallery ${n}`));
  });

  it('refuses an unknown payment status option by the name the user sees, before subscribing', async () => {
    await expect(
      runOperation(newOrder.performSubscribe, {
        authData,
        targetUrl: 'https://hooks.zapier.com/x',
        inputData: { payment_status: 'refunded' },
      }),
    ).rejects.toThrow(/Payment Status/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('subscribes to order.created', async () => {
    const api = nock(API).post('/v1/hooks', { target_url: 'https://hooks.zapier.com/x', event: 'order.created' }).reply(201, {
      id: 'hook_O1',
      event: 'order.created',
      target_url: 'https://hooks.zapier.com/x',
      secret: 'whsec_0123456789abcdef',
      created_at: '2026-07-01T10:00:00Z',
    });
    await expect(runOperation(newOrder.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/x' })).resolves.toMatchObject({
      id: 'hook_O1',
      secret: 'whsec_0123456789abcdef',
    });
    expect(api.isDone()).toBe(true);
  });

  it('unsubscribes its own subscription', async () => {
    const api = nock(API).delete('/v1/hooks/hook_O1').reply(204);
    await runOperation(newOrder.performUnsubscribe, { authData, subscribeData: { id: 'hook_O1', secret: 'whsec_0123456789abcdef' } });
    expect(api.isDone()).toBe(true);
  });
});
