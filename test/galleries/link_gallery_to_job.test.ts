// Link Gallery To Job: "a gallery is created in Pic-Time → link it to the client's job".
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import linkGalleryToJob, { type LinkResult } from '../../src/galleries/link_gallery_to_job.js';
import { API, aGallery, aJob, authData, envelope, failureOf, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';

const run = (inputData: Record<string, unknown>) => runOperation<LinkResult>(linkGalleryToJob.operation.perform, { authData, inputData });
const pair = { job_id: 'job_H4rp3r', gallery_id: 'gal_H4rp3rL33' };
const link = (created: boolean) => ({ ...pair, linked_at: '2026-05-02T09:15:03Z', created });
const linkedJob = (extra = 0) =>
  aJob({
    galleries: [
      aGallery({ job_ids: ['job_H4rp3r'] }),
      ...Array.from({ length: extra }, (_, i) => aGallery({ id: `gal_other${i}`, slug: `other-${i}` })),
    ],
  });

/** Captures the Idempotency-Key of each link POST. */
function expectLink(...replies: Array<[number, unknown, Record<string, string>?]>) {
  const keys: Array<string | null> = [];
  for (const [status, body, headers] of replies) {
    nock(API)
      .post('/v1/jobs/job_H4rp3r/galleries', { gallery_id: 'gal_H4rp3rL33' })
      .reply(async (request: Request) => {
        keys.push(request.headers.get('idempotency-key'));
        return [status, body, headers ?? {}];
      });
  }
  return keys;
}

const requests = recordRequests();

describe('Link Gallery To Job', () => {
  it('is wired into the app, with a gallery field that can be searched', () => {
    expect(App.creates?.link_gallery_to_job).toBe(linkGalleryToJob);
    const galleryField = (linkGalleryToJob.operation.inputFields ?? []).find((f) => 'key' in f && f.key === 'gallery_id');
    expect(galleryField).toMatchObject({ dynamic: 'list_galleries.id.name', search: 'find_gallery.id', required: true });
  });

  it('links the gallery and returns the link with the job and gallery names', async () => {
    const keys = expectLink([201, link(true)]);
    nock(API).get('/v1/jobs/job_H4rp3r').reply(200, linkedJob(1));

    const result = await run(pair);

    expect(result).toEqual({
      ...pair,
      job_name: 'Harper & Lee Wedding',
      gallery_name: 'Harper & Lee Wedding',
      gallery_status: 'offline',
      gallery_client_url: 'https://gallery.northlight.example/harper-and-lee-wedding',
      linked_at: '2026-05-02T09:15:03Z',
      already_linked: false,
      job_gallery_count: 2,
    });
    expect(keys[0]).toMatch(/^gallery_link:[0-9a-f]{40}$/);
  });

  it('treats a gallery that is already linked as a no-op and says so', async () => {
    expectLink([200, link(false)]);
    nock(API).get('/v1/jobs/job_H4rp3r').reply(200, linkedJob());
    const result = await run(pair);
    expect(result.already_linked).toBe(true);
    expect(result.job_gallery_count).toBe(1);
  });

  it('sends the same Idempotency-Key for the same job and gallery, and another for another gallery', async () => {
    const keys = expectLink([201, link(true)], [200, link(false)]);
    nock(API).get('/v1/jobs/job_H4rp3r').times(2).reply(200, linkedJob());
    await run(pair);
    await run({ ...pair, job_id: ' job_H4rp3r ' });
    expect(keys[0]).toBe(keys[1]);
    nock(API)
      .post('/v1/jobs/job_H4rp3r/galleries')
      .reply(async (request: Request) => {
        keys.push(request.headers.get('idempotency-key'));
        return [409, envelope('gallery_limit_reached', 'full')];
      });
    await failureOf(run({ ...pair, gallery_id: 'gal_0th3r' }));
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('reports a link the API replays from an earlier run as already linked', async () => {
    const keys = expectLink([201, link(true), { 'Idempotent-Replayed': 'true' }]);
    nock(API).get('/v1/jobs/job_H4rp3r').reply(200, linkedJob());
    await expect(run(pair)).resolves.toMatchObject({ already_linked: true, job_gallery_count: 1 });
    expect(keys).toHaveLength(1);
  });

  it('links for real when the API replays an old link that has since been removed', async () => {
    const keys = expectLink([201, link(true), { 'Idempotent-Replayed': 'true' }], [200, link(true)]);
    nock(API)
      .get('/v1/jobs/job_H4rp3r')
      .reply(200, aJob({ galleries: [] }));
    nock(API).get('/v1/jobs/job_H4rp3r').reply(200, linkedJob());

    const result = await run(pair);

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBeNull();
    expect(result).toMatchObject({ gallery_name: 'Harper & Lee Wedding', job_gallery_count: 1 });
  });

  it('says the limit is 10 and how to unlink when the job already has 10 galleries', async () => {
    expectLink([409, envelope('gallery_limit_reached', 'A job can have at most 10 galleries')]);
    const error = await failureOf(run(pair));
    // Halted, not errored: this job is full, nothing is wrong with the Zap.
    expect(error).toMatchObject({ name: 'HaltedError', code: 'gallery_limit_reached', status: 409 });
    expect(error.message).toContain('Job job_H4rp3r already has 10 galleries linked, and the limit is 10 per job');
    expect(error.message).toContain('Unlink a gallery first with the "Unlink Gallery From Job" action');
  });

  it('explains an unknown gallery or a job of another studio with the API’s 404 message', async () => {
    expectLink([404, envelope('not_found', 'No gallery with id gal_H4rp3rL33')]);
    const error = await failureOf(run(pair));
    expect(error.status).toBe(404);
    expect(error.message).toContain('No gallery with id gal_H4rp3rL33');
    expect(error.message).toContain('IDs from another Studio account do not work here. Nothing was linked.');
  });

  it('asks for both a job and a gallery before any request', async () => {
    const error = await failureOf(run({ job_id: 'job_H4rp3r', gallery_id: '  ' }));
    expect(error.message).toContain('Gallery: is required');
    expect(requests.unmatched).toEqual([]);
  });
});
