// Hidden trigger behind the Order dropdown (orderIdField): "Order PT-1042 · client · total".
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { formatMoney } from '../domain/currency.js';
import { sampleOrder } from './samples.js';
import { Order } from '../contract/orders.js';

export function orderChoice(order: Pick<Order, 'id' | 'number' | 'client' | 'currency' | 'totals'>) {
  const client = `${order.client.first_name} ${order.client.last_name}`.trim() || order.client.email;
  return { id: order.id, name: `Order ${order.number} · ${client} · ${formatMoney(order.totals.total, order.currency)}` };
}

export default defineTrigger({
  key: 'list_orders',
  noun: 'Order',
  display: {
    label: 'New Order (Dropdown)',
    description: 'Triggers when an order is placed. Used to fill the Order dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      (await dropdownPage(z, bundle, Order, { path: '/v1/orders', describe: 'list of orders' })).map(orderChoice),
    sample: orderChoice(sampleOrder),
    outputFields: [
      { key: 'id', label: 'Order ID', type: 'string' },
      { key: 'name', label: 'Order (Number, Client and Total)', type: 'string' },
    ],
  },
});
