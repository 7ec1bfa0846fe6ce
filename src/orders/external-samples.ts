// A realistic order from another app, as a Zap maps it from Shopify's New Paid Order (prices
// as Shopify writes them, tax rates as fractions), read by the real reader, and the invoices
// the one money split books for it: the samples of both steps that take such an order.
import type { Invoice } from '../contract/invoices.js';
import { readExternalOrder, splitExternalOrder, type ExternalOrderFields } from '../domain/external-order.js';
import { sampleContact } from '../contacts/samples.js';
import { sampleJob } from '../jobs/samples.js';

export const sampleExternalOrderFields = {
  source_app: 'Shopify',
  reference: '#1001',
  placed_at: '2026-07-05T19:42:05+01:00',
  currency: 'GBP',
  prices_include_tax: true,
  tax_rate_format: 'fraction',
  paid: 'paid',
  client_email: 'emma.harper@example.com',
  client_first_name: 'Emma',
  client_last_name: 'Harper',
  client_phone: '07700 900123',
  line_items: [
    { description: 'Fine Art Print 8x10', quantity: '2', unit_price: '24.00', tax_rate: '0.2' },
    { description: 'Printed Photo Book', quantity: '1', unit_price: '60.00', tax_rate: '0' },
  ],
  discount: '5.00',
  shipping_amount: '4.95',
  total: '107.95',
} satisfies ExternalOrderFields;

export const sampleExternalOrder = readExternalOrder(sampleExternalOrderFields, (key) => key);

export const sampleExternalInvoices: Invoice[] = splitExternalOrder(sampleExternalOrder).map((draft, index) => ({
  id: ['inv_2Wq7Nd4s', 'inv_6Hc1Rk8p'][index] ?? `inv_${index}`,
  number: `INV-20${index + 51}`,
  order_id: null,
  contact_id: sampleContact.id,
  job_id: sampleJob.id,
  source: sampleExternalOrder.source,
  ...draft,
  created_at: '2026-07-05T19:43:10Z',
}));
