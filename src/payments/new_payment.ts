// New Payment: a payment landed on a job. With "First Payment on a Job Only" it is the
// booking trigger (a client committed: create their gallery). Instant (REST hook): it only
// ever fires for payments received after the Zap was turned on.
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import * as zod from 'zod';
import { yesNoField } from '../api/input.js';
import { pickOutputFields, prefixedOutputFields } from '../api/output-fields.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { jobOutputFields } from '../jobs/fields.js';
import { paymentOutput, paymentOutputFields } from './payment-output.js';
import { samplePaymentReceivedEvent } from './samples.js';

const inputFields = defineInputFields([
  {
    key: 'first_payment_only',
    label: 'First Payment on a Job Only',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText:
      'Yes: trigger only for the first payment ever received on a job (usually the booking deposit), e.g. to create the client’s gallery. ' +
      'Payments received before this Zap was turned on never trigger it.',
  },
]);

const Options = zod.object({ first_payment_only: yesNoField(false) });
type Options = zod.infer<typeof Options>;

const matches = (event: EventOf<'payment.received'>, options: Options) => !options.first_payment_only || event.data.is_first_payment;

// The event embeds the payment's job and contact (a Zap that creates a gallery needs the
// job's name and the client's email), so an item costs no request.
export function paymentItem(event: EventOf<'payment.received'>) {
  const { job, contact, ...payment } = event.data;
  return {
    ...paymentOutput(payment),
    // job_id and contact_id above say which; these say what (null if deleted since).
    job: job && {
      name: job.name,
      status: job.status,
      job_type: job.job_type,
      event_date: job.event_date,
      gallery_ids: job.galleries.map((gallery) => gallery.id),
      gallery_count: job.galleries.length,
    },
    contact: contact && {
      first_name: contact.first_name,
      last_name: contact.last_name,
      name: `${contact.first_name} ${contact.last_name}`.trim(),
      email: contact.email,
      phone: contact.phone,
    },
  };
}

export default defineTrigger({
  key: 'new_payment',
  noun: 'Payment',
  display: {
    label: 'New Payment',
    description: 'Triggers when a payment is received on a job, optionally only the first payment on the job.',
  },
  operation: {
    ...restHook({
      event: 'payment.received',
      label: 'New Payment',
      options: Options,
      inputFields,
      matches,
      toItem: (_z, event) => paymentItem(event),
    }),
    inputFields,
    sample: paymentItem(samplePaymentReceivedEvent),
    outputFields: [
      ...paymentOutputFields,
      ...prefixedOutputFields(
        'job__',
        pickOutputFields(jobOutputFields, ['name', 'status', 'job_type', 'event_date', 'gallery_ids', 'gallery_count']),
        'Job ',
      ),
      { key: 'contact__first_name', label: 'Contact First Name', type: 'string' },
      { key: 'contact__last_name', label: 'Contact Last Name', type: 'string' },
      { key: 'contact__name', label: 'Contact Full Name', type: 'string' },
      { key: 'contact__email', label: 'Contact Email', type: 'string' },
      { key: 'contact__phone', label: 'Contact Phone', type: 'string' },
    ],
  },
});
