// /v1/payments: list, get, record; a payment publishes its event.
import type { FastifyInstance } from 'fastify';
import { callerOf, type SandboxContext } from '../context.js';
import { narrowedBy, planted } from '../planted-bugs.js';
import { ApiError, notFound, unknownReference } from '../errors.js';
import { publishEvent } from '../events/events.js';
import { normaliseTimestamp } from '../store/ids.js';
import { findJobRow } from '../store/jobs.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { transaction } from '../store/sqlite.js';
import { parseBody, pathParam } from './validation.js';
import { providerKey, insertPayment } from '../store/payments.js';
import { findPayment, paymentByProviderKey } from '../store/payments.js';
import { type Payment, PaymentCreate } from '../../src/contract/payments.js';
import { strict } from './validation.js';
import { listPayments, type PaymentFilter } from '../store/payments.js';

const PaymentCreateStrict = strict(PaymentCreate);

export function registerPaymentRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/payments', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: PaymentFilter = {};
    const jobId = queryParam(query, 'job_id');
    if (jobId !== undefined && jobId !== '') filter.jobId = jobId;
    const provider = queryParam(query, 'provider');
    if (provider !== undefined && provider.trim() !== '') filter.provider = provider;
    const reference = queryParam(query, 'provider_reference');
    if (reference !== undefined && reference.trim() !== '') filter.providerReference = reference;
    // planted bug: payment-provider-case-sensitive
    const withCase = filter.provider === undefined ? undefined : (payment: Payment) => payment.provider === filter.provider?.trim();
    return narrowedBy(ctx, 'payment-provider-case-sensitive', listPayments(ctx.db, studioId, filter, pageRequest(query)), withCase);
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
      const existing = paymentByProviderKey(ctx.db, studioId, key);
      // planted bug: payment-provider-case-sensitive
      const sameCase =
        !planted(ctx, 'payment-provider-case-sensitive') ||
        findPayment(ctx.db, studioId, existing?.id ?? '')?.provider === input.provider.trim();
      if (existing && sameCase) {
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
    const payment = findPayment(ctx.db, studioId, id);
    if (!payment) throw notFound('payment', id);
    return payment;
  });
}
