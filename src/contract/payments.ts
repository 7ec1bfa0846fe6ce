import { z } from 'zod';
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
});
export type Payment = z.infer<typeof Payment>;
