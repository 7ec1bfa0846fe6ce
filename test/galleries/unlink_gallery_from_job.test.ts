// Unlink Gallery From Job: "a job is cancelled → take its gallery off the job".
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import unlinkGalleryFromJob, { type UnlinkResult } from '../../src/galleries/unlink_gallery_from_job.js';
import { API, aGallery, aJob, authData, envelope, failureOf, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';

const run = (inputData: Record<string, unknown>) =>
  runOperation<UnlinkResult>(unlinkGalleryFromJob.operation.perform, { authData, inputData });
const pair = { job_id: 'job_H4rp3r', gallery_id: 'gal_H4rp3rL33' };

const requests = recordRequests();

describe('Unlink Gallery From Job', () => {
  it('is wired into the app as a create', () => {
    expect(App.creates?.unlink_gallery_from_job).toBe(unlinkGalleryFromJob);
  });

  it('removes the link and says so', async () => {
    const scope = nock(API).delete('/v1/jobs/job_H4rp3r/galleries/gal_H4rp3rL33').reply(204);
    const result = await run(pair);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ...pair, unlinked: true });
    expect(Date.parse(result.unlinked_at)).not.toBeNaN();
  });

  it('says clearly when the gallery is not linked to that job, listing the job’s galleries', async () => {
    nock(API)
      .delete('/v1/jobs/job_H4rp3r/galleries/gal_H4rp3rL33')
      .reply(404, envelope('link_not_found', 'Gallery gal_H4rp3rL33 is not linked to job job_H4rp3r'));
    nock(API)
      .get('/v1/jobs/job_H4rp3r')
      .reply(200, aJob({ galleries: [aGallery({ id: 'gal_Engag3', name: 'Harper & Lee Engagement' })] }));
    const error = await failureOf(run(pair));
    expect(error.code).toBe('link_not_found');
    expect(error.message).toContain('Gallery gal_H4rp3rL33 is not linked to job job_H4rp3r, so there was nothing to unlink.');
    expect(error.message).toContain('these galleries linked: Harper & Lee Engagement (gal_Engag3)');
    expect(error.message).toContain('Check the Job and Gallery chosen in this step; nothing was changed. Job “Harper & Lee Wedding”');
  });

  it('still says the gallery is not linked when the job’s galleries cannot be listed', async () => {
    nock(API).delete('/v1/jobs/job_H4rp3r/galleries/gal_H4rp3rL33').reply(404, envelope('link_not_found', 'not linked'));
    nock(API).get('/v1/jobs/job_H4rp3r').reply(500, envelope('internal', 'boom'));
    const error = await failureOf(run(pair));
    expect(error.message).toMatch(/^Gallery gal_H4rp3rL33 is not linked to job job_H4rp3r, so there was nothing to unlink\. Check the Job/);
  });

  it('makes the API’s 404 for a wrong or unknown id clear', async () => {
    nock(API).delete('/v1/jobs/job_W4rong/galleries/gal_H4rp3rL33').reply(404, envelope('not_found', 'No job with id job_W4rong'));
    const error = await failureOf(run({ ...pair, job_id: 'job_W4rong' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('No job with id job_W4rong');
    expect(error.message).toContain('Choose the job and the gallery from the dropdowns');
  });

  it('asks for a job before any request', async () => {
    const error = await failureOf(run({ gallery_id: 'gal_H4rp3rL33' }));
    expect(error.message).toContain('Job: is required');
    expect(requests.unmatched).toEqual([]);
  });
});
