// Every token is bound to one studio: another studio's ids are 404 (never 403, so ids do not
// leak), its lists never show up, and its writes never touch ours.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { type TestStudio, useSandbox } from '../support/index.js';

const sandbox = useSandbox();
let other: TestStudio;
beforeAll(async () => {
  other = await sandbox.newStudio({ name: 'Elsewhere Studio', country: 'IE', currency: 'EUR' });
});

describe('studios never see each other', () => {
  it('another studio gets 404 not_found for every one of our resources, never 403', async () => {
    const contact = (
      await sandbox.api('POST', '/v1/contacts', { first_name: 'Private', last_name: 'Person', email: 'private@example.com' })
    ).body;
    const paths = [
      `/v1/contacts/${contact.id}`,
      `/v1/jobs/${DEMO_IDS.jobs.hartWedding}`,
      `/v1/jobs/${DEMO_IDS.jobs.hartWedding}/shoots`,
      `/v1/jobs/${DEMO_IDS.jobs.hartWedding}/payments`,
      `/v1/galleries/${DEMO_IDS.galleries.hartEngagement}`,
      `/v1/orders/${DEMO_IDS.orders.hartAlbumCanvas}`,
      `/v1/payments/${DEMO_IDS.payments.hartDeposit}`,
    ];
    for (const path of paths) {
      const response = await other.api('GET', path);
      expect({ path, status: response.status, code: response.body.error.code }).toEqual({ path, status: 404, code: 'not_found' });
    }
  });

  // The other studio may have records of its own (the tests below make some): none is ours.
  it('lists and filters of another studio hold nothing of ours', async () => {
    for (const path of [
      '/v1/contacts?email=amelia.hart@example.com',
      '/v1/jobs',
      '/v1/shoots',
      '/v1/galleries',
      '/v1/brands',
      '/v1/orders',
      '/v1/payments',
      '/v1/events',
    ]) {
      const ours = (await sandbox.api('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100`)).body.data as Array<{ id: string }>;
      expect(ours.length).toBeGreaterThan(0);
      const response = await other.api('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100`);
      const theirs = response.body.data as Array<{ id: string }>;
      const mine = new Set(ours.map((item) => item.id));
      expect({ path, status: response.status, ours: theirs.filter((item) => mine.has(item.id)) }).toEqual({ path, status: 200, ours: [] });
    }
    expect((await other.api('GET', '/v1/contacts?email=amelia.hart@example.com')).body.data).toEqual([]);
  });

  it('another studio cannot write through our ids', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', `/v1/jobs/${DEMO_IDS.jobs.hartWedding}/galleries`, { gallery_id: DEMO_IDS.galleries.shahMaternity }, 404, 'not_found'],
      ['DELETE', `/v1/jobs/${DEMO_IDS.jobs.hartWedding}/galleries/${DEMO_IDS.galleries.hartEngagement}`, undefined, 404, 'not_found'],
      ['POST', `/_sandbox/galleries/${DEMO_IDS.galleries.shahMaternity}/publish`, undefined, 404, 'not_found'],
      ['POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: 100 }, 422, 'validation_failed'],
      [
        'POST',
        '/v1/galleries',
        { name: 'X', brand_id: DEMO_IDS.brands.northlight, preset_id: DEMO_IDS.presets.classic },
        422,
        'validation_failed',
      ],
      [
        'POST',
        '/v1/invoices',
        {
          order_id: DEMO_IDS.orders.hartAlbumCanvas,
          tax_rate: '20',
          currency: 'EUR',
          prices_include_tax: true,
          net: 100,
          tax: 20,
          total: 120,
          status: 'paid',
          lines: [{ kind: 'goods', description: 'x', quantity: 1, amount: 120, tax: 20 }],
        },
        422,
        'validation_failed',
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const response = await other.api(method, path, body);
      expect({ path, status: response.status, code: response.body.error.code }).toEqual({ path, status, code });
    }
    // Nothing of ours changed.
    const job = (await sandbox.api('GET', `/v1/jobs/${DEMO_IDS.jobs.hartWedding}`)).body;
    expect(job.galleries.map((g: { id: string }) => g.id)).toEqual([DEMO_IDS.galleries.hartEngagement, DEMO_IDS.galleries.hartWedding]);
    expect((await sandbox.api('GET', `/v1/galleries/${DEMO_IDS.galleries.shahMaternity}`)).body.status).toBe('offline');
  });

  it('the same Idempotency-Key in two studios is two separate requests', async () => {
    const body = { first_name: 'Same', last_name: 'Key' };
    const ours = await sandbox.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'shared-key-1' });
    const theirs = await other.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'shared-key-1' });
    expect([ours.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(ours.body.id);
    expect((await sandbox.api('GET', `/v1/contacts/${theirs.body.id}`)).status).toBe(404);
  });

  it('a demo studio seeded twice holds two separate copies of the demo', async () => {
    const twin = await sandbox.newStudio({ name: 'Northlight Twin', seed: 'demo' });
    await twin.api('POST', `/_sandbox/galleries/${DEMO_IDS.galleries.shahMaternity}/publish`);
    expect((await twin.api('GET', `/v1/galleries/${DEMO_IDS.galleries.shahMaternity}`)).body.status).toBe('online');
    expect((await sandbox.api('GET', `/v1/galleries/${DEMO_IDS.galleries.shahMaternity}`)).body.status).toBe('offline');
  });
});
