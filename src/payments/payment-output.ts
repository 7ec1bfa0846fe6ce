// How a payment appears in an output: New Payment's items and Record Payment's result.
import type { PlainOutputField } from 'zapier-platform-core';
import type { Payment } from '../contract/payments.js';
import { formatDecimal, formatMoney } from '../domain/currency.js';

export function paymentOutput(payment: Payment) {
  return {
    id: payment.id,
    amount: payment.amount,
    amount_formatted: formatMoney(payment.amount, payment.currency),
    amount_decimal: formatDecimal(payment.amount, payment.currency),
    currency: payment.currency,
    method: payment.method,
    received_at: payment.received_at,
    is_first_payment: payment.is_first_payment,
    job_id: payment.job_id,
    contact_id: payment.contact_id,
    provider: payment.provider ?? null,
    provider_reference: payment.provider_reference ?? null,
  };
}

export const paymentOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Payment ID', type: 'string' },
  { key: 'amount', label: 'Amount (Minor Units)', type: 'integer' },
  { key: 'amount_formatted', label: 'Amount', type: 'string' },
  { key: 'amount_decimal', label: 'Amount (Decimal)', type: 'string' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'method', label: 'Payment Method', type: 'string' },
  { key: 'received_at', label: 'Received At', type: 'datetime' },
  { key: 'is_first_payment', label: 'Is First Payment on the Job', type: 'boolean' },
  { key: 'job_id', label: 'Job ID', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'provider', label: 'Payment Provider', type: 'string' },
  { key: 'provider_reference', label: 'Provider Reference', type: 'string' },
];
