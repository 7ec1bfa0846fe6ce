// Orders as three apps hand them to a Zap, shaped after each one's public documentation, and
// the field mapping a studio owner sets up in the Zap editor for each (the README's worked
// Zaps). Values stay as the apps write them: Shopify's decimal strings and fractional tax
// rates, WooCommerce's numeric unit prices, Pic-Time's /Date(ms)/ and national phone numbers.

/** Shopify's order (REST Admin API "Order" resource, as its New Paid Order trigger gives it): a UK shop, prices including VAT. */
export const shopifyOrder = {
  id: 5_612_340_987_654,
  name: '#1001',
  order_number: 1001,
  created_at: '2026-11-28T14:03:11+00:00',
  currency: 'GBP',
  taxes_included: true,
  financial_status: 'paid',
  total_price: '107.95',
  total_tax: '8.46',
  total_discounts: '5.00',
  customer: { email: 'Grace.Okafor@example.com', first_name: 'Grace', last_name: 'Okafor', phone: '+447700900321' },
  line_items: [
    { title: 'Fine Art Print 8x10', quantity: 2, price: '24.00', tax_lines: [{ title: 'GB VAT', rate: 0.2, price: '7.63' }] },
    { title: 'Printed Photo Book', quantity: 1, price: '60.00', tax_lines: [{ title: 'GB VAT', rate: 0.0, price: '0.00' }] },
  ],
  shipping_lines: [{ title: 'Royal Mail Tracked', price: '4.95', tax_lines: [{ title: 'GB VAT', rate: 0.2, price: '0.83' }] }],
};

/** The Zap's mapping of Shopify's order into the step (Zapier hands line-item fields over as text). */
export function fromShopify(order: typeof shopifyOrder): Record<string, unknown> {
  const shipping = order.shipping_lines[0]!;
  return {
    source_app: 'Shopify',
    reference: order.name,
    placed_at: order.created_at,
    currency: order.currency,
    prices_include_tax: String(order.taxes_included),
    tax_rate_format: 'fraction',
    paid: order.financial_status,
    client_email: order.customer.email,
    client_first_name: order.customer.first_name,
    client_last_name: order.customer.last_name,
    client_phone: order.customer.phone,
    line_items: order.line_items.map((item) => ({
      description: item.title,
      quantity: String(item.quantity),
      unit_price: item.price,
      tax_rate: String(item.tax_lines[0]!.rate),
      tax: item.tax_lines[0]!.price,
    })),
    discount: order.total_discounts,
    shipping_amount: shipping.price,
    shipping_tax_rate: String(shipping.tax_lines[0]!.rate),
    shipping_tax: shipping.tax_lines[0]!.price,
    total: order.total_price,
  };
}

/** WooCommerce's order (REST API v3 "Order"): a US store, prices excluding tax, unit prices as numbers. */
export const wooCommerceOrder = {
  id: 727,
  number: '727',
  status: 'processing',
  currency: 'USD',
  prices_include_tax: false,
  date_created_gmt: '2026-11-29T09:12:45',
  discount_total: '0.00',
  shipping_total: '8.00',
  shipping_tax: '0.00',
  total: '210.43',
  total_tax: '15.43',
  billing: { first_name: 'Maya', last_name: 'Lopez', email: 'maya.lopez@example.com', phone: '(415) 555-0132' },
  line_items: [
    { name: 'Canvas Wrap 16x20', quantity: 1, price: 120, subtotal: '120.00', total: '120.00', total_tax: '9.90', taxes: [{ id: 1 }] },
    {
      name: 'Digital Download Collection',
      quantity: 1,
      price: 60,
      subtotal: '60.00',
      total: '60.00',
      total_tax: '4.95',
      taxes: [{ id: 1 }],
    },
    { name: 'Wallet Prints (set of 8)', quantity: 2, price: 3.5, subtotal: '7.00', total: '7.00', total_tax: '0.58', taxes: [{ id: 1 }] },
  ],
  tax_lines: [{ id: 1, rate_code: 'US-CA-TAX-1', rate_percent: 8.25, label: 'Tax' }],
};

/** The Zap's mapping of WooCommerce's order. Its GMT date has no offset, so the Zap appends "Z". */
export function fromWooCommerce(order: typeof wooCommerceOrder): Record<string, unknown> {
  const rates = new Map(order.tax_lines.map((line) => [line.id, line.rate_percent]));
  return {
    source_app: 'WooCommerce',
    reference: order.number,
    placed_at: `${order.date_created_gmt}Z`,
    currency: order.currency,
    prices_include_tax: order.prices_include_tax ? 'yes' : 'no',
    paid: order.status,
    client_email: order.billing.email,
    client_first_name: order.billing.first_name,
    client_last_name: order.billing.last_name,
    client_phone: order.billing.phone,
    line_items: order.line_items.map((item) => ({
      description: item.name,
      quantity: String(item.quantity),
      unit_price: String(item.price),
      tax_rate: String(rates.get(item.taxes[0]!.id)),
      tax: item.total_tax,
    })),
    discount: order.discount_total,
    shipping_amount: order.shipping_total,
    shipping_tax: order.shipping_tax,
    shipping_tax_rate: '0',
    total: order.total,
  };
}

/** Pic-Time's own Zapier app, New Order Placed: a reference, the buyer, a total, no lines. */
export const picTimeOrder = {
  orderId: 'PT-20931',
  orderDate: '/Date(1796061600000)/',
  total: 86.4,
  currency: 'GBP',
  buyerEmail: 'emma.harper@example.com',
  buyerFirstName: 'Emma',
  buyerLastName: 'Harper',
  buyerPhone: '07700 900123',
  paymentMethod: 'photographer',
  paymentStatus: 'approved',
};

/** The Zap's mapping of Pic-Time's order; the studio charges VAT at 20% on everything. */
export function fromPicTime(order: typeof picTimeOrder): Record<string, unknown> {
  return {
    source_app: 'Pic-Time',
    reference: order.orderId,
    placed_at: order.orderDate,
    currency: order.currency,
    paid: order.paymentStatus,
    client_email: order.buyerEmail,
    client_first_name: order.buyerFirstName,
    client_last_name: order.buyerLastName,
    client_phone: order.buyerPhone,
    total: String(order.total),
    total_tax_rate: '20',
  };
}
