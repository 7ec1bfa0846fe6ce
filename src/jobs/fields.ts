// The Job and Job Stage fields, declared once and reused by every operation that takes them,
// and how a job appears in an output.
import type { PlainOutputField } from 'zapier-platform-core';
import { contactIdField } from '../contacts/fields.js';

export function jobIdField<R extends boolean>(required: R, helpText: string) {
  return {
    key: 'job_id',
    label: 'Job',
    type: 'string',
    required,
    dynamic: 'list_jobs.id.name',
    // Find Job right in the field (and, with its fallback, Create Job).
    search: 'find_job.id',
    helpText,
  } as const;
}

export function stageIdField<R extends boolean>(required: R, label: string, helpText: string) {
  return {
    key: 'stage_id',
    label,
    type: 'string',
    required,
    dynamic: 'list_job_stages.id.name',
    helpText,
  } as const;
}

/** Contact, name and event date: Create Job's fields that Find Job looks a job up by, with the same keys (so find-or-create carries them over). */
export const jobLookupFields = {
  contact_id: contactIdField(true, 'The client the job is for.'),
  name: {
    key: 'name',
    label: 'Job Name',
    type: 'string',
    helpText: 'E.g. "Harper & Lee Wedding". Create Gallery names a job’s gallery after it.',
  },
  event_date: {
    key: 'event_date',
    label: 'Event Date',
    type: 'datetime',
    helpText: 'The day of the wedding, session or event.',
  },
} as const;

/** A job's fields (jobOutput), also as another item shows it (a payment's or a shoot's job, under `job__`). */
export const jobOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'job_type', label: 'Type', type: 'string' },
  { key: 'event_date', label: 'Event Date', type: 'datetime' },
  { key: 'stage_id', label: 'Stage ID', type: 'string' },
  { key: 'stage_name', label: 'Stage', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'gallery_ids', label: 'Gallery IDs', type: 'string', list: true },
  { key: 'gallery_count', label: 'Gallery Count', type: 'integer' },
];
