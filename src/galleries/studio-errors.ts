// Reading the errors the middleware raised for an API response, so a gallery step can turn a
// specific API code (slug_taken, gallery_limit_reached, link_not_found, not_found) into a
// message that says what to do in this step. Everything else passes through unchanged.
import type { ZObject } from 'zapier-platform-core';
import { MAX_GALLERIES_PER_JOB } from '../jobs/schema.js';

export interface StudioError {
  /** The API's error code, e.g. "not_found". */
  code: string;
  status: number | undefined;
  /** The message the middleware wrote (it quotes the API's own message). */
  message: string;
}

/** The code, status and message of a z.errors.Error, or null for any other failure. */
export function studioErrorOf(error: unknown): StudioError | null {
  // z.errors.Error (AppError) carries {message, code, status} as JSON in its message.
  if (!(error instanceof Error) || error.name !== 'AppError') return null;
  try {
    const parsed = JSON.parse(error.message) as { message?: unknown; code?: unknown; status?: unknown };
    if (typeof parsed.code !== 'string') return null;
    return {
      code: parsed.code,
      status: typeof parsed.status === 'number' ? parsed.status : undefined,
      message: typeof parsed.message === 'string' ? parsed.message : '',
    };
  } catch {
    return null;
  }
}

/** True when `error` is the API's answer with this code. */
export function isStudioError(error: unknown, code: string): boolean {
  return studioErrorOf(error)?.code === code;
}

/** The error a step shows when a job already has the most galleries it can have. */
export function galleryLimitError(z: ZObject, jobLabel: string): Error {
  return new z.errors.Error(
    `${jobLabel} already has ${MAX_GALLERIES_PER_JOB} galleries linked, and the limit is ${MAX_GALLERIES_PER_JOB} per job. ` +
      'Unlink a gallery first with the "Unlink Gallery from Job" action (or in Studio), then run this step again.',
    'gallery_limit_reached',
    409,
  );
}

/** "Job “Smith Wedding” (job_123)" or "Job job_123" when the name is unknown. */
export function describeJob(jobId: string, name?: string | null): string {
  return name ? `Job “${name}” (${jobId})` : `Job ${jobId}`;
}
