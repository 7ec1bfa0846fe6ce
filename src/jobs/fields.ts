// The Job field, declared once and reused by every operation that takes a job.
import type { PlainOutputField } from 'zapier-platform-core';
export function jobIdField<R extends boolean>(required: R, helpText: string) {
  return {
    key: 'job_id',
    label: 'Job',
    type: 'string',
    required,
    dynamic: 'list_jobs.id.name',
    helpText,
  } as const;
}

/** A job as another item shows it (a payment's or a shoot's job, under `job__`). */
export const jobOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'job_type', label: 'Type', type: 'string' },
  { key: 'event_date', label: 'Event Date', type: 'string' },
  { key: 'gallery_ids', label: 'Gallery IDs', type: 'string', list: true },
  { key: 'gallery_count', label: 'Gallery Count', type: 'integer' },
];
