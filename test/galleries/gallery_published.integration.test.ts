// Gallery Published against the sandbox: a gallery goes online, the Zap gets it with its
// client URL and linked jobs; taken offline and published again, it fires again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { performList, performOn, shapeOf, startLiveHook, subscribe, type LiveHook } from '../hooks/live.js';
import { runOperation } from '../support/index.js';

let live: LiveHook;
beforeAll(async () => {
  live = await startLiveHook('gallery_published');
});
afterAll(async () => {
  await live?.stop();
});

const GALLERY = 'gal_hart_wedding'; // offline in the demo, linked to the Hart wedding job

describe('Gallery Published against the sandbox', () => {
  it('fires for each publish with the gallery, its client URL, image count and linked jobs', async () => {
    const subscription = await subscribe(live);
    expect((await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/images`, { count: 240 })).status).toBe(200);
    expect((await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/publish`)).status).toBe(200);
    const first = await live.inbox.waitFor((body) => (body as { data: { id: string } }).data.id === GALLERY);

    const [item] = await performOn(live, first, subscription);
    const gallery = (await live.sandbox.api('GET', `/v1/galleries/${GALLERY}`)).body as { client_url: string; published_at: string };
    expect(item).toMatchObject({
      id: (first.cleanedRequest as { id: string }).id,
      gallery_id: GALLERY,
      gallery_name: 'Amelia & Tom – Wedding',
      status: 'online',
      image_count: 240,
      client_url: gallery.client_url,
      published_at: gallery.published_at,
      job_ids: ['job_hart_wedding'],
    });
    expect(item!.id).toMatch(/^evt_/);

    // Unpublished and published again: a second event, a second item for the same gallery.
    await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/unpublish`);
    await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/publish`);
    const second = await live.inbox.waitFor(
      (body) => (body as { id: string; data: { id: string } }).data.id === GALLERY && (body as { id: string }).id !== item!.id,
    );
    const [again] = await performOn(live, second, subscription);
    expect(again).toMatchObject({ gallery_id: GALLERY });
    expect(again!.id).not.toBe(item!.id);

    // The sample list shows both publishes, newest first, as the deliveries did.
    const listed = await performList(live, {}, true);
    expect(listed.slice(0, 2)).toEqual([again, item]);
    expect(listed.map(shapeOf)).toEqual(listed.map(() => shapeOf(item)));

    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
    const before = live.inbox.deliveries.length;
    await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/unpublish`);
    await live.sandbox.api('POST', `/_sandbox/galleries/${GALLERY}/publish`);
    await live.sandbox.webhooksIdle();
    expect(live.inbox.deliveries).toHaveLength(before);
  });
});
