// The Job field, declared once and reused by every operation that takes a job.
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
