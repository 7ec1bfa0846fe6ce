// Record Payment and Create Shoot against a mocked Studio API: what each sends (the exact amount,
// the instant a local time means, the Idempotency-Key), what a replay finds instead of making,
// and what a Zap builder is told when something is wrong.
import { describe, expect, it } from '@jest/globals';
import recordPayment, { recordPaymentKey } from '../../src/payments/record_payment.js';
import createShoot, { createShootKey } from '../../src/shoots/create_shoot.js';
import { samplePayment } from '../../src/payments/samples.js';
import { sampleShoot } from '../../src/shoots/samples.js';
import { authData, failureOf, gbStudio, recordRequests } from '../contacts/fixtures.js';
import { runOperation, type Step } from '../support/index.js';
import { envelope, page } from '../support/api-mock.js';

const step = (perform: Step) => (inputData: Record<string, unknown>) => runOperation<any>(perform, { authData, inputData });
const pay = step(recordPayment.operation.perform);
const shoot = step(createShoot.operation.perform);
const requests = recordRequests();

const stripe = { job_id: 'job_5Rt7Wq2e', amount: '500.00', currency: 'gbp', provider: 'Stripe', provider_reference: 'pi_3QxR8u' };

/** No payment for the reference yet; POST /v1/payments answers with the payment the body describes. */
function expectPaymentPost(times = 1, replayed = false) {
  const posts: Array<{ body: Record<string, unknown>; key: string }> = [];
  requests.api().get('/v1/payments').query(true).times(times).reply(200, page([]));
  requests
    .api()
    .post('/v1/payments')
    .times(times)
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, unknown>;
      posts.push({ body, key: request.headers.get('idempotency-key') ?? '' });
      return [201, { ...samplePayment, id: 'pay_new1', method: null, ...body }, replayed ? { 'Idempotent-Replayed': 'true' } : {}];
    });
  return posts;
}

describe('Record Payment', () => {
  it('sends the amount read exactly in minor units, the currency, provider and reference, keyed by provider and reference', async () => {
    const posts = expectPaymentPost();
    const output = await pay({ ...stripe, amount: '1234.56', paid_at: '2026-05-01T10:00:00+01:00' });
    expect(posts[0]!.body).toEqual({
      job_id: 'job_5Rt7Wq2e',
      amount: 123456,
      currency: 'GBP',
      provider: 'Stripe',
      provider_reference: 'pi_3QxR8u',
      received_at: '2026-05-01T09:00:00.000Z',
    });
    expect(posts[0]!.key).toBe(recordPaymentKey('stripe', 'pi_3QxR8u'));
    expect(output).toMatchObject({
      id: 'pay_new1',
      amount: 123456,
      amount_decimal: '1234.56',
      amount_formatted: 'GBP 1,234.56',
      provider: 'Stripe',
      recorded_by_this_run: true,
    });
    expect(requests.sent[0]).toBe('GET /v1/payments?provider=Stripe&provider_reference=pi_3QxR8u&limit=100');
  });

  it('keys a payment by provider (any case) and reference only (unit)', () => {
    expect(recordPaymentKey('Stripe', 'pi_1')).toBe(recordPaymentKey(' stripe ', 'pi_1'));
    expect(new Set([recordPaymentKey('Stripe', 'pi_1'), recordPaymentKey('Stripe', 'pi_2'), recordPaymentKey('Square', 'pi_1')]).size).toBe(
      3,
    );
  });

  it('takes the studio’s currency when Currency is empty, and reads JPY without decimals', async () => {
    requests
      .api()
      .get('/v1/me')
      .reply(200, { ...gbStudio, studio: { ...gbStudio.studio, currency: 'JPY' } });
    const posts = expectPaymentPost();
    await pay({ ...stripe, currency: '', amount: '15000' });
    expect(posts[0]!.body).toMatchObject({ amount: 15000, currency: 'JPY' });
  });

  it('returns the payment recorded before for the reference, recording nothing (a replay a month later)', async () => {
    const recorded = {
      ...samplePayment,
      provider: 'stripe',
      provider_reference: 'pi_3QxR8u',
      amount: 50000,
      currency: 'GBP',
      job_id: 'job_5Rt7Wq2e',
    };
    requests
      .api()
      .get('/v1/payments')
      .query({ provider: 'Stripe', provider_reference: 'pi_3QxR8u', limit: '100' })
      .reply(200, page([recorded]));
    const output = await pay(stripe);
    expect(output).toMatchObject({ id: samplePayment.id, recorded_by_this_run: false });
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('stops, recording nothing, when the reference was recorded with another amount, saying what differs and what to do', async () => {
    const recorded = { ...samplePayment, provider: 'Stripe', provider_reference: 'pi_3QxR8u', amount: 45000 };
    requests
      .api()
      .get('/v1/payments')
      .query(true)
      .reply(200, page([recorded]));
    const failure = await failureOf(pay(stripe));
    expect(failure).toMatchObject({ name: 'HaltedError', code: 'payment_reference_taken' });
    expect(failure.message).toBe(
      `Stripe payment pi_3QxR8u is already recorded as ${samplePayment.id}, with other figures. Nothing was recorded. Check the amount and job mapped here; a new payment needs its own reference. Recorded: GBP 450.00, not GBP 500.00.`,
    );
    expect(failure.message.length).toBeLessThanOrEqual(250);
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('says what failed and what to do within 250 characters for a very long reference, the figures after', async () => {
    const reference = `ref_${'x'.repeat(190)}`;
    requests
      .api()
      .get('/v1/payments')
      .query(true)
      .reply(200, page([{ ...samplePayment, provider: 'Stripe', provider_reference: reference, amount: 1, job_id: 'job_other' }]));
    const failure = await failureOf(pay({ ...stripe, provider_reference: reference }));
    expect(failure.message.slice(0, 250)).toMatch(
      /is already recorded as .* Nothing was recorded\. Check the amount and job mapped here; a new payment needs its own reference\./,
    );
    expect(failure.message).toMatch(/Recorded: GBP 0\.01, not GBP 500\.00; job job_other, not job_5Rt7Wq2e\.$/);
  });

  it('finds the twin run’s payment when the API says the reference or the key is taken', async () => {
    const twin = { ...samplePayment, id: 'pay_twin', provider: 'Stripe', provider_reference: 'pi_3QxR8u' };
    requests.api().get('/v1/payments').query(true).reply(200, page([]));
    requests.api().post('/v1/payments').reply(409, envelope('payment_exists', 'Payment pay_twin was already recorded.'));
    requests
      .api()
      .get('/v1/payments')
      .query(true)
      .reply(200, page([twin]));
    await expect(pay(stripe)).resolves.toMatchObject({ id: 'pay_twin', recorded_by_this_run: false });
  });

  it.each([
    [{ ...stripe, amount: '12.505' }, /Amount "12.505" has more decimals than GBP has/],
    [{ ...stripe, amount: '1,234.56' }, /Amount "1,234.56" has a thousands separator/],
    [{ ...stripe, amount: '0.00' }, /Amount: "0.00" is zero/],
    [{ ...stripe, amount: '-5' }, /negative/],
    [{ ...stripe, currency: 'XYZ' }, /Currency: is not an ISO 4217 currency code/],
    [{ ...stripe, provider_reference: '  ' }, /Provider Reference: is required/],
    [{ ...stripe, job_id: '' }, /Job: is required: choose one from the dropdown/],
    [{ ...stripe, paid_at: '2026-05-01 10:00' }, /Paid At "2026-05-01 10:00" has no time zone/],
  ])('refuses %p before any request, naming the field', async (input, message) => {
    const failure = await failureOf(pay(input));
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(failure.message).toMatch(message);
    expect(failure.message).toMatch(/Nothing was (recorded|changed)\./);
    expect(requests.sent).toEqual([]);
  });

  it('says how to fix a job the studio does not have', async () => {
    requests.api().get('/v1/payments').query(true).reply(200, page([]));
    requests
      .api()
      .post('/v1/payments')
      .reply(
        422,
        envelope('job_not_found', 'The request is not valid. job_id: no job job_gone exists in this studio.', [
          { field: 'job_id', message: 'no job' },
        ]),
      );
    const failure = await failureOf(pay({ ...stripe, job_id: 'job_gone' }));
    expect(failure.message).toMatch(/Studio has no job job_gone .*Choose the job from the Job dropdown/);
  });
});

/** No shoot at that start yet; POST /v1/shoots answers with the shoot the body describes. */
function expectShootPost() {
  const posts: Array<{ body: Record<string, any>; key: string }> = [];
  requests.api().get('/v1/shoots').query(true).reply(200, page([]));
  requests
    .api()
    .post('/v1/shoots')
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, unknown>;
      posts.push({ body, key: request.headers.get('idempotency-key') ?? '' });
      return [201, { ...sampleShoot, id: 'sht_new1', location: null, ...body }];
    });
  return posts;
}

describe('Create Shoot', () => {
  const engagement = {
    job_id: 'job_5Rt7Wq2e',
    starts_at: '2026-06-12 14:00',
    time_zone: 'Europe/London',
    duration_minutes: '90',
    type: 'Engagement',
    confirmed: 'yes',
  };

  it('sends the instant a local time means in its time zone (British Summer Time), the end, the type as title, confirmed', async () => {
    const posts = expectShootPost();
    const output = await shoot(engagement);
    expect(posts[0]!.body).toEqual({
      job_id: 'job_5Rt7Wq2e',
      title: 'Engagement',
      status: 'confirmed',
      starts_at: '2026-06-12T13:00:00.000Z',
      ends_at: '2026-06-12T14:30:00.000Z',
    });
    expect(posts[0]!.key).toBe(createShootKey('job_5Rt7Wq2e', '2026-06-12T13:00:00Z'));
    expect(output).toMatchObject({
      id: 'sht_new1',
      status: 'confirmed',
      starts_at_local: '2026-06-12 14:00',
      time_zone: 'Europe/London',
      duration_minutes: 90,
    });
    expect(requests.sent[0]).toBe('GET /v1/shoots?job_id=job_5Rt7Wq2e&starts_at=2026-06-12T13:00:00.000Z&limit=100');
  });

  it('takes the studio’s time zone when Time Zone is empty, and makes an unconfirmed shoot an enquiry without an end', async () => {
    requests
      .api()
      .get('/v1/me')
      .reply(200, { ...gbStudio, studio: { ...gbStudio.studio, timezone: 'America/New_York' } });
    const posts = expectShootPost();
    await shoot({ job_id: 'job_1', starts_at: '2026-01-12 09:30', type: 'Newborn' });
    expect(posts[0]!.body).toEqual({
      job_id: 'job_1',
      title: 'Newborn',
      status: 'enquiry',
      starts_at: '2026-01-12T14:30:00.000Z',
      ends_at: null,
    });
  });

  it('returns the shoot the job has at that moment already, creating nothing (a replay after the key expired)', async () => {
    const existing = { ...sampleShoot, id: 'sht_had', job_id: 'job_5Rt7Wq2e', starts_at: '2026-06-12T13:00:00Z' };
    requests
      .api()
      .get('/v1/shoots')
      .query({ job_id: 'job_5Rt7Wq2e', starts_at: '2026-06-12T13:00:00.000Z', limit: '100' })
      .reply(200, page([existing]));
    await expect(shoot(engagement)).resolves.toMatchObject({ id: 'sht_had' });
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it.each([
    [{ ...engagement, starts_at: '2026-03-29 01:30' }, /"2026-03-29 01:30" does not exist in Europe\/London: the clocks go forward/],
    [
      { ...engagement, starts_at: '2026-10-25 01:30' },
      /happens twice in Europe\/London .*"2026-10-25T01:30\+01:00" \(the first\) or "2026-10-25T01:30\+00:00"/,
    ],
    [{ ...engagement, starts_at: '12/06/2026 2pm' }, /write it as "2026-06-12 14:00"/],
    [{ ...engagement, starts_at: '2026-02-30 10:00' }, /does not exist: check the day/],
    [{ ...engagement, time_zone: 'London' }, /Time Zone: is not a time zone: use an IANA name/],
    [{ ...engagement, duration_minutes: '1.5' }, /Duration \(Minutes\): must be a whole number/],
    [{ ...engagement, type: '' }, /Shoot Type: is required/],
  ])('refuses %p before any request, naming the field', async (input, message) => {
    const failure = await failureOf(shoot(input));
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(failure.message).toMatch(message);
    expect(failure.message.length).toBeLessThanOrEqual(250);
    expect(requests.sent).toEqual([]);
  });
});
