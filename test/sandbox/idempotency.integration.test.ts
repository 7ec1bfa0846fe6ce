// Every POST honours Idempotency-Key: the same key and body answer with the first response
// (same status, same body, `Idempotent-Replayed: true`) and create nothing new; the same key
// with another body is a 409. A key lives 24 hours, then the same request is a new one.
import { describe, expect, it } from '@jest/globals';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { startTestSandbox, useSandbox } from '../support/index.js';

const sandbox = useSandbox();

const order = {
  currency: 'GBP',
  prices_include_tax: true,
  payment_status: 'paid',
  client: { email: 'repeat@example.com', first_name: 'Rita', last_name: 'Peat', phone: null },
  lines: [{ description: 'Print', quantity: 1, unit_price: 1200, tax_rate: '20' }],
};

async function count(path: string): Promise<number> {
  return (await sandbox.api('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100`)).body.data.length;
}

describe('Idempotency-Key', () => {
  it('a replayed create returns the first response and creates nothing', async () => {
    const before = await count('/v1/contacts');
    const body = { first_name: 'Ida', last_name: 'Empotent', email: 'ida@example.com' };
    const first = await sandbox.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'contact-ida' });
    // Same body with its keys in another order is the same request.
    const replay = await sandbox.api(
      'POST',
      '/v1/contacts',
      { email: 'ida@example.com', last_name: 'Empotent', first_name: 'Ida' },
      { 'Idempotency-Key': 'contact-ida' },
    );
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await count('/v1/contacts')).toBe(before + 1);
  });

  it('the same key with a different body is a 409 idempotency_key_reused, and changes nothing', async () => {
    const before = await count('/v1/contacts');
    await sandbox.api('POST', '/v1/contacts', { first_name: 'Once' }, { 'Idempotency-Key': 'contact-once' });
    const conflict = await sandbox.api('POST', '/v1/contacts', { first_name: 'Twice' }, { 'Idempotency-Key': 'contact-once' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_key_reused');
    // The same key on another endpoint is another request too.
    const elsewhere = await sandbox.api('POST', '/_sandbox/orders', order, { 'Idempotency-Key': 'contact-once' });
    expect(elsewhere.status).toBe(409);
    expect(await count('/v1/contacts')).toBe(before + 1);
  });

  it('replaying a placed order fires no second order.created event', async () => {
    const events = await count('/v1/events?type=order.created');
    const first = await sandbox.api('POST', '/_sandbox/orders', order, { 'Idempotency-Key': 'order-1' });
    const replay = await sandbox.api('POST', '/_sandbox/orders', order, { 'Idempotency-Key': 'order-1' });
    expect(replay.body).toEqual(first.body);
    expect(await count('/v1/events?type=order.created')).toBe(events + 1);
  });

  it('replays a 200 as a 200: linking twice with one key', async () => {
    const path = `/v1/jobs/${DEMO_IDS.jobs.shahMaternity}/galleries`;
    const first = await sandbox.api('POST', path, { gallery_id: DEMO_IDS.galleries.shahMaternity }, { 'Idempotency-Key': 'link-1' });
    const second = await sandbox.api('POST', path, { gallery_id: DEMO_IDS.galleries.shahMaternity }, { 'Idempotency-Key': 'link-2' });
    const replay = await sandbox.api('POST', path, { gallery_id: DEMO_IDS.galleries.shahMaternity }, { 'Idempotency-Key': 'link-1' });
    expect([first.status, second.status, replay.status]).toEqual([201, 200, 201]);
    expect(replay.body).toEqual(first.body);
  });

  it('a refused request does not use up its key: fixing the body with the same key works', async () => {
    const refused = await sandbox.api('POST', '/v1/contacts', { first_name: '' }, { 'Idempotency-Key': 'contact-fixed' });
    expect(refused.status).toBe(422);
    const fixed = await sandbox.api('POST', '/v1/contacts', { first_name: 'Fixed' }, { 'Idempotency-Key': 'contact-fixed' });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('concurrent requests with one key create exactly one record', async () => {
    const before = await count('/v1/contacts');
    const body = { first_name: 'Racer', email: 'racer@example.com' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => sandbox.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'contact-race' })),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    // Any request that was not answered from the store was told to retry, not given a twin.
    for (const r of responses.filter((r) => r.status !== 201)) expect(r.body.error.code).toBe('idempotency_key_in_use');
    expect(await count('/v1/contacts')).toBe(before + 1);
  });

  it('an unusable key is a 422 naming the header', async () => {
    const response = await sandbox.api('POST', '/v1/contacts', { first_name: 'Bad' }, { 'Idempotency-Key': 'x'.repeat(300) });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});

describe('Idempotency-Key lifetime (24 hours, as Stripe keeps keys)', () => {
  const HOUR = 3600 * 1000;
  let now = Date.parse('2026-07-01T09:00:00.000Z');
  const aging = useSandbox({ idempotencyClock: () => now });
  const post = (body: unknown, key: string) => aging.api('POST', '/v1/contacts', body, { 'Idempotency-Key': key });

  it('replays the first response for 24 hours, then forgets the key: the same request is then a new one', async () => {
    const body = { first_name: 'Tess', last_name: 'Tempo', email: 'tess@example.com' };
    const first = await post(body, 'contact-tess');
    now += 24 * HOUR - 1000;
    const withinDay = await post(body, 'contact-tess');
    now += 2000;
    const nextDay = await post(body, 'contact-tess');
    const replayOfNew = await post(body, 'contact-tess');

    expect(first.status).toBe(201);
    expect(withinDay.headers.get('idempotent-replayed')).toBe('true');
    expect(withinDay.body.id).toBe(first.body.id);
    expect(nextDay.status).toBe(201);
    expect(nextDay.headers.get('idempotent-replayed')).toBeNull();
    expect(nextDay.body.id).not.toBe(first.body.id);
    // The new response starts a new lifetime.
    expect(replayOfNew.headers.get('idempotent-replayed')).toBe('true');
    expect(replayOfNew.body.id).toBe(nextDay.body.id);
  });

  it('lets an expired key be used for another request, which within the lifetime is a 409', async () => {
    await post({ first_name: 'Una' }, 'contact-reuse');
    now += 23 * HOUR;
    expect((await post({ first_name: 'Vic' }, 'contact-reuse')).body.error.code).toBe('idempotency_key_reused');
    now += 2 * HOUR;
    const other = await post({ first_name: 'Vic' }, 'contact-reuse');
    expect(other.status).toBe(201);
    expect(other.body.first_name).toBe('Vic');
  });

  it('sweeps expired keys out of the store', async () => {
    await post({ first_name: 'Wes' }, 'contact-swept');
    const stored = () =>
      (aging.sandbox.context.db.prepare("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = 'contact-swept'").get() as { n: number }).n;
    expect(stored()).toBe(1);
    now += 25 * HOUR;
    await post({ first_name: 'Xan' }, 'contact-other');
    expect(stored()).toBe(0);
  });

  it('takes another lifetime when configured', async () => {
    const short = await startTestSandbox({ idempotencyKeyTtlSeconds: 60, idempotencyClock: () => now });
    try {
      const send = () => short.api('POST', '/v1/contacts', { first_name: 'Yara' }, { 'Idempotency-Key': 'contact-short' });
      const first = await send();
      now += 59_000;
      expect((await send()).body.id).toBe(first.body.id);
      now += 2000;
      expect((await send()).body.id).not.toBe(first.body.id);
    } finally {
      await short.stop();
    }
  });
});
