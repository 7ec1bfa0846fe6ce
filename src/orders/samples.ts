// A realistic print order from the client's gallery, as GET /v1/orders/:id returns it, and its
// order.created event. Prices include UK VAT at 20%; the totals are what the money split
// (src/domain/tax-split.ts) gives for these lines, discount and shipping.
import type { OrderCreatedEvent } from '../hooks/schema.js';
import type { Order } from './schema.js';

export const sampleOrder = {
  id: 'ord_7Hk2Qm9x',
  number: 'PT-1042',
  gallery_id: 'gal_3Vx8Lp2a',
  placed_at: '2026-07-05T19:42:05Z',
  currency: 'GBP',
  prices_include_tax: true,
  payment_status: 'paid',
  client: { email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper', phone: '07700 900123' },
  lines: [
    { id: 'oln_4Fs9Tb1q', description: 'Fine Art Print 30×40 cm, Hahnemühle Photo Rag', quantity: 2, unit_price: 4500, tax_rate: '20', tax: null },
    { id: 'oln_8Kd2Vw6r', description: 'Layflat Album 25×25 cm, 30 pages', quantity: 1, unit_price: 34900, tax_rate: '20', tax: null },
  ],
  discount: 2000,
  shipping: { amount: 895, tax_rate: null, tax: null },
  tax_total: null,
  totals: { goods: 43900, discount: 2000, shipping: 895, tax: 7133, total: 42795 },
} satisfies Order;

export const sampleOrderCreatedEvent = {
  id: 'evt_Oc3Jw7Re5t',
  type: 'order.created',
  created_at: '2026-07-05T19:42:06Z',
  data: sampleOrder,
} satisfies OrderCreatedEvent;
