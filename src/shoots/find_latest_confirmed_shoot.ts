// Find Latest Confirmed Shoot: the contact's most recent confirmed (or completed) shoot
// starting on or before a date, with its job: where a gallery order's sale belongs.
import { defineInputFields, defineSearch, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi } from '../api/client.js';
import { parseInput } from '../api/input.js';
import { pickOutputFields, prefixedOutputFields } from '../api/output-fields.js';
import { jobOutputFields } from '../jobs/fields.js';
import { shootOutputFields } from './shoot-output.js';
import { contactIdField } from '../contacts/fields.js';
import { ambiguousContactError, matchClientToContact } from '../contacts/lookup.js';
import { OptionalEmail, OptionalText } from '../contacts/person-input.js';
import { sampleJob } from '../jobs/samples.js';
import { sampleShoot } from './samples.js';
import { Job } from '../contract/jobs.js';
import { latestConfirmedShoot } from './latest-confirmed.js';
import type { Shoot } from '../contract/shoots.js';

const inputFields = defineInputFields([
  contactIdField(false, 'The client whose shoot to find. Leave empty to find the client by Email instead.'),
  {
    key: 'email',
    label: 'Contact Email',
    type: 'string',
    helpText: 'Used when Contact is empty: the contact with this email address (case and spaces ignored).',
  },
  {
    key: 'on_or_before',
    label: 'On or Before',
    type: 'datetime',
    helpText: 'Only shoots starting at or before this moment count. Defaults to now; for an order, map the order’s Placed At.',
  },
]);

const FindShootInput = zod
  .object({
    contact_id: OptionalText(64),
    email: OptionalEmail,
    on_or_before: zod.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      zod
        .string()
        .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date and time such as "2026-05-01T18:00:00Z"')
        .optional(),
    ),
  })
  .refine((input) => input.contact_id !== undefined || input.email !== undefined, {
    message: 'Choose a Contact or fill in Contact Email',
  });

/** The contact id to search shoots of: the given one, or the one contact with the email (null if none). */
async function contactIdFor(z: ZObject, input: zod.output<typeof FindShootInput>): Promise<string | null> {
  if (input.contact_id !== undefined) return input.contact_id;
  const match = await matchClientToContact(z, { email: input.email }, async () => null);
  if (match.ambiguous) throw ambiguousContactError(z, match, 'Choose the contact in the Contact field instead of giving the email.');
  return match.contact?.id ?? null;
}

function shootOutput(shoot: Shoot, job: Job) {
  // The shoot's job_id says which job; job__ says what it is.
  return { ...shoot, job: { name: job.name, status: job.status } };
}

export default defineSearch({
  key: 'find_latest_confirmed_shoot',
  noun: 'Shoot',
  display: {
    label: 'Find Latest Confirmed Shoot',
    description: 'Finds the contact’s most recent confirmed or completed shoot on or before a date, with its job.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, FindShootInput, bundle.inputData, inputFields);
      const onOrBefore = new Date(input.on_or_before ?? Date.now()).toISOString();
      const contactId = await contactIdFor(z, input);
      if (contactId === null) return [];
      const shoot = await latestConfirmedShoot(z, contactId, onOrBefore);
      if (shoot === null) return [];
      const job = await callApi(z, Job, { path: `/v1/jobs/${encodeURIComponent(shoot.job_id)}`, describe: 'job' });
      return [shootOutput(shoot, job)];
    },
    sample: shootOutput(sampleShoot, sampleJob),
    outputFields: [...shootOutputFields, ...prefixedOutputFields('job__', pickOutputFields(jobOutputFields, ['name', 'status']), 'Job › ')],
  },
});
