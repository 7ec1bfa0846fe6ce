// Invoices: list (by order, job, contact, or the other app's order they were booked from), get, create
// (an invoice.created event embedding the invoice's contact and job). The server refuses an invoice that
// does not add up: its tax must be the sum of its lines' tax, and its net, tax and total must
// agree with the line amounts as priced (tax included or not), as money rule 6 says. Only a
// rounding adjustment may take money (or tax) off; the invoice's figures are never negative.
import type { InvoiceCreate, Invoice } from '../../src/contract/invoices.js';
import { findContact } from './contacts.js';
import type { FieldProblem } from '../errors.js';
import { newId, nowIso, nextNumber } from './ids.js';
import { findJobRow } from './jobs.js';
import { findOrder } from './orders.js';
import { oneRow, prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';

type InvoiceInput = ReturnType<typeof InvoiceCreate.parse>;

export const invoiceResource = (row: { body: string }): Invoice => JSON.parse(row.body) as Invoice;

/** What is wrong with the invoice's money, one problem per field; empty when it adds up. */
/** A decimal percentage ("7.25") as an exact fraction of one: [numerator, denominator]. */
function rateFraction(rate: string): [bigint, bigint] {
  const [whole, fraction = ''] = rate.split('.');
  return [BigInt(`${whole}${fraction}`), 100n * 10n ** BigInt(fraction.length)];
}

/**
 * Whether the invoice's tax fits its rate (docs/studio-api.md, "Invoices"): a 0% invoice carries
 * no tax on any line; above 0%, the tax is within one minor unit per item (Σ quantity) and per
 * line of the rate applied to the goods and shipping lines' amounts (of the price before tax, or
 * the part of a price including tax that is tax). Empty when it fits.
 */
export function taxRateProblems(input: Pick<InvoiceInput, 'tax_rate' | 'tax' | 'prices_include_tax' | 'lines'>): FieldProblem[] {
  const [numerator, denominator] = rateFraction(input.tax_rate);
  if (numerator === 0n) {
    const taxed = input.lines.findIndex((line) => line.tax !== 0);
    if (input.tax !== 0 || taxed !== -1) {
      return [
        {
          field: taxed === -1 ? 'tax' : `lines.${taxed}.tax`,
          message: `must be 0: an invoice at a tax rate of ${input.tax_rate}% carries no tax (book taxed lines on an invoice of their rate)`,
        },
      ];
    }
    return [];
  }
  const priced = input.lines.filter((line) => line.kind !== 'rounding');
  const base = BigInt(priced.reduce((sum, line) => sum + line.amount, 0));
  const tolerance = BigInt(priced.reduce((sum, line) => sum + line.quantity + 1, 0));
  // tax ≈ base × n/d (prices before tax) or base × n/(d + n) (prices including tax).
  const divisor = input.prices_include_tax ? denominator + numerator : denominator;
  const off = BigInt(input.tax) * divisor - base * numerator;
  if ((off < 0n ? -off : off) <= tolerance * divisor) return [];
  const expected = Number((base * numerator * 2n + divisor) / (2n * divisor));
  return [
    {
      field: 'tax',
      message: `is ${input.tax} but ${input.tax_rate}% of the lines' ${input.prices_include_tax ? 'prices including tax' : 'amounts'} (${base}) is about ${expected}: the tax must fit the rate`,
    },
  ];
}

export function invoiceMoneyProblems(input: Pick<InvoiceInput, 'net' | 'tax' | 'total' | 'prices_include_tax' | 'lines'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['net', 'tax', 'total'] as const) {
    if (input[field] < 0) problems.push({ field, message: 'must not be negative' });
  }
  input.lines.forEach((line, index) => {
    // Only a rounding adjustment may take money or tax off (a gallery that rounded the tax
    // once per rate or per order charged less than the lines' own tax); goods and shipping
    // are never negative.
    if (line.kind === 'rounding') return;
    if (line.amount < 0) problems.push({ field: `lines.${index}.amount`, message: 'must not be negative' });
    if (line.tax < 0) problems.push({ field: `lines.${index}.tax`, message: 'must not be negative' });
  });
  if (problems.length > 0) return problems;

  const lineAmounts = input.lines.reduce((sum, line) => sum + line.amount, 0);
  const lineTax = input.lines.reduce((sum, line) => sum + line.tax, 0);
  if (input.tax !== lineTax) problems.push({ field: 'tax', message: `is ${input.tax} but the lines' tax adds up to ${lineTax}` });
  if (input.net + input.tax !== input.total) {
    problems.push({ field: 'total', message: `is ${input.total} but net + tax is ${input.net + input.tax}` });
  }
  if (input.prices_include_tax && input.total !== lineAmounts) {
    problems.push({ field: 'total', message: `is ${input.total} but the lines (prices including tax) add up to ${lineAmounts}` });
  }
  if (!input.prices_include_tax && input.net !== lineAmounts) {
    problems.push({ field: 'net', message: `is ${input.net} but the lines (prices excluding tax) add up to ${lineAmounts}` });
  }
  return problems;
}

export function referenceProblems(db: DatabaseSync, studioId: string, input: InvoiceInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.order_id != null) {
    const order = findOrder(db, studioId, input.order_id);
    if (!order) problems.push({ field: 'order_id', message: `no order ${input.order_id} exists in this studio` });
    else if (order.currency !== input.currency) {
      problems.push({ field: 'currency', message: `is ${input.currency} but order ${order.id} is in ${order.currency}` });
    }
  }
  if (input.contact_id != null && !findContact(db, studioId, input.contact_id)) {
    problems.push({ field: 'contact_id', message: `no contact ${input.contact_id} exists in this studio` });
  }
  if (input.job_id != null && !findJobRow(db, studioId, input.job_id)) {
    problems.push({ field: 'job_id', message: `no job ${input.job_id} exists in this studio` });
  }
  return problems;
}

export function insertInvoice(
  db: DatabaseSync,
  studioId: string,
  input: InvoiceInput,
  ids: { id?: string; created_at?: string } = {},
): Invoice {
  const invoice: Invoice = {
    id: ids.id ?? newId('inv'),
    number: `INV-${String(nextNumber(db, studioId, 'invoice', 1)).padStart(5, '0')}`,
    order_id: input.order_id ?? null,
    contact_id: input.contact_id ?? null,
    job_id: input.job_id ?? null,
    source: input.source ?? null,
    tax_rate: input.tax_rate,
    currency: input.currency,
    prices_include_tax: input.prices_include_tax,
    net: input.net,
    tax: input.tax,
    total: input.total,
    status: input.status,
    lines: input.lines,
    created_at: ids.created_at ?? nowIso(),
  };
  prepared(
    db,
    'INSERT INTO invoices (studio_id, id, number, order_id, contact_id, job_id, source_app, source_reference, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    studioId,
    invoice.id,
    invoice.number,
    invoice.order_id,
    invoice.contact_id,
    invoice.job_id,
    invoice.source?.app ?? null,
    invoice.source?.reference ?? null,
    invoice.created_at,
    JSON.stringify(invoice),
  );
  return invoice;
}

export function findInvoice(db: DatabaseSync, studioId: string, id: string): Invoice | null {
  const row = oneRow<{ body: string }>(prepared(db, 'SELECT body FROM invoices WHERE studio_id = ? AND id = ?'), studioId, id);
  return row ? invoiceResource(row) : null;
}

/** What GET /v1/invoices filters by, each an exact match (source_app and source_reference go together). */
export const INVOICE_FILTERS = ['order_id', 'job_id', 'contact_id', 'source_app', 'source_reference'] as const;
export type InvoiceFilter = Partial<Record<(typeof INVOICE_FILTERS)[number], string>>;

export function listInvoices(db: DatabaseSync, studioId: string, filter: InvoiceFilter, page: PageRequest): Page<Invoice> {
  const where = ['studio_id = ?'];
  const params: string[] = [studioId];
  for (const field of INVOICE_FILTERS) {
    const value = filter[field];
    if (value !== undefined) {
      where.push(`${field} = ?`);
      params.push(value);
    }
  }
  return keysetPage(db, { from: 'invoices', select: 'body', sort: 'created_at', where, params }, page, invoiceResource);
}
