// Find Order: a gallery order by its number (as the client and the studio see it, "ORD-1042")
// or its id, with its lines and the per-rate tax summary: the same fields New Order gives, so
// a Zap can start from an order number typed in a form or an email.
import { defineInputFields, defineSearch, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, describeIssues, listPage } from '../api/client.js';
import { isNotFoundError, isStudioError } from '../api/errors.js';
import { optional, parseInput } from '../api/input.js';
import { Gallery } from '../contract/galleries.js';
import { Order } from '../contract/orders.js';
import { Empty } from '../contract/primitives.js';
import { sampleGallery } from '../galleries/samples.js';
import { fetchOrder } from './fetch-order.js';
import newOrder from './new_order.js';
import { orderItem, taxSummary } from './order-item.js';
import { sampleOrder } from './samples.js';

const inputFields = defineInputFields([
  {
    key: 'number',
    label: 'Order Number',
    type: 'string',
    required: false,
    helpText: 'The order number as the client sees it, e.g. `ORD-1042` (capitals and surrounding spaces ignored).',
  },
  {
    key: 'order_id',
    label: 'Order',
    type: 'string',
    required: false,
    dynamic: 'list_orders.id.name',
    helpText: 'Or the order itself: choose it, or map an Order ID from an earlier step.',
  },
]);

const FindOrderInput = zod
  .object({ number: optional(zod.string().trim().max(100, 'must be at most 100 characters')), order_id: optional(zod.string().trim()) })
  .refine((input) => input.number !== undefined || input.order_id !== undefined, {
    message: 'Fill in Order Number or Order to say which order to find',
  });

async function orderById(z: ZObject, id: string): Promise<Order | null> {
  try {
    return await fetchOrder(z, id, '');
  } catch (error) {
    if (isStudioError(error, 'not_found')) return null;
    throw error;
  }
}

async function orderByNumber(z: ZObject, number: string): Promise<Order | null> {
  const page = await listPage(z, Order, { path: '/v1/orders', query: { number }, limit: 1, describe: 'list of orders', everyRecord: true });
  return page.data[0] ?? null;
}

/**
 * The order's gallery, for its name, URL and linked jobs: null when it has none, it no longer
 * exists, or it cannot be read (logged with the field): the order is still found.
 */
async function galleryOf(z: ZObject, order: Order): Promise<Gallery | null> {
  if (!order.gallery_id) return null;
  const path = `/v1/galleries/${encodeURIComponent(order.gallery_id)}`;
  let raw: unknown;
  try {
    raw = await callApi(z, Empty, { path, describe: 'gallery' });
  } catch (error) {
    if (isNotFoundError(error)) return null;
    throw error;
  }
  const gallery = Gallery.safeParse(raw);
  if (gallery.success) return gallery.data;
  z.console.log(
    `Find Order: the gallery at ${path} cannot be read by this integration (${describeIssues(gallery.error)}); the order comes without it.`,
  );
  return null;
}

/** The order's item, with its gallery (one request more when it has one). */
async function findOrderItem(z: ZObject, order: Order) {
  const summary = taxSummary(order);
  if (summary.problem) z.console.log(`Find Order: no tax summary for order ${order.number}: ${summary.problem}`);
  return orderItem({ data: { ...order, gallery: await galleryOf(z, order) } }, summary);
}

export default defineSearch({
  key: 'find_order',
  noun: 'Order',
  display: {
    label: 'Find Order',
    description: 'Finds a gallery order by its number or ID, with its lines and the tax summary per rate.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, FindOrderInput, bundle.inputData, inputFields);
      const order = input.order_id ? await orderById(z, input.order_id) : await orderByNumber(z, input.number!);
      // Both given: they must name the same order.
      if (!order || (input.number && order.number.toUpperCase() !== input.number.toUpperCase())) return [];
      return [await findOrderItem(z, order)];
    },
    sample: orderItem({ data: { ...sampleOrder, gallery: sampleGallery } }),
    outputFields: newOrder.operation.outputFields,
  },
});
