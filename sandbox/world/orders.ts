// Placing an order as a gallery client does: POST /_sandbox/orders' body, and the stored order
// built from it (ids, number, totals priced by order-totals.ts, its own arithmetic, not the app's
// money split), its tax rounded as the studio chose (per line by default) or as the placement says.
import * as z from 'zod';
import { CurrencyCode, Email, Id, NonNegativeMinorUnits, TaxRate, Timestamp } from '../../src/contract/primitives.js';
import { PaymentStatus, type Order } from '../../src/contract/orders.js';
import { invalidField } from '../errors.js';
import { newId, nextNumber, normaliseTimestamp, nowIso } from '../store/ids.js';
import { studioTaxRounding } from '../store/orders.js';
import { TaxRounding } from '../store/studios.js';
import { OrderTotalsError, orderTotals as galleryTotals, type PricedOrder } from './order-totals.js';
import type { DatabaseSync } from '../store/sqlite.js';

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

/** The order's totals as the gallery charged them, its tax rounded per line unless told otherwise. */
export function orderTotals(order: PricedOrder, rounding: TaxRounding = 'per_line'): Order['totals'] {
  return galleryTotals(order, rounding);
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
