// What a shop charged, as the generators compute it, and the comparison every shop test makes:
// the invoices a step books must carry exactly those figures.
import { expect } from '@jest/globals';
import type { InvoiceDraft } from '../../src/domain/tax-split.js';

export interface Charged {
  currency: string;
  /** What the client paid, in minor units. */
  total: bigint;
  /** The tax in it. */
  tax: bigint;
  /** Per rate (canonical percent text, several tax lines added up): net and tax, in minor units. */
  byRate: Map<string, { net: bigint; tax: bigint }>;
  /** The tax lines the shop states, each rounded on its own: rounding the invoices may show beyond one unit per taxed line. */
  roundingAllowance?: number;
}

/** The figures of one invoice as a step booked it: tax rate, net, tax, total, and its lines. */
export type BookedInvoice = Pick<InvoiceDraft, 'tax_rate' | 'net' | 'tax' | 'total' | 'lines' | 'currency' | 'prices_include_tax'>;

const canonical = (rate: string) => {
  const [whole = '0', fraction = ''] = rate.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${Number(whole)}${trimmed ? `.${trimmed}` : ''}`;
};

/**
 * The differences between the invoices and what the shop charged, in words (empty when exact):
 * the total and the tax to the unit, the tax at every rate to the unit, and the amount at every
 * rate, but for the amount of a rounding line (the shop's own figures disagreeing with its
 * total by rounding), which may be at most one minor unit per taxed line and per tax line the
 * shop states (`roundingAllowance`).
 */
export function differencesFrom(charged: Charged, invoices: readonly BookedInvoice[]): string[] {
  const differences: string[] = [];
  const allowance = charged.roundingAllowance ?? 0;
  const sum = (field: 'total' | 'tax') => invoices.reduce((total, invoice) => total + BigInt(invoice[field]), 0n);
  if (sum('total') !== charged.total) differences.push(`total ${sum('total')} ≠ charged ${charged.total}`);
  if (sum('tax') !== charged.tax) differences.push(`tax ${sum('tax')} ≠ charged ${charged.tax}`);
  const byRate = new Map(invoices.map((invoice) => [canonical(invoice.tax_rate), invoice]));
  let taxedLines = 0;
  for (const invoice of invoices) {
    if (invoice.currency !== charged.currency) differences.push(`invoice in ${invoice.currency}, order in ${charged.currency}`);
    if (Number(canonical(invoice.tax_rate)) > 0)
      taxedLines += invoice.lines.filter((line) => line.kind !== 'rounding' && line.amount > 0).length;
  }
  let rounding = 0n;
  for (const [rate, figures] of charged.byRate) {
    const invoice = byRate.get(canonical(rate));
    if (!invoice) {
      if (figures.net !== 0n || figures.tax !== 0n) differences.push(`no ${rate}% invoice for net ${figures.net}, tax ${figures.tax}`);
      continue;
    }
    const roundingLine = invoice.lines.find((line) => line.kind === 'rounding');
    if (BigInt(invoice.tax) !== figures.tax) differences.push(`${rate}%: tax ${invoice.tax} ≠ charged ${figures.tax}`);
    const moved = roundingLine ? netEffect(invoice, roundingLine) : 0n;
    if (BigInt(invoice.net) - moved !== figures.net)
      differences.push(`${rate}%: net ${invoice.net} (rounding ${moved}) ≠ charged ${figures.net}`);
    rounding += moved < 0n ? -moved : moved;
  }
  for (const invoice of invoices) {
    if (![...charged.byRate.keys()].some((rate) => canonical(rate) === canonical(invoice.tax_rate)))
      differences.push(`an invoice at ${invoice.tax_rate}%, a rate the shop did not charge`);
  }
  if (rounding > BigInt(taxedLines + allowance))
    differences.push(`rounding lines move ${rounding}, more than ${taxedLines} taxed lines and ${allowance} tax lines explain`);
  return differences;
}

/** How much a rounding line moves its invoice's net: its amount, less its tax when prices include tax. */
function netEffect(invoice: BookedInvoice, line: BookedInvoice['lines'][number]): bigint {
  return invoice.prices_include_tax ? BigInt(line.amount) - BigInt(line.tax) : BigInt(line.amount);
}

/** Asserts the invoices are exactly what was charged, with the order in the message when not. */
export function expectExact(charged: Charged, invoices: readonly BookedInvoice[], order: unknown): void {
  const differences = differencesFrom(charged, invoices);
  if (differences.length > 0) {
    expect({ differences, order: JSON.stringify(order).slice(0, 3000) }).toEqual({ differences: [], order: expect.anything() });
  }
}
