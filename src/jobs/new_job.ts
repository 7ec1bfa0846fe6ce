// New Job: a job (an enquiry or a booking) was created in Studio, with its client; optionally
// only leads or only booked jobs. Instant (REST hook); the event embeds the contact, so an
// item costs no request.
import { defineInputFields, defineTrigger, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { blankToUndefined } from '../api/input.js';
import { prefixedOutputFields } from '../api/output-fields.js';
import type { Contact } from '../contract/contacts.js';
import type { Job } from '../contract/jobs.js';
import { embeddedContactOutput, embeddedContactOutputFields } from '../contacts/contact-output.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { jobItemOutputFields, jobOutput } from './job-output.js';
import { sampleJobCreatedEvent } from './samples.js';

const inputFields = defineInputFields([
  {
    key: 'job_status',
    label: 'Job Status',
    type: 'string',
    required: false,
    choices: { all: 'All new jobs', lead: 'Leads only (enquiries)', booked: 'Booked jobs only' },
    default: 'all',
    helpText:
      'Which new jobs trigger the Zap, by the status they were created with. A lead booked later is not a new job: use Job Stage Changed for that.',
  },
]);

const Options = zod.object({ job_status: zod.preprocess(blankToUndefined, zod.enum(['all', 'lead', 'booked']).default('all')) });
type Options = zod.infer<typeof Options>;

const matches = (event: EventOf<'job.created'>, options: Options) =>
  options.job_status === 'all' || event.data.status === options.job_status;

export function newJobItem(job: Job, contact: Contact | null) {
  return { ...jobOutput(job), contact: contact && embeddedContactOutput(contact) };
}

const LABEL = 'New Job';

// The contact is embedded in the event (null when it is gone or cannot be read, logged then).
const toItem = (_z: ZObject, event: EventOf<'job.created'>) => newJobItem(event.data, event.data.contact);

export default defineTrigger({
  key: 'new_job',
  noun: 'Job',
  display: {
    label: LABEL,
    description: 'Triggers when a job is created, optionally only leads or only booked jobs.',
  },
  operation: {
    ...restHook({ event: 'job.created', label: LABEL, options: Options, inputFields, matches, toItem }),
    inputFields,
    sample: newJobItem(sampleJobCreatedEvent.data, sampleJobCreatedEvent.data.contact),
    outputFields: [...jobItemOutputFields, ...prefixedOutputFields('contact__', embeddedContactOutputFields, 'Contact ')],
  },
});
