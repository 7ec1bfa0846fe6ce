import * as z from 'zod';
import { CurrencyCode, Email, Id, NonNegativeMinorUnits, TaxRate, Timestamp } from './primitives.js';

export const PaymentStatus = z.enum(['paid', 'awaiting_payment']);

export const OrderClient = z.object({
  email: Email,
  first_name: z.string(),
  last_name: z.string(),
  /** As the client typed it; not necessarily E.164. */
  phone: z.string().nullable(),
});
export type OrderClient = z.infer<typeof OrderClient>;

export const OrderLine = z.object({
  id: Id,
  description: z.string(),
  quantity: z.number().int().positive(),
  /** Per unit, tax included or not as the order's prices_include_tax says. */
  unit_price: NonNegativeMinorUnits,
  tax_rate: TaxRate,
  /** Tax the gallery charged for this line, when it says so. */
  tax: NonNegativeMinorUnits.nullable(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderShipping = z.object({
  amount: NonNegativeMinorUnits,
  /** null: shipping follows the goods (split across their rates). */
  tax_rate: TaxRate.nullable(),
  tax: NonNegativeMinorUnits.nullable(),
});
export type OrderShipping = z.infer<typeof OrderShipping>;

export const OrderTotals = z.object({
  /** Sum of quantity × unit price. */
  goods: NonNegativeMinorUnits,
  discount: NonNegativeMinorUnits,
  shipping: NonNegativeMinorUnits,
  /** Tax charged (included in the prices or added to them). */
  tax: NonNegativeMinorUnits,
  /** What the client pays. */
  total: NonNegativeMinorUnits,
});

export const Order = z.object({
  id: Id,
  number: z.string(),
  gallery_id: Id.nullable(),
  placed_at: Timestamp,
  currency: CurrencyCode,
  prices_include_tax: z.boolean(),
  payment_status: PaymentStatus,
  client: OrderClient,
  lines: z.array(OrderLine).min(1),
  /** Order-level discount, shared across the lines in proportion to their value. */
  discount: NonNegativeMinorUnits,
  shipping: OrderShipping.nullable(),
  /** The tax total the gallery states it charged, when it states one. */
  tax_total: NonNegativeMinorUnits.nullable(),
  totals: OrderTotals,
});
export type Order = z.infer<typeof Order>;
