// Import Order: the whole Light Blue flow in one step (one Zap task instead of four): match
// the gallery client to a contact (or create one), find their latest confirmed shoot on or
// before the order date, and book the order as one invoice per tax rate on that contact
// and job. Every write is keyed by the order, so a rerun ends with one contact and one set
// of invoices. Requests for a known contact and k tax rates: order, contact lookup, shoot
// lookup, k invoice POSTs (the job id comes from the shoot itself).
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { parseInput, yesNoField } from '../api/input.js';
import { pickOutputFields, prefixedOutputFields } from '../api/output-fields.js';
import { contactOutput, contactOutputFields } from '../contacts/contact-output.js';
import { matchOrCreateOrderContact, type ContactOutcome } from '../contacts/match-or-create.js';
import { formatMoney } from '../domain/currency.js';
import { bookOrderInvoices } from '../invoices/book-order.js';
import { latestConfirmedShoot } from '../shoots/latest-confirmed.js';
import type { Shoot } from '../contract/shoots.js';
import type { Invoice } from '../contract/invoices.js';
import { sampleContact } from '../contacts/samples.js';
import { invoiceOutputFields, sampleInvoices } from '../invoices/invoice-output.js';
import { shootOutputFields } from '../shoots/shoot-output.js';
import { sampleShoot } from '../shoots/samples.js';
import { orderIdField } from './fields.js';
import { sampleOrder } from './samples.js';
import { fetchOrder } from './fetch-order.js';
import type { Order } from '../contract/orders.js';

const inputFields = defineInputFields([
  orderIdField('The gallery order to import, usually the Order ID from the New Order trigger.'),
  {
    key: 'create_contact_if_missing',
    label: 'Create Contact If Missing',
    type: 'boolean',
    default: 'true',
    helpText:
      'When no contact fits the client’s email, phone or name, create one (a contact with another email is never taken for the client because the name is the same). If several contacts fit equally, none is created and the step stops with them listed.',
  },
  {
    key: 'attach_to_latest_shoot',
    label: 'Attach to Latest Confirmed Shoot',
    type: 'boolean',
    default: 'true',
    helpText: 'Book the invoices on the job of the client’s most recent confirmed or completed shoot on or before the order date.',
  },
]);

const ImportOrderInput = zod.object({
  order_id: zod.string().trim().min(1, 'is required'),
  create_contact_if_missing: yesNoField(true),
  attach_to_latest_shoot: yesNoField(true),
});


/** What of the shoot and of each invoice the output shows: the same keys for the item and its fields. */
const IMPORTED_SHOOT_KEYS = ['id', 'title', 'status', 'starts_at'] as const;
const IMPORTED_INVOICE_KEYS = ['id', 'number', 'tax_rate', 'net', 'tax', 'total', 'currency', 'status'] as const;

function pick<T extends object, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, record[key]])) as Pick<T, K>;
}

export default defineCreate({
  key: 'import_order',
  noun: 'Order',
  display: {
    label: 'Import Order',
    description:
      'Creates one invoice per tax rate for a gallery order in one step, on the client’s contact (found, or created if missing) and the job of their latest confirmed shoot.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, ImportOrderInput, bundle.inputData, inputFields);
      const order = await fetchOrder(z, input.order_id, 'Nothing was imported.');
      const contact = await matchOrCreateOrderContact(z, order, input.create_contact_if_missing);
      const shoot = input.attach_to_latest_shoot && contact.contact ? await latestConfirmedShoot(z, contact.contact.id, order.placed_at) : null;
      const booked = await bookOrderInvoices(z, order, { contact_id: contact.contact?.id ?? null, job_id: shoot?.job_id ?? null });
      return importOutput(order, contact, shoot, booked);
    },
    // The sample is the real output for the sample order, contact, shoot and invoices.
    sample: importOutput(sampleOrder, { contact: sampleContact, result: 'matched', matched_by: 'email' }, sampleShoot, {
      invoices: sampleInvoices,
      created: sampleInvoices.length,
      reused: 0,
    }),
    outputFields: [
      { key: 'order_id', label: 'Order ID', type: 'string' },
      { key: 'order_number', label: 'Order Number', type: 'string' },
      { key: 'summary', label: 'Summary', type: 'string' },
      { key: 'contact_id', label: 'Contact ID', type: 'string' },
      { key: 'contact_result', label: 'Contact Result (matched, created, reused or not_found)', type: 'string' },
      { key: 'contact_matched_by', label: 'Contact Matched By (email, phone or name)', type: 'string' },
      ...prefixedOutputFields('contact__', contactOutputFields, 'Contact '),
      { key: 'shoot_id', label: 'Shoot ID', type: 'string' },
      ...prefixedOutputFields('shoot__', pickOutputFields(shootOutputFields, IMPORTED_SHOOT_KEYS), 'Shoot '),
      { key: 'job_id', label: 'Job ID', type: 'string' },
      { key: 'invoice_count', label: 'Number of Invoices', type: 'integer' },
      { key: 'invoice_ids', label: 'Invoice IDs (comma-separated)', type: 'string' },
      { key: 'invoices_created', label: 'Invoices Created', type: 'integer' },
      { key: 'invoices_reused', label: 'Invoices Already There (Reused)', type: 'integer' },
      { key: 'currency', label: 'Currency', type: 'string' },
      { key: 'invoices_total', label: 'Invoices Total (Minor Units)', type: 'integer' },
      { key: 'rates_summary', label: 'Per-Rate Summary', type: 'string' },
      ...prefixedOutputFields('invoices[]', pickOutputFields(invoiceOutputFields, IMPORTED_INVOICE_KEYS), 'Invoice '),
    ],
  },
});

function percent(rate: string): string {
  return `${rate}%`;
}

/** "20%: GBP 300.00 (tax GBP 50.00); …", lowest rate first as the invoices are. */
function ratesSummary(invoices: readonly Invoice[]): string {
  return invoices.map((i) => `${percent(i.tax_rate)}: ${formatMoney(i.total, i.currency)} (tax ${formatMoney(i.tax, i.currency)})`).join('; ');
}

/** "matched by email", or "matched by email, told apart by phone" for one of a family sharing it. */
function matchedBy(contact: Extract<ContactOutcome, { result: 'matched' }>): string {
  const apart = contact.narrowed_by ?? [];
  return `matched by ${contact.matched_by}${apart.length > 0 ? `, told apart by ${apart.join(' and ')}` : ''}`;
}

function summaryOf(order: Order, contact: ContactOutcome, shoot: Shoot | null, invoices: readonly Invoice[], total: number): string {
  const who =
    contact.contact === null
      ? 'no contact (none matched, none created)'
      : `${contactOutput(contact.contact).name || contact.contact.id} (${contact.result === 'matched' ? matchedBy(contact) : contact.result === 'created' ? 'new contact' : 'contact created by an earlier run'})`;
  const where = shoot ? `job ${shoot.job_id}` : 'no job (no confirmed shoot on or before the order date)';
  return `Order ${order.number}: ${invoices.length} invoice${invoices.length === 1 ? '' : 's'} (${formatMoney(total, order.currency)}) on ${who}, ${where}.`;
}

function importOutput(order: Order, contact: ContactOutcome, shoot: Shoot | null, booked: { invoices: Invoice[]; created: number; reused: number }) {
  const total = booked.invoices.reduce((sum, invoice) => sum + invoice.total, 0);
  return {
    order_id: order.id,
    order_number: order.number,
    summary: summaryOf(order, contact, shoot, booked.invoices, total),
    contact_id: contact.contact?.id ?? null,
    contact_result: contact.result,
    contact_matched_by: contact.matched_by,
    contact: contact.contact ? contactOutput(contact.contact) : null,
    shoot_id: shoot?.id ?? null,
    shoot: shoot && pick(shoot, IMPORTED_SHOOT_KEYS),
    job_id: shoot?.job_id ?? null,
    invoice_count: booked.invoices.length,
    invoice_ids: booked.invoices.map((invoice) => invoice.id).join(','),
    invoices_created: booked.created,
    invoices_reused: booked.reused,
    currency: order.currency,
    invoices_total: total,
    rates_summary: ratesSummary(booked.invoices),
    invoices: booked.invoices.map((invoice) => pick(invoice, IMPORTED_INVOICE_KEYS)),
  };
}
