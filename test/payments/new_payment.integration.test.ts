// New Payment against the sandbox, in the booking story: with "First Payment on a Job Only" a
// client's deposit triggers the Zap (with the job and the client), the balance does not.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deliveryOf, performList, performOn, shapeOf, startLiveHook, subscribe, type LiveHook } from '../hooks/live.js';
import { runOperation } from '../support/index.js';

let live: LiveHook;
beforeAll(async () => {
  live = await startLiveHook('new_payment');
});
afterAll(async () => {
  await live?.stop();
});

const JOB = 'job_clarke_newborn'; // no payments yet in the demo: its first one is the deposit
const firstOnly = { first_payment_only: 'true' };

async function pay(amount: number) {
  const paid = await live.sandbox.api('POST', '/_sandbox/payments', { job_id: JOB, amount });
  expect(paid.status).toBe(201);
  return paid.body as { id: string; is_first_payment: boolean };
}

describe('New Payment against the sandbox', () => {
  it('fires for the deposit with the job and contact, and not for the next payment', async () => {
    const subscription = await subscribe(live, firstOnly);
    const deposit = await pay(25000);
    const balance = await pay(95000);
    expect([deposit.is_first_payment, balance.is_first_payment]).toEqual([true, false]);

    const depositItems = await performOn(live, await deliveryOf(live, deposit.id), subscription, firstOnly);
    expect(depositItems).toMatchObject([
      {
        id: deposit.id,
        amount: 25000,
        amount_formatted: 'GBP 250.00',
        is_first_payment: true,
        job_id: JOB,
        job: { name: 'Clarke Newborn', status: 'lead', gallery_ids: [] },
        contact: { name: 'Sophie Clarke' },
      },
    ]);
    // The balance is delivered too (the hook has no options), but the Zap does not trigger.
    await expect(performOn(live, await deliveryOf(live, balance.id), subscription, firstOnly)).resolves.toEqual([]);

    // Without the option, the balance triggers.
    await expect(performOn(live, await deliveryOf(live, balance.id), subscription)).resolves.toMatchObject([
      { id: balance.id, is_first_payment: false },
    ]);

    // The samples show the same deposit item the delivery gave, and only first payments.
    const listed = await performList(live, firstOnly, true);
    expect(listed[0]).toEqual(depositItems[0]);
    expect(listed.every((item) => item.is_first_payment === true)).toBe(true);
    expect(listed.map(shapeOf)).toEqual(listed.map(() => shapeOf(depositItems[0])));

    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
    const before = live.inbox.deliveries.length;
    await pay(1000);
    await live.sandbox.webhooksIdle();
    expect(live.inbox.deliveries).toHaveLength(before);
  });
});
