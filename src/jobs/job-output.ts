// How a job appears in the output of Create Job, Find Job, Update Job Stage and the job
// triggers: flat, its stage by id and name, its galleries by id.
import { prefixedOutputFields } from '../api/output-fields.js';
import type { Job, JobStage } from '../contract/jobs.js';
import { jobOutputFields } from './fields.js';

export function jobOutput(job: Job) {
  return {
    id: job.id,
    name: job.name,
    contact_id: job.contact_id,
    status: job.status,
    job_type: job.job_type,
    event_date: job.event_date,
    stage_id: job.stage?.id ?? null,
    stage_name: job.stage?.name ?? null,
    created_at: job.created_at,
    gallery_ids: job.galleries.map((gallery) => gallery.id),
    gallery_count: job.galleries.length,
  };
}

/** A job's output fields as the job is the item itself ("Job ID", "Job Name", …). */
export const jobItemOutputFields = prefixedOutputFields('', jobOutputFields, 'Job ');

/** A job shown inside another item, which carries its id once as `job_id`: every field but the id. */
export function embeddedJobOutput(job: Job) {
  const { id: _id, ...rest } = jobOutput(job);
  return rest;
}

/** The fields of embeddedJobOutput (to be put under `job__`). */
export const embeddedJobOutputFields = jobItemOutputFields.filter((field) => field.key !== 'id');

/** A stage as an item shows it (the stages of a move). */
export function stageOutput(stage: JobStage | null) {
  return stage && { id: stage.id, name: stage.name, position: stage.position, status: stage.status };
}

export const stageOutputFields = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'position', label: 'Position (0 First)', type: 'integer' },
  { key: 'status', label: 'Job Status It Implies', type: 'string' },
] as const;
