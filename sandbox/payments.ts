// Payments received on jobs. They arrive from outside the CRM (POST /_sandbox/payments),
// which fires payment.received; the first payment of a job is marked is_first_payment.
import type { FastifyInstance } from 'fastify';
import type { Payment } from '../src/contract/payments.js';
import { callerOf, type SandboxContext } from './context.js';
import { notFound } from './errors.js';
import { newId, nowIso } from './ids.js';
import { keysetPage, pageRequest, queryParam, type Query } from './pagination.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { pathParam } from './validation.js';

export interface PaymentRow {
  id: string;
  job_id: string;
  contact_id: string;
  amount: number;
  currency: string;
  method: string | null;
  received_at: string;
  is_first_payment: number;
}

const PAYMENT_COLUMNS = 'id, job_id, contact_id, amount, currency, method, received_at, is_first_payment';

export const paymentResource = (row: PaymentRow): Payment => ({
  id: row.id,
  job_id: row.job_id,
  contact_id: row.contact_id,
  amount: row.amount,
  currency: row.currency,
  method: row.method,
  received_at: row.received_at,
  is_first_payment: row.is_first_payment === 1,
});

/** Records a payment on a job; it is the first payment when the job had none before. */
export function insertPayment(
  db: DatabaseSync,
  studioId: string,
  payment: { id?: string; job_id: string; contact_id: string; amount: number; currency: string; method: string | null; received_at?: string },
): Payment {
  const first = prepared(db, 'SELECT 1 FROM payments WHERE studio_id = ? AND job_id = ? LIMIT 1').get(studioId, payment.job_id) === undefined;
  const row: PaymentRow = {
    id: payment.id ?? newId('pay'),
    job_id: payment.job_id,
    contact_id: payment.contact_id,
    amount: payment.amount,
    currency: payment.currency,
    method: payment.method,
    received_at: payment.received_at ?? nowIso(),
    is_first_payment: first ? 1 : 0,
  };
  prepared(db, `INSERT INTO payments (studio_id, ${PAYMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    studioId,
    row.id,
    row.job_id,
    row.contact_id,
    row.amount,
    row.currency,
    row.method,
    row.received_at,
    row.is_first_payment,
  );
  return paymentResource(row);
}

export function registerPaymentRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/payments', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const where = ['studio_id = ?'];
    const params: string[] = [studioId];
    const jobId = queryParam(query, 'job_id');
    if (jobId !== undefined && jobId !== '') {
      where.push('job_id = ?');
      params.push(jobId);
    }
    return keysetPage(ctx.db, { from: 'payments', sort: 'received_at', where, params }, pageRequest(query), paymentResource);
  });

  api.get('/v1/payments/:id', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const row = prepared(ctx.db, `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE studio_id = ? AND id = ?`).get(studioId, id) as PaymentRow | undefined;
    if (!row) throw notFound('payment', id);
    return paymentResource(row);
  });
}
