// What Create Invoices From Order returns: the booked invoices with their money also written
// out ("GBP 450.07"), a per-rate summary a Zap can map into an accounting step, and the
// counts that say whether this run created anything.
import type { PlainOutputField } from 'zapier-platform-core';
import { prefixedOutputFields } from '../api/output-fields.js';
import { formatMoney } from '../domain/currency.js';
import { splitOrder } from '../domain/tax-split.js';
import type { Order } from '../contract/orders.js';
import { sampleOrder } from '../orders/samples.js';
import { sampleContact } from '../contacts/samples.js';
import { sampleJob } from '../jobs/samples.js';
import type { BookedInvoices } from './book-order.js';
import type { Invoice } from '../contract/invoices.js';

export function invoicesOutput(order: Order, booked: BookedInvoices) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return {
    order_id: order.id,
    order_number: order.number,
    currency: order.currency,
    count: booked.invoices.length,
    invoice_ids: booked.invoices.map((invoice) => invoice.id),
    invoices: booked.invoices.map((invoice) => ({
      ...invoice,
      net_formatted: money(invoice.net),
      tax_formatted: money(invoice.tax),
      total_formatted: money(invoice.total),
      lines: invoice.lines.map((line) => ({ ...line, amount_formatted: money(line.amount) })),
    })),
    by_rate: booked.invoices.map((invoice) => ({
      rate: invoice.tax_rate,
      invoice_id: invoice.id,
      net: invoice.net,
      tax: invoice.tax,
      total: invoice.total,
      formatted: `${invoice.tax_rate}%: net ${money(invoice.net)} + tax ${money(invoice.tax)} = ${money(invoice.total)}`,
    })),
    order_total: order.totals.total,
    order_total_formatted: money(order.totals.total),
    created: booked.created,
    reused: booked.reused,
  };
}

// The sample's invoices are the real split of the sample order, so its figures always agree.
export const sampleInvoices: Invoice[] = splitOrder(sampleOrder).map((draft, index) => ({
  id: ['inv_5Rt8Yq2w', 'inv_9Lm3Xc7v'][index] ?? `inv_${index}`,
  number: `INV-20${index + 41}`,
  order_id: sampleOrder.id,
  contact_id: sampleContact.id,
  job_id: sampleJob.id,
  ...draft,
  created_at: '2026-07-05T19:43:10Z',
}));

export const invoicesSample = invoicesOutput(sampleOrder, { invoices: sampleInvoices, created: sampleInvoices.length, reused: 0 });

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

export const invoicesOutputFields: PlainOutputField[] = [
  { key: 'order_id', label: 'Order ID', type: 'string' },
  { key: 'order_number', label: 'Order Number', type: 'string' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'count', label: 'Number of Invoices', type: 'integer' },
  { key: 'invoice_ids', label: 'Invoice IDs', type: 'string', list: true },
  { key: 'order_total', label: 'Order Total (Minor Units)', type: 'integer' },
  { key: 'order_total_formatted', label: 'Order Total', type: 'string' },
  { key: 'created', label: 'Invoices Created by This Run', type: 'integer' },
  { key: 'reused', label: 'Invoices That Already Existed', type: 'integer' },
  { key: 'by_rate[]rate', label: 'Tax Rate (%)', type: 'string' },
  { key: 'by_rate[]invoice_id', label: 'Invoice ID for the Rate', type: 'string' },
  { key: 'by_rate[]net', label: 'Net for the Rate (Minor Units)', type: 'integer' },
  { key: 'by_rate[]tax', label: 'Tax for the Rate (Minor Units)', type: 'integer' },
  { key: 'by_rate[]total', label: 'Total for the Rate (Minor Units)', type: 'integer' },
  { key: 'by_rate[]formatted', label: 'Rate Summary', type: 'string' },
  ...prefixedOutputFields('invoices[]', invoiceOutputFields, 'Invoice '),
  ...prefixedOutputFields('invoices[]lines[]', invoiceLineOutputFields, 'Invoice Line '),
];
