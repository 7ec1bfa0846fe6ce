// Record Payment and Create Shoot replayed after their Idempotency-Keys expired, and run at once.
// A payment is its provider and reference, a shoot its job and start: each step looks that up
// first, so a replay the next day or a month later returns what the first run made; runs at
// once share one key (provider and reference; job and start), so two or five of them make one
// record. The sandbox's key clock is moved past the 24 hours.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import recordPayment from '../../src/payments/record_payment.js';
import createShoot from '../../src/shoots/create_shoot.js';
import { atOnce, failureOf, type TestStudio, runOperation, type Step } from '../support/index.js';
import { AFTER_KEY_EXPIRY, useSandboxWithKeyClock } from './support.js';

const { sandbox, keysExpire } = useSandboxWithKeyClock();
let studio: TestStudio;

beforeAll(async () => {
  studio = await sandbox.newStudio({ name: 'Replay Payments Studio', country: 'US', currency: 'USD', timezone: 'America/New_York' });
});
beforeEach(async () => {
  await studio.api('DELETE', '/_sandbox/faults');
});

type Output = Record<string, any>;
const perform = (operation: { operation: { perform?: Step } }) => (inputData: Record<string, unknown>) =>
  runOperation<Output>(operation.operation.perform, { authData: studio.authData, inputData });
const run = { recordPayment: perform(recordPayment), createShoot: perform(createShoot) };

let unique = 0;
const next = () => (unique += 1);

async function list(path: string): Promise<Output[]> {
  const response = await studio.api('GET', path);
  expect(response.status).toBe(200);
  return response.body.data;
}

/** A job of a new contact of the studio. */
async function newJob(): Promise<string> {
  const n = next();
  const contact = await studio.api('POST', '/v1/contacts', {
    first_name: 'Pay',
    last_name: `Client ${n}`,
    email: `pay.client.${n}@example.com`,
  });
  const job = await studio.api('POST', '/v1/jobs', { contact_id: contact.body.id, name: `Session ${n}` });
  expect(job.status).toBe(201);
  return job.body.id as string;
}

describe.each(AFTER_KEY_EXPIRY)('replayed $when, after the Idempotency-Keys expired', ({ ms }) => {
  it('Record Payment: the same payment, still the job’s first', async () => {
    const jobId = await newJob();
    const input = { job_id: jobId, amount: '300.00', provider: 'Stripe', provider_reference: `pi_replay_${next()}` };
    const first = await run.recordPayment(input);
    keysExpire(ms);
    const again = await run.recordPayment(input);
    expect(again).toMatchObject({ id: first.id, is_first_payment: true, recorded_by_this_run: false });
    expect(await list(`/v1/payments?job_id=${jobId}&limit=100`)).toHaveLength(1);
    // The same reference with another amount is not the same payment, a month later too.
    await expect(failureOf(run.recordPayment({ ...input, amount: '30.00' }))).resolves.toMatchObject({ code: 'payment_reference_taken' });
    expect(await list(`/v1/payments?job_id=${jobId}&limit=100`)).toHaveLength(1);
  });

  it('Create Shoot: the same shoot, in the studio’s time zone', async () => {
    const jobId = await newJob();
    const input = { job_id: jobId, starts_at: '2027-06-12 14:00', duration_minutes: '60', type: 'Engagement', confirmed: 'yes' };
    const first = await run.createShoot(input);
    expect(first).toMatchObject({ starts_at: '2027-06-12T18:00:00.000Z', time_zone: 'America/New_York' });
    keysExpire(ms);
    const again = await run.createShoot(input);
    expect(again.id).toBe(first.id);
    expect(await list(`/v1/shoots?job_id=${jobId}&limit=100`)).toHaveLength(1);
  });
});

const results: string[] = [];

describe.each([
  { runs: 2, slowed: false },
  { runs: 5, slowed: false },
  { runs: 2, slowed: true },
  { runs: 5, slowed: true },
])('$runs runs at once (slowed API: $slowed) make one record', ({ runs, slowed }) => {
  beforeEach(async () => {
    if (slowed) await studio.api('POST', '/_sandbox/faults', { latency_ms: 120, count: 10_000 });
  });
  const report = (what: string, count: number) => results.push(`${runs} at once${slowed ? ', slowed' : ''}: ${what}: ${count} record(s)`);

  it('Record Payment for one provider reference (the provider written in several cases): one payment, the job’s first', async () => {
    const jobId = await newJob();
    const reference = `pi_together_${next()}`;
    const providers = ['Stripe', 'stripe', 'STRIPE'];
    const outputs = await atOnce(
      Array.from(
        { length: runs },
        (_, i) => () => run.recordPayment({ job_id: jobId, amount: '75.50', provider: providers[i % 3]!, provider_reference: reference }),
      ),
    );
    const payments = await list(`/v1/payments?job_id=${jobId}&limit=100`);
    report('payment', payments.length);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 7550, is_first_payment: true });
    expect(new Set(outputs.map((o) => o.id))).toEqual(new Set([payments[0]!.id]));
    expect(outputs.filter((o) => o.recorded_by_this_run)).toHaveLength(1);
    // One payment.received event: New Payment triggers once.
    const events = await list('/v1/events?type=payment.received&limit=100');
    expect(events.filter((e) => e.data.job_id === jobId)).toHaveLength(1);
  });

  it('Create Shoot for one job and start (the type written otherwise): one shoot', async () => {
    const jobId = await newJob();
    const types = ['Engagement', 'engagement', 'Engagement shoot'];
    const outputs = await atOnce(
      Array.from(
        { length: runs },
        (_, i) => () => run.createShoot({ job_id: jobId, starts_at: '2027-09-04 10:00', time_zone: 'Europe/Paris', type: types[i % 3]! }),
      ),
    );
    const shoots = await list(`/v1/shoots?job_id=${jobId}&limit=100`);
    report('shoot', shoots.length);
    expect(shoots).toHaveLength(1);
    expect(shoots[0]).toMatchObject({ starts_at: '2027-09-04T08:00:00.000Z' });
    expect(new Set(outputs.map((o) => o.id))).toEqual(new Set([shoots[0]!.id]));
  });
});

afterAll(() => {
  // The figures for a report (SOAK=1 or REPORT=1); a green run prints nothing.
  if (process.env.SOAK || process.env.REPORT) process.stdout.write(`Runs at once:\n${results.join('\n')}\n`);
});
