// Payments received on jobs. They arrive from outside the CRM (POST /_sandbox/payments), or are
// recorded by a provider's reference (POST /v1/payments: Stripe, Square, PayPal); each fires
// payment.received, and the first payment of a job is marked is_first_payment. A provider's
// reference is one payment: GET /v1/payments?provider=&provider_reference= finds it.
import type { Payment } from '../../src/contract/payments.js';
import { newId, nowIso } from './ids.js';
import { oneRow, prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';

export interface PaymentRow {
  id: string;
  job_id: string;
  contact_id: string;
  amount: number;
  currency: string;
  method: string | null;
  received_at: string;
  is_first_payment: number;
  provider?: string | null;
  provider_reference?: string | null;
}

export const PAYMENT_COLUMNS =
  'id, job_id, contact_id, amount, currency, method, received_at, is_first_payment, provider, provider_reference';

/** A provider's reference as one key: the provider's name case-folded ("Stripe" and "stripe" are one), the reference exact. */
export const providerKey = (provider: string, reference: string) => `${provider.trim().toLowerCase()}\n${reference.trim()}`;

export const paymentResource = (row: PaymentRow): Payment => ({
  id: row.id,
  job_id: row.job_id,
  contact_id: row.contact_id,
  amount: row.amount,
  currency: row.currency,
  method: row.method,
  received_at: row.received_at,
  is_first_payment: row.is_first_payment === 1,
  provider: row.provider ?? null,
  provider_reference: row.provider_reference ?? null,
});

/** Records a payment on a job; it is the first payment when the job had none before. */
export function insertPayment(
  db: DatabaseSync,
  studioId: string,
  payment: {
    id?: string;
    job_id: string;
    contact_id: string;
    amount: number;
    currency: string;
    method: string | null;
    received_at?: string;
    provider?: string | null;
    provider_reference?: string | null;
  },
): Payment {
  const first =
    prepared(db, 'SELECT 1 FROM payments WHERE studio_id = ? AND job_id = ? LIMIT 1').get(studioId, payment.job_id) === undefined;
  const row: PaymentRow = {
    id: payment.id ?? newId('pay'),
    job_id: payment.job_id,
    contact_id: payment.contact_id,
    amount: payment.amount,
    currency: payment.currency,
    method: payment.method,
    received_at: payment.received_at ?? nowIso(),
    is_first_payment: first ? 1 : 0,
    provider: payment.provider ?? null,
    provider_reference: payment.provider_reference ?? null,
  };
  const key = row.provider && row.provider_reference ? providerKey(row.provider, row.provider_reference) : null;
  prepared(db, `INSERT INTO payments (studio_id, ${PAYMENT_COLUMNS}, provider_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    studioId,
    row.id,
    row.job_id,
    row.contact_id,
    row.amount,
    row.currency,
    row.method,
    row.received_at,
    row.is_first_payment,
    row.provider ?? null,
    row.provider_reference ?? null,
    key,
  );
  return paymentResource(row);
}

export function findPayment(db: DatabaseSync, studioId: string, id: string): Payment | null {
  const row = oneRow<PaymentRow>(prepared(db, `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE studio_id = ? AND id = ?`), studioId, id);
  return row ? paymentResource(row) : null;
}

/** The payment already recorded for a provider's reference (providerKey), by id. */
export function paymentByProviderKey(db: DatabaseSync, studioId: string, key: string): { id: string } | null {
  return oneRow<{ id: string }>(prepared(db, 'SELECT id FROM payments WHERE studio_id = ? AND provider_key = ?'), studioId, key) ?? null;
}

/** What GET /v1/payments (and a job's payments) filter by (each one given narrows the list). */
export interface PaymentFilter {
  jobId?: string;
  /** A provider's payments (any letter case); with a reference, the one payment it took by that reference. */
  provider?: string;
  providerReference?: string;
}

export function listPayments(db: DatabaseSync, studioId: string, filter: PaymentFilter, page: PageRequest): Page<Payment> {
  const where = ['studio_id = ?'];
  const params: string[] = [studioId];
  if (filter.jobId !== undefined) {
    where.push('job_id = ?');
    params.push(filter.jobId);
  }
  const { provider, providerReference: reference } = filter;
  if (provider !== undefined && reference !== undefined) {
    where.push('provider_key = ?');
    params.push(providerKey(provider, reference));
  } else if (provider !== undefined) {
    where.push('lower(provider) = ?');
    params.push(provider.trim().toLowerCase());
  } else if (reference !== undefined) {
    where.push('provider_reference = ?');
    params.push(reference.trim());
  }
  return keysetPage(db, { from: 'payments', sort: 'received_at', where, params }, page, paymentResource);
}
