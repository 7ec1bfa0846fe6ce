// Gallery Published: the studio's Zap hears each time a gallery goes online, re-publishing included.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleGallery, sampleGalleryPublishedEvent } from '../../src/galleries/samples.js';
import { delivery, operationsOf, runOperation } from '../support/index.js';
import { API } from '../support/api-mock.js';

const galleryPublished = operationsOf('gallery_published');
const authData = { access_token: 'at-galleries' };

afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

describe('Gallery Published', () => {
  it('delivers the gallery with its client URL, image count and linked jobs', async () => {
    const items = await runOperation(galleryPublished.perform, { authData, ...delivery(sampleGalleryPublishedEvent).bundle });
    expect(items).toEqual([
      {
        id: 'evt_Gp7Lq2Zx9c',
        published_at: '2026-07-02T16:05:11Z',
        gallery_id: 'gal_3Vx8Lp2a',
        gallery_name: 'Emma & James Wedding',
        gallery_slug: 'emma-james-wedding',
        status: 'online',
        image_count: 412,
        client_url: 'https://gallery.northlight.example/emma-james-wedding',
        admin_url: 'https://app.studioplatform.app/galleries/gal_3Vx8Lp2a',
        client_email: 'emma.harper@example.com',
        event_date: '2026-06-20',
        brand_id: 'brd_N0rth1ght',
        preset_id: 'pst_Wed2026a',
        job_ids: ['job_5Rt7Wq2e'],
        gallery_created_at: '2026-06-24T08:12:40Z',
      },
    ]);
  });

  it('fires again when the same gallery is published again: each publish is its own item', async () => {
    const republished = {
      ...sampleGalleryPublishedEvent,
      id: 'evt_Gp9Second',
      created_at: '2026-07-09T09:00:00Z',
      data: { ...sampleGallery, image_count: 430, published_at: '2026-07-09T09:00:00Z' },
    };
    const first = (await runOperation(galleryPublished.perform, { authData, ...delivery(sampleGalleryPublishedEvent).bundle })) as Array<
      Record<string, unknown>
    >;
    const second = (await runOperation(galleryPublished.perform, { authData, ...delivery(republished).bundle })) as Array<
      Record<string, unknown>
    >;
    expect(first[0]!.gallery_id).toBe(second[0]!.gallery_id);
    expect(first[0]!.id).not.toBe(second[0]!.id);
    expect(second[0]).toMatchObject({ image_count: 430, published_at: '2026-07-09T09:00:00Z' });
  });

  it('lists recent publishes as exactly the items deliveries give', async () => {
    nock(API)
      .get('/v1/events')
      .query({ type: 'gallery.published', limit: '3' })
      .reply(200, { data: [sampleGalleryPublishedEvent], next_cursor: null });
    const listed = await runOperation(galleryPublished.performList, { authData, meta: { isLoadingSample: true } });
    const live = await runOperation(galleryPublished.perform, { authData, ...delivery(sampleGalleryPublishedEvent).bundle });
    expect(listed).toEqual(live);
  });

  it('polls fine with one publish it cannot read among good ones, logging it by id and field', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const publish = (id: string, data: object = {}) => ({ ...sampleGalleryPublishedEvent, id, data: { ...sampleGallery, ...data } });
    const page = [
      publish('evt_3'),
      publish('evt_2', { client_url: 'not a url' }),
      publish('evt_1', { client_email: 'ivan@example.xn--p1ai' }),
    ];
    nock(API).get('/v1/events').query({ type: 'gallery.published', limit: '25' }).reply(200, { data: page, next_cursor: null });
    const items = (await runOperation(galleryPublished.performList, { authData })) as Array<{ id: string; client_email: string }>;
    expect(items.map((item) => [item.id, item.client_email])).toEqual([
      ['evt_3', sampleGallery.client_email],
      ['evt_1', 'ivan@example.xn--p1ai'],
    ]);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /left out record evt_2 \(gal_3Vx8Lp2a\) of a list of events, which this integration cannot read \(data\.client_url: /,
    );
  });

  it('subscribes to gallery.published and unsubscribes again', async () => {
    const api = nock(API)
      .post('/v1/hooks', { target_url: 'https://hooks.zapier.com/g', event: 'gallery.published' })
      .reply(201, {
        id: 'hook_G1',
        event: 'gallery.published',
        target_url: 'https://hooks.zapier.com/g',
        secret: 'whsec_abcdef0123456789',
        created_at: '2026-07-01T10:00:00Z',
      })
      .delete('/v1/hooks/hook_G1')
      .reply(204);
    const subscribeData = await runOperation(galleryPublished.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/g' });
    await runOperation(galleryPublished.performUnsubscribe, { authData, subscribeData });
    expect(api.isDone()).toBe(true);
  });
});
