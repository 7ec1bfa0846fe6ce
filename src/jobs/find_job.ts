// Find Job: the jobs that fit a contact, a name and an event date (any of them, all that are
// given), newest first. Nothing found is an empty result, so "create if not found" (Create
// Job, whose fields carry the same keys) makes the job the first time only.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import * as zod from 'zod';
import { listPage } from '../api/client.js';
import { EventDateInput, optional, parseInput } from '../api/input.js';
import { Job } from '../contract/jobs.js';
import { jobLookupFields } from './fields.js';
import { jobItemOutputFields, jobOutput } from './job-output.js';
import { sampleJob } from './samples.js';

const inputFields = defineInputFields([
  { ...jobLookupFields.contact_id, required: false, helpText: 'Only this client’s jobs.' },
  {
    ...jobLookupFields.name,
    required: false,
    helpText: 'The job’s full name; capitals, accents and extra spaces are ignored ("harper & lee wedding" finds "Harper & Lee Wedding").',
  },
  { ...jobLookupFields.event_date, required: false, helpText: 'Only jobs on this day.' },
]);

const FindJobInput = zod
  .object({
    contact_id: optional(zod.string().trim()),
    name: optional(zod.string().trim().max(200, 'must be at most 200 characters')),
    event_date: optional(EventDateInput),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'Fill in at least one of Contact, Job Name or Event Date to say which job to find',
  });

/** Matches per search: a contact with more jobs of the same name and day than this is not a real case. */
const MAX_MATCHES = 25;

export default defineSearch({
  key: 'find_job',
  noun: 'Job',
  display: {
    label: 'Find Job',
    description: 'Finds a job by contact, name or event date, the newest first.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, FindJobInput, bundle.inputData, inputFields);
      const page = await listPage(z, Job, {
        path: '/v1/jobs',
        query: { contact_id: input.contact_id, name: input.name, event_date: input.event_date },
        limit: MAX_MATCHES,
        describe: 'list of jobs',
        // A job left out could make "create if not found" make a second one.
        everyRecord: true,
      });
      return page.data.map(jobOutput);
    },
    sample: jobOutput(sampleJob),
    outputFields: jobItemOutputFields,
  },
});
