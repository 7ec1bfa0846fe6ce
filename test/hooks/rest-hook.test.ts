// The shared REST hook machinery, through a real trigger (Gallery Published, which needs no
// further requests): subscribing, unsubscribing, refusing every delivery it cannot trust, and
// confirming through the API a genuine delivery that is run late instead of dropping it.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleGalleryPublishedEvent } from '../../src/galleries/samples.js';
import { deliveryHeader } from '../../src/hooks/rest-hook.js';
import { Webhook } from 'standardwebhooks';
import { signDelivery, verifyDelivery } from '../../src/hooks/signature.js';
import { samplePaymentReceivedEvent } from '../../src/payments/samples.js';
import { delivery, nowSeconds, operationsOf, runOperation, SECRET } from '../support/index.js';
import { API } from '../support/api-mock.js';

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
    const subscribeData = await runOperation(hook.performSubscribe, { authData, targetUrl: subscription.target_url });
    expect(subscribeData).toEqual(subscription);
    expect(api.isDone()).toBe(true);
  });

  it('refuses a subscription that came back without a signing secret, since nothing could be verified', async () => {
    const { secret: _secret, ...withoutSecret } = subscription;
    nock(API).post('/v1/hooks').reply(201, withoutSecret);
    await expect(runOperation(hook.performSubscribe, { authData, targetUrl: subscription.target_url })).rejects.toThrow(
      /without a signing secret/,
    );
  });

  it('unsubscribes by deleting the subscription it stored', async () => {
    const api = nock(API).delete('/v1/hooks/hook_Zp1').reply(204);
    await expect(runOperation(hook.performUnsubscribe, { authData, subscribeData: subscription })).resolves.toEqual({
      id: 'hook_Zp1',
      removed: true,
    });
    expect(api.isDone()).toBe(true);
  });

  it('treats a subscription that is already gone (404) as unsubscribed', async () => {
    nock(API)
      .delete('/v1/hooks/hook_Zp1')
      .reply(404, { error: { code: 'not_found', message: 'No such hook.' } });
    await expect(runOperation(hook.performUnsubscribe, { authData, subscribeData: subscription })).resolves.toEqual({
      id: 'hook_Zp1',
      removed: false,
    });
  });

  it('reports other failures to unsubscribe, so Zapier can try again', async () => {
    nock(API)
      .delete('/v1/hooks/hook_Zp1')
      .reply(500, { error: { code: 'internal', message: 'Database unavailable' } });
    await expect(runOperation(hook.performUnsubscribe, { authData, subscribeData: subscription })).rejects.toThrow(/temporary problem/);
  });
});

describe('receiving a delivery', () => {
  it('turns a delivery signed with the subscription’s secret into one item', async () => {
    const { bundle } = delivery(sampleGalleryPublishedEvent);
    const items = (await runOperation(hook.perform, { authData, ...bundle })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual([sampleGalleryPublishedEvent.id]);
  });

  it('also reads the headers by their plain names', async () => {
    const { bundle } = delivery(sampleGalleryPublishedEvent, { headerStyle: 'plain' });
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toHaveLength(1);
  });

  const refusals: Array<[string, Parameters<typeof delivery>[1], RegExp]> = [
    ['a forged signature (signed with another secret)', { secret: 'whsec_c29tZW9uZSBlbHNlIGVudGlyZWx5' }, /signature does not match/],
    [
      'a body changed after signing',
      { deliveredBody: JSON.stringify({ ...sampleGalleryPublishedEvent, id: 'evt_forged' }) },
      /signature does not match/,
    ],
    [
      'a forged signature on an old timestamp (never confirmed, never sent to the API)',
      { secret: 'whsec_c29tZW9uZSBlbHNlIGVudGlyZWx5', timestamp: nowSeconds() - 60 * 60 },
      /signature does not match/,
    ],
    ['no signature header', { without: 'signature' }, /no webhook-signature header/],
    ['no timestamp header', { without: 'timestamp' }, /webhook-timestamp header is missing/],
    ['no webhook-id header', { without: 'id' }, /no webhook-id header/],
  ];
  it.each(refusals)('triggers nothing for %s, and logs why without the secret or signature', async (_what, options, reason) => {
    const { bundle, signature } = delivery(sampleGalleryPublishedEvent, options);
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    const log = logged.join('\n');
    expect(log).toMatch(reason);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(signature.slice(3));
  });

  it('refuses a forged delivery without asking the API anything, whatever its age', async () => {
    // No interceptor: a request to the API would fail the step with a network error.
    for (const timestamp of [nowSeconds(), nowSeconds() - 10 * 60, nowSeconds() + 10 * 60]) {
      const { bundle } = delivery(sampleGalleryPublishedEvent, { secret: 'whsec_c29tZW9uZSBlbHNlIGVudGlyZWx5', timestamp });
      await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    }
  });

  it('triggers nothing when the Zap’s subscription has no secret to verify with', async () => {
    const { bundle } = delivery(sampleGalleryPublishedEvent);
    await expect(runOperation(hook.perform, { authData, ...bundle, subscribeData: { id: 'hook_Zp1' } })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/no signing secret/);
  });

  it('triggers nothing for a correctly signed event of another type', async () => {
    const { bundle } = delivery(samplePaymentReceivedEvent);
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/payment\.received event, not gallery\.published/);
  });

  it('reports a signed delivery the contract cannot read instead of triggering with bad data', async () => {
    const { bundle } = delivery({ ...sampleGalleryPublishedEvent, data: { ...sampleGalleryPublishedEvent.data, image_count: -1 } });
    await expect(runOperation(hook.perform, { authData, ...bundle })).rejects.toThrow(/cannot read \(data\.image_count/);
  });
});

describe('a genuine delivery Zapier runs more than 5 minutes after it was signed', () => {
  const eventPath = `/v1/events/${sampleGalleryPublishedEvent.id}`;

  it('is confirmed through GET /v1/events/:id with the connection’s token, and the item is made from the API’s copy', async () => {
    const apiCopy = { ...sampleGalleryPublishedEvent, data: { ...sampleGalleryPublishedEvent.data, name: 'Name as the API has it' } };
    const api = nock(API, { reqheaders: { authorization: 'Bearer at-hooks' } })
      .get(eventPath)
      .reply(200, apiCopy);
    const { bundle } = delivery(sampleGalleryPublishedEvent, { timestamp: nowSeconds() - 6 * 60 });
    const items = (await runOperation(hook.perform, { authData, ...bundle })) as Array<Record<string, unknown>>;
    expect(api.isDone()).toBe(true);
    expect(items).toMatchObject([{ id: sampleGalleryPublishedEvent.id, gallery_name: 'Name as the API has it' }]);
    expect(logged.join('\n')).toMatch(/signed more than 5 minutes before it was run was confirmed through the Studio API \(event evt_/);
  });

  it('is confirmed the same way when signed hours ago, or with a clock ahead of ours', async () => {
    for (const timestamp of [nowSeconds() - 3 * 60 * 60, nowSeconds() + 6 * 60]) {
      nock(API).get(eventPath).reply(200, sampleGalleryPublishedEvent);
      const { bundle } = delivery(sampleGalleryPublishedEvent, { timestamp });
      await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toHaveLength(1);
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('triggers nothing, and says why, when the API has no such event (a replayed or invented delivery)', async () => {
    nock(API)
      .get(eventPath)
      .reply(404, { error: { code: 'not_found', message: 'No event with id "evt_…" exists in this studio.' } });
    const { bundle, signature } = delivery(sampleGalleryPublishedEvent, { timestamp: nowSeconds() - 6 * 60 });
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    const log = logged.join('\n');
    expect(log).toMatch(
      /ignored a webhook delivery because it was signed more than 5 minutes before it was run .* and the Studio API has no event "evt_/,
    );
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(signature.slice(3));
  });

  it('triggers nothing when the API’s copy is an event of another type', async () => {
    nock(API)
      .get(eventPath)
      .reply(200, { ...samplePaymentReceivedEvent, id: sampleGalleryPublishedEvent.id });
    const { bundle } = delivery(sampleGalleryPublishedEvent, { timestamp: nowSeconds() - 6 * 60 });
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/payment\.received event, not gallery\.published/);
  });

  it('triggers nothing for a late signed body that names no event id to confirm', async () => {
    const { bundle } = delivery({ type: 'gallery.published' }, { timestamp: nowSeconds() - 6 * 60 });
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/names no event id to confirm it by/);
  });

  it('fails the run (so Zapier shows it and it can be replayed) when the API cannot be asked right now', async () => {
    nock(API)
      .get(eventPath)
      .reply(500, { error: { code: 'internal', message: 'Database unavailable' } });
    const { bundle } = delivery(sampleGalleryPublishedEvent, { timestamp: nowSeconds() - 6 * 60 });
    await expect(runOperation(hook.perform, { authData, ...bundle })).rejects.toThrow(/temporary problem/);
  });
});

describe('checking a signature', () => {
  it('agrees with the Standard Webhooks specification’s published test vector', () => {
    const vector = {
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: '1614265330',
      body: '{"test": 2432232314}',
    };
    const expected = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    expect(signDelivery(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(expected);
    const check = {
      secret: vector.secret,
      rawBody: vector.body,
      id: vector.id,
      timestamp: vector.timestamp,
      nowSeconds: Number(vector.timestamp),
    };
    expect(verifyDelivery({ ...check, signature: expected })).toEqual({ ok: true });
    // One of several signatures (a secret being rotated) is enough; none that match is not.
    expect(verifyDelivery({ ...check, signature: `v1,bm9wZQ== ${expected}` })).toEqual({ ok: true });
    expect(verifyDelivery({ ...check, signature: 'v1,bm9wZQ== v2,abc' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('a delivery the reference library signed triggers; a repeat of its webhook-id right after does not', async () => {
    const event = { ...sampleGalleryPublishedEvent, id: 'evt_reference_1' };
    const body = JSON.stringify(event);
    const id = 'msg_reference_library_1';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = new Webhook(SECRET).sign(id, new Date(timestamp * 1000), body);
    const bundle = {
      subscribeData: { id: 'hook_reference', secret: SECRET },
      rawRequest: {
        method: 'POST',
        querystring: '',
        headers: { 'Http-Webhook-Id': id, 'Http-Webhook-Timestamp': String(timestamp), 'Http-Webhook-Signature': signature },
        content: body,
      },
      cleanedRequest: event,
    };
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toHaveLength(1);
    await expect(runOperation(hook.perform, { authData, ...bundle })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/it repeats delivery msg_reference_library_1/);
  });

  const body = JSON.stringify(sampleGalleryPublishedEvent);
  const now = 1_780_000_000;

  it('checks the signature before the age, so "stale" always means signed with the secret', () => {
    const old = String(now - 10 * 60);
    const id = 'msg_2Kd9';
    expect(
      verifyDelivery({
        secret: SECRET,
        rawBody: body,
        id,
        timestamp: old,
        signature: signDelivery(SECRET, id, old, body),
        nowSeconds: now,
      }),
    ).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(
      verifyDelivery({
        secret: SECRET,
        rawBody: body,
        id,
        timestamp: old,
        signature: signDelivery('whsec_b3RoZXIgc2VjcmV0IGtleQ==', id, old, body),
        nowSeconds: now,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect(
      verifyDelivery({
        secret: SECRET,
        rawBody: body,
        id,
        timestamp: String(now),
        signature: signDelivery(SECRET, id, String(now), body),
        nowSeconds: now,
      }),
    ).toEqual({ ok: true });
    // The id is signed too: the same signature under another webhook-id does not verify.
    expect(
      verifyDelivery({
        secret: SECRET,
        rawBody: body,
        id: 'msg_other',
        timestamp: String(now),
        signature: signDelivery(SECRET, id, String(now), body),
        nowSeconds: now,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('listing recent events (samples and the polling fallback)', () => {
  it('loads a small page of samples in the Zap editor', async () => {
    const api = nock(API)
      .get('/v1/events')
      .query({ type: 'gallery.published', limit: '3' })
      .reply(200, { data: [sampleGalleryPublishedEvent], next_cursor: 'c2' });
    const items = await runOperation(hook.performList, { authData, meta: { isLoadingSample: true } });
    expect(items).toHaveLength(1);
    expect(api.isDone()).toBe(true);
  });

  it('leaves out an event it cannot read, naming it and the field, and lists the rest of the page', async () => {
    const good = (n: number) => ({ ...sampleGalleryPublishedEvent, id: `evt_good${n}` });
    const odd = { ...sampleGalleryPublishedEvent, id: 'evt_odd', data: { ...sampleGalleryPublishedEvent.data, image_count: -1 } };
    nock(API)
      .get('/v1/events')
      .query({ type: 'gallery.published', limit: '25' })
      .reply(200, { data: [good(1), odd, good(2)], next_cursor: null });
    const items = (await runOperation(hook.performList, { authData })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['evt_good1', 'evt_good2']);
    expect(logged.join('\n')).toMatch(
      /left out record evt_odd \(gal_\w+\) of a list of events, which this integration cannot read \(data\.image_count: /,
    );
  });

  it('lists a full page otherwise', async () => {
    const api = nock(API).get('/v1/events').query({ type: 'gallery.published', limit: '25' }).reply(200, { data: [], next_cursor: null });
    await expect(runOperation(hook.performList, { authData })).resolves.toEqual([]);
    expect(api.isDone()).toBe(true);
  });
});

describe('reading delivery headers', () => {
  it('finds a header however Zapier spells it', () => {
    expect(deliveryHeader({ 'Http-Webhook-Signature': 'v1,a' }, 'webhook-signature')).toBe('v1,a');
    expect(deliveryHeader({ 'webhook-signature': 'v1,b' }, 'webhook-signature')).toBe('v1,b');
    expect(deliveryHeader({ HTTP_WEBHOOK_SIGNATURE: 'v1,c' }, 'webhook-signature')).toBe('v1,c');
    expect(deliveryHeader({ 'Webhook-Signature-Extra': 'v1,d' }, 'webhook-signature')).toBeUndefined();
    expect(deliveryHeader(undefined, 'webhook-signature')).toBeUndefined();
  });
});
