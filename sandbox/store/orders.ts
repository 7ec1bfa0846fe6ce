// Orders clients place in galleries, as stored. The CRM only reads them (list with since, get); the
// sandbox places them through POST /_sandbox/orders (world/orders.ts), which prices them the way a gallery does
// (world/order-totals.ts, its own arithmetic, not the app's money split), rounding the tax as the
// studio chose (per line by default) or as the placement says.
import type { Order } from '../../src/contract/orders.js';
import { invalidField } from '../errors.js';
import { TaxRounding } from './studios.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';

interface OrderRow {
  body: string;
}

export const orderResource = (row: OrderRow): Order => JSON.parse(row.body) as Order;

/** How the studio's gallery rounds tax (chosen when the studio was created). */
export function studioTaxRounding(db: DatabaseSync, studioId: string): TaxRounding {
  const row = prepared(db, 'SELECT tax_rounding FROM studio_tax_rounding WHERE studio_id = ?').get(studioId) as
    | { tax_rounding: string }
    | undefined;
  const parsed = TaxRounding.safeParse(row?.tax_rounding);
  return parsed.success ? parsed.data : 'per_line';
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

export function assertGalleryExists(db: DatabaseSync, studioId: string, galleryId: string | null | undefined): void {
  if (galleryId == null) return;
  if (prepared(db, 'SELECT 1 FROM galleries WHERE studio_id = ? AND id = ?').get(studioId, galleryId) === undefined) {
    throw invalidField('gallery_id', `no gallery ${galleryId} exists in this studio`);
  }
}

/** What GET /v1/orders filters by (each one given narrows the list). */
export interface OrderFilter {
  /** Placed at or after this instant (normalised). */
  since?: string;
  galleryId?: string;
  /** The order number, any letter case. */
  number?: string;
  paymentStatus?: string;
}

export function listOrders(db: DatabaseSync, studioId: string, filter: OrderFilter, page: PageRequest): Page<Order> {
  const where = ['studio_id = ?'];
  const params: string[] = [studioId];
  if (filter.since !== undefined) {
    where.push('placed_at >= ?');
    params.push(filter.since);
  }
  if (filter.galleryId !== undefined) {
    where.push('gallery_id = ?');
    params.push(filter.galleryId);
  }
  if (filter.number !== undefined) {
    where.push('number = ? COLLATE NOCASE');
    params.push(filter.number);
  }
  if (filter.paymentStatus !== undefined) {
    where.push('payment_status = ?');
    params.push(filter.paymentStatus);
  }
  return keysetPage(db, { from: 'orders', select: 'body', sort: 'placed_at', where, params }, page, orderResource);
}
