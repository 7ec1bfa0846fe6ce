// Orders clients place in galleries. The CRM only reads them (list with since, get); the
// sandbox places them through POST /_sandbox/orders, which prices them the way a gallery does
// (order-totals.ts, its own arithmetic, not the app's money split), rounding the tax as the
// studio chose (per line by default) or as the placement says.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CurrencyCode, Email, Id, NonNegativeMinorUnits, TaxRate, Timestamp } from '../../src/contract/primitives.js';
import { PaymentStatus, type Order } from '../../src/contract/orders.js';
import { callerOf, nextNumber, type SandboxContext } from '../context.js';
import { invalidField, notFound } from '../errors.js';
import { newId, normaliseTimestamp, nowIso } from './ids.js';
import { OrderTotalsError, orderTotals as galleryTotals, TaxRounding, type PricedOrder } from '../world/order-totals.js';
import { keysetPage, pageRequest, queryParam, type Query } from './pagination.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { pathParam } from '../api/validation.js';

const MAX_LINES = 200;

/** POST /_sandbox/orders: an order as a gallery client places it. Money in minor units, never negative. */
export const OrderPlacement = z.strictObject({
  gallery_id: Id.nullable().optional(),
  currency: CurrencyCode,
  prices_include_tax: z.boolean(),
  payment_status: PaymentStatus,
  client: z.strictObject({
    email: Email.max(254),
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().max(100).default(''),
    phone: z.string().trim().max(40).nullable().optional(),
  }),
  lines: z
    .array(
      z.strictObject({
        description: z.string().trim().min(1).max(200),
        quantity: z.number().int().positive().max(100_000),
        unit_price: NonNegativeMinorUnits,
        tax_rate: TaxRate,
        tax: NonNegativeMinorUnits.nullable().optional(),
      }),
    )
    .min(1)
    .max(MAX_LINES),
  discount: NonNegativeMinorUnits.optional(),
  shipping: z
    .strictObject({
      amount: NonNegativeMinorUnits,
      tax_rate: TaxRate.nullable().optional(),
      tax: NonNegativeMinorUnits.nullable().optional(),
    })
    .nullable()
    .optional(),
  tax_total: NonNegativeMinorUnits.nullable().optional(),
  /** When the order was placed (default: now); lets a demo or a test place orders in the past. */
  placed_at: Timestamp.optional(),
  /** How the gallery rounded this order's tax (default: the studio's choice); not part of the order. */
  tax_rounding: TaxRounding.optional(),
});
export type OrderPlacement = z.output<typeof OrderPlacement>;

interface OrderRow {
  body: string;
}

const orderResource = (row: OrderRow): Order => JSON.parse(row.body) as Order;

/** The order's totals as the gallery charged them, its tax rounded per line unless told otherwise. */
export function orderTotals(order: PricedOrder, rounding: TaxRounding = 'per_line'): Order['totals'] {
  return galleryTotals(order, rounding);
}

/** How the studio's gallery rounds tax (chosen when the studio was created). */
export function studioTaxRounding(db: DatabaseSync, studioId: string): TaxRounding {
  const row = prepared(db, 'SELECT tax_rounding FROM studio_tax_rounding WHERE studio_id = ?').get(studioId) as
    | { tax_rounding: string }
    | undefined;
  const parsed = TaxRounding.safeParse(row?.tax_rounding);
  return parsed.success ? parsed.data : 'per_line';
}

/** Builds the stored order (ids, number, totals); throws a 422 when the money does not add up. */
export function buildOrder(
  db: DatabaseSync,
  studioId: string,
  input: OrderPlacement,
  ids: { id?: string; number?: string; lineIds?: string[]; totals?: Order['totals'] } = {},
): Order {
  const id = ids.id ?? newId('ord');
  const order: Omit<Order, 'totals'> = {
    id,
    number: ids.number ?? `ORD-${nextNumber(db, studioId, 'order', 1001)}`,
    gallery_id: input.gallery_id ?? null,
    placed_at: input.placed_at ? (normaliseTimestamp(input.placed_at) ?? nowIso()) : nowIso(),
    currency: input.currency,
    prices_include_tax: input.prices_include_tax,
    payment_status: input.payment_status,
    client: {
      email: input.client.email,
      first_name: input.client.first_name,
      last_name: input.client.last_name,
      phone: input.client.phone ?? null,
    },
    lines: input.lines.map((line, index) => ({
      id: ids.lineIds?.[index] ?? `oli_${id.slice(4)}_${index + 1}`,
      description: line.description,
      quantity: line.quantity,
      unit_price: line.unit_price,
      tax_rate: line.tax_rate,
      tax: line.tax ?? null,
    })),
    discount: input.discount ?? 0,
    shipping: input.shipping
      ? { amount: input.shipping.amount, tax_rate: input.shipping.tax_rate ?? null, tax: input.shipping.tax ?? null }
      : null,
    tax_total: input.tax_total ?? null,
  };
  let totals = ids.totals;
  if (!totals) {
    try {
      totals = orderTotals(order, input.tax_rounding ?? studioTaxRounding(db, studioId));
    } catch (error) {
      if (error instanceof OrderTotalsError) throw invalidField(error.field, error.message);
      throw error;
    }
  }
  if (!Number.isSafeInteger(totals.total)) throw invalidField('lines', 'the order total is too large');
  return { ...order, totals };
}

export function insertOrder(db: DatabaseSync, studioId: string, order: Order): void {
  prepared(db, 'INSERT INTO orders (studio_id, id, number, gallery_id, payment_status, placed_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    studioId,
    order.id,
    order.number,
    order.gallery_id,
    order.payment_status,
    order.placed_at,
    JSON.stringify(order),
  );
}

export function findOrder(db: DatabaseSync, studioId: string, id: string): Order | null {
  const row = prepared(db, 'SELECT body FROM orders WHERE studio_id = ? AND id = ?').get(studioId, id) as OrderRow | undefined;
  return row ? orderResource(row) : null;
}

export function registerOrderRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/orders', { config: { scope: 'orders:read' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const where = ['studio_id = ?'];
    const params: string[] = [studioId];
    const since = queryParam(query, 'since');
    if (since !== undefined && since !== '') {
      const normalised = normaliseTimestamp(since);
      if (!normalised) throw invalidField('since', 'must be an ISO 8601 timestamp with a time zone, such as "2026-05-01T10:00:00Z"');
      where.push('placed_at >= ?');
      params.push(normalised);
    }
    const galleryId = queryParam(query, 'gallery_id');
    if (galleryId !== undefined && galleryId !== '') {
      where.push('gallery_id = ?');
      params.push(galleryId);
    }
    const number = queryParam(query, 'number');
    if (number !== undefined && number.trim() !== '') {
      where.push('number = ? COLLATE NOCASE');
      params.push(number.trim());
    }
    const paymentStatus = queryParam(query, 'payment_status');
    if (paymentStatus !== undefined && paymentStatus !== '') {
      if (!PaymentStatus.safeParse(paymentStatus).success)
        throw invalidField('payment_status', `must be one of ${PaymentStatus.options.join(', ')}`);
      where.push('payment_status = ?');
      params.push(paymentStatus);
    }
    return keysetPage(ctx.db, { from: 'orders', select: 'body', sort: 'placed_at', where, params }, pageRequest(query), orderResource);
  });

  api.get('/v1/orders/:id', { config: { scope: 'orders:read' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const order = findOrder(ctx.db, studioId, id);
    if (!order) throw notFound('order', id);
    return order;
  });
}

export function assertGalleryExists(db: DatabaseSync, studioId: string, galleryId: string | null | undefined): void {
  if (galleryId == null) return;
  if (prepared(db, 'SELECT 1 FROM galleries WHERE studio_id = ? AND id = ?').get(studioId, galleryId) === undefined) {
    throw invalidField('gallery_id', `no gallery ${galleryId} exists in this studio`);
  }
}
