// A create whose twin (the same step, the same Idempotency-Key) is still being answered: the
// API says 409 idempotency_key_in_use with Retry-After, and the step must be retried after that
// delay, not fail for good. The sandbox answers every request to the end before the next, so
// this case cannot be produced there; nock plays the API.
import { afterAll, afterEach, expect, it } from '@jest/globals';
import nock from 'nock';
import { DEMO_IDS } from '../../sandbox/seed.js';
import { failureOfStep, methodOf, runStep } from './support.js';

const API = 'https://api.studio.test';
process.env.STUDIO_API_URL = API;
afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

it('a twin still in flight makes the step a throttled retry after the API’s delay', async () => {
  nock(API)
    .post('/v1/jobs/job_hart_wedding/galleries')
    .reply(409, { error: { code: 'idempotency_key_in_use', message: 'A request with this Idempotency-Key is still being processed; retry in a moment.', details: null } }, { 'Retry-After': '2' });

  const failure = await failureOfStep(
    runStep(methodOf('create', 'link_gallery_to_job'), { authData: { access_token: 'at-twin' }, inputData: { job_id: DEMO_IDS.jobs.hartWedding, gallery_id: DEMO_IDS.galleries.hartWedding } }),
  );

  expect(failure).toMatchObject({ name: 'ThrottledError', delay: 2 });
  expect(failure.message).toMatch(/retry in 2 seconds/);
});
