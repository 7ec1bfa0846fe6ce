// Import Order: the whole Light Blue flow in one step (one Zap task instead of four): match
// the gallery client to a contact (or create one), find their latest confirmed shoot on or
// before the order date, and book the order as one invoice per tax rate on that contact
// and job. A rerun, the next minute or the next month, matches the contact the first run made
// and finds the order's invoices, so it ends with one contact and one set of invoices.
// Requests for a known contact and k tax rates: order, contact lookup, shoot lookup, the
// order's invoices, k invoice POSTs (the job id comes from the shoot itself).
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import * as zod from 'zod';
import { parseInput } from '../api/input.js';
import { matchOrCreateOrderContact, studioOrderClient } from '../contacts/match-or-create.js';
import { bookOrderInvoices } from '../invoices/book-order.js';
import { bookedForOrder } from '../invoices/invoice-output.js';
import { latestConfirmedShoot } from '../shoots/latest-confirmed.js';
import { sampleContact } from '../contacts/samples.js';
import { sampleInvoices } from '../invoices/invoice-output.js';
import { sampleShoot } from '../shoots/samples.js';
import type { Order } from '../contract/orders.js';
import { orderIdField } from './fields.js';
import { sampleOrder } from './samples.js';
import { fetchOrder } from './fetch-order.js';
import { importOptionFields, importOptions, importOutput, importOutputFields, type ImportedOrder } from './import-output.js';

const inputFields = defineInputFields([
  orderIdField('The gallery order to import, usually the Order ID from the New Order trigger.'),
  ...importOptionFields,
]);

const ImportOrderInput = zod.object({
  order_id: zod.string().trim().min(1, 'is required'),
  ...importOptions,
});

const imported = (order: Order): ImportedOrder => ({ ...bookedForOrder(order), label: `Order ${order.number}` });

export default defineCreate({
  key: 'import_order',
  noun: 'Order',
  display: {
    label: 'Import Order',
    description: 'Creates one invoice per tax rate for a gallery order, on the client’s contact and their latest confirmed shoot’s job.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, ImportOrderInput, bundle.inputData, inputFields);
      const order = await fetchOrder(z, input.order_id, 'Nothing was imported.');
      const contact = await matchOrCreateOrderContact(z, studioOrderClient(order), input.create_contact_if_missing);
      const shoot =
        input.attach_to_latest_shoot && contact.contact ? await latestConfirmedShoot(z, contact.contact.id, order.placed_at) : null;
      const booked = await bookOrderInvoices(z, order, { contact_id: contact.contact?.id ?? null, job_id: shoot?.job_id ?? null });
      return importOutput(imported(order), contact, shoot, booked);
    },
    // The sample is the real output for the sample order, contact, shoot and invoices.
    sample: importOutput(imported(sampleOrder), { contact: sampleContact, result: 'matched', matched_by: 'email' }, sampleShoot, {
      invoices: sampleInvoices,
      created: sampleInvoices.length,
      reused: 0,
    }),
    outputFields: importOutputFields,
  },
});
