// Update Job Stage: moves a job to another stage of the studio's pipeline (its status follows
// the stage). Moving it to the stage it is in already changes nothing and fires no event, so
// a replayed step, or a Zap that runs twice, moves the job once; the move is conditional on
// the stage the job was seen in, so two runs at once move it once and one of them says so.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi } from '../api/client.js';
import { isStudioError } from '../api/errors.js';
import { parseInput, requiredChoice } from '../api/input.js';
import { prefixedOutputFields } from '../api/output-fields.js';
import { Job, type JobUpdate } from '../contract/jobs.js';
import { jobIdField, stageIdField } from './fields.js';
import { fetchJob, jobNotFoundError, stageNotFoundError } from './job-lookup.js';
import { jobItemOutputFields, jobOutput, stageOutput, stageOutputFields } from './job-output.js';
import { sampleJob, sampleJobStages } from './samples.js';

const inputFields = defineInputFields([
  jobIdField(true, 'The job to move.'),
  stageIdField(
    true,
    'Stage',
    'The stage to move the job to. Its status follows the stage (e.g. "Booked" books it). If the job is in this stage already, nothing changes.',
  ),
]);

const UpdateJobStageInput = zod.object({ job_id: requiredChoice, stage_id: requiredChoice });

const UNCHANGED = 'The job was not moved.';

function updateOutput(job: Job, previous: Job['stage'], moved: boolean) {
  return { ...jobOutput(job), moved, previous_stage: stageOutput(previous) };
}

export default defineCreate({
  key: 'update_job_stage',
  noun: 'Job',
  display: {
    label: 'Update Job Stage',
    description: 'Updates the stage of a job in your pipeline; a job already in that stage is left as it is.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, UpdateJobStageInput, bundle.inputData, inputFields);
      let job = await fetchJob(z, input.job_id);
      // A conditional move (from the stage the job was seen in): of runs moving it at once, one
      // moves it and reports moved; the others find it moved and report that it was in place.
      for (let attempt = 0; ; attempt += 1) {
        if (job.stage?.id === input.stage_id) return updateOutput(job, job.stage, false);
        const body: JobUpdate = { stage_id: input.stage_id, ...(job.stage ? { from_stage_id: job.stage.id } : {}) };
        try {
          const moved = await callApi(z, Job, { method: 'PATCH', path: `/v1/jobs/${encodeURIComponent(job.id)}`, body, describe: 'job' });
          return updateOutput(moved, job.stage, moved.stage?.id !== job.stage?.id);
        } catch (error) {
          if (isStudioError(error, 'stage_changed') && attempt < 3) {
            job = await fetchJob(z, job.id);
            continue;
          }
          if (isStudioError(error, 'stage_not_found')) throw stageNotFoundError(z, input.stage_id, UNCHANGED);
          if (isStudioError(error, 'not_found')) throw jobNotFoundError(z, job.id);
          throw error;
        }
      }
    },
    sample: updateOutput(sampleJob, sampleJobStages[1]!, true),
    outputFields: [
      ...jobItemOutputFields,
      { key: 'moved', label: 'Moved (False When Already in the Stage)', type: 'boolean' },
      ...prefixedOutputFields('previous_stage__', [...stageOutputFields], 'Previous Stage '),
    ],
  },
});
