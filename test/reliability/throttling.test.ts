// Told to wait: a 429, or a create whose twin (the same step, the same Idempotency-Key) is still
// being answered (409 idempotency_key_in_use). Either way the step is a throttled retry after
// the API's Retry-After — given in seconds or as an HTTP date — never a failure for good, and
// the message is the app's own. The sandbox sends Retry-After in seconds and answers every
// request to the end before the next, so these cases are played by nock.
import { afterEach, expect, it } from '@jest/globals';
import nock from 'nock';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { failureOf, methodOf, invokeApp } from '../support/index.js';
import { API } from '../support/api-mock.js';

process.env.STUDIO_API_URL = API;
afterEach(() => nock.cleanAll());

const link = () =>
  failureOf(
    invokeApp(methodOf('create', 'link_gallery_to_job'), {
      authData: { access_token: 'at-throttle' },
      inputData: { job_id: DEMO_IDS.jobs.hartWedding, gallery_id: DEMO_IDS.galleries.hartWedding },
    }),
  );
const envelope = (code: string, message: string) => ({ error: { code, message, details: null } });

it('a twin still in flight makes the step a throttled retry after the API’s delay', async () => {
  nock(API)
    .post('/v1/jobs/job_hart_wedding/galleries')
    .reply(409, envelope('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry in a moment.'), {
      'Retry-After': '2',
    });

  const failure = await link();

  expect(failure).toMatchObject({ name: 'ThrottledError', delay: 2 });
  expect(failure.message).toMatch(/retry in 2 seconds/);
});

it('a 429 whose Retry-After is an HTTP date waits until that moment, with the app’s message', async () => {
  const in90Seconds = new Date(Date.now() + 90_000).toUTCString();
  nock(API)
    .post('/v1/jobs/job_hart_wedding/galleries')
    .reply(429, envelope('rate_limited', 'Too many requests'), { 'Retry-After': in90Seconds });

  const failure = await link();

  expect(failure.name).toBe('ThrottledError');
  expect(failure.delay).toBeGreaterThanOrEqual(88);
  expect(failure.delay).toBeLessThanOrEqual(91);
  expect(failure.message).toMatch(/asked Zapier to slow down \(HTTP 429\)/);
});
