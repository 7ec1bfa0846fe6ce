// What Create Invoices From Order returns: the booked invoices with their money also written
// out ("GBP 450.07"), a per-rate summary a Zap can map into an accounting step, and the
// counts that say whether this run created anything.
import type { PlainOutputField } from 'zapier-platform-core';
import { formatMoney } from '../domain/currency.js';
import { splitOrder } from '../domain/tax-split.js';
import type { Order } from '../orders/schema.js';
import { sampleOrder } from '../orders/samples.js';
import { sampleContact } from '../contacts/samples.js';
import { sampleJob } from '../jobs/samples.js';
import type { BookedInvoices } from './book-order.js';
import type { Invoice } from './schema.js';

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
  { key: 'invoices[]id', label: 'Invoice ID', type: 'string' },
  { key: 'invoices[]number', label: 'Invoice Number', type: 'string' },
  { key: 'invoices[]order_id', label: 'Invoice Order ID', type: 'string' },
  { key: 'invoices[]contact_id', label: 'Invoice Contact ID', type: 'string' },
  { key: 'invoices[]job_id', label: 'Invoice Job ID', type: 'string' },
  { key: 'invoices[]tax_rate', label: 'Invoice Tax Rate (%)', type: 'string' },
  { key: 'invoices[]currency', label: 'Invoice Currency', type: 'string' },
  { key: 'invoices[]prices_include_tax', label: 'Invoice Prices Include Tax', type: 'boolean' },
  { key: 'invoices[]net', label: 'Invoice Net (Minor Units)', type: 'integer' },
  { key: 'invoices[]tax', label: 'Invoice Tax (Minor Units)', type: 'integer' },
  { key: 'invoices[]total', label: 'Invoice Total (Minor Units)', type: 'integer' },
  { key: 'invoices[]net_formatted', label: 'Invoice Net', type: 'string' },
  { key: 'invoices[]tax_formatted', label: 'Invoice Tax', type: 'string' },
  { key: 'invoices[]total_formatted', label: 'Invoice Total', type: 'string' },
  { key: 'invoices[]status', label: 'Invoice Status (paid or open)', type: 'string' },
  { key: 'invoices[]created_at', label: 'Invoice Created At', type: 'datetime' },
  { key: 'invoices[]lines[]kind', label: 'Invoice Line Kind (goods, shipping or rounding)', type: 'string' },
  { key: 'invoices[]lines[]description', label: 'Invoice Line Description', type: 'string' },
  { key: 'invoices[]lines[]quantity', label: 'Invoice Line Quantity', type: 'integer' },
  { key: 'invoices[]lines[]amount', label: 'Invoice Line Amount (Minor Units)', type: 'integer' },
  { key: 'invoices[]lines[]amount_formatted', label: 'Invoice Line Amount', type: 'string' },
  { key: 'invoices[]lines[]tax', label: 'Invoice Line Tax (Minor Units)', type: 'integer' },
];
