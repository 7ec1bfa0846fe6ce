// Job Stage Changed: a job moved through the studio's pipeline (Inquiry → Booked → Delivered
// …), with where it came from, where it went and when; optionally only moves into one stage.
// Each move is its own event, so an item's id is the event's. Instant (REST hook); the event
// embeds the contact and both stages, so an item costs no request.
import { defineInputFields, defineTrigger, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { optional } from '../api/input.js';
import { prefixedOutputFields } from '../api/output-fields.js';
import { Id } from '../contract/primitives.js';
import { embeddedContactOutput, embeddedContactOutputFields } from '../contacts/contact-output.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { stageIdField } from './fields.js';
import { embeddedJobOutput, embeddedJobOutputFields, stageOutput, stageOutputFields } from './job-output.js';
import { sampleJobStageChangedEvent } from './samples.js';

const inputFields = defineInputFields([
  stageIdField(false, 'Into Stage', 'Only moves into this stage, e.g. "Booked" to start the booking workflow. Leave empty for every move.'),
]);

const Options = zod.object({ stage_id: optional(Id) });
type Options = zod.infer<typeof Options>;

const matches = (event: EventOf<'job.stage_changed'>, options: Options) =>
  !options.stage_id || event.data.change.to_stage.id === options.stage_id;

const LABEL = 'Job Stage Changed';

function withoutStage<T extends { stage_id: unknown; stage_name: unknown }>({
  stage_id: _id,
  stage_name: _name,
  ...rest
}: T): Omit<T, 'stage_id' | 'stage_name'> {
  return rest;
}

export function stageChangedItem(event: EventOf<'job.stage_changed'>, contact: EventOf<'job.stage_changed'>['data']['contact']) {
  const { change, ...job } = event.data;
  return {
    id: event.id,
    changed_at: change.changed_at,
    job_id: job.id,
    from_stage: stageOutput(change.from_stage),
    to_stage: stageOutput(change.to_stage),
    // The job after the move, without what the item says once already: its id (job_id) and its stage (to_stage).
    job: withoutStage(embeddedJobOutput(job)),
    contact: contact ? embeddedContactOutput(contact) : null,
  };
}

// The contact is embedded in the event (null when it is gone or cannot be read, logged then).
const toItem = (_z: ZObject, event: EventOf<'job.stage_changed'>) => stageChangedItem(event, event.data.contact);

export default defineTrigger({
  key: 'job_stage_changed',
  noun: 'Job',
  display: {
    label: LABEL,
    description: 'Triggers when a job moves to another stage of your pipeline, optionally only into one stage.',
  },
  operation: {
    ...restHook({ event: 'job.stage_changed', label: LABEL, options: Options, inputFields, matches, toItem }),
    inputFields,
    sample: stageChangedItem(sampleJobStageChangedEvent, sampleJobStageChangedEvent.data.contact),
    outputFields: [
      { key: 'id', label: 'Stage Change Event ID', type: 'string' },
      { key: 'changed_at', label: 'Changed At', type: 'datetime' },
      { key: 'job_id', label: 'Job ID', type: 'string' },
      ...prefixedOutputFields('from_stage__', [...stageOutputFields], 'From Stage '),
      ...prefixedOutputFields('to_stage__', [...stageOutputFields], 'To Stage '),
      ...prefixedOutputFields(
        'job__',
        embeddedJobOutputFields.filter((field) => field.key !== 'stage_id' && field.key !== 'stage_name'),
        'Job ',
      ),
      ...prefixedOutputFields('contact__', embeddedContactOutputFields, 'Contact '),
    ],
  },
});
