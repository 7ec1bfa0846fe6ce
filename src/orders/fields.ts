// The Order field, declared once and reused by every operation that takes an order.
export function orderIdField(helpText: string) {
  return {
    key: 'order_id',
    label: 'Order',
    type: 'string',
    required: true,
    dynamic: 'list_orders.id.name',
    search: 'find_order.id',
    helpText,
  } as const;
}
