// Create Invoices From Order: books a gallery order as one invoice per tax rate, exact to the
// minor unit (docs/design.md "Money"), paid or open as the order is. Safe to run again: the
// order's invoices are looked up first and only missing rates are created, so a replay, even
// a month later, returns them and creates none.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { optional, parseInput } from '../api/input.js';
import { contactIdField } from '../contacts/fields.js';
import { jobIdField } from '../jobs/fields.js';
import { orderIdField } from '../orders/fields.js';
import { fetchOrder } from '../orders/fetch-order.js';
import { bookOrderInvoices } from './book-order.js';
import { bookedForOrder, invoicesOutput, invoicesOutputFields, invoicesSample } from './invoice-output.js';

const inputFields = defineInputFields([
  orderIdField(
    'The gallery order to book. Each tax rate in it becomes its own invoice; running this again for the same order creates nothing new.',
  ),
  contactIdField(
    false,
    'Optional. The client the invoices are for. Use the "Find Contact" search (or Import Order) to get it from the order’s client.',
  ),
  jobIdField(false, 'Optional. The job to book the invoices on, e.g. the job of the client’s latest confirmed shoot.'),
]);

const optionalId = optional(zod.string().trim());
const CreateInvoicesInput = zod.object({
  order_id: zod
    .string({ error: 'is required: choose an order from the dropdown' })
    .trim()
    .min(1, 'is required: choose an order from the dropdown'),
  contact_id: optionalId,
  job_id: optionalId,
});

async function perform(z: ZObject, bundle: { inputData: unknown }) {
  const input = parseInput(z, CreateInvoicesInput, bundle.inputData, inputFields);
  const order = await fetchOrder(z, input.order_id, 'No invoice was created.');
  const booked = await bookOrderInvoices(z, order, { contact_id: input.contact_id ?? null, job_id: input.job_id ?? null });
  return invoicesOutput(bookedForOrder(order), booked);
}

export default defineCreate({
  key: 'create_invoices_from_order',
  noun: 'Invoice',
  display: {
    label: 'Create Invoices From Order',
    description: 'Creates one invoice per tax rate from a gallery order, adding up exactly to what the client was charged.',
  },
  operation: {
    inputFields,
    perform,
    sample: invoicesSample,
    outputFields: invoicesOutputFields,
  },
});
