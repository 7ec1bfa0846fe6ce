// New Gallery Visitor and Gallery Invite Sent: someone registered to view a gallery, or its
// main client was invited. Both events embed the gallery, so a delivery makes no request and a
// poll exactly one, whatever the number of items.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import type { EventType } from '../../src/contract/hooks.js';
import { sampleGallery, sampleGalleryInviteSentEvent, sampleGalleryVisitorRegisteredEvent } from '../../src/galleries/samples.js';
import { delivery, operationsOf, runOperation } from '../support/index.js';
import { API } from '../support/api-mock.js';

const authData = { access_token: 'at-visitors' };

afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

describe('New Gallery Visitor', () => {
  const trigger = operationsOf('new_gallery_visitor');

  it('delivers the visitor with their name and the gallery’s name, URL and job links, without a request', async () => {
    const items = await runOperation(trigger.perform, { authData, ...delivery(sampleGalleryVisitorRegisteredEvent).bundle });
    expect(items).toEqual([
      {
        id: 'vis_6Qm3Ty9w',
        email: 'grace.whitfield@example.com',
        first_name: 'Grace',
        last_name: 'Whitfield',
        name: 'Grace Whitfield',
        registered_at: '2026-07-03T20:14:51Z',
        gallery_id: 'gal_3Vx8Lp2a',
        gallery_name: 'Emma & James Wedding',
        gallery_url: 'https://gallery.northlight.example/emma-james-wedding',
        job_ids: ['job_5Rt7Wq2e'],
      },
    ]);
  });

  it('fires for a visitor who gave only an email, with an empty full name', async () => {
    const event = {
      ...sampleGalleryVisitorRegisteredEvent,
      data: { ...sampleGalleryVisitorRegisteredEvent.data, first_name: null, last_name: null },
    };
    const items = await runOperation(trigger.perform, { authData, ...delivery(event).bundle });
    expect(items).toMatchObject([{ email: 'grace.whitfield@example.com', first_name: null, last_name: null, name: '' }]);
  });
});

describe('Gallery Invite Sent', () => {
  const trigger = operationsOf('gallery_invite_sent');

  it('delivers the invite with the client and the gallery, without a request', async () => {
    const items = await runOperation(trigger.perform, { authData, ...delivery(sampleGalleryInviteSentEvent).bundle });
    expect(items).toEqual([
      {
        id: 'ginv_1Xe7Rb5k',
        client: { email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper', name: 'Emma Harper' },
        sent_at: '2026-07-02T16:06:02Z',
        gallery_id: 'gal_3Vx8Lp2a',
        gallery_name: 'Emma & James Wedding',
        gallery_url: 'https://gallery.northlight.example/emma-james-wedding',
        job_ids: ['job_5Rt7Wq2e'],
      },
    ]);
  });
});

// What both triggers share: the gallery option, polling, tolerance and subscribing.
describe.each([
  { key: 'new_gallery_visitor', type: 'gallery.visitor_registered', sample: sampleGalleryVisitorRegisteredEvent },
  { key: 'gallery_invite_sent', type: 'gallery.invite_sent', sample: sampleGalleryInviteSentEvent },
] as const)(
  '$key',
  ({
    key,
    type,
    sample,
  }: {
    key: string;
    type: EventType;
    sample: typeof sampleGalleryVisitorRegisteredEvent | typeof sampleGalleryInviteSentEvent;
  }) => {
    const trigger = operationsOf(key);
    const event = (n: number | string, data: Record<string, unknown> = {}) => ({
      ...sample,
      id: `evt_${n}`,
      data: { ...sample.data, id: `rec_${n}`, ...data },
    });
    // The gallery option filters, so a poll reads a full page of events.
    const listed = (events: unknown[]) =>
      nock(API).get('/v1/events').query({ type, limit: '100' }).reply(200, { data: events, next_cursor: null });

    it('with a gallery chosen, fires only for that gallery', async () => {
      const elsewhere = event('other', { gallery_id: 'gal_other', gallery: { ...sampleGallery, id: 'gal_other' } });
      await expect(
        runOperation(trigger.perform, { authData, inputData: { gallery_id: sampleGallery.id }, ...delivery(elsewhere).bundle }),
      ).resolves.toEqual([]);
      await expect(
        runOperation(trigger.perform, { authData, inputData: { gallery_id: sampleGallery.id }, ...delivery(sample).bundle }),
      ).resolves.toHaveLength(1);
    });

    it('gives a sample exactly the item a live delivery gives', async () => {
      listed([sample]);
      const samples = await runOperation(trigger.performList, { authData, meta: { isLoadingSample: true } });
      const live = await runOperation(trigger.perform, { authData, ...delivery(sample).bundle });
      expect(samples).toEqual(live);
    });

    it('polls 25 events from 25 galleries in one request', async () => {
      const page = Array.from({ length: 25 }, (_, n) =>
        event(n, { gallery_id: `gal_${n}`, gallery: { ...sampleGallery, id: `gal_${n}`, name: `Gallery ${n}` } }),
      );
      const api = listed(page);
      const items = (await runOperation(trigger.performList, { authData, inputData: {} })) as Array<{ gallery_name: string }>;
      expect(api.isDone()).toBe(true);
      expect(items.map((item) => item.gallery_name)).toEqual(page.map((_, n) => `Gallery ${n}`));
    });

    it('still fires, without the gallery’s details, when the embedded gallery is missing or unreadable, logging the event and field', async () => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const { gallery: _gallery, ...bare } = sample.data;
      listed([
        event('odd', { gallery: { ...sampleGallery, client_url: 'not a url' } }),
        { ...sample, id: 'evt_bare', data: bare },
        event('good'),
      ]);
      const items = await runOperation(trigger.performList, { authData });
      expect(items).toMatchObject([
        { gallery_id: sampleGallery.id, gallery_name: null, gallery_url: null, job_ids: [] },
        { gallery_id: sampleGallery.id, gallery_name: null },
        { gallery_name: sampleGallery.name },
      ]);
      const lines = log.mock.calls.flat().join('\n');
      expect(lines).toMatch(/event evt_odd came without a readable gallery \(client_url: /);
      expect(lines).toMatch(/event evt_bare came without a readable gallery/);
    });

    it(`subscribes to ${type}`, async () => {
      const api = nock(API).post('/v1/hooks', { target_url: 'https://hooks.zapier.com/v', event: type }).reply(201, {
        id: 'hook_V1',
        event: type,
        target_url: 'https://hooks.zapier.com/v',
        secret: 'whsec_abcdef0123456789',
        created_at: '2026-07-01T10:00:00Z',
      });
      await runOperation(trigger.performSubscribe, {
        authData,
        targetUrl: 'https://hooks.zapier.com/v',
        inputData: { gallery_id: sampleGallery.id },
      });
      expect(api.isDone()).toBe(true);
    });

    it('ignores a delivery that is not signed with the subscription’s secret', async () => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const forged = delivery(sample, { secret: 'whsec_c29tZW9uZSBlbHNlIGVudGlyZWx5' });
      await expect(runOperation(trigger.perform, { authData, ...forged.bundle })).resolves.toEqual([]);
      expect(log.mock.calls.flat().join('\n')).toMatch(/signature does not match/);
    });
  },
);
