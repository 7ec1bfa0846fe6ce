// Books an order as invoices, one per tax rate, safely replayable at any distance: the
// order's invoices are looked up first (by order id) and only rates not booked yet are
// created, each with an Idempotency-Key of the order id and its rate for runs at once. So
// running this again (a Zapier retry, a Zap replayed the next month, import_order after
// create_invoices_from_order) creates nothing new.
import type { ZObject } from 'zapier-platform-core';
import { callApiDetailed, listPage } from '../api/client.js';
import { idempotencyKey } from '../api/idempotency.js';
import type { PageOf } from '../contract/primitives.js';
import { OrderSplitError, canonicalRate, splitOrder, type InvoiceDraft } from '../domain/tax-split.js';
import { haltedError, isStudioError, studioError } from '../api/errors.js';
import type { Order } from '../contract/orders.js';
import { Invoice, type InvoiceCreate } from '../contract/invoices.js';

export interface BookedInvoices {
  /** One invoice per tax rate, lowest rate first. */
  invoices: Invoice[];
  /** Invoices this run created. */
  created: number;
  /** Invoices that already existed for the order (a replay, or booked before with other details). */
  reused: number;
}

export async function bookOrderInvoices(
  z: ZObject,
  order: Order,
  attach: { contact_id?: string | null; job_id?: string | null },
): Promise<BookedInvoices> {
  const drafts = splitOrThrow(z, order);
  const result: BookedInvoices = { invoices: [], created: 0, reused: 0 };
  // What is booked for the order already (a replay a day or a month later, when the keys are
  // long forgotten, or a run that failed half-way) is looked up first and returned as it is.
  let existing = await listInvoices(z, { order_id: order.id });
  for (const draft of drafts) {
    const booked = existingInvoiceAt(existing, order.id, draft);
    if (booked) {
      result.invoices.push(booked);
      result.reused += 1;
      continue;
    }
    try {
      await postInvoice(z, result, invoiceBody(order, draft, attach), invoiceIdempotencyKey(order.id, draft.tax_rate));
    } catch (error) {
      // The key was used with another body: another run is booking this order at this moment,
      // attached to another contact or job. Return what it booked; never book it twice.
      if (!isStudioError(error, 'idempotency_key_reused')) throw error;
      existing = await listInvoices(z, { order_id: order.id });
      result.invoices.push(existingInvoiceFor(z, order, draft, existing));
      result.reused += 1;
    }
  }
  return result;
}

/** POST /v1/invoices with its key, counted into `result` as created, or reused when the API replayed an earlier answer. */
export async function postInvoice(z: ZObject, result: BookedInvoices, body: InvoiceCreate, key: string): Promise<void> {
  const { data, replayed } = await callApiDetailed(z, Invoice, {
    method: 'POST',
    path: '/v1/invoices',
    body,
    idempotencyKey: key,
    describe: 'invoice',
  });
  result.invoices.push(data);
  if (replayed) result.reused += 1;
  else result.created += 1;
}

/** The key that makes an order's invoice at one rate unique: order id + rate. */
export function invoiceIdempotencyKey(orderId: string, taxRate: string): string {
  return idempotencyKey('invoice', orderId, taxRate);
}

/** Splits the order, or fails with a message for the Zap builder before anything is created. */
function splitOrThrow(z: ZObject, order: Order): InvoiceDraft[] {
  return splitOrHalt(z, `Order ${order.number} (${order.id})`, () => splitOrder(order));
}

/**
 * The split's invoices, or a halt naming the order (`what`) and what is wrong with its figures,
 * before anything is created: the order is wrong, the Zap is fine (the next order books).
 */
export function splitOrHalt(z: ZObject, what: string, split: () => InvoiceDraft[]): InvoiceDraft[] {
  try {
    return split();
  } catch (error) {
    if (!(error instanceof OrderSplitError)) throw error;
    // The advice first (Zapier shows 250 characters): the figures that do not add up follow.
    throw haltedError(
      z,
      `${what} cannot be booked as invoices, and none was created: check its figures where it was placed (what does not add up follows). ${error.message}`,
      'invalid_order',
    );
  }
}

function invoiceBody(order: Order, draft: InvoiceDraft, attach: { contact_id?: string | null; job_id?: string | null }): InvoiceCreate {
  return { order_id: order.id, contact_id: attach.contact_id ?? null, job_id: attach.job_id ?? null, ...draft };
}

/** Every invoice Studio lists for a filter: an order (order_id), or another app's order (source_app and source_reference). Newest first, all pages. */
export async function listInvoices(z: ZObject, filter: Record<string, string>): Promise<Invoice[]> {
  const invoices: Invoice[] = [];
  let cursor: string | null = null;
  do {
    const page: PageOf<Invoice> = await listPage(z, Invoice, {
      path: '/v1/invoices',
      query: filter,
      limit: 100,
      cursor,
      describe: 'list of invoices',
      everyRecord: true,
    });
    invoices.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return invoices;
}

/** The order's invoice at the draft's rate (not a void one when there is a choice), or null. */
function existingInvoiceAt(existing: readonly Invoice[], orderId: string, draft: InvoiceDraft): Invoice | null {
  // An API that ignored the filter would hand back other orders' invoices: only this one's count.
  const atRate = existing.filter((invoice) => invoice.order_id === orderId && sameRate(invoice.tax_rate, draft.tax_rate));
  return atRate.find((invoice) => invoice.status !== 'void') ?? atRate[0] ?? null;
}

/** The order's existing invoice at the draft's rate, or a stop saying none is listed. */
function existingInvoiceFor(z: ZObject, order: Order, draft: InvoiceDraft, existing: Invoice[]): Invoice {
  const found = existingInvoiceAt(existing, order.id, draft);
  if (found) return found;
  throw studioError(
    z,
    `Order ${order.number} (${order.id}) was already booked as invoices with different details, but Studio lists no ` +
      `${draft.tax_rate}% invoice for it, so this step stopped rather than risk booking the order twice. ` +
      'Check the order’s invoices in Studio.',
    'invoices_mismatch',
    409,
  );
}

/** "5", "5.0" and "05.00" are one rate. */
function sameRate(a: string, b: string): boolean {
  return canonicalRate(a) === canonicalRate(b);
}
