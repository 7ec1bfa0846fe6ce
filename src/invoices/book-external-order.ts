// Books an order from another app as invoices, one per tax rate, anchored on its source app and
// reference (stored on every invoice). The invoices already booked for that source are looked
// up first: the same figures are a replay and book nothing; other figures stop the step saying
// what differs, so an edited or mistyped order never gets a second set of invoices; rates not
// booked yet (a run that failed half-way) are booked, completing it. Each POST carries an
// Idempotency-Key of source + reference + rate, for a request retried mid-way.
// Requests: 1 lookup, then one POST per rate not booked yet (none on a replay).
import type { ZObject } from 'zapier-platform-core';
import { haltedError, isStudioError } from '../api/errors.js';
import { idempotencyKey } from '../api/idempotency.js';
import type { Invoice, InvoiceCreate } from '../contract/invoices.js';
import { bookedRates, compareBooking, splitExternalOrder, type ExternalOrder } from '../domain/external-order.js';
import { canonicalRate, type InvoiceDraft } from '../domain/tax-split.js';
import { listInvoices, postInvoice, splitOrHalt, type BookedInvoices } from './book-order.js';

export async function bookExternalOrder(
  z: ZObject,
  order: ExternalOrder,
  attach: { contact_id?: string | null; job_id?: string | null },
): Promise<BookedInvoices> {
  const drafts = splitOrHalt(z, order.label, () => splitExternalOrder(order));
  // Every invoice remembers all the rates of the booking, so a later run can tell a stop half-way from an edit.
  const rates = bookedRates(drafts);
  const earlier = await bookedBefore(z, order);
  const { differences, missing } = compareBooking(drafts, earlier);
  if (differences.length > 0) throw changedOrderError(z, order, earlier, differences);

  const result: BookedInvoices = { invoices: [...earlier], created: 0, reused: earlier.length };
  let queue = missing;
  while (queue.length > 0) {
    const [draft, ...rest] = queue as [InvoiceDraft, ...InvoiceDraft[]];
    queue = rest;
    try {
      await postInvoice(z, result, invoiceBody(order, draft, rates, attach), externalInvoiceKey(order, draft.tax_rate));
    } catch (error) {
      // Another run is booking this order at the same time (its key is taken with another body:
      // attached elsewhere, or other figures): what it booked decides, as for any replay, and
      // only the rates neither run has booked are left to this one.
      if (!isStudioError(error, 'idempotency_key_reused')) throw error;
      const booked = await bookedBefore(z, order);
      const again = compareBooking(drafts, booked);
      if (again.differences.length > 0) throw changedOrderError(z, order, booked, again.differences);
      if (again.missing.some((left) => canonicalRate(left.tax_rate) === canonicalRate(draft.tax_rate))) throw error;
      const known = new Set(result.invoices.map((invoice) => invoice.id));
      for (const invoice of booked) {
        if (known.has(invoice.id)) continue;
        result.invoices.push(invoice);
        result.reused += 1;
      }
      queue = again.missing;
    }
  }
  result.invoices.sort((a, b) => Number(canonicalRate(a.tax_rate)) - Number(canonicalRate(b.tax_rate)));
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

/** A run for an order booked before with other figures: a clear stop, naming each difference. */
function changedOrderError(z: ZObject, order: ExternalOrder, booked: readonly Invoice[], differences: readonly string[]): Error {
  const numbers = booked.map((invoice) => invoice.number).join(', ');
  // Halted: this order's figures changed, the Zap is fine (the next order books).
  return haltedError(
    z,
    `${order.label} was booked before with other figures, so nothing new was booked. To book the changed order too, give it a new Order Reference (e.g. "${order.source.reference}-2"); ` +
      `otherwise correct invoice${booked.length === 1 ? '' : 's'} ${numbers} in Studio. Differences: ${differences.join('; ')}.`,
    'order_already_booked',
  );
}

function invoiceBody(
  order: ExternalOrder,
  draft: InvoiceDraft,
  rates: string[],
  attach: { contact_id?: string | null; job_id?: string | null },
): InvoiceCreate {
  return {
    order_id: null,
    contact_id: attach.contact_id ?? null,
    job_id: attach.job_id ?? null,
    source: { ...order.source, rates },
    ...draft,
  };
}
