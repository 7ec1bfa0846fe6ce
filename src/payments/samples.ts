// A realistic payment (the booking deposit) and its payment.received event, which embeds
// the payment's job and contact.
import { sampleContact } from '../contacts/samples.js';
import type { PaymentReceivedEvent } from '../contract/hooks.js';
import type { Payment } from '../contract/payments.js';
import { sampleJob } from '../jobs/samples.js';

export const samplePayment = {
  id: 'pay_2Bn6Yt8u',
  job_id: 'job_5Rt7Wq2e',
  contact_id: sampleContact.id,
  amount: 50000,
  currency: 'GBP',
  method: 'card',
  received_at: '2026-01-20T11:02:33Z',
  is_first_payment: true,
  provider: 'Stripe',
  provider_reference: 'pi_3QxR8u2eZvKYlo2C1a9Bx4Lm',
} satisfies Payment;

export const samplePaymentReceivedEvent = {
  id: 'evt_Pr4Kd8Mn2w',
  type: 'payment.received',
  created_at: '2026-01-20T11:02:34Z',
  data: { ...samplePayment, job: sampleJob, contact: sampleContact },
} satisfies PaymentReceivedEvent;
