// What Create Invoices From Order returns: the booked invoices with their money also written
// out ("GBP 450.07"), a per-rate summary a Zap can map into an accounting step, and the
// counts that say whether this run created anything.
import type { PlainOutputField } from 'zapier-platform-core';
import { prefixedOutputFields } from '../api/output-fields.js';
import { formatDecimal, formatMoney } from '../domain/currency.js';
import { splitOrder } from '../domain/tax-split.js';
import type { Order } from '../contract/orders.js';
import { sampleOrder } from '../orders/samples.js';
import { sampleContact } from '../contacts/samples.js';
import { sampleJob } from '../jobs/samples.js';
import type { BookedInvoices } from './book-order.js';
import type { ExternalOrder } from '../domain/external-order.js';
import type { Invoice, InvoiceSource } from '../contract/invoices.js';

/** What the invoices were booked for: a Studio order, or an order from another app (its source). */
export interface BookedFor {
  order_id: string | null;
  /** The Studio order's number, or the other app's reference. */
  order_number: string;
  currency: string;
  order_total: number;
  source: InvoiceSource | null;
}

export const bookedForOrder = (order: Order): BookedFor => ({
  order_id: order.id,
  order_number: order.number,
  currency: order.currency,
  order_total: order.totals.total,
  source: null,
});

/** An order from another app: named by its source and reference; its total is what the invoices booked for it come to. */
export const bookedForExternalOrder = (order: ExternalOrder, booked: BookedInvoices): BookedFor => ({
  order_id: null,
  order_number: order.source.reference,
  currency: order.split.currency,
  order_total: booked.invoices.reduce((sum, invoice) => sum + invoice.total, 0),
  source: order.source,
});

/**
 * Every line of the invoices, lowest rate first, as one list: the Zapier line items a Zap maps
 * into an accounting app's invoice lines (QuickBooks Online, Xero) without a Formatter step.
 * Amounts also as plain decimals ("1234.56"), which is what those apps' amount fields take.
 */
export function invoiceLineItems(invoices: readonly Invoice[]) {
  return invoices.flatMap((invoice) =>
    invoice.lines.map((line) => ({
      invoice_id: invoice.id,
      invoice_number: invoice.number,
      tax_rate: invoice.tax_rate,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      amount: line.amount,
      amount_decimal: formatDecimal(line.amount, invoice.currency),
      amount_formatted: formatMoney(line.amount, invoice.currency),
      tax: line.tax,
      tax_decimal: formatDecimal(line.tax, invoice.currency),
    })),
  );
}

/**
 * One invoice as an item (New Invoice): its fields and figures, where it came from (the other
 * app and its reference; null for a Studio order or an invoice made by hand), and its lines as
 * Zapier line items (invoiceLineItems), ready for an accounting app's invoice lines.
 */
export function invoiceItem(invoice: Invoice) {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  return {
    id: invoice.id,
    number: invoice.number,
    order_id: invoice.order_id,
    contact_id: invoice.contact_id,
    job_id: invoice.job_id,
    tax_rate: invoice.tax_rate,
    currency: invoice.currency,
    prices_include_tax: invoice.prices_include_tax,
    net: invoice.net,
    tax: invoice.tax,
    total: invoice.total,
    net_formatted: money(invoice.net),
    tax_formatted: money(invoice.tax),
    total_formatted: money(invoice.total),
    net_decimal: formatDecimal(invoice.net, invoice.currency),
    tax_decimal: formatDecimal(invoice.tax, invoice.currency),
    total_decimal: formatDecimal(invoice.total, invoice.currency),
    status: invoice.status,
    created_at: invoice.created_at,
    source_app: invoice.source?.app ?? null,
    source_reference: invoice.source?.reference ?? null,
    lines: invoiceLineItems([invoice]),
  };
}

export function invoicesOutput(head: BookedFor, booked: BookedInvoices) {
  const money = (minor: number) => formatMoney(minor, head.currency);
  return {
    order_id: head.order_id,
    order_number: head.order_number,
    source_app: head.source?.app ?? null,
    source_reference: head.source?.reference ?? null,
    currency: head.currency,
    invoice_count: booked.invoices.length,
    invoice_ids: booked.invoices.map((invoice) => invoice.id),
    // The source is said once, above, not on every invoice.
    invoices: booked.invoices.map(({ source: _source, ...invoice }) => ({
      ...invoice,
      net_formatted: money(invoice.net),
      tax_formatted: money(invoice.tax),
      total_formatted: money(invoice.total),
      lines: invoice.lines.map((line) => ({ ...line, amount_formatted: money(line.amount) })),
    })),
    lines: invoiceLineItems(booked.invoices),
    by_rate: booked.invoices.map((invoice) => ({
      tax_rate: invoice.tax_rate,
      invoice_id: invoice.id,
      net: invoice.net,
      tax: invoice.tax,
      total: invoice.total,
      formatted: `${invoice.tax_rate}%: net ${money(invoice.net)} + tax ${money(invoice.tax)} = ${money(invoice.total)}`,
    })),
    order_total: head.order_total,
    order_total_formatted: money(head.order_total),
    invoices_created: booked.created,
    invoices_reused: booked.reused,
  };
}

// The sample's invoices are the real split of the sample order, so its figures always agree.
export const sampleInvoices: Invoice[] = splitOrder(sampleOrder).map((draft, index) => ({
  id: ['inv_5Rt8Yq2w', 'inv_9Lm3Xc7v'][index] ?? `inv_${index}`,
  number: `INV-20${index + 41}`,
  order_id: sampleOrder.id,
  contact_id: sampleContact.id,
  job_id: sampleJob.id,
  source: null,
  ...draft,
  created_at: '2026-07-05T19:43:10Z',
}));

export const invoicesSample = invoicesOutput(bookedForOrder(sampleOrder), {
  invoices: sampleInvoices,
  created: sampleInvoices.length,
  reused: 0,
});

/** An invoice's fields, as a list of invoices shows them (under `invoices[]`). */
export const invoiceOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'number', label: 'Number', type: 'string' },
  { key: 'order_id', label: 'Order ID', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'job_id', label: 'Job ID', type: 'string' },
  { key: 'tax_rate', label: 'Tax Rate (%)', type: 'string' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'prices_include_tax', label: 'Prices Include Tax', type: 'boolean' },
  { key: 'net', label: 'Net (Minor Units)', type: 'integer' },
  { key: 'tax', label: 'Tax (Minor Units)', type: 'integer' },
  { key: 'total', label: 'Total (Minor Units)', type: 'integer' },
  { key: 'net_formatted', label: 'Net', type: 'string' },
  { key: 'tax_formatted', label: 'Tax', type: 'string' },
  { key: 'total_formatted', label: 'Total', type: 'string' },
  { key: 'status', label: 'Status (paid or open)', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

const invoiceLineOutputFields: PlainOutputField[] = [
  { key: 'kind', label: 'Kind (goods, shipping or rounding)', type: 'string' },
  { key: 'description', label: 'Description', type: 'string' },
  { key: 'quantity', label: 'Quantity', type: 'integer' },
  { key: 'amount', label: 'Amount (Minor Units)', type: 'integer' },
  { key: 'amount_formatted', label: 'Amount', type: 'string' },
  { key: 'tax', label: 'Tax (Minor Units)', type: 'integer' },
];

/** The fields of invoiceLineItems (under `lines[]`): Zapier line items, an invoice line's fields plus which invoice it is on. */
export const invoiceLineItemOutputFields: PlainOutputField[] = prefixedOutputFields(
  'lines[]',
  [
    { key: 'invoice_id', label: 'Invoice ID', type: 'string' },
    { key: 'invoice_number', label: 'Invoice Number', type: 'string' },
    { key: 'tax_rate', label: 'Tax Rate (%)', type: 'string' },
    ...invoiceLineOutputFields.slice(0, 4),
    { key: 'amount_decimal', label: 'Amount (Decimal)', type: 'string' },
    ...invoiceLineOutputFields.slice(4),
    { key: 'tax_decimal', label: 'Tax (Decimal)', type: 'string' },
  ],
  'Line ',
);

/** The fields of invoiceItem, declared once: the invoice's own fields, its source, its lines. */
export const invoiceItemOutputFields: PlainOutputField[] = [
  ...prefixedOutputFields('', invoiceOutputFields.slice(0, -2), 'Invoice '),
  { key: 'net_decimal', label: 'Invoice Net (Decimal)', type: 'string' },
  { key: 'tax_decimal', label: 'Invoice Tax (Decimal)', type: 'string' },
  { key: 'total_decimal', label: 'Invoice Total (Decimal)', type: 'string' },
  ...prefixedOutputFields('', invoiceOutputFields.slice(-2), 'Invoice '),
  { key: 'source_app', label: 'Source App (Orders From Another App)', type: 'string' },
  { key: 'source_reference', label: 'Source Order Reference', type: 'string' },
  ...invoiceLineItemOutputFields,
];

export const invoicesOutputFields: PlainOutputField[] = [
  { key: 'order_id', label: 'Order ID', type: 'string' },
  { key: 'order_number', label: 'Order Number or Reference', type: 'string' },
  { key: 'source_app', label: 'Source App (Orders From Another App)', type: 'string' },
  { key: 'source_reference', label: 'Source Order Reference', type: 'string' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'invoice_count', label: 'Number of Invoices', type: 'integer' },
  { key: 'invoice_ids', label: 'Invoice IDs', type: 'string', list: true },
  { key: 'order_total', label: 'Order Total (Minor Units)', type: 'integer' },
  { key: 'order_total_formatted', label: 'Order Total', type: 'string' },
  { key: 'invoices_created', label: 'Invoices Created', type: 'integer' },
  { key: 'invoices_reused', label: 'Invoices Already There (Reused)', type: 'integer' },
  { key: 'by_rate[]tax_rate', label: 'Tax Rate (%)', type: 'string' },
  { key: 'by_rate[]invoice_id', label: 'Invoice ID for the Rate', type: 'string' },
  { key: 'by_rate[]net', label: 'Net for the Rate (Minor Units)', type: 'integer' },
  { key: 'by_rate[]tax', label: 'Tax for the Rate (Minor Units)', type: 'integer' },
  { key: 'by_rate[]total', label: 'Total for the Rate (Minor Units)', type: 'integer' },
  { key: 'by_rate[]formatted', label: 'Rate Summary', type: 'string' },
  ...prefixedOutputFields('invoices[]', invoiceOutputFields, 'Invoice '),
  ...prefixedOutputFields('invoices[]lines[]', invoiceLineOutputFields, 'Invoice Line '),
  ...invoiceLineItemOutputFields,
];
