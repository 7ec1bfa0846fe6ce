// Gallery-specific error messages: what a gallery step says when a job is full, and how it
// names a job in a message.
import type { ZObject } from 'zapier-platform-core';
import { haltedError } from '../api/errors.js';
import { MAX_GALLERIES_PER_JOB } from '../contract/jobs.js';

/**
 * The error a step shows when a job already has the most galleries it can have. Halted: the
 * job is full, the Zap is fine (other jobs still get their galleries).
 */
export function galleryLimitError(z: ZObject, jobLabel: string): Error {
  return haltedError(
    z,
    `${jobLabel} already has ${MAX_GALLERIES_PER_JOB} galleries linked, and the limit is ${MAX_GALLERIES_PER_JOB} per job. ` +
      'Unlink a gallery first with the "Unlink Gallery From Job" action (or in Studio), then run this step again.',
    'gallery_limit_reached',
    409,
  );
}

/** "Job “Smith Wedding” (job_123)" or "Job job_123" when the name is unknown. */
export function describeJob(jobId: string, name?: string | null): string {
  return name ? `Job “${name}” (${jobId})` : `Job ${jobId}`;
}
