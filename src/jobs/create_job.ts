// Create Job: a new job (an enquiry or a booking) for a contact, in a stage of the studio's
// pipeline (the first, unless another is chosen). Its name is what Create Gallery later takes
// for the job's gallery. Also the "create" half of Find Job's find-or-create.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { callApi } from '../api/client.js';
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
  stageIdField(false, 'Stage', 'The pipeline stage the job starts in (its status follows the stage, e.g. "Booked" makes it a booked job). Leave empty for the first stage (an enquiry).'),
]);

const CreateJobInput = zod.object({
  contact_id: requiredChoice,
  name: zod.preprocess((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v), zod.string().min(1, 'is required').max(200, 'must be at most 200 characters')),
  job_type: optional(zod.string().trim().max(100, 'must be at most 100 characters')),
  event_date: optional(EventDateInput),
  stage_id: optional(zod.string().trim()),
});

const UNCHANGED = 'No job was created.';

/**
 * The Idempotency-Key of a Create Job: the whole body. A replayed step (or the same Zap run
 * twice on one trigger item) sends the same key and gets the first job back, never a second;
 * the same job asked for twice within the key's 24 hours is one job, which is what a Zap means.
 */
export function createJobKey(body: JobCreate): string {
  return idempotencyKey('job', body.contact_id, body.name, body.job_type, body.event_date, body.stage_id);
}

export async function postJob(z: ZObject, body: JobCreate): Promise<Job> {
  try {
    return await callApi(z, Job, { method: 'POST', path: '/v1/jobs', body, idempotencyKey: createJobKey(body), describe: 'job' });
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
    description: 'Creates a job for a contact, in the first stage of your pipeline or the one you choose.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, CreateJobInput, bundle.inputData, inputFields);
      const body: JobCreate = { contact_id: input.contact_id, name: input.name, job_type: input.job_type, event_date: input.event_date, stage_id: input.stage_id };
      parseInput(z, JobCreate, body, inputFields);
      return jobOutput(await postJob(z, body));
    },
    sample: jobOutput(sampleJob),
    outputFields: jobItemOutputFields,
  },
});
