// New Payment: a payment lands on a job; with "First Payment on a Job Only" it is the moment a
// client commits (the deposit), the trigger for creating their gallery.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleContact } from '../../src/contacts/samples.js';
import type { PaymentReceivedEvent } from '../../src/contract/hooks.js';
import { sampleJob } from '../../src/jobs/samples.js';
import { samplePayment, samplePaymentReceivedEvent } from '../../src/payments/samples.js';
import { API, delivery, operationsOf, run } from '../hooks/support.js';

const newPayment = operationsOf('new_payment');
const authData = { access_token: 'at-payments' };

function paymentEvent(id: string, changes: Partial<PaymentReceivedEvent['data']> = {}): PaymentReceivedEvent {
  return { ...samplePaymentReceivedEvent, id: `evt_${id}`, data: { ...samplePayment, id: `pay_${id}`, ...changes } };
}
const jobAndContact = () =>
  nock(API).get(`/v1/jobs/${sampleJob.id}`).reply(200, sampleJob).get(`/v1/contacts/${sampleContact.id}`).reply(200, sampleContact);

afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

describe('New Payment', () => {
  it('delivers the payment with its amount, job and contact', async () => {
    const api = jobAndContact();
    const items = await run(newPayment.perform, { authData, ...delivery(samplePaymentReceivedEvent).bundle });
    expect(api.isDone()).toBe(true);
    expect(items).toEqual([
      {
        id: 'pay_2Bn6Yt8u',
        amount: 50000,
        amount_formatted: 'GBP 500.00',
        currency: 'GBP',
        method: 'card',
        received_at: '2026-01-20T11:02:33Z',
        is_first_payment: true,
        job_id: 'job_5Rt7Wq2e',
        contact_id: 'con_8f2k1Hx4',
        job: {
          name: 'Emma & James Wedding',
          status: 'booked',
          job_type: 'Wedding',
          event_date: '2026-06-20',
          gallery_ids: ['gal_3Vx8Lp2a'],
          gallery_count: 1,
        },
        contact: { first_name: 'Emma', last_name: 'Harper', full_name: 'Emma Harper', email: 'emma.harper@example.com', phone: '+447700900123' },
      },
    ]);
  });

  it('formats amounts in the payment’s own currency (JPY has no minor unit)', async () => {
    jobAndContact();
    const yen = paymentEvent('jpy', { amount: 120000, currency: 'JPY' });
    const [item] = (await run(newPayment.perform, { authData, ...delivery(yen).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ amount: 120000, amount_formatted: 'JPY 120,000' });
  });

  it.each([['true'], [true], ['yes']])('with "First Payment on a Job Only" (%p) ignores later payments without any request', async (choice) => {
    const balance = paymentEvent('balance', { is_first_payment: false, amount: 150000 });
    await expect(run(newPayment.perform, { authData, inputData: { first_payment_only: choice }, ...delivery(balance).bundle })).resolves.toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('with "First Payment on a Job Only" fires for the deposit', async () => {
    jobAndContact();
    const items = await run(newPayment.perform, { authData, inputData: { first_payment_only: 'true' }, ...delivery(samplePaymentReceivedEvent).bundle });
    expect(items).toMatchObject([{ id: 'pay_2Bn6Yt8u', is_first_payment: true }]);
  });

  it('fires for every payment when the option is off', async () => {
    jobAndContact();
    const balance = paymentEvent('balance', { is_first_payment: false });
    const items = await run(newPayment.perform, { authData, inputData: { first_payment_only: 'false' }, ...delivery(balance).bundle });
    expect(items).toMatchObject([{ id: 'pay_balance', is_first_payment: false }]);
  });

  it('lists recent payments as the items deliveries give, fetching each job and contact once, first payments only when asked', async () => {
    const events = [paymentEvent('3', { is_first_payment: false }), paymentEvent('2', { is_first_payment: false }), paymentEvent('1')];
    nock(API).get('/v1/events').query({ type: 'payment.received', limit: '100' }).reply(200, { data: events, next_cursor: null });
    jobAndContact();
    const all = (await run(newPayment.performList, { authData, inputData: { first_payment_only: 'false' } })) as Array<{ id: string }>;
    expect(all.map((item) => item.id)).toEqual(['pay_3', 'pay_2', 'pay_1']);
    expect(nock.pendingMocks()).toEqual([]);

    nock(API).get('/v1/events').query({ type: 'payment.received', limit: '100' }).reply(200, { data: events, next_cursor: null });
    jobAndContact();
    const firstOnly = await run(newPayment.performList, { authData, inputData: { first_payment_only: 'true' } });
    jobAndContact();
    const live = await run(newPayment.perform, { authData, ...delivery(events[2]).bundle });
    expect(firstOnly).toEqual(live);
  });

  it('polls fine with one payment it cannot read among good ones, logging it by id and field', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const events = [paymentEvent('3'), paymentEvent('2', { amount: 12.5 }), paymentEvent('1')];
    nock(API).get('/v1/events').query({ type: 'payment.received', limit: '100' }).reply(200, { data: events, next_cursor: null });
    jobAndContact();
    const items = (await run(newPayment.performList, { authData })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['pay_3', 'pay_1']);
    expect(log.mock.calls.flat().join('\n')).toMatch(/left out record evt_2 \(pay_2\) of a list of events, which this integration cannot read \(data\.amount: /);
  });

  it('still fires, without the contact’s details, when the contact cannot be read, and logs which field', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    nock(API)
      .get(`/v1/jobs/${sampleJob.id}`)
      .reply(200, sampleJob)
      .get(`/v1/contacts/${sampleContact.id}`)
      .reply(200, { ...sampleContact, created_at: 'last Tuesday' });
    const items = await run(newPayment.perform, { authData, ...delivery(samplePaymentReceivedEvent).bundle });
    expect(items).toMatchObject([{ id: 'pay_2Bn6Yt8u', job: { name: sampleJob.name }, contact: null }]);
    expect(log.mock.calls.flat().join('\n')).toMatch(/the contact at \/v1\/contacts\/con_8f2k1Hx4 cannot be read by this integration \(created_at: /);
  });

  it('still fires when the job was deleted since', async () => {
    nock(API)
      .get(`/v1/jobs/${sampleJob.id}`)
      .reply(404, { error: { code: 'not_found', message: 'Job not found.' } })
      .get(`/v1/contacts/${sampleContact.id}`)
      .reply(200, sampleContact);
    const items = await run(newPayment.perform, { authData, ...delivery(samplePaymentReceivedEvent).bundle });
    expect(items).toMatchObject([{ id: 'pay_2Bn6Yt8u', job_id: 'job_5Rt7Wq2e', job: null, contact: { email: 'emma.harper@example.com' } }]);
  });

  it('subscribes to payment.received', async () => {
    const api = nock(API)
      .post('/v1/hooks', { target_url: 'https://hooks.zapier.com/p', event: 'payment.received' })
      .reply(201, { id: 'hook_P1', event: 'payment.received', target_url: 'https://hooks.zapier.com/p', secret: 'whsec_abcdef0123456789', created_at: '2026-07-01T10:00:00Z' });
    await run(newPayment.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/p', inputData: { first_payment_only: 'true' } });
    expect(api.isDone()).toBe(true);
  });
});
