import * as z from 'zod';
import { CurrencyCode, Id, MinorUnits, TaxRate, Timestamp } from './primitives.js';

export const InvoiceStatus = z.enum(['open', 'paid', 'void']);
export const InvoiceLineKind = z.enum(['goods', 'shipping', 'rounding']);

export const InvoiceLine = z.object({
  kind: InvoiceLineKind.meta({
    description:
      '`goods`, `shipping`, or `rounding` (the only kind whose amount or tax may be negative: a gallery’s rounding that charged less than the lines’ own tax).',
  }),
  description: z.string(),
  quantity: z.number().int().positive(),
  /** The line's amount, as priced on the invoice (tax included or not). */
  amount: MinorUnits.meta({
    description:
      'The line’s total (quantity × unit price, after its share of any discount), not a unit price; priced as the invoice is: tax included when `prices_include_tax` is true.',
  }),
  tax: MinorUnits.meta({ description: 'The tax in (or on) `amount`, at the invoice’s `tax_rate`: 0 on a 0% invoice.' }),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

const InvoiceFigures = {
  tax_rate: TaxRate.meta({
    description:
      'The one rate of the invoice, in percent (`"20"`, `"0"`). The tax must fit it: none at 0%; above, within one minor unit per item and per line of the rate applied to the goods and shipping lines.',
  }),
  currency: CurrencyCode,
  prices_include_tax: z.boolean(),
  net: MinorUnits,
  tax: MinorUnits,
  total: MinorUnits,
  status: InvoiceStatus,
  lines: z.array(InvoiceLine).min(1),
};

/**
 * Where an invoice's order lives when it is not a Studio order: the app (lower-case, as
 * "shopify" or "pic-time") and the order's reference there. Invoices are listable by it
 * (GET /v1/invoices?source_app=&source_reference=), which is what makes booking an order
 * from another app safe to replay.
 */
export const InvoiceSource = z.object({
  app: z.string().trim().min(1).max(100),
  reference: z.string().trim().min(1).max(200),
  /**
   * The tax rates of every invoice the order was booked as, the same list on each of them (a
   * 20% and a 5% invoice both say ["5", "20"]): a later run tells a booking that stopped
   * half-way (rates still to book) from an order edited since (rates it never had). Optional;
   * stored and returned as sent.
   */
  rates: z.array(TaxRate).max(100).optional(),
});
export type InvoiceSource = z.infer<typeof InvoiceSource>;

export const Invoice = z.object({
  id: Id,
  number: z.string(),
  order_id: Id.nullable(),
  contact_id: Id.nullable(),
  job_id: Id.nullable(),
  /** Absent or null for invoices of Studio orders (and from APIs that predate sources). */
  source: InvoiceSource.nullish(),
  ...InvoiceFigures,
  created_at: Timestamp,
});
export type Invoice = z.infer<typeof Invoice>;

/** POST /v1/invoices */
export const InvoiceCreate = z.object({
  order_id: Id.nullable().optional(),
  contact_id: Id.nullable().optional(),
  job_id: Id.nullable().optional(),
  source: InvoiceSource.nullable().optional(),
  ...InvoiceFigures,
});
export type InvoiceCreate = z.infer<typeof InvoiceCreate>;
