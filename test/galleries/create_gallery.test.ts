// Create Gallery, as a studio owner's Zap runs it: "a job is booked → create its gallery".
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import createGallery from '../../src/galleries/create_gallery.js';
import type { Gallery } from '../../src/contract/galleries.js';
import { API, aGallery, aJob, authData, envelope, failureOf, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';

const run = (inputData: Record<string, unknown>) => runOperation(createGallery.operation.perform, { authData, inputData });
const brandAndPreset = { brand_id: 'brd_N0rth1ght', preset_id: 'pst_Wed2026a' };

const requests = recordRequests();

/** Captures the body and Idempotency-Key of each POST /v1/galleries and answers with `reply`. */
function expectCreate(reply: (body: Record<string, unknown>) => [number, unknown]) {
  const sent: Array<{ body: Record<string, unknown>; key: string | undefined }> = [];
  nock(API)
    .post('/v1/galleries')
    .times(5)
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push({ body, key: request.headers.get('idempotency-key') ?? undefined });
      return reply(body);
    });
  return sent;
}

const created = (body: Record<string, unknown>): [number, unknown] => [
  201,
  aGallery({
    name: String(body.name),
    slug: String(body.slug),
    event_date: (body.event_date as string | undefined) ?? null,
    client_email: (body.client_email as string | undefined) ?? null,
    job_ids: body.job_id ? [String(body.job_id)] : [],
  }),
];

describe('Create Gallery', () => {
  it('is wired into the app as a create', () => {
    expect(App.creates?.create_gallery).toBe(createGallery);
    expect(createGallery.display.description).toMatch(/^Creates .*\.$/);
  });

  it('creates an offline gallery for a job, named and dated after the job, linked in the same request', async () => {
    nock(API)
      .get('/v1/jobs/job_H4rp3r')
      .reply(200, aJob({ name: 'Harper & Lee Wedding', event_date: '2026-06-13' }));
    const sent = expectCreate(created);

    const gallery = (await run({ ...brandAndPreset, job_id: 'job_H4rp3r' })) as Gallery;

    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({
      ...brandAndPreset,
      name: 'Harper & Lee Wedding',
      slug: 'harper-and-lee-wedding',
      event_date: '2026-06-13',
      job_id: 'job_H4rp3r',
      on_slug_conflict: 'suffix',
    });
    expect(sent[0]!.key).toMatch(/^gallery:[0-9a-f]{40}$/);
    expect(gallery).toMatchObject({ status: 'offline', image_count: 0, job_ids: ['job_H4rp3r'] });
    expect(gallery.admin_url).toMatch(/^https:\/\//);
    expect(gallery.client_url).toMatch(/harper-and-lee-wedding$/);
  });

  it('lets a numbered slug come back when the defaulted slug is taken (the API suffixes it)', async () => {
    nock(API).get('/v1/jobs/job_H4rp3r').reply(200, aJob());
    expectCreate((body) => [201, aGallery({ slug: `${String(body.slug)}-2` })]);
    const gallery = (await run({ ...brandAndPreset, job_id: 'job_H4rp3r' })) as Gallery;
    expect(gallery.slug).toBe('harper-and-lee-wedding-2');
  });

  it('uses the name, slug and date the user typed over the job’s, and sends a typed slug strictly', async () => {
    nock(API).get('/v1/jobs/job_H4rp3r').reply(200, aJob());
    const sent = expectCreate(created);
    await run({
      ...brandAndPreset,
      job_id: 'job_H4rp3r',
      name: '  Olivia & Sam — Engagement ',
      slug: 'Olivia Sam Engagement',
      event_date: '2026-03-08T00:00:00-05:00',
      client_email: ' olivia.harper@example.com ',
    });
    expect(sent[0]!.body).toEqual({
      ...brandAndPreset,
      name: 'Olivia & Sam — Engagement',
      slug: 'olivia-sam-engagement',
      event_date: '2026-03-08',
      client_email: 'olivia.harper@example.com',
      job_id: 'job_H4rp3r',
      on_slug_conflict: 'error',
    });
  });

  it('creates a gallery without a job from a name alone, with no job lookup', async () => {
    const sent = expectCreate(created);
    const gallery = (await run({ ...brandAndPreset, name: 'Zoë’s Newborn Session', job_id: '', slug: '', event_date: '' })) as Gallery;
    expect(sent[0]!.body).toEqual({
      ...brandAndPreset,
      name: 'Zoë’s Newborn Session',
      slug: 'zoe-s-newborn-session',
      on_slug_conflict: 'suffix',
    });
    expect(gallery.job_ids).toEqual([]);
    expect(requests.unmatched).toEqual([]);
  });

  it('sends the same Idempotency-Key when the step is replayed, so the API returns the same gallery', async () => {
    nock(API).get('/v1/jobs/job_H4rp3r').times(3).reply(200, aJob());
    const sent = expectCreate(created);
    const input = { ...brandAndPreset, job_id: 'job_H4rp3r', client_email: 'olivia.harper@example.com' };
    await run(input);
    await run(input);
    await run({ ...input, client_email: 'sam.lee@example.com' });
    expect(sent[0]!.key).toBe(sent[1]!.key);
    expect(sent[0]!.body).toEqual(sent[1]!.body);
    expect(sent[2]!.key).not.toBe(sent[0]!.key);
  });

  it('tells the user to pick another slug or leave it blank when a typed slug is taken', async () => {
    expectCreate(() => [409, envelope('slug_taken', 'The slug "harper-lee" is already used by gallery gal_1')]);
    const error = await failureOf(run({ ...brandAndPreset, name: 'Harper & Lee', slug: 'harper-lee' }));
    expect(error.code).toBe('slug_taken');
    expect(error.message).toContain('"harper-lee" is already used');
    expect(error.message).toContain('Choose another URL Slug, or leave URL Slug blank');
  });

  it('explains an unknown brand with the API’s 422, naming the field', async () => {
    expectCreate(() => [
      422,
      envelope('validation_failed', 'The gallery could not be created', [{ field: 'brand_id', message: 'No brand with id brd_gone' }]),
    ]);
    const error = await failureOf(run({ brand_id: 'brd_gone', preset_id: 'pst_Wed2026a', name: 'Harper & Lee' }));
    expect(error.status).toBe(422);
    expect(error.message).toContain('brand_id (No brand with id brd_gone)');
  });

  it('refuses a job of another studio (404) before creating anything', async () => {
    nock(API).get('/v1/jobs/job_0th3r').reply(404, envelope('not_found', 'No job with id job_0th3r'));
    const sent = expectCreate(created);
    const error = await failureOf(run({ ...brandAndPreset, job_id: 'job_0th3r' }));
    expect(error.message).toContain('Studio has no job job_0th3r in the connected account');
    expect(error.message).toContain('another Studio account');
    expect(sent).toHaveLength(0);
  });

  it('asks for a name when there is neither a name nor a job, without calling the API', async () => {
    const error = await failureOf(run({ ...brandAndPreset, name: '   ' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Fill in Gallery Name, or choose a Job');
    expect(requests.unmatched).toEqual([]);
  });

  it.each([
    [{ client_email: 'not-an-email' }, 'Client Email'],
    [{ event_date: '13/06/2026' }, 'Event Date: must be a date such as 2026-06-13'],
    [{ slug: '!!!' }, 'URL Slug: must contain letters or digits'],
    [{ slug: 'x'.repeat(101) }, 'URL Slug: must be at most 100 characters'],
    [{ brand_id: '' }, 'Brand: is required'],
  ])('rejects bad input %j before any request', async (bad, expected) => {
    const error = await failureOf(run({ ...brandAndPreset, name: 'Harper & Lee', ...bad }));
    expect(error.message).toContain(expected);
    expect(error.message).toContain('Nothing was changed');
    expect(requests.unmatched).toEqual([]);
  });

  it('says the limit is 10 and how to unlink when the job is full', async () => {
    nock(API)
      .get('/v1/jobs/job_H4rp3r')
      .reply(200, aJob({ galleries: Array.from({ length: 10 }, (_, i) => aGallery({ id: `gal_${i}` })) }));
    expectCreate(() => [409, envelope('gallery_limit_reached', 'A job can have at most 10 galleries')]);
    const error = await failureOf(run({ ...brandAndPreset, job_id: 'job_H4rp3r' }));
    expect(error).toMatchObject({ name: 'HaltedError', code: 'gallery_limit_reached', status: 409 });
    expect(error.message).toContain('the limit is 10 per job');
    expect(error.message).toContain('"Unlink Gallery From Job"');
  });
});
