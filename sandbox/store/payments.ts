// Payments received on jobs. They arrive from outside the CRM (POST /_sandbox/payments), or are
// recorded by a provider's reference (POST /v1/payments: Stripe, Square, PayPal); each fires
// payment.received, and the first payment of a job is marked is_first_payment. A provider's
// reference is one payment: GET /v1/payments?provider=&provider_reference= finds it.
import type { FastifyInstance } from 'fastify';
import { PaymentCreate, type Payment } from '../../src/contract/payments.js';
import { callerOf, type SandboxContext } from '../context.js';
import { ApiError, notFound, unknownReference } from '../errors.js';
import { publishEvent } from '../events/events.js';
import { newId, normaliseTimestamp, nowIso } from './ids.js';
import { findJobRow } from './jobs.js';
import { keysetPage, pageRequest, queryParam, type Query } from './pagination.js';
import { prepared, transaction, type DatabaseSync } from './sqlite.js';
import { parseBody, pathParam, strict } from '../api/validation.js';

const PaymentCreateStrict = strict(PaymentCreate);

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

const PAYMENT_COLUMNS = 'id, job_id, contact_id, amount, currency, method, received_at, is_first_payment, provider, provider_reference';

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
    // A provider's payments, or with a reference the one payment it took by that reference.
    const provider = queryParam(query, 'provider');
    const reference = queryParam(query, 'provider_reference');
    if (provider !== undefined && provider.trim() !== '' && reference !== undefined && reference.trim() !== '') {
      where.push('provider_key = ?');
      params.push(providerKey(provider, reference));
    } else if (provider !== undefined && provider.trim() !== '') {
      where.push('lower(provider) = ?');
      params.push(provider.trim().toLowerCase());
    } else if (reference !== undefined && reference.trim() !== '') {
      where.push('provider_reference = ?');
      params.push(reference.trim());
    }
    return keysetPage(ctx.db, { from: 'payments', sort: 'received_at', where, params }, pageRequest(query), paymentResource);
  });

  // A payment taken outside the CRM, by a provider's reference: payment.received, like a
  // payment that lands any other way. A reference the studio has a payment for already is 409.
  api.post('/v1/payments', { config: { scope: 'jobs:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(PaymentCreateStrict, request.body);
    const payment = transaction(ctx.db, () => {
      const job = findJobRow(ctx.db, studioId, input.job_id);
      if (!job) throw unknownReference('job_id', 'job_not_found', `no job ${input.job_id} exists in this studio`);
      const key = providerKey(input.provider, input.provider_reference);
      const existing = prepared(ctx.db, 'SELECT id FROM payments WHERE studio_id = ? AND provider_key = ?').get(studioId, key) as
        | { id: string }
        | undefined;
      if (existing) {
        throw new ApiError(
          409,
          'payment_exists',
          `Payment ${existing.id} was already recorded for ${input.provider} reference ${input.provider_reference}. Nothing was recorded.`,
          {
            payment_id: existing.id,
          },
        );
      }
      return insertPayment(ctx.db, studioId, {
        job_id: job.id,
        contact_id: job.contact_id,
        amount: input.amount,
        currency: input.currency,
        method: input.method ?? null,
        received_at: input.received_at ? (normaliseTimestamp(input.received_at) ?? undefined) : undefined,
        provider: input.provider.trim(),
        provider_reference: input.provider_reference.trim(),
      });
    });
    publishEvent(ctx, studioId, 'payment.received', payment);
    reply.code(201);
    return payment;
  });

  api.get('/v1/payments/:id', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const row = prepared(ctx.db, `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE studio_id = ? AND id = ?`).get(studioId, id) as
      | PaymentRow
      | undefined;
    if (!row) throw notFound('payment', id);
    return paymentResource(row);
  });
}
