// The building blocks a studio chains after a booking, against the sandbox through Zapier's
// handler: a payment taken in Stripe recorded on a job (Record Payment) is the job's first
// payment (New Payment hears it as a signed delivery), a shoot booked at a local time (Create
// Shoot) is found by Find Latest Confirmed Shoot, a contact's new address (Update Contact)
// reaches Updated Contact with the fields that changed, and invoices booked for an order reach
// New Invoice with their lines, contact and job.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import App from '../../index.js';
import type { Delivery } from '../../sandbox/world/hook-inbox.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { startLiveHook, type LiveHook } from '../hooks/live.js';
import { operationsOf, runOperation, failureOf, type Step } from '../support/index.js';

let live: LiveHook;
beforeAll(async () => {
  live = await startLiveHook('new_payment');
});
afterAll(async () => {
  await live?.stop();
});

const { contacts, jobs } = DEMO_IDS;
type Perform = Step;
const performOf = (group: 'creates' | 'searches', key: string) =>
  (App[group] as unknown as Record<string, { operation: { perform: Perform } }>)[key]!.operation.perform;
const step = (group: 'creates' | 'searches', key: string, inputData: Record<string, unknown>) =>
  runOperation(performOf(group, key), { authData: live.authData, inputData }) as Promise<any>;

/** Turns a Zap with this trigger on: the app subscribes the receiver's URL. */
async function zapOn(key: string, inputData: Record<string, unknown> = {}) {
  const trigger = operationsOf(key);
  const subscription = (await runOperation(trigger.performSubscribe, {
    authData: live.authData,
    targetUrl: live.inbox.url,
    inputData,
  })) as object;
  /** Zapier runs the trigger on a delivery. */
  const perform = (delivery: Delivery) =>
    runOperation(trigger.perform, {
      authData: live.authData,
      inputData,
      subscribeData: subscription,
      rawRequest: delivery.rawRequest,
      cleanedRequest: delivery.cleanedRequest,
    }) as Promise<any[]>;
  const list = () => runOperation(trigger.performList, { authData: live.authData, inputData }) as Promise<any[]>;
  return { perform, list };
}
const delivered = (type: string, id: string): Promise<Delivery> =>
  live.inbox.waitFor((body) => (body as { type?: string }).type === type && (body as { data: { id: string } }).data.id === id);

describe('Record Payment against the sandbox', () => {
  it('records a Stripe payment on a job as its first payment, heard by New Payment, and once only', async () => {
    const zap = await zapOn('new_payment', { first_payment_only: 'true' });
    const input = {
      job_id: jobs.clarkeNewborn,
      amount: '250.00',
      currency: 'GBP',
      provider: 'Stripe',
      provider_reference: 'pi_clarke_deposit',
      paid_at: '2026-05-01T10:00:00Z',
    };
    const payment = await step('creates', 'record_payment', input);
    expect(payment).toMatchObject({
      amount: 25000,
      currency: 'GBP',
      is_first_payment: true,
      job_id: jobs.clarkeNewborn,
      contact_id: contacts.sophie,
      provider: 'Stripe',
      provider_reference: 'pi_clarke_deposit',
      received_at: '2026-05-01T10:00:00.000Z',
      recorded_by_this_run: true,
    });

    const [item] = await zap.perform(await delivered('payment.received', payment.id));
    expect(item).toMatchObject({
      id: payment.id,
      is_first_payment: true,
      provider: 'Stripe',
      provider_reference: 'pi_clarke_deposit',
      job: { name: 'Clarke Newborn' },
      contact: { name: 'Sophie Clarke' },
    });

    // Run again (Zapier's retry, a replay from Zap History): the same payment, nothing new.
    const again = await step('creates', 'record_payment', { ...input, provider: 'stripe' });
    expect(again).toMatchObject({ id: payment.id, recorded_by_this_run: false });
    const listed = await live.sandbox.api('GET', `/v1/payments?job_id=${jobs.clarkeNewborn}&limit=100`);
    expect(
      listed.body.data.filter((p: { provider_reference: string | null }) => p.provider_reference === 'pi_clarke_deposit'),
    ).toHaveLength(1);

    // The balance through another reference is the job's second payment: no First Payment trigger.
    const balance = await step('creates', 'record_payment', {
      ...input,
      amount: '950',
      provider_reference: 'pi_clarke_balance',
      paid_at: '',
    });
    expect(balance).toMatchObject({ amount: 95000, is_first_payment: false });
    await expect(zap.perform(await delivered('payment.received', balance.id))).resolves.toEqual([]);
  });

  it('stops, recording nothing, when a reference comes again with another amount', async () => {
    const input = { job_id: jobs.shahMaternity, amount: '120.00', provider: 'Square', provider_reference: 'sq_shah_1' };
    const payment = await step('creates', 'record_payment', input);
    const failure = await failureOf(step('creates', 'record_payment', { ...input, amount: '12.00' }));
    expect(failure).toMatchObject({ name: 'HaltedError', code: 'payment_reference_taken' });
    expect(failure.message).toMatch(
      new RegExp(`^Square payment sq_shah_1 is already recorded as ${payment.id}, with other figures\\. Nothing was recorded\\.`),
    );
    const listed = await live.sandbox.api('GET', '/v1/payments?provider=square&provider_reference=sq_shah_1');
    expect(listed.body.data.map((p: { id: string }) => p.id)).toEqual([payment.id]);
  });

  it('the API refuses a second payment for one provider reference (409 payment_exists), and an unknown job as 422', async () => {
    const body = { job_id: jobs.bennettFamily, amount: 1000, currency: 'GBP', provider: 'PayPal', provider_reference: 'PP-1' };
    expect((await live.sandbox.api('POST', '/v1/payments', body)).status).toBe(201);
    const twice = await live.sandbox.api('POST', '/v1/payments', { ...body, provider: 'paypal' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'payment_exists']);
    const unknown = await live.sandbox.api('POST', '/v1/payments', { ...body, job_id: 'job_nope', provider_reference: 'PP-2' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'job_not_found']);
  });
});

describe('Create Shoot against the sandbox', () => {
  it('books a shoot at a local time in the studio’s zone, once, and Find Latest Confirmed Shoot finds it', async () => {
    const input = {
      job_id: jobs.wilsonEngagement,
      starts_at: '2026-07-18 16:30',
      duration_minutes: 120,
      type: 'Engagement',
      confirmed: 'true',
    };
    const shoot = await step('creates', 'create_shoot', input);
    expect(shoot).toMatchObject({
      title: 'Engagement',
      status: 'confirmed',
      starts_at: '2026-07-18T15:30:00.000Z',
      ends_at: '2026-07-18T17:30:00.000Z',
      time_zone: 'Europe/London',
      starts_at_local: '2026-07-18 16:30',
      duration_minutes: 120,
      job_id: jobs.wilsonEngagement,
      contact_id: (await live.sandbox.api('GET', `/v1/jobs/${jobs.wilsonEngagement}`)).body.contact_id,
    });
    // The same start written with its offset is the same shoot.
    await expect(
      step('creates', 'create_shoot', { ...input, starts_at: '2026-07-18T16:30+01:00', type: 'engagement shoot' }),
    ).resolves.toMatchObject({ id: shoot.id, title: 'Engagement' });
    const listed = await live.sandbox.api('GET', `/v1/shoots?job_id=${jobs.wilsonEngagement}&starts_at=2026-07-18T17:30:00%2B02:00`);
    expect(listed.body.data.map((s: { id: string }) => s.id)).toEqual([shoot.id]);

    const found = await step('searches', 'find_latest_confirmed_shoot', {
      contact_id: shoot.contact_id,
      on_or_before: '2026-07-19T00:00:00Z',
    });
    expect(found[0]).toMatchObject({ id: shoot.id });
  });

  it('refuses a time the clocks skip, creating nothing', async () => {
    const failure = await failureOf(
      step('creates', 'create_shoot', { job_id: jobs.wilsonEngagement, starts_at: '2027-03-28 01:15', type: 'Engagement' }),
    );
    expect(failure.message).toMatch(/"2027-03-28 01:15" does not exist in Europe\/London/);
    const listed = await live.sandbox.api('GET', `/v1/shoots?job_id=${jobs.wilsonEngagement}&limit=100`);
    expect(listed.body.data.filter((s: { starts_at: string }) => s.starts_at.startsWith('2027-03-28'))).toEqual([]);
  });
});

describe('contact address and notes, and Updated Contact, against the sandbox', () => {
  it('stores an address and notes, shows them in Find Contact, and hears a change with the fields it changed', async () => {
    const zap = await zapOn('updated_contact', { watched_fields: ['street', 'city', 'postal_code', 'email'] });
    const created = await step('creates', 'create_contact', {
      first_name: 'Imogen',
      last_name: 'Reid',
      email: 'imogen.reid@example.com',
      street: '14 Rosebery Avenue',
      city: 'London',
      postal_code: 'EC1R 4TD',
      country: 'GB',
      notes: 'Met at the Syon Park fair.',
    });
    expect(created).toMatchObject({
      street: '14 Rosebery Avenue',
      city: 'London',
      region: null,
      postal_code: 'EC1R 4TD',
      country: 'GB',
      notes: 'Met at the Syon Park fair.',
    });
    await expect(step('searches', 'find_contact', { email: 'IMOGEN.REID@example.com' })).resolves.toMatchObject([
      { id: created.id, city: 'London', notes: 'Met at the Syon Park fair.' },
    ]);

    const moved = await step('creates', 'update_contact', {
      contact_id: created.id,
      street: '2 Royal Crescent',
      city: 'Bath',
      postal_code: 'BA1 2LR',
      region: 'Somerset',
    });
    expect(moved).toMatchObject({
      street: '2 Royal Crescent',
      city: 'Bath',
      region: 'Somerset',
      country: 'GB',
      email: 'imogen.reid@example.com',
    });
    const [item] = await zap.perform(await delivered('contact.updated', created.id));
    expect(item).toMatchObject({
      contact_id: created.id,
      city: 'Bath',
      street: '2 Royal Crescent',
      changed_fields: ['street', 'city', 'region', 'postal_code'],
    });

    // The same values again change nothing: no event. Notes alone change: an event the Zap does not watch.
    await step('creates', 'update_contact', { contact_id: created.id, city: 'Bath' });
    await step('creates', 'update_contact', { contact_id: created.id, notes: 'Moved to Bath.' });
    await live.sandbox.webhooksIdle();
    const events = await live.sandbox.api('GET', '/v1/events?type=contact.updated&limit=100');
    const mine = events.body.data.filter((e: { data: { id: string } }) => e.data.id === created.id);
    expect(mine.map((e: { data: { changed_fields: string[] } }) => e.data.changed_fields)).toEqual([
      ['notes'],
      ['street', 'city', 'region', 'postal_code'],
    ]);
    // The poll shows the address change, not the notes one (not watched).
    const listed = await zap.list();
    expect(listed.filter((i) => i.contact_id === created.id).map((i) => i.changed_fields)).toEqual([
      ['street', 'city', 'region', 'postal_code'],
    ]);
  });
});

describe('New Invoice against the sandbox', () => {
  it('hears each invoice booked for an order, with its lines, the contact and the job', async () => {
    const zap = await zapOn('new_invoice');
    const booked = await step('creates', 'import_order', { order_id: DEMO_IDS.orders.bennettPrints });
    const ids = String(booked.invoice_ids).split(',').filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const [item] = await zap.perform(await delivered('invoice.created', id));
      expect(item).toMatchObject({ id, contact_id: booked.contact_id, contact: { name: expect.any(String) } });
      expect(item.lines.length).toBeGreaterThan(0);
      expect(item.lines.every((line: { invoice_id: string }) => line.invoice_id === id)).toBe(true);
      const invoice = (await live.sandbox.api('GET', `/v1/invoices/${id}`)).body;
      expect(item).toMatchObject({
        total: invoice.total,
        tax: invoice.tax,
        status: invoice.status,
        job_id: invoice.job_id,
        job: invoice.job_id ? { name: expect.any(String) } : null,
      });
    }
    // A poll is the same items, one request.
    const listed = await zap.list();
    expect(listed.filter((i) => ids.includes(i.id))).toHaveLength(ids.length);
  });
});
