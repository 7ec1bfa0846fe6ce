// Updated Contact: a contact's name, email, phone, address or notes changed in Studio (by hand,
// by a form, or by a Zap), to keep a mailing list or an accounting app in step. Optionally only
// when one of the chosen fields changed. Instant (REST hook); the event carries the contact as
// it is after the change and which fields changed, so an item costs no request.
import { defineInputFields, defineTrigger, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { listItems } from '../domain/app-values.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { contactOutput, contactOutputFields } from './contact-output.js';
import { sampleContactUpdatedEvent } from './samples.js';

/** The fields a change can be watched for, as the event's changed_fields names them. */
const WATCHABLE = {
  first_name: 'First Name',
  last_name: 'Last Name',
  email: 'Email',
  phone: 'Phone',
  street: 'Street Address',
  city: 'City',
  region: 'State, County or Region',
  postal_code: 'Postal Code',
  country: 'Country',
  notes: 'Notes',
} as const;

const inputFields = defineInputFields([
  {
    key: 'watched_fields',
    label: 'Only When These Fields Change',
    type: 'string',
    list: true,
    required: false,
    choices: WATCHABLE,
    helpText:
      'Leave empty to trigger on every change. Choose fields (e.g. Email and Phone for a mailing list, the address fields for an accounting app) to trigger only when one of them changed.',
  },
]);

const Options = zod.object({
  // A list, or text Zapier joined with commas; anything else is refused as not a list.
  watched_fields: zod.preprocess(
    (value) =>
      value === undefined || value === null
        ? []
        : typeof value === 'string'
          ? listItems(value)
          : Array.isArray(value)
            ? value.flatMap((item) => (typeof item === 'string' ? listItems(item) : [item]))
            : value,
    zod.array(
      zod.enum(Object.keys(WATCHABLE) as [keyof typeof WATCHABLE, ...Array<keyof typeof WATCHABLE>], {
        error: `must be among ${Object.values(WATCHABLE).join(', ')}`,
      }),
    ),
  ),
});
type Options = zod.infer<typeof Options>;

const matches = (event: EventOf<'contact.updated'>, options: Options) =>
  options.watched_fields.length === 0 ||
  event.data.changed_fields.some((field) => (options.watched_fields as readonly string[]).includes(field));

export function updatedContactItem(event: EventOf<'contact.updated'>) {
  const { changed_fields, ...contact } = event.data;
  // A contact is updated many times: the item's id is the change (the event), so Zapier's
  // deduplication lets every change through; the contact's own id is contact_id.
  return { ...contactOutput(contact), id: event.id, contact_id: contact.id, changed_fields, changed_at: event.created_at };
}

const toItem = (_z: ZObject, event: EventOf<'contact.updated'>) => updatedContactItem(event);

export default defineTrigger({
  key: 'updated_contact',
  noun: 'Contact',
  display: {
    label: 'Updated Contact',
    description: 'Triggers when a contact’s name, email, phone, address or notes change, optionally only chosen fields.',
  },
  operation: {
    ...restHook({ event: 'contact.updated', label: 'Updated Contact', options: Options, inputFields, matches, toItem }),
    inputFields,
    sample: updatedContactItem(sampleContactUpdatedEvent),
    outputFields: [
      { key: 'id', label: 'Change ID', type: 'string' },
      { key: 'contact_id', label: 'Contact ID', type: 'string' },
      ...contactOutputFields.filter((field) => field.key !== 'id'),
      { key: 'changed_fields', label: 'Changed Fields', type: 'string', list: true },
      { key: 'changed_at', label: 'Changed At', type: 'datetime' },
    ],
  },
});
