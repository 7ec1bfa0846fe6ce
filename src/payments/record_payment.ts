// Record Payment: a payment a client made outside the CRM (Stripe, Square, PayPal) recorded on
// their job, so "first payment → create the gallery" works whoever took the money. It fires
// New Payment like any payment. The provider's reference is the payment's identity: a run
// replayed in a minute or a month finds the payment it recorded (GET /v1/payments by provider
// and reference) and records nothing; runs at once share one Idempotency-Key per reference. The
// same reference with another amount, currency or job stops the step: it is not the same payment.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, callApiDetailed, listPage } from '../api/client.js';
import { haltedError, isStudioError, studioError } from '../api/errors.js';
import { idempotencyKey } from '../api/idempotency.js';
import { optional, parseInput, requiredChoice } from '../api/input.js';
import { isCurrency } from '../contract/currency.js';
import { Me } from '../contract/me.js';
import { Payment, type PaymentCreate } from '../contract/payments.js';
import { AppValueError, parseInstant, parseMajorUnits } from '../domain/app-values.js';
import { formatMoney } from '../domain/currency.js';
import { jobIdField } from '../jobs/fields.js';
import { jobNotFoundError } from '../jobs/job-lookup.js';
import { paymentOutput, paymentOutputFields } from './payment-output.js';
import { samplePayment } from './samples.js';

const inputFields = defineInputFields([
  {
    ...jobIdField(
      true,
      'The job the payment is for; its client is the job’s contact. To map one from another app’s payment, add a Find Job step before this one.',
    ),
    search: 'find_job.id',
  },
  {
    key: 'amount',
    label: 'Amount',
    type: 'string',
    required: true,
    helpText:
      'The amount paid in the currency’s main unit, as the payment app writes it: `500.00` is five hundred pounds in GBP. Map the decimal amount, not an amount in cents.',
  },
  {
    key: 'currency',
    label: 'Currency',
    type: 'string',
    required: false,
    helpText: 'The three-letter currency code, e.g. `GBP`, `USD` or `EUR` (any case). Leave empty for your studio’s currency.',
  },
  {
    key: 'provider',
    label: 'Payment Provider',
    type: 'string',
    required: true,
    helpText: 'Where the client paid, e.g. `Stripe`, `Square` or `PayPal`.',
  },
  {
    key: 'provider_reference',
    label: 'Provider Reference',
    type: 'string',
    required: true,
    helpText:
      'The payment’s ID in the payment app, e.g. Stripe’s payment intent or charge ID (`pi_…`). A payment is recorded once per reference: running this step again for it returns the payment it recorded.',
  },
  {
    key: 'paid_at',
    label: 'Paid At',
    type: 'datetime',
    required: false,
    helpText: 'When the client paid, with a time zone (e.g. `2026-05-01T10:00:00Z`) or as Unix time. Leave empty for now.',
  },
]);

const RecordPaymentInput = zod.object({
  job_id: requiredChoice,
  amount: zod.preprocess((v) => (typeof v === 'number' ? String(v) : v), zod.string({ error: 'is required' }).trim().min(1, 'is required')),
  currency: optional(
    zod
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as GBP')
      .transform((code) => code.toUpperCase())
      .refine(isCurrency, 'is not an ISO 4217 currency code such as GBP, USD or EUR'),
  ),
  provider: zod.string({ error: 'is required' }).trim().min(1, 'is required').max(50, 'must be at most 50 characters'),
  provider_reference: zod.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  paid_at: optional(zod.union([zod.string(), zod.number()])),
});

const UNCHANGED = 'Nothing was recorded.';

/** The Idempotency-Key of a payment: its provider (any case) and reference, whatever else a run sends. */
export function recordPaymentKey(provider: string, reference: string): string {
  return idempotencyKey('payment', provider.trim().toLowerCase(), reference.trim());
}

/** The payment Studio has for this provider reference (the earliest), or null. */
export async function paymentWithReference(z: ZObject, provider: string, reference: string): Promise<Payment | null> {
  const page = await listPage(z, Payment, {
    path: '/v1/payments',
    query: { provider, provider_reference: reference },
    limit: 100,
    describe: 'list of payments',
    everyRecord: true,
  });
  const same = page.data.filter(
    (payment) => (payment.provider ?? '').toLowerCase() === provider.toLowerCase() && payment.provider_reference === reference,
  );
  return same.sort((a, b) => a.received_at.localeCompare(b.received_at))[0] ?? null;
}

/**
 * The payment recorded before for this reference, checked against this run: the same amount,
 * currency and job is the same payment (returned); anything else stops the step, saying what
 * differs and what to do.
 */
function samePaymentOrStop(z: ZObject, existing: Payment, body: PaymentCreate): Payment {
  const differences: string[] = [];
  if (existing.amount !== body.amount || existing.currency !== body.currency) {
    differences.push(`${formatMoney(existing.amount, existing.currency)}, not ${formatMoney(body.amount, body.currency)}`);
  }
  if (existing.job_id !== body.job_id) differences.push(`job ${existing.job_id}, not ${body.job_id}`);
  if (differences.length === 0) return existing;
  // What failed and what to do come first (Zapier shows 250 characters); the figures follow.
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  throw haltedError(
    z,
    `${cut(body.provider, 20)} payment ${cut(body.provider_reference, 40)} is already recorded as ${cut(existing.id, 24)}, with other figures. ${UNCHANGED} ` +
      `Check the amount and job mapped here; a new payment needs its own reference. Recorded: ${differences.join('; ')}.`,
    'payment_reference_taken',
  );
}

/** Records the payment once for good (lookup first, then a keyed POST; a twin's payment is looked up). */
export async function recordPaymentOnce(z: ZObject, body: PaymentCreate): Promise<{ payment: Payment; recorded: boolean }> {
  const existing = await paymentWithReference(z, body.provider, body.provider_reference);
  if (existing) return { payment: samePaymentOrStop(z, existing, body), recorded: false };
  try {
    const response = await callApiDetailed(z, Payment, {
      method: 'POST',
      path: '/v1/payments',
      body,
      idempotencyKey: recordPaymentKey(body.provider, body.provider_reference),
      describe: 'payment',
    });
    return { payment: samePaymentOrStop(z, response.data, body), recorded: !response.replayed };
  } catch (error) {
    if (isStudioError(error, 'job_not_found')) throw jobNotFoundError(z, body.job_id);
    // A twin run recorded it first (another body under the key, or the API's own check).
    if (isStudioError(error, 'idempotency_key_reused') || isStudioError(error, 'payment_exists')) {
      const recorded = await paymentWithReference(z, body.provider, body.provider_reference);
      if (recorded) return { payment: samePaymentOrStop(z, recorded, body), recorded: false };
    }
    throw error;
  }
}

function readValue<T>(z: ZObject, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof AppValueError) throw studioError(z, `Check this step's input. ${error.message} ${UNCHANGED}`, 'invalid_input');
    throw error;
  }
}

export function recordPaymentOutput(payment: Payment, recorded: boolean) {
  return { ...paymentOutput(payment), recorded_by_this_run: recorded };
}

export default defineCreate({
  key: 'record_payment',
  noun: 'Payment',
  display: {
    label: 'Record Payment',
    description: 'Adds a payment taken in Stripe, Square or PayPal to a job, once per provider reference.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, RecordPaymentInput, bundle.inputData, inputFields);
      const currency = input.currency ?? (await callApi(z, Me, { path: '/v1/me', describe: 'account (studio)' })).studio.currency;
      const amount = readValue(z, () => parseMajorUnits(input.amount, currency, 'Amount'));
      if (amount === 0)
        throw studioError(
          z,
          `Check this step's input. Amount: "${input.amount}" is zero; map the amount the client paid. ${UNCHANGED}`,
          'invalid_input',
        );
      const body: PaymentCreate = {
        job_id: input.job_id,
        amount,
        currency,
        provider: input.provider,
        provider_reference: input.provider_reference,
      };
      if (input.paid_at !== undefined) body.received_at = readValue(z, () => parseInstant(input.paid_at, 'Paid At'));
      const { payment, recorded } = await recordPaymentOnce(z, body);
      return recordPaymentOutput(payment, recorded);
    },
    sample: recordPaymentOutput(samplePayment, true),
    outputFields: [...paymentOutputFields, { key: 'recorded_by_this_run', label: 'Recorded by This Run', type: 'boolean' }],
  },
});
