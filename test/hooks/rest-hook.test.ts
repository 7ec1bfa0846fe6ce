// The shared REST hook machinery, through a real trigger (Gallery Published, which needs no
// further requests): subscribing, unsubscribing, and refusing every delivery it cannot trust.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleGalleryPublishedEvent } from '../../src/galleries/samples.js';
import { deliveryHeader } from '../../src/hooks/rest-hook.js';
import { samplePaymentReceivedEvent } from '../../src/payments/samples.js';
import { API, delivery, nowSeconds, operationsOf, run, SECRET } from './support.js';

const hook = operationsOf('gallery_published');
const authData = { access_token: 'at-hooks' };
const subscription = {
  id: 'hook_Zp1',
  event: 'gallery.published',
  target_url: 'https://hooks.zapier.com/hooks/standard/123/abc/',
  secret: SECRET,
  created_at: '2026-07-01T10:00:00Z',
};

let logged: string[];
beforeEach(() => {
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
});
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

describe('subscribing and unsubscribing', () => {
  it('subscribes Zapier’s target URL to the event and keeps the id and secret as subscribeData', async () => {
    const api = nock(API, { reqheaders: { authorization: 'Bearer at-hooks' } })
      .post('/v1/hooks', { target_url: subscription.target_url, event: 'gallery.published' })
      .reply(201, subscription);
    const subscribeData = await run(hook.performSubscribe, { authData, targetUrl: subscription.target_url });
    expect(subscribeData).toEqual(subscription);
    expect(api.isDone()).toBe(true);
  });

  it('refuses a subscription that came back without a signing secret, since nothing could be verified', async () => {
    const { secret: _secret, ...withoutSecret } = subscription;
    nock(API).post('/v1/hooks').reply(201, withoutSecret);
    await expect(run(hook.performSubscribe, { authData, targetUrl: subscription.target_url })).rejects.toThrow(/without a signing secret/);
  });

  it('unsubscribes by deleting the subscription it stored', async () => {
    const api = nock(API).delete('/v1/hooks/hook_Zp1').reply(204);
    await expect(run(hook.performUnsubscribe, { authData, subscribeData: subscription })).resolves.toEqual({ id: 'hook_Zp1', removed: true });
    expect(api.isDone()).toBe(true);
  });

  it('treats a subscription that is already gone (404) as unsubscribed', async () => {
    nock(API).delete('/v1/hooks/hook_Zp1').reply(404, { error: { code: 'not_found', message: 'No such hook.' } });
    await expect(run(hook.performUnsubscribe, { authData, subscribeData: subscription })).resolves.toEqual({ id: 'hook_Zp1', removed: false });
  });

  it('reports other failures to unsubscribe, so Zapier can try again', async () => {
    nock(API).delete('/v1/hooks/hook_Zp1').reply(500, { error: { code: 'internal', message: 'Database unavailable' } });
    await expect(run(hook.performUnsubscribe, { authData, subscribeData: subscription })).rejects.toThrow(/temporary problem/);
  });
});

describe('receiving a delivery', () => {
  it('turns a delivery signed with the subscription’s secret into one item', async () => {
    const { bundle } = delivery(sampleGalleryPublishedEvent);
    const items = (await run(hook.perform, { authData, ...bundle })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual([sampleGalleryPublishedEvent.id]);
  });

  it('also reads the headers by their plain names', async () => {
    const { bundle } = delivery(sampleGalleryPublishedEvent, { headerStyle: 'plain' });
    await expect(run(hook.perform, { authData, ...bundle })).resolves.toHaveLength(1);
  });

  const refusals: Array<[string, Parameters<typeof delivery>[1], RegExp]> = [
    ['a forged signature (signed with another secret)', { secret: 'whsec_someone_else_entirely_000' }, /signature does not match/],
    ['a body changed after signing', { deliveredBody: JSON.stringify({ ...sampleGalleryPublishedEvent, id: 'evt_forged' }) }, /signature does not match/],
    ['a stale timestamp (6 minutes old: a replay)', { timestamp: nowSeconds() - 6 * 60 }, /more than 5 minutes ago/],
    ['a timestamp from the future', { timestamp: nowSeconds() + 6 * 60 }, /more than 5 minutes ago/],
    ['no signature header', { without: 'signature' }, /no X-Studio-Signature header/],
    ['no timestamp header', { without: 'timestamp' }, /X-Studio-Timestamp header is missing/],
  ];
  it.each(refusals)('triggers nothing for %s, and logs why without the secret or signature', async (_what, options, reason) => {
    const { bundle, signature } = delivery(sampleGalleryPublishedEvent, options);
    await expect(run(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    const log = logged.join('\n');
    expect(log).toMatch(reason);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(signature.slice(3));
  });

  it('triggers nothing when the Zap’s subscription has no secret to verify with', async () => {
    const { bundle } = delivery(sampleGalleryPublishedEvent);
    await expect(run(hook.perform, { authData, ...bundle, subscribeData: { id: 'hook_Zp1' } })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/no signing secret/);
  });

  it('triggers nothing for a correctly signed event of another type', async () => {
    const { bundle } = delivery(samplePaymentReceivedEvent);
    await expect(run(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/payment\.received event, not gallery\.published/);
  });

  it('reports a signed delivery the contract cannot read instead of triggering with bad data', async () => {
    const { bundle } = delivery({ ...sampleGalleryPublishedEvent, data: { ...sampleGalleryPublishedEvent.data, image_count: -1 } });
    await expect(run(hook.perform, { authData, ...bundle })).rejects.toThrow(/cannot read \(data\.image_count/);
  });
});

describe('listing recent events (samples and the polling fallback)', () => {
  it('loads a small page of samples in the Zap editor', async () => {
    const api = nock(API).get('/v1/events').query({ type: 'gallery.published', limit: '3' }).reply(200, { data: [sampleGalleryPublishedEvent], next_cursor: 'c2' });
    const items = await run(hook.performList, { authData, meta: { isLoadingSample: true } });
    expect(items).toHaveLength(1);
    expect(api.isDone()).toBe(true);
  });

  it('lists a full page otherwise', async () => {
    const api = nock(API).get('/v1/events').query({ type: 'gallery.published', limit: '25' }).reply(200, { data: [], next_cursor: null });
    await expect(run(hook.performList, { authData })).resolves.toEqual([]);
    expect(api.isDone()).toBe(true);
  });
});

describe('reading delivery headers', () => {
  it('finds a header however Zapier spells it', () => {
    expect(deliveryHeader({ 'Http-X-Studio-Signature': 'v1=a' }, 'X-Studio-Signature')).toBe('v1=a');
    expect(deliveryHeader({ 'x-studio-signature': 'v1=b' }, 'X-Studio-Signature')).toBe('v1=b');
    expect(deliveryHeader({ HTTP_X_STUDIO_SIGNATURE: 'v1=c' }, 'X-Studio-Signature')).toBe('v1=c');
    expect(deliveryHeader({ 'X-Studio-Signature-Extra': 'v1=d' }, 'X-Studio-Signature')).toBeUndefined();
    expect(deliveryHeader(undefined, 'X-Studio-Signature')).toBeUndefined();
  });
});
