// Create Invoices From Line Items: books an order from another app (Shopify, WooCommerce,
// Pic-Time's own Zapier app, Square, Stripe Checkout), described field by field, as one
// invoice per tax rate by the same money split as a Studio order. The contact is the one
// chosen, or else the one the client's details match (never created here: Import Order From
// Another App does that). Safe to run again: the source app and reference anchor the invoices.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { optional } from '../api/input.js';
import { contactIdField } from '../contacts/fields.js';
import { matchOrCreateOrderContact } from '../contacts/match-or-create.js';
import { sampleExternalInvoices, sampleExternalOrder } from '../orders/external-samples.js';
import { ExternalOrderInput, externalOrderClient, externalOrderFields, readExternalOrderInput } from '../orders/external-order-input.js';
import { jobIdField } from '../jobs/fields.js';
import type { ExternalOrder } from '../domain/external-order.js';
import { bookExternalOrder } from './book-external-order.js';
import type { BookedInvoices } from './book-order.js';
import { bookedForExternalOrder, invoicesOutput, invoicesOutputFields } from './invoice-output.js';

const inputFields = defineInputFields([
  ...externalOrderFields,
  contactIdField(
    false,
    'Optional. The client the invoices are for. Empty: the contact the Client Email, Phone or Name match, if exactly one does (none is created; use Import Order From Another App for that).',
  ),
  jobIdField(false, 'Optional. The job to book the invoices on.'),
]);

const optionalId = optional(zod.string().trim());
const Input = ExternalOrderInput.extend({ contact_id: optionalId, job_id: optionalId });

const output = (order: ExternalOrder, booked: BookedInvoices) => invoicesOutput(bookedForExternalOrder(order, booked), booked);

async function perform(z: ZObject, bundle: { inputData: unknown }) {
  const { input, order } = readExternalOrderInput(z, Input, bundle.inputData, inputFields);
  let contactId = input.contact_id ?? null;
  if (!contactId) {
    const matched = await matchOrCreateOrderContact(
      z,
      externalOrderClient(order, 'Create Invoices From Line Items with a Contact chosen'),
      false,
    );
    contactId = matched.contact?.id ?? null;
  }
  return output(order, await bookExternalOrder(z, order, { contact_id: contactId, job_id: input.job_id ?? null }));
}

export default defineCreate({
  key: 'create_invoices_from_line_items',
  noun: 'Invoice',
  display: {
    label: 'Create Invoices From Line Items',
    description: 'Creates one invoice per tax rate from an order in another app (Shopify, WooCommerce, Pic-Time), from its lines or total.',
  },
  operation: {
    inputFields,
    perform,
    sample: output(sampleExternalOrder, { invoices: sampleExternalInvoices, created: sampleExternalInvoices.length, reused: 0 }),
    outputFields: invoicesOutputFields,
  },
});
