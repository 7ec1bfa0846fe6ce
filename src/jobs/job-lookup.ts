// The job a step works with (Create Gallery, Link and Unlink Gallery to Job), fetched once; a
// job the connected studio does not have (deleted, mistyped, or another Studio account's) gets
// a message that says what to do.
import type { ZObject } from 'zapier-platform-core';
import { callApi } from '../api/client.js';
import { Job } from '../contract/jobs.js';
import { brief, isStudioError, studioError } from '../api/errors.js';

export function jobNotFoundError(z: ZObject, jobId: string): Error {
  return studioError(
    z,
    `Studio has no job ${brief(jobId, 60)} in the connected account: it may have been deleted, or it belongs to another Studio account. ` +
      'Choose the job from the Job dropdown, or map a job ID from an earlier step of this Zap.',
    'job_not_found',
    404,
  );
}

/** GET /v1/jobs/:id, the job with its linked galleries. */
export async function fetchJob(z: ZObject, jobId: string): Promise<Job> {
  try {
    return await callApi(z, Job, { path: `/v1/jobs/${encodeURIComponent(jobId)}`, describe: 'job' });
  } catch (error) {
    if (isStudioError(error, 'not_found')) throw jobNotFoundError(z, jobId);
    throw error;
  }
}

/** The API refused a stage id (another studio's, or removed from the pipeline). */
export function stageNotFoundError(z: ZObject, stageId: string, unchanged: string): Error {
  return studioError(
    z,
    `Studio has no job stage ${brief(stageId, 60)} in the connected account: it may have been removed from your pipeline. ` +
      `Choose the stage from the Stage dropdown, or leave it empty. ${unchanged}`,
    'stage_not_found',
    422,
  );
}
