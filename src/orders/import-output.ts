// What both imports return (Import Order, and Import Order From Another App): the contact
// found or created, the shoot and job the invoices are on, and the invoices themselves, with a
// one-line summary, the per-rate figures and every invoice line as Zapier line items. Also
// their two shared options.
import type { PlainOutputField } from 'zapier-platform-core';
import { yesNoField } from '../api/input.js';
import { pickOutputFields, prefixedOutputFields } from '../api/output-fields.js';
import { contactOutput, embeddedContactOutput, embeddedContactOutputFields } from '../contacts/contact-output.js';
import type { ContactOutcome } from '../contacts/match-or-create.js';
import { formatMoney } from '../domain/currency.js';
import type { BookedInvoices } from '../invoices/book-order.js';
import { invoiceLineItemOutputFields, invoiceLineItems, invoiceOutputFields, type BookedFor } from '../invoices/invoice-output.js';
import { shootOutputFields } from '../shoots/shoot-output.js';
import type { Shoot } from '../contract/shoots.js';
import type { Invoice } from '../contract/invoices.js';

/** Import's options: the same keys and meaning in both imports. */
export const importOptionFields = [
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
] as const;

export const importOptions = {
  create_contact_if_missing: yesNoField(true),
  attach_to_latest_shoot: yesNoField(true),
};

/** What of the shoot and of each invoice the output shows: the same keys for the item and its fields. */
const IMPORTED_SHOOT_KEYS = ['title', 'status', 'starts_at'] as const;
const IMPORTED_INVOICE_KEYS = ['id', 'number', 'tax_rate', 'net', 'tax', 'total', 'currency', 'status'] as const;

function pick<T extends object, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, record[key]])) as Pick<T, K>;
}

export const importOutputFields: PlainOutputField[] = [
  { key: 'order_id', label: 'Order ID', type: 'string' },
  { key: 'order_number', label: 'Order Number or Reference', type: 'string' },
  { key: 'source_app', label: 'Source App (Orders From Another App)', type: 'string' },
  { key: 'source_reference', label: 'Source Order Reference', type: 'string' },
  { key: 'summary', label: 'Summary', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'contact_result', label: 'Contact Result (matched, created, reused or not_found)', type: 'string' },
  { key: 'contact_matched_by', label: 'Contact Matched By (email, phone or name)', type: 'string' },
  ...prefixedOutputFields('contact__', embeddedContactOutputFields, 'Contact '),
  { key: 'shoot_id', label: 'Shoot ID', type: 'string' },
  ...prefixedOutputFields('shoot__', pickOutputFields(shootOutputFields, IMPORTED_SHOOT_KEYS), 'Shoot '),
  { key: 'job_id', label: 'Job ID', type: 'string' },
  { key: 'invoice_count', label: 'Number of Invoices', type: 'integer' },
  { key: 'invoice_ids', label: 'Invoice IDs', type: 'string', list: true },
  { key: 'invoices_created', label: 'Invoices Created', type: 'integer' },
  { key: 'invoices_reused', label: 'Invoices Already There (Reused)', type: 'integer' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'invoices_total', label: 'Invoices Total (Minor Units)', type: 'integer' },
  { key: 'rates_summary', label: 'Per-Rate Summary', type: 'string' },
  ...prefixedOutputFields('invoices[]', pickOutputFields(invoiceOutputFields, IMPORTED_INVOICE_KEYS), 'Invoice '),
  ...invoiceLineItemOutputFields,
];

function percent(rate: string): string {
  return `${rate}%`;
}

/** "20%: GBP 300.00 (tax GBP 50.00); …", lowest rate first as the invoices are. */
function ratesSummary(invoices: readonly Invoice[]): string {
  return invoices
    .map((i) => `${percent(i.tax_rate)}: ${formatMoney(i.total, i.currency)} (tax ${formatMoney(i.tax, i.currency)})`)
    .join('; ');
}

/** "matched by email", or "matched by email, told apart by phone" for one of a family sharing it. */
function matchedBy(contact: Extract<ContactOutcome, { result: 'matched' }>): string {
  const apart = contact.narrowed_by ?? [];
  return `matched by ${contact.matched_by}${apart.length > 0 ? `, told apart by ${apart.join(' and ')}` : ''}`;
}

function summaryOf(
  order: ImportedOrder,
  contact: ContactOutcome,
  shoot: Shoot | null,
  invoices: readonly Invoice[],
  total: number,
): string {
  const who =
    contact.contact === null
      ? 'no contact (none matched, none created)'
      : `${contactOutput(contact.contact).name || contact.contact.id} (${contact.result === 'matched' ? matchedBy(contact) : contact.result === 'created' ? 'new contact' : 'contact created by an earlier run'})`;
  const where = shoot ? `job ${shoot.job_id}` : 'no job (no confirmed shoot on or before the order date)';
  return `${order.label}: ${invoices.length} invoice${invoices.length === 1 ? '' : 's'} (${formatMoney(total, order.currency)}) on ${who}, ${where}.`;
}

/** The order imported: what its invoices were booked for, and how a summary names it ("Order PT-1042"). */
export type ImportedOrder = BookedFor & { label: string };

export function importOutput(order: ImportedOrder, contact: ContactOutcome, shoot: Shoot | null, booked: BookedInvoices) {
  const total = booked.invoices.reduce((sum, invoice) => sum + invoice.total, 0);
  return {
    order_id: order.order_id,
    order_number: order.order_number,
    source_app: order.source?.app ?? null,
    source_reference: order.source?.reference ?? null,
    summary: summaryOf(order, contact, shoot, booked.invoices, total),
    contact_id: contact.contact?.id ?? null,
    contact_result: contact.result,
    contact_matched_by: contact.matched_by,
    // contact_id and shoot_id above say which; these say what (an id is one key per output).
    contact: contact.contact ? embeddedContactOutput(contact.contact) : null,
    shoot_id: shoot?.id ?? null,
    shoot: shoot && pick(shoot, IMPORTED_SHOOT_KEYS),
    job_id: shoot?.job_id ?? null,
    invoice_count: booked.invoices.length,
    invoice_ids: booked.invoices.map((invoice) => invoice.id),
    invoices_created: booked.created,
    invoices_reused: booked.reused,
    currency: order.currency,
    invoices_total: total,
    rates_summary: ratesSummary(booked.invoices),
    invoices: booked.invoices.map((invoice) => pick(invoice, IMPORTED_INVOICE_KEYS)),
    lines: invoiceLineItems(booked.invoices),
  };
}
