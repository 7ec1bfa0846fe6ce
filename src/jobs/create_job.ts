// Create Job: a new job (an enquiry or a booking) for a contact, in a stage of the studio's
// pipeline (the first, unless another is chosen). Its name is what Create Gallery later takes
// for the job's gallery. Also the "create" half of Find Job's find-or-create. A job is its
// contact, name and event date: one the contact has already is returned, never made twice.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, listPage } from '../api/client.js';
import { foldName } from '../domain/contact-match.js';
import { isStudioError } from '../api/errors.js';
import { idempotencyKey } from '../api/idempotency.js';
import { EventDateInput, optional, parseInput, requiredChoice } from '../api/input.js';
import { Job, JobCreate } from '../contract/jobs.js';
import { jobLookupFields, stageIdField } from './fields.js';
import { contactNotFoundError } from '../contacts/lookup.js';
import { stageNotFoundError } from './job-lookup.js';
import { jobItemOutputFields, jobOutput } from './job-output.js';
import { sampleJob } from './samples.js';

const inputFields = defineInputFields([
  jobLookupFields.contact_id,
  { ...jobLookupFields.name, required: true },
  { key: 'job_type', label: 'Job Type', type: 'string', required: false, helpText: 'E.g. "Wedding", "Family" or "Newborn".' },
  { ...jobLookupFields.event_date, required: false },
  stageIdField(
    false,
    'Stage',
    'The pipeline stage the job starts in (its status follows the stage, e.g. "Booked" makes it a booked job). Leave empty for the first stage (an enquiry).',
  ),
]);

const CreateJobInput = zod.object({
  contact_id: requiredChoice,
  name: zod.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v),
    zod.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
  ),
  job_type: optional(zod.string().trim().max(100, 'must be at most 100 characters')),
  event_date: optional(EventDateInput),
  stage_id: optional(zod.string().trim()),
});

const UNCHANGED = 'No job was created.';

/**
 * The Idempotency-Key of a Create Job: the job's natural key, its contact, its name (folded:
 * "Harper wedding" and "Harper Wedding" are one job) and its event date. Runs creating one
 * job at once (Find or Create Job with the name capitalised two ways) share the key, so one
 * creates it and the others get it back.
 */
export function createJobKey(body: Pick<JobCreate, 'contact_id' | 'name' | 'event_date'>): string {
  return idempotencyKey('job', body.contact_id, foldName(body.name), body.event_date ?? null);
}

/** The contact's job with this name (folded) and event date, the earliest; null when it has none. */
export async function existingJob(z: ZObject, body: Pick<JobCreate, 'contact_id' | 'name' | 'event_date'>): Promise<Job | null> {
  const query: Record<string, string> = { contact_id: body.contact_id, name: body.name };
  if (body.event_date) query.event_date = body.event_date;
  const page = await listPage(z, Job, { path: '/v1/jobs', query, limit: 100, describe: 'list of jobs', everyRecord: true });
  const same = page.data.filter(
    (job) =>
      job.contact_id === body.contact_id &&
      foldName(job.name) === foldName(body.name) &&
      (job.event_date ?? null) === (body.event_date ?? null),
  );
  return same.sort((a, b) => a.created_at.localeCompare(b.created_at))[0] ?? null;
}

/**
 * The job, created once for good: a job the contact has already with this name and date (a
 * replay a day or a month later, when the key is long forgotten) is returned as it is; runs
 * at once share the key, and one that finds it taken by another body gets the job looked up.
 */
export async function postJob(z: ZObject, body: JobCreate): Promise<Job> {
  try {
    const existing = await existingJob(z, body);
    if (existing) return existing;
    try {
      return await callApi(z, Job, { method: 'POST', path: '/v1/jobs', body, idempotencyKey: createJobKey(body), describe: 'job' });
    } catch (error) {
      if (!isStudioError(error, 'idempotency_key_reused')) throw error;
      const created = await existingJob(z, body);
      if (created) return created;
      throw error;
    }
  } catch (error) {
    if (isStudioError(error, 'contact_not_found')) throw contactNotFoundError(z, body.contact_id, UNCHANGED);
    if (isStudioError(error, 'stage_not_found') && body.stage_id) throw stageNotFoundError(z, body.stage_id, UNCHANGED);
    throw error;
  }
}

export default defineCreate({
  key: 'create_job',
  noun: 'Job',
  display: {
    label: 'Create Job',
    description: 'Creates a job for a contact; one the contact has with that name and date is returned instead.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, CreateJobInput, bundle.inputData, inputFields);
      const body: JobCreate = {
        contact_id: input.contact_id,
        name: input.name,
        job_type: input.job_type,
        event_date: input.event_date,
        stage_id: input.stage_id,
      };
      parseInput(z, JobCreate, body, inputFields);
      return jobOutput(await postJob(z, body));
    },
    sample: jobOutput(sampleJob),
    outputFields: jobItemOutputFields,
  },
});
