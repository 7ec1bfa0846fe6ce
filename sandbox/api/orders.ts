// /v1/orders: list and get (orders are placed from outside the CRM: world/simulation.ts).
import type { FastifyInstance } from 'fastify';
import { PaymentStatus } from '../../src/contract/orders.js';
import { callerOf, type SandboxContext } from '../context.js';
import { invalidField, notFound } from '../errors.js';
import { normaliseTimestamp } from '../store/ids.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { pathParam } from './validation.js';
import { findOrder } from '../store/orders.js';
import { listOrders, type OrderFilter } from '../store/orders.js';

export function registerOrderRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/orders', { config: { scope: 'orders:read' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: OrderFilter = {};
    const since = queryParam(query, 'since');
    if (since !== undefined && since !== '') {
      const normalised = normaliseTimestamp(since);
      if (!normalised) throw invalidField('since', 'must be an ISO 8601 timestamp with a time zone, such as "2026-05-01T10:00:00Z"');
      filter.since = normalised;
    }
    const galleryId = queryParam(query, 'gallery_id');
    if (galleryId !== undefined && galleryId !== '') filter.galleryId = galleryId;
    const number = queryParam(query, 'number');
    if (number !== undefined && number.trim() !== '') filter.number = number.trim();
    const paymentStatus = queryParam(query, 'payment_status');
    if (paymentStatus !== undefined && paymentStatus !== '') {
      if (!PaymentStatus.safeParse(paymentStatus).success)
        throw invalidField('payment_status', `must be one of ${PaymentStatus.options.join(', ')}`);
      filter.paymentStatus = paymentStatus;
    }
    return listOrders(ctx.db, studioId, filter, pageRequest(query));
  });

  api.get('/v1/orders/:id', { config: { scope: 'orders:read' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const order = findOrder(ctx.db, studioId, id);
    if (!order) throw notFound('order', id);
    return order;
  });
}
