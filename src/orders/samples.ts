// A realistic order from the client's gallery, as GET /v1/orders/:id returns it, and its
// order.created event (which embeds the order's gallery): an album at 5% and canvases at 10%
// (prices include tax), with a discount and shipping shared across both rates. The totals are what the money split
// (src/domain/tax-split.ts) gives for these lines; test/hooks/samples.test.ts checks it.
import type { OrderCreatedEvent } from '../contract/hooks.js';
import type { Order } from '../contract/orders.js';
import { sampleGallery } from '../galleries/samples.js';

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
    { id: 'oln_4Fs9Tb1q', description: 'Heirloom Album 30×30 cm, 40 pages', quantity: 1, unit_price: 45000, tax_rate: '5', tax: null },
    { id: 'oln_8Kd2Vw6r', description: 'Gallery Canvas 40×50 cm', quantity: 2, unit_price: 12000, tax_rate: '10', tax: null },
  ],
  discount: 1000,
  shipping: { amount: 995, tax_rate: null, tax: null },
  tax_total: null,
  totals: { goods: 69000, discount: 1000, shipping: 995, tax: 4324, total: 68995 },
} satisfies Order;

export const sampleOrderCreatedEvent = {
  id: 'evt_Oc3Jw7Re5t',
  type: 'order.created',
  created_at: '2026-07-05T19:42:06Z',
  data: { ...sampleOrder, gallery: sampleGallery },
} satisfies OrderCreatedEvent;
