// New Order: a client placed an order (prints, albums, downloads) in one of the studio's
// galleries. Instant (REST hook), each order fires once; optional gallery and payment filters.
import { defineInputFields, defineTrigger, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { blankToUndefined } from '../api/input.js';
import { GalleryFilter, galleryFilterField, inGallery } from '../galleries/fields.js';
import { galleryContextOutputFields } from '../galleries/gallery-output.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { orderItem, taxSummary } from './order-item.js';
import { sampleOrderCreatedEvent } from './samples.js';

const inputFields = defineInputFields([
  galleryFilterField(false, 'Only orders placed in this gallery. Leave empty for orders from every gallery.'),
  {
    key: 'payment_status',
    label: 'Payment Status',
    type: 'string',
    required: false,
    choices: { paid: 'Paid orders only', all: 'All orders' },
    default: 'paid',
    helpText:
      '"Paid orders only" skips orders placed with offline payment (bank transfer, pay on collection) until you choose "All orders". ' +
      'An order fires once, when it is placed.',
  },
]);

const Options = GalleryFilter.extend({
  payment_status: zod.preprocess(blankToUndefined, zod.enum(['paid', 'all']).default('paid')),
});
type Options = zod.infer<typeof Options>;

function matches(event: EventOf<'order.created'>, options: Options): boolean {
  const order = event.data;
  if (!inGallery(order.gallery_id, options)) return false;
  return options.payment_status === 'all' || order.payment_status === 'paid';
}

/** The event embeds the order's gallery (its name, client URL and linked jobs): no request. */
function toItem(z: ZObject, event: EventOf<'order.created'>) {
  const summary = taxSummary(event.data);
  if (summary.problem) z.console.log(`New Order: no tax summary for order ${event.data.number}: ${summary.problem}`);
  return orderItem(event, summary);
}

export default defineTrigger({
  key: 'new_order',
  noun: 'Order',
  display: {
    label: 'New Order',
    description: 'Triggers when a client places an order (prints, albums, downloads) in one of your galleries.',
  },
  operation: {
    ...restHook({
      event: 'order.created',
      label: 'New Order',
      options: Options,
      inputFields,
      matches,
      toItem,
    }),
    inputFields,
    sample: orderItem(sampleOrderCreatedEvent),
    outputFields: [
      { key: 'id', label: 'Order ID', type: 'string' },
      { key: 'number', label: 'Order Number', type: 'string' },
      { key: 'placed_at', label: 'Placed At', type: 'datetime' },
      { key: 'payment_status', label: 'Payment Status', type: 'string' },
      { key: 'is_paid', label: 'Is Paid', type: 'boolean' },
      { key: 'currency', label: 'Currency', type: 'string' },
      { key: 'prices_include_tax', label: 'Prices Include Tax', type: 'boolean' },
      { key: 'client__email', label: 'Client Email', type: 'string' },
      { key: 'client__first_name', label: 'Client First Name', type: 'string' },
      { key: 'client__last_name', label: 'Client Last Name', type: 'string' },
      { key: 'client__name', label: 'Client Full Name', type: 'string' },
      { key: 'client__phone', label: 'Client Phone', type: 'string' },
      { key: 'lines[]id', label: 'Line ID', type: 'string' },
      { key: 'lines[]description', label: 'Line Description', type: 'string' },
      { key: 'lines[]quantity', label: 'Line Quantity', type: 'integer' },
      { key: 'lines[]unit_price', label: 'Line Unit Price (Minor Units)', type: 'integer' },
      { key: 'lines[]unit_price_formatted', label: 'Line Unit Price', type: 'string' },
      { key: 'lines[]unit_price_decimal', label: 'Line Unit Price (Decimal)', type: 'string' },
      { key: 'lines[]line_total', label: 'Line Total (Minor Units)', type: 'integer' },
      { key: 'lines[]line_total_formatted', label: 'Line Total', type: 'string' },
      { key: 'lines[]line_total_decimal', label: 'Line Total (Decimal)', type: 'string' },
      { key: 'lines[]tax_rate', label: 'Line Tax Rate (%)', type: 'string' },
      { key: 'lines[]tax', label: 'Line Tax Charged (Minor Units)', type: 'integer' },
      { key: 'discount', label: 'Discount (Minor Units)', type: 'integer' },
      { key: 'discount_formatted', label: 'Discount', type: 'string' },
      { key: 'shipping__amount', label: 'Shipping (Minor Units)', type: 'integer' },
      { key: 'shipping__amount_formatted', label: 'Shipping', type: 'string' },
      { key: 'shipping__tax_rate', label: 'Shipping Tax Rate (%)', type: 'string' },
      { key: 'shipping__tax', label: 'Shipping Tax Charged (Minor Units)', type: 'integer' },
      { key: 'tax_summary[]tax_rate', label: 'Tax Summary Rate (%)', type: 'string' },
      { key: 'tax_summary[]net', label: 'Tax Summary Net (Minor Units)', type: 'integer' },
      { key: 'tax_summary[]tax', label: 'Tax Summary Tax (Minor Units)', type: 'integer' },
      { key: 'tax_summary[]total', label: 'Tax Summary Total (Minor Units)', type: 'integer' },
      { key: 'tax_summary[]net_formatted', label: 'Tax Summary Net', type: 'string' },
      { key: 'tax_summary[]tax_formatted', label: 'Tax Summary Tax', type: 'string' },
      { key: 'tax_summary[]total_formatted', label: 'Tax Summary Total', type: 'string' },
      { key: 'totals__goods', label: 'Goods Total (Minor Units)', type: 'integer' },
      { key: 'totals__discount', label: 'Discount Total (Minor Units)', type: 'integer' },
      { key: 'totals__shipping', label: 'Shipping Total (Minor Units)', type: 'integer' },
      { key: 'totals__tax', label: 'Tax Total (Minor Units)', type: 'integer' },
      { key: 'totals__total', label: 'Order Total (Minor Units)', type: 'integer' },
      { key: 'totals__goods_formatted', label: 'Goods Total', type: 'string' },
      { key: 'totals__discount_formatted', label: 'Discount Total', type: 'string' },
      { key: 'totals__shipping_formatted', label: 'Shipping Total', type: 'string' },
      { key: 'totals__tax_formatted', label: 'Tax Total', type: 'string' },
      { key: 'totals__total_formatted', label: 'Order Total', type: 'string' },
      ...galleryContextOutputFields,
    ],
  },
});
