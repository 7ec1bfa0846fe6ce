// New Gallery Visitor and Gallery Invite Sent against the sandbox: someone registers to view a
// gallery, the main client is invited; the sandbox delivers each signed, with the gallery
// embedded, and Zapier's perform turns the delivery into the item the sample list shows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { deliveryOf, performList, performOn, shapeOf, startLiveHook, subscribe, type LiveHook } from '../hooks/live.js';
import { runOperation } from '../support/index.js';

const GALLERY = DEMO_IDS.galleries.hartEngagement; // online, linked to the Hart wedding job

describe('New Gallery Visitor against the sandbox', () => {
  let live: LiveHook;
  beforeAll(async () => {
    live = await startLiveHook('new_gallery_visitor');
  });
  afterAll(async () => {
    await live?.stop();
  });

  it('has samples from the demo studio’s past visitors', async () => {
    // The Zap editor's samples are a few of the newest; other tests of this file register newer
    // visitors, so the demo's are looked for in the polling list.
    const editorSamples = await performList(live, {}, true);
    expect(editorSamples.length).toBeGreaterThan(0);
    expect(editorSamples.length).toBeLessThanOrEqual(3);
    const samples = await performList(live);
    expect(samples.map((item) => item.id)).toEqual(expect.arrayContaining([DEMO_IDS.visitors.elodieMartin]));
    expect(samples.find((item) => item.id === DEMO_IDS.visitors.elodieMartin)).toMatchObject({
      email: 'élodie.martin@example.fr',
      name: 'Élodie Martin',
      gallery_name: 'Zoë Brontë Portraits',
    });
  });

  it('fires for a visitor of the chosen gallery with the gallery and its job links, and only for that gallery', async () => {
    const subscription = await subscribe(live, { gallery_id: GALLERY });
    const registered = await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/visitors`, {
      email: 'harriet.cole@example.com',
      first_name: 'Harriet',
      last_name: 'Cole',
    });
    expect(registered.status).toBe(201);
    const visitorId = (registered.body as { id: string }).id;
    const [item] = await performOn(live, await deliveryOf(live, visitorId), subscription, { gallery_id: GALLERY });
    const gallery = (await live.sandbox.api('GET', `/v1/galleries/${GALLERY}`)).body as { client_url: string };
    expect(item).toEqual({
      id: visitorId,
      email: 'harriet.cole@example.com',
      first_name: 'Harriet',
      last_name: 'Cole',
      name: 'Harriet Cole',
      registered_at: expect.any(String),
      gallery_id: GALLERY,
      gallery_name: 'Amelia & Tom – Engagement',
      gallery_url: gallery.client_url,
      job_ids: [DEMO_IDS.jobs.hartWedding],
    });

    // A visitor of another gallery is delivered (the subscription is per event type) but does not trigger this Zap.
    const other = await live.sandbox.api('POST', `/_sandbox/galleries/${DEMO_IDS.galleries.bennettFamily}/visitors`, {
      email: 'peter.bennett@example.co.uk',
    });
    await expect(
      performOn(live, await deliveryOf(live, (other.body as { id: string }).id), subscription, { gallery_id: GALLERY }),
    ).resolves.toEqual([]);

    // The polling list gives the same item the delivery gave, and only this gallery's visitors.
    const listed = await performList(live, { gallery_id: GALLERY });
    expect(listed[0]).toEqual(item);
    expect(new Set(listed.map((entry) => entry.gallery_id))).toEqual(new Set([GALLERY]));
    expect(listed.map(shapeOf)).toEqual(listed.map(() => shapeOf(item)));
    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
  });
});

describe('Gallery Invite Sent against the sandbox', () => {
  let live: LiveHook;
  beforeAll(async () => {
    live = await startLiveHook('gallery_invite_sent');
  });
  afterAll(async () => {
    await live?.stop();
  });

  it('has samples from the demo studio’s past invites, a reminder included', async () => {
    const samples = await performList(live);
    // The demo's two invites of Amelia, the reminder first (newest first); another test of this
    // file may have sent her newer ones.
    const demoInvites = new Set<string>([DEMO_IDS.invites.hartEngagementReminder, DEMO_IDS.invites.hartEngagement]);
    const toAmelia = samples.filter((item) => item.gallery_id === GALLERY && demoInvites.has(String(item.id)));
    expect(toAmelia.map((item) => item.id)).toEqual([DEMO_IDS.invites.hartEngagementReminder, DEMO_IDS.invites.hartEngagement]);
  });

  it('fires for each invite with the client (as the studio knows them) and the gallery', async () => {
    const subscription = await subscribe(live);
    const sent = await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/invites`, {});
    expect(sent.status).toBe(201);
    const inviteId = (sent.body as { id: string }).id;
    const [item] = await performOn(live, await deliveryOf(live, inviteId), subscription);
    expect(item).toMatchObject({
      id: inviteId,
      client: { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart', name: 'Amelia Hart' },
      gallery_id: GALLERY,
      gallery_name: 'Amelia & Tom – Engagement',
      job_ids: [DEMO_IDS.jobs.hartWedding],
    });

    // Inviting again is another invite, another item.
    const again = await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/invites`, {
      email: 'tom.ashby@example.com',
      first_name: 'Tom',
      last_name: 'Ashby',
    });
    const [second] = await performOn(live, await deliveryOf(live, (again.body as { id: string }).id), subscription);
    expect(second).toMatchObject({ client: { email: 'tom.ashby@example.com', name: 'Tom Ashby' }, gallery_id: GALLERY });
    expect((await performList(live)).slice(0, 2)).toEqual([second, item]);
    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
  });
});
