// Find Order: an order by its number or id, with the same fields New Order gives.
import { describe, expect, it } from '@jest/globals';
import App from '../../index.js';
import findOrder from '../../src/orders/find_order.js';
import { sampleGallery } from '../../src/galleries/samples.js';
import { orderItem } from '../../src/orders/order-item.js';
import { sampleOrder } from '../../src/orders/samples.js';
import { failureOf, runOperation } from '../support/index.js';
import { authData, envelope, page, recordRequests } from '../support/api-mock.js';

const find = (inputData: Record<string, unknown>) =>
  runOperation<Array<Record<string, any>>>(findOrder.operation.perform, { authData, inputData });
const requests = recordRequests();

describe('Find Order', () => {
  it('finds an order by its number, with its lines, tax summary and gallery: the item New Order gives', async () => {
    requests
      .api()
      .get('/v1/orders')
      .query({ number: 'PT-1042', limit: '1' })
      .reply(200, page([sampleOrder]));
    requests.api().get(`/v1/galleries/${sampleGallery.id}`).reply(200, sampleGallery);
    const [found] = await find({ number: ' PT-1042 ' });
    expect(found).toEqual(orderItem({ data: { ...sampleOrder, gallery: sampleGallery } }));
    expect(found!.lines.map((line: { description: string }) => line.description)).toEqual([
      'Heirloom Album 30×30 cm, 40 pages',
      'Gallery Canvas 40×50 cm',
    ]);
    const rates = found!.tax_summary as Array<{ tax_rate: string; total: number }>;
    expect(rates.map((rate) => rate.tax_rate)).toEqual(['5', '10']);
    expect(rates.reduce((sum, rate) => sum + rate.total, 0)).toBe(sampleOrder.totals.total);
  });

  it('finds an order by id; the number typed must agree with it', async () => {
    requests
      .api()
      .get(`/v1/orders/${sampleOrder.id}`)
      .times(2)
      .reply(200, { ...sampleOrder, gallery_id: null });
    await expect(find({ order_id: sampleOrder.id })).resolves.toMatchObject([{ id: sampleOrder.id, gallery_name: null, job_ids: [] }]);
    await expect(find({ order_id: sampleOrder.id, number: 'PT-9999' })).resolves.toEqual([]);
  });

  it('finds nothing for an unknown number or id', async () => {
    requests.api().get('/v1/orders').query(true).reply(200, page([]));
    requests.api().get('/v1/orders/ord_gone').reply(404, envelope('not_found', 'No order with id "ord_gone" exists in this studio.'));
    await expect(find({ number: 'PT-0000' })).resolves.toEqual([]);
    await expect(find({ order_id: 'ord_gone' })).resolves.toEqual([]);
  });

  it('still finds the order when its gallery was deleted since', async () => {
    requests
      .api()
      .get('/v1/orders')
      .query(true)
      .reply(200, page([sampleOrder]));
    requests.api().get(`/v1/galleries/${sampleGallery.id}`).reply(404, envelope('not_found', 'No gallery.'));
    await expect(find({ number: 'PT-1042' })).resolves.toMatchObject([
      { id: sampleOrder.id, gallery_id: sampleGallery.id, gallery_name: null },
    ]);
  });

  it('needs a number or an order', async () => {
    const failure = await failureOf(find({ number: '  ' }));
    expect(failure.message).toMatch(/Fill in Order Number or Order/);
    expect(requests.sent).toEqual([]);
  });

  it('has exactly New Order’s output fields', () => {
    expect(findOrder.operation.outputFields).toBe((App.triggers as Record<string, any>).new_order.operation.outputFields);
  });
});
