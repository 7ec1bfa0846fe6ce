// Find Gallery: "an order comes in → find its gallery and check it is online" (the "sync").
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import findGallery from '../../src/galleries/find_gallery.js';
import type { Gallery } from '../../src/contract/galleries.js';
import { API, aGallery, authData, envelope, failureOf, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';
import { page } from '../support/api-mock.js';

const run = (inputData: Record<string, unknown>) => runOperation<Gallery[]>(findGallery.operation.perform, { authData, inputData });

const online = aGallery({ status: 'online', image_count: 412, published_at: '2026-07-02T16:05:11Z', job_ids: ['job_H4rp3r'] });

const requests = recordRequests();

describe('Find Gallery', () => {
  it('is wired into the app as a search', () => {
    expect(App.searches?.find_gallery).toBe(findGallery);
    expect(findGallery.display.description).toMatch(/^Finds .*\.$/);
  });

  it('finds a gallery by id with its live status, image count, URLs and publish time', async () => {
    nock(API).get('/v1/galleries/gal_H4rp3rL33').reply(200, online);
    const [gallery, ...rest] = await run({ gallery_id: 'gal_H4rp3rL33' });
    expect(rest).toEqual([]);
    expect(gallery).toMatchObject({ status: 'online', image_count: 412, published_at: '2026-07-02T16:05:11Z' });
    expect(gallery!.client_url).toBe('https://gallery.northlight.example/harper-and-lee-wedding');
    expect(gallery!.admin_url).toBe('https://app.studioplatform.app/galleries/gal_H4rp3rL33');
  });

  it('returns nothing (not an error) for an id the studio does not have', async () => {
    nock(API).get('/v1/galleries/gal_g0ne').reply(404, envelope('not_found', 'No gallery with id gal_g0ne'));
    await expect(run({ gallery_id: 'gal_g0ne' })).resolves.toEqual([]);
  });

  it('returns nothing when the gallery with that id does not match the other criteria', async () => {
    nock(API).get('/v1/galleries/gal_H4rp3rL33').reply(200, online);
    await expect(run({ gallery_id: 'gal_H4rp3rL33', job_id: 'job_0th3r' })).resolves.toEqual([]);
  });

  it('finds by name exactly, ignoring case, accents and spaces, not galleries that merely contain it', async () => {
    const zoe = aGallery({ id: 'gal_Z0e', name: 'Zoë  Newborn', slug: 'zoe-newborn' });
    const longer = aGallery({ id: 'gal_Z0e2', name: 'Zoë Newborn Extras', slug: 'zoe-newborn-extras' });
    nock(API)
      .get('/v1/galleries')
      .query({ q: 'zoe newborn', limit: '100' })
      .reply(200, page([longer, zoe]));
    const found = await run({ name: 'zoe newborn' });
    expect(found.map((g) => g.id)).toEqual(['gal_Z0e']);
  });

  it('falls back to the slug made from the name when the API’s text search misses accents', async () => {
    const bronte = aGallery({ id: 'gal_Br0nte', name: 'Zoë Brontë Portraits', slug: 'zoe-bronte-portraits' });
    nock(API).get('/v1/galleries').query({ q: 'zoe bronte portraits', limit: '100' }).reply(200, page([]));
    nock(API)
      .get('/v1/galleries')
      .query({ q: 'zoe-bronte-portraits', limit: '100' })
      .reply(200, page([bronte]));
    await expect(run({ name: 'zoe bronte portraits' })).resolves.toEqual([bronte]);
  });

  it('returns nothing for a name no gallery has, after both searches', async () => {
    const text = nock(API).get('/v1/galleries').query({ q: 'Nobody Here', limit: '100' }).reply(200, page([]));
    const slug = nock(API)
      .get('/v1/galleries')
      .query({ q: 'nobody-here', limit: '100' })
      .reply(200, page([aGallery({ name: 'Nobody Here Again' })]));
    await expect(run({ name: 'Nobody Here' })).resolves.toEqual([]);
    expect(text.isDone() && slug.isDone()).toBe(true);
  });

  it('reads further pages of a name search', async () => {
    const target = aGallery({ id: 'gal_p2', name: 'Smith Wedding' });
    nock(API)
      .get('/v1/galleries')
      .query({ q: 'Smith Wedding', limit: '100' })
      .reply(200, page([aGallery({ id: 'gal_p1', name: 'Smith Wedding Album' })], 'c1'));
    nock(API)
      .get('/v1/galleries')
      .query({ q: 'Smith Wedding', limit: '100', cursor: 'c1' })
      .reply(200, page([target]));
    await expect(run({ name: 'Smith Wedding' })).resolves.toEqual([target]);
  });

  it('finds by URL slug, normalising what the user typed', async () => {
    nock(API)
      .get('/v1/galleries')
      .query({ slug: 'harper-and-lee-wedding', limit: '100' })
      .reply(200, page([online]));
    await expect(run({ slug: ' Harper and Lee Wedding ' })).resolves.toEqual([online]);
  });

  it('finds the galleries linked to a job, narrowed by name when one is given', async () => {
    const engagement = aGallery({ id: 'gal_Engag3', name: 'Harper & Lee Engagement', job_ids: ['job_H4rp3r'] });
    nock(API)
      .get('/v1/galleries')
      .query({ job_id: 'job_H4rp3r', limit: '100' })
      .reply(200, page([engagement, online]));
    await expect(run({ job_id: 'job_H4rp3r' })).resolves.toEqual([engagement, online]);
    nock(API)
      .get('/v1/galleries')
      .query({ job_id: 'job_H4rp3r', q: 'Harper & Lee Wedding', limit: '100' })
      .reply(200, page([online]));
    await expect(run({ job_id: 'job_H4rp3r', name: 'Harper & Lee Wedding' })).resolves.toEqual([online]);
  });

  it('returns nothing when no gallery matches, or the job is not the studio’s', async () => {
    nock(API).get('/v1/galleries').query({ slug: 'nobody', limit: '100' }).reply(200, page([]));
    await expect(run({ slug: 'nobody' })).resolves.toEqual([]);
    nock(API)
      .get('/v1/galleries')
      .query({ job_id: 'job_0th3r', limit: '100' })
      .reply(404, envelope('not_found', 'No job with id job_0th3r'));
    await expect(run({ job_id: 'job_0th3r' })).resolves.toEqual([]);
  });

  it('says which fields to fill in when none is given, without calling the API', async () => {
    const error = await failureOf(run({ gallery_id: '', name: '  ' }));
    expect(error.message).toBe('Fill in at least one of Gallery, Gallery Name, URL Slug or Job to say which gallery to find.');
    expect(requests.unmatched).toEqual([]);
  });

  it('passes other API errors through', async () => {
    nock(API).get('/v1/galleries/gal_x').reply(403, envelope('insufficient_scope', 'This token cannot read galleries'));
    const error = await failureOf(run({ gallery_id: 'gal_x' }));
    expect(error.message).toContain('This token cannot read galleries');
  });
});
