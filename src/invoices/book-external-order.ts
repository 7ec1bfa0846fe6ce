// Books an order from another app as invoices, one per tax rate, anchored on its source app and
// reference (stored on every invoice). The invoices already booked for that source are looked
// up first: the same figures are a replay and book nothing; other figures stop the step saying
// what differs, so an edited or mistyped order never gets a second set of invoices. Each POST
// also carries an Idempotency-Key of source + reference + rate, for a request retried mid-way.
// Requests: 1 lookup, then (first time only) one POST per rate.
import type { ZObject } from 'zapier-platform-core';
import { callApiDetailed } from '../api/client.js';
import { haltedError, isStudioError } from '../api/errors.js';
import { idempotencyKey } from '../api/idempotency.js';
import { Invoice, type InvoiceCreate } from '../contract/invoices.js';
import { bookingDifferences, splitExternalOrder, type ExternalOrder } from '../domain/external-order.js';
import { OrderSplitError, canonicalRate, type InvoiceDraft } from '../domain/tax-split.js';
import { listInvoices, type BookedInvoices } from './book-order.js';

export async function bookExternalOrder(
  z: ZObject,
  order: ExternalOrder,
  attach: { contact_id?: string | null; job_id?: string | null },
): Promise<BookedInvoices> {
  const drafts = splitOrThrow(z, order);
  const earlier = await bookedBefore(z, order);
  if (earlier.length > 0) return replayed(z, order, drafts, earlier);

  const result: BookedInvoices = { invoices: [], created: 0, reused: 0 };
  for (const draft of drafts) {
    try {
      const { data, replayed: again } = await callApiDetailed(z, Invoice, {
        method: 'POST',
        path: '/v1/invoices',
        body: invoiceBody(order, draft, attach),
        idempotencyKey: externalInvoiceKey(order, draft.tax_rate),
        describe: 'invoice',
      });
      result.invoices.push(data);
      if (again) result.reused += 1;
      else result.created += 1;
    } catch (error) {
      // Another run booked this order between the lookup and this request, with other figures
      // (or attached elsewhere): what it booked decides, as for any replay.
      if (!isStudioError(error, 'idempotency_key_reused')) throw error;
      const booked = await bookedBefore(z, order);
      if (booked.length === 0) throw error;
      return replayed(z, order, drafts, booked);
    }
  }
  return result;
}

/** The key of the order's invoice at one rate: source app + reference + rate. */
export function externalInvoiceKey(order: Pick<ExternalOrder, 'source'>, taxRate: string): string {
  return idempotencyKey('invoice_from_source', order.source.app, order.source.reference, canonicalRate(taxRate));
}

async function bookedBefore(z: ZObject, order: ExternalOrder): Promise<Invoice[]> {
  const listed = await listInvoices(z, { source_app: order.source.app, source_reference: order.source.reference });
  // An API that ignored the filter would hand back other orders' invoices: keep only this one's.
  return listed.filter((invoice) => invoice.source?.app === order.source.app && invoice.source.reference === order.source.reference);
}

/** A second run for an order already booked: the same invoices back, or a clear stop. */
function replayed(z: ZObject, order: ExternalOrder, drafts: InvoiceDraft[], mine: Invoice[]): BookedInvoices {
  const differences = bookingDifferences(drafts, mine);
  if (differences.length > 0) {
    const numbers = mine.map((invoice) => invoice.number).join(', ');
    // Halted: this order's replay is wrong, the Zap is fine (the next order books).
    throw haltedError(
      z,
      `${order.label} was already booked as invoice${mine.length === 1 ? '' : 's'} ${numbers} with other figures: ${differences.join('; ')}. ` +
        'Nothing new was booked. If the order really changed in its app (an edit or a refund), correct those invoices in Studio; ' +
        'to book the changed order as well, give it a new Order Reference (e.g. the reference followed by "-2").',
      'order_already_booked',
    );
  }
  const byRate = [...mine].sort((a, b) => Number(canonicalRate(a.tax_rate)) - Number(canonicalRate(b.tax_rate)));
  return { invoices: byRate, created: 0, reused: byRate.length };
}

function splitOrThrow(z: ZObject, order: ExternalOrder): InvoiceDraft[] {
  try {
    return splitExternalOrder(order);
  } catch (error) {
    if (!(error instanceof OrderSplitError)) throw error;
    // Halted: this order's figures are wrong, the Zap is fine (the next order books).
    throw haltedError(z, `${order.label} cannot be booked as invoices: ${error.message} No invoice was created.`, 'invalid_order');
  }
}

function invoiceBody(order: ExternalOrder, draft: InvoiceDraft, attach: { contact_id?: string | null; job_id?: string | null }): InvoiceCreate {
  return { order_id: null, contact_id: attach.contact_id ?? null, job_id: attach.job_id ?? null, source: order.source, ...draft };
}
