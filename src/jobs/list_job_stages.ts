// Hidden trigger behind every Job Stage dropdown (stageIdField): the studio's pipeline in
// order, each stage with the job status it implies, e.g. "Shot (booked)".
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { JobStage } from '../contract/jobs.js';
import { sampleJobStages } from './samples.js';

export function stageChoice(stage: JobStage) {
  return { id: stage.id, name: `${stage.name} (${stage.status})` };
}

export default defineTrigger({
  key: 'list_job_stages',
  noun: 'Job Stage',
  display: {
    label: 'New Job Stage',
    description: 'Triggers when a stage is added to the pipeline. Used to fill the Job Stage dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      (await dropdownPage(z, bundle, JobStage, { path: '/v1/job-stages', describe: 'list of job stages' })).map(stageChoice),
    sample: stageChoice(sampleJobStages[2]!),
    outputFields: [
      { key: 'id', label: 'Stage ID', type: 'string' },
      { key: 'name', label: 'Stage (Name and Status)', type: 'string' },
    ],
  },
});
