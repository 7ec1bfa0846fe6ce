// New Payment: a payment lands on a job; with "First Payment on a Job Only" it is the moment a
// client commits (the deposit), the trigger for creating their gallery. The event embeds the
// payment's job and contact, so a delivery makes no request and a poll exactly one.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleContact } from '../../src/contacts/samples.js';
import type { PaymentReceivedEvent } from '../../src/contract/hooks.js';
import { sampleJob } from '../../src/jobs/samples.js';
import { samplePaymentReceivedEvent } from '../../src/payments/samples.js';
import { delivery, operationsOf, runOperation } from '../support/index.js';
import { API } from '../support/api-mock.js';

const newPayment = operationsOf('new_payment');
const authData = { access_token: 'at-payments' };

function paymentEvent(id: string, changes: Partial<Record<keyof PaymentReceivedEvent['data'], unknown>> = {}): PaymentReceivedEvent {
  return {
    ...samplePaymentReceivedEvent,
    id: `evt_${id}`,
    data: { ...samplePaymentReceivedEvent.data, id: `pay_${id}`, ...changes } as PaymentReceivedEvent['data'],
  };
}
const listed = (events: unknown[]) =>
  nock(API).get('/v1/events').query({ type: 'payment.received', limit: '100' }).reply(200, { data: events, next_cursor: null });

afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

describe('New Payment', () => {
  it('delivers the payment with its amount, job and contact, without a request', async () => {
    const items = await runOperation(newPayment.perform, { authData, ...delivery(samplePaymentReceivedEvent).bundle });
    expect(items).toEqual([
      {
        id: 'pay_2Bn6Yt8u',
        amount: 50000,
        amount_formatted: 'GBP 500.00',
        amount_decimal: '500.00',
        currency: 'GBP',
        method: 'card',
        received_at: '2026-01-20T11:02:33Z',
        is_first_payment: true,
        job_id: 'job_5Rt7Wq2e',
        contact_id: 'con_8f2k1Hx4',
        provider: 'Stripe',
        provider_reference: 'pi_3QxR8u2eZvKYlo2C1a9Bx4Lm',
        job: {
          name: 'Emma & James Wedding',
          status: 'booked',
          job_type: 'Wedding',
          event_date: '2026-06-20',
          gallery_ids: ['gal_3Vx8Lp2a'],
          gallery_count: 1,
        },
        contact: { first_name: 'Emma', last_name: 'Harper', name: 'Emma Harper', email: 'emma.harper@example.com', phone: '+447700900123' },
      },
    ]);
  });

  it('formats amounts in the payment’s own currency (JPY has no minor unit)', async () => {
    const yen = paymentEvent('jpy', { amount: 120000, currency: 'JPY' });
    const [item] = (await runOperation(newPayment.perform, { authData, ...delivery(yen).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ amount: 120000, amount_formatted: 'JPY 120,000' });
  });

  it.each([['true'], [true], ['yes']])('with "First Payment on a Job Only" (%p) ignores later payments', async (choice) => {
    const balance = paymentEvent('balance', { is_first_payment: false, amount: 150000 });
    await expect(
      runOperation(newPayment.perform, { authData, inputData: { first_payment_only: choice }, ...delivery(balance).bundle }),
    ).resolves.toEqual([]);
  });

  it('with "First Payment on a Job Only" fires for the deposit', async () => {
    const items = await runOperation(newPayment.perform, {
      authData,
      inputData: { first_payment_only: 'true' },
      ...delivery(samplePaymentReceivedEvent).bundle,
    });
    expect(items).toMatchObject([{ id: 'pay_2Bn6Yt8u', is_first_payment: true }]);
  });

  it('fires for every payment when the option is off', async () => {
    const balance = paymentEvent('balance', { is_first_payment: false });
    const items = await runOperation(newPayment.perform, {
      authData,
      inputData: { first_payment_only: 'false' },
      ...delivery(balance).bundle,
    });
    expect(items).toMatchObject([{ id: 'pay_balance', is_first_payment: false }]);
  });

  it('lists recent payments as the items deliveries give, in one request, first payments only when asked', async () => {
    const events = [paymentEvent('3', { is_first_payment: false }), paymentEvent('2', { is_first_payment: false }), paymentEvent('1')];
    const all = listed(events);
    const items = (await runOperation(newPayment.performList, { authData, inputData: { first_payment_only: 'false' } })) as Array<{
      id: string;
      job: unknown;
    }>;
    expect(all.isDone()).toBe(true);
    expect(items.map((item) => item.id)).toEqual(['pay_3', 'pay_2', 'pay_1']);
    expect(items.every((item) => item.job !== null)).toBe(true);

    listed(events);
    const firstOnly = await runOperation(newPayment.performList, { authData, inputData: { first_payment_only: 'true' } });
    const live = await runOperation(newPayment.perform, { authData, ...delivery(events[2]).bundle });
    expect(firstOnly).toEqual(live);
  });

  it('a poll of 25 payments of 25 different jobs is still one request', async () => {
    const events = Array.from({ length: 25 }, (_, n) =>
      paymentEvent(String(n), { job_id: `job_${n}`, job: { ...sampleJob, id: `job_${n}`, name: `Job ${n}` } }),
    );
    const api = listed(events);
    const items = (await runOperation(newPayment.performList, { authData })) as Array<{ job: { name: string } }>;
    expect(api.isDone()).toBe(true);
    expect(items.map((item) => item.job.name)).toEqual(events.map((_, n) => `Job ${n}`));
  });

  it('polls fine with one payment it cannot read among good ones, logging it by id and field', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    listed([paymentEvent('3'), paymentEvent('2', { amount: 12.5 }), paymentEvent('1')]);
    const items = (await runOperation(newPayment.performList, { authData })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['pay_3', 'pay_1']);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /left out record evt_2 \(pay_2\) of a list of events, which this integration cannot read \(data\.amount: /,
    );
  });

  it('still fires, without the contact’s details, when the embedded contact cannot be read, and logs the event and field', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const odd = paymentEvent('odd', { contact: { ...sampleContact, created_at: 'last Tuesday' } });
    const items = await runOperation(newPayment.perform, { authData, ...delivery(odd).bundle });
    expect(items).toMatchObject([{ id: 'pay_odd', job: { name: sampleJob.name }, contact: null }]);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /event evt_odd came without a readable contact \(created_at: .*\); its item comes without the contact's details/,
    );
  });

  it('polls every payment when an API leaves the job and contact out, each item without them and logged', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const { job: _job, contact: _contact, ...bare } = samplePaymentReceivedEvent.data;
    listed([{ ...samplePaymentReceivedEvent, id: 'evt_bare', data: bare }, paymentEvent('full')]);
    const items = await runOperation(newPayment.performList, { authData });
    expect(items).toMatchObject([
      { id: 'pay_2Bn6Yt8u', job: null, contact: null },
      { id: 'pay_full', job: { name: sampleJob.name } },
    ]);
    const lines = log.mock.calls.flat().join('\n');
    expect(lines).toMatch(/event evt_bare came without a readable job/);
    expect(lines).toMatch(/event evt_bare came without a readable contact/);
  });

  it('fires with job null when the job was deleted before the payment arrived', async () => {
    const orphan = paymentEvent('orphan', { job: null });
    const items = await runOperation(newPayment.perform, { authData, ...delivery(orphan).bundle });
    expect(items).toMatchObject([{ id: 'pay_orphan', job_id: 'job_5Rt7Wq2e', job: null, contact: { email: 'emma.harper@example.com' } }]);
  });

  it('subscribes to payment.received', async () => {
    const api = nock(API).post('/v1/hooks', { target_url: 'https://hooks.zapier.com/p', event: 'payment.received' }).reply(201, {
      id: 'hook_P1',
      event: 'payment.received',
      target_url: 'https://hooks.zapier.com/p',
      secret: 'whsec_abcdef0123456789',
      created_at: '2026-07-01T10:00:00Z',
    });
    await runOperation(newPayment.performSubscribe, {
      authData,
      targetUrl: 'https://hooks.zapier.com/p',
      inputData: { first_payment_only: 'true' },
    });
    expect(api.isDone()).toBe(true);
  });
});
