import * as z from 'zod';
import { CurrencyCode, Id, MinorUnits, Timestamp } from './primitives.js';

export const Payment = z.object({
  id: Id,
  job_id: Id,
  contact_id: Id,
  amount: MinorUnits.positive(),
  currency: CurrencyCode,
  method: z.string().nullable(),
  received_at: Timestamp,
  /** true for the first payment ever received on the job (the booking deposit). */
  is_first_payment: z.boolean(),
  /**
   * The payment provider it was taken by ("Stripe", "Square", "PayPal") and its reference there
   * (a charge or payment id); absent or null for payments taken in the CRM. GET
   * /v1/payments?provider=&provider_reference= finds a payment by them.
   */
  provider: z.string().nullish(),
  provider_reference: z.string().nullish(),
});
export type Payment = z.infer<typeof Payment>;

/**
 * POST /v1/payments: a payment taken outside the CRM, recorded on a job (its contact is the
 * job's). It fires payment.received like any payment. A provider and reference another payment
 * of the studio has already are refused (409 `payment_exists`).
 */
export const PaymentCreate = z.object({
  job_id: Id,
  amount: MinorUnits.positive(),
  currency: CurrencyCode,
  method: z.string().trim().min(1).max(50).nullable().optional(),
  provider: z.string().trim().min(1).max(50),
  provider_reference: z.string().trim().min(1).max(200),
  /** When the provider took it; now when absent. */
  received_at: Timestamp.optional(),
});
export type PaymentCreate = z.infer<typeof PaymentCreate>;
