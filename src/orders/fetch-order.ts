// Fetching the order a step works on: an unknown id (or another studio's) says what to do in
// the Zap instead of the API's bare "not found".
import type { ZObject } from 'zapier-platform-core';
import { callApi } from '../api/client.js';
import { brief, isStudioError, studioError } from '../api/errors.js';
import { Order } from '../contract/orders.js';

/** GET /v1/orders/:id; `unchanged` ends the not-found message ("No invoice was created."). */
export async function fetchOrder(z: ZObject, orderId: string, unchanged: string): Promise<Order> {
  try {
    return await callApi(z, Order, { path: `/v1/orders/${encodeURIComponent(orderId)}`, describe: 'order' });
  } catch (error) {
    if (!isStudioError(error, 'not_found')) throw error;
    throw studioError(
      z,
      `Order ${brief(orderId, 60)} was not found in your Studio account. Choose an order from the Order dropdown, ` +
        `or map the Order ID from the New Order trigger. ${unchanged}`,
      'not_found',
      404,
    );
  }
}
