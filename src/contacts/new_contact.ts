// New Contact: a contact was created in Studio (by hand, by a form, or by a Zap). Instant (REST
// hook); the event carries the whole contact, so an item costs no request.
import { defineTrigger, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { contactOutput, contactOutputFields } from './contact-output.js';
import { sampleContact } from './samples.js';

export const newContactItem = (event: EventOf<'contact.created'>) => contactOutput(event.data);

const toItem = (_z: ZObject, event: EventOf<'contact.created'>) => newContactItem(event);

export default defineTrigger({
  key: 'new_contact',
  noun: 'Contact',
  display: {
    label: 'New Contact',
    description: 'Triggers when a contact is created.',
  },
  operation: {
    ...restHook({ event: 'contact.created', label: 'New Contact', options: zod.object({}), toItem }),
    sample: contactOutput(sampleContact),
    outputFields: [...contactOutputFields],
  },
});
