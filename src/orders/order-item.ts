// What the New Order trigger hands to a Zap: the order as the API gives it, plus what a Zap
// builder maps without arithmetic: formatted money, line totals, the per-rate tax summary
// (exactly the invoices create_invoices_from_order would book) and the gallery's job links.
import { formatDecimal, formatMoney } from '../domain/currency.js';
import { OrderSplitError, splitOrder } from '../domain/tax-split.js';
import type { OrderCreatedEvent } from '../contract/hooks.js';
import { galleryContextFields } from '../galleries/gallery-output.js';
import type { Order } from '../contract/orders.js';

export interface TaxSummary {
  rates: Array<{
    tax_rate: string;
    net: number;
    tax: number;
    total: number;
    net_formatted: string;
    tax_formatted: string;
    total_formatted: string;
  }>;
  /** Why no summary could be made (the order does not add up), for the log. */
  problem: string | null;
}

/** Net, tax and total per tax rate, lowest rate first, computed by the one money split. */
export function taxSummary(order: Order): TaxSummary {
  const money = (minor: number) => formatMoney(minor, order.currency);
  try {
    const rates = splitOrder(order).map((draft) => ({
      tax_rate: draft.tax_rate,
      net: draft.net,
      tax: draft.tax,
      total: draft.total,
      net_formatted: money(draft.net),
      tax_formatted: money(draft.tax),
      total_formatted: money(draft.total),
    }));
    return { rates, problem: null };
  } catch (error) {
    if (error instanceof OrderSplitError) return { rates: [], problem: error.message };
    throw error;
  }
}

/** An order's item: an order.created event's data (the order, its gallery embedded), or an order found with its gallery (Find Order). */
export function orderItem(event: Pick<OrderCreatedEvent, 'data'>, summary: TaxSummary = taxSummary(event.data)) {
  const { gallery, ...order } = event.data;
  const money = (minor: number) => formatMoney(minor, order.currency);
  const { totals } = order;
  return {
    id: order.id,
    number: order.number,
    placed_at: order.placed_at,
    payment_status: order.payment_status,
    is_paid: order.payment_status === 'paid',
    currency: order.currency,
    prices_include_tax: order.prices_include_tax,
    client: {
      email: order.client.email,
      first_name: order.client.first_name,
      last_name: order.client.last_name,
      name: `${order.client.first_name} ${order.client.last_name}`.trim(),
      phone: order.client.phone,
    },
    lines: order.lines.map((line) => ({
      id: line.id,
      description: line.description,
      quantity: line.quantity,
      unit_price: line.unit_price,
      unit_price_formatted: money(line.unit_price),
      // Plain decimals ("12.50"): what an accounting app's line-item amount fields take.
      unit_price_decimal: formatDecimal(line.unit_price, order.currency),
      line_total: line.quantity * line.unit_price,
      line_total_formatted: money(line.quantity * line.unit_price),
      line_total_decimal: formatDecimal(line.quantity * line.unit_price, order.currency),
      tax_rate: line.tax_rate,
      tax: line.tax,
    })),
    discount: order.discount,
    discount_formatted: money(order.discount),
    // Always an object, so the Zap editor offers the same fields for orders without shipping.
    shipping: {
      amount: order.shipping?.amount ?? 0,
      amount_formatted: money(order.shipping?.amount ?? 0),
      tax_rate: order.shipping?.tax_rate ?? null,
      tax: order.shipping?.tax ?? null,
    },
    tax_summary: summary.rates,
    totals: {
      goods: totals.goods,
      discount: totals.discount,
      shipping: totals.shipping,
      tax: totals.tax,
      total: totals.total,
      goods_formatted: money(totals.goods),
      discount_formatted: money(totals.discount),
      shipping_formatted: money(totals.shipping),
      tax_formatted: money(totals.tax),
      total_formatted: money(totals.total),
    },
    ...galleryContextFields(order.gallery_id, gallery),
  };
}
export type OrderItem = ReturnType<typeof orderItem>;
