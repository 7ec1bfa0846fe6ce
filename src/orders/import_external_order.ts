// Import Order From Another App: Import Order's one step for an order that lives in another
// app (Pic-Time's own Zapier app, Shopify, WooCommerce): match the client to a contact (or
// create one), find their latest confirmed shoot on or before the order date, and book one
// invoice per tax rate on that contact and job. Every write is keyed by the source app and
// reference, so a rerun ends with one contact and one set of invoices.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { matchOrCreateOrderContact } from '../contacts/match-or-create.js';
import { sampleContact } from '../contacts/samples.js';
import type { ExternalOrder } from '../domain/external-order.js';
import { bookExternalOrder } from '../invoices/book-external-order.js';
import type { BookedInvoices } from '../invoices/book-order.js';
import { bookedForExternalOrder } from '../invoices/invoice-output.js';
import { latestConfirmedShoot } from '../shoots/latest-confirmed.js';
import { sampleShoot } from '../shoots/samples.js';
import type { ContactOutcome } from '../contacts/match-or-create.js';
import type { Shoot } from '../contract/shoots.js';
import { ExternalOrderInput, externalOrderClient, externalOrderFields, readExternalOrderInput } from './external-order-input.js';
import { sampleExternalInvoices, sampleExternalOrder } from './external-samples.js';
import { importOptionFields, importOptions, importOutput, importOutputFields } from './import-output.js';

const inputFields = defineInputFields([...externalOrderFields, ...importOptionFields]);

const Input = ExternalOrderInput.extend(importOptions);

const output = (order: ExternalOrder, contact: ContactOutcome, shoot: Shoot | null, booked: BookedInvoices) =>
  importOutput({ ...bookedForExternalOrder(order, booked), label: order.label }, contact, shoot, booked);

export default defineCreate({
  key: 'import_external_order',
  noun: 'Order',
  display: {
    label: 'Import Order From Another App',
    description:
      'Creates one invoice per tax rate for another app’s order, on the client’s contact and their latest confirmed shoot’s job.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const { input, order } = readExternalOrderInput(z, Input, bundle.inputData, inputFields);
      const contact = await matchOrCreateOrderContact(
        z,
        externalOrderClient(order, 'Create Invoices From Line Items'),
        input.create_contact_if_missing,
      );
      // No date from the app: the order is taken as placed now, so today's shoot still counts.
      const placedAt = order.placed_at ?? new Date().toISOString();
      const shoot = input.attach_to_latest_shoot && contact.contact ? await latestConfirmedShoot(z, contact.contact.id, placedAt) : null;
      const booked = await bookExternalOrder(z, order, { contact_id: contact.contact?.id ?? null, job_id: shoot?.job_id ?? null });
      return output(order, contact, shoot, booked);
    },
    // The sample is the real output for the sample order, contact, shoot and invoices.
    sample: output(sampleExternalOrder, { contact: sampleContact, result: 'matched', matched_by: 'email' }, sampleShoot, {
      invoices: sampleExternalInvoices,
      created: sampleExternalInvoices.length,
      reused: 0,
    }),
    outputFields: importOutputFields,
  },
});
