// Hidden trigger behind every Job dropdown (jobIdField): the studio's jobs, newest first,
// shown as "name · date" so two "Smith Wedding" jobs can be told apart.
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { sampleJob } from './samples.js';
import { Job } from '../contract/jobs.js';

export function jobChoice(job: Pick<Job, 'id' | 'name' | 'event_date' | 'created_at'>) {
  return { id: job.id, name: `${job.name} · ${job.event_date ?? job.created_at.slice(0, 10)}` };
}

export default defineTrigger({
  key: 'list_jobs',
  noun: 'Job',
  display: { label: 'New Job', description: 'Triggers when a job is created. Used to fill the Job dropdown.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => (await dropdownPage(z, bundle, Job, { path: '/v1/jobs', describe: 'list of jobs' })).map(jobChoice),
    sample: jobChoice(sampleJob),
    outputFields: [
      { key: 'id', label: 'Job ID', type: 'string' },
      { key: 'name', label: 'Job (Name and Date)', type: 'string' },
    ],
  },
});
