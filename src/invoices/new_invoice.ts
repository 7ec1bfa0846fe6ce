// New Invoice: an invoice was created in Studio (by a booking, by hand, or by this app's steps),
// with its lines as line items, where it came from (source app and reference), its status, its
// contact and its job: the hand-off to QuickBooks Online or Xero. Instant (REST hook); the
// event embeds the contact and the job, so an item costs no request.
import { defineTrigger, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { prefixedOutputFields } from '../api/output-fields.js';
import { embeddedContactOutput, embeddedContactOutputFields } from '../contacts/contact-output.js';
import { sampleContact } from '../contacts/samples.js';
import type { InvoiceCreatedEvent } from '../contract/hooks.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { jobOutputFields } from '../jobs/fields.js';
import { jobOutput } from '../jobs/job-output.js';
import { sampleJob } from '../jobs/samples.js';
import { invoiceItem, invoiceItemOutputFields, sampleInvoices } from './invoice-output.js';

export function newInvoiceItem(event: EventOf<'invoice.created'>) {
  const { contact, job, ...invoice } = event.data;
  // contact_id and job_id say which; these say who and what (null: none, or gone since), without
  // their ids again (one key per fact).
  return { ...invoiceItem(invoice), contact: contact && embeddedContactOutput(contact), job: job && embeddedJob(job) };
}

function embeddedJob(job: Parameters<typeof jobOutput>[0]) {
  const { id: _id, contact_id: _contactId, ...rest } = jobOutput(job);
  return rest;
}

export const sampleInvoiceCreatedEvent = {
  id: 'evt_Ic3Tb7Xq5n',
  type: 'invoice.created',
  created_at: sampleInvoices[0]!.created_at,
  data: { ...sampleInvoices[0]!, contact: sampleContact, job: sampleJob },
} satisfies InvoiceCreatedEvent;

const toItem = (_z: ZObject, event: EventOf<'invoice.created'>) => newInvoiceItem(event);

export default defineTrigger({
  key: 'new_invoice',
  noun: 'Invoice',
  display: {
    label: 'New Invoice',
    description: 'Triggers when an invoice is created, with its lines as line items for QuickBooks Online or Xero.',
  },
  operation: {
    ...restHook({ event: 'invoice.created', label: 'New Invoice', options: zod.object({}), toItem }),
    sample: newInvoiceItem(sampleInvoiceCreatedEvent),
    outputFields: [
      ...invoiceItemOutputFields,
      ...prefixedOutputFields('contact__', embeddedContactOutputFields, 'Contact '),
      ...prefixedOutputFields(
        'job__',
        jobOutputFields.filter((field) => field.key !== 'id' && field.key !== 'contact_id'),
        'Job ',
      ),
    ],
  },
});
