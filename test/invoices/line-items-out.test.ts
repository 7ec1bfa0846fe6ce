// Line items out: every output that carries invoices (and New Order's lines) declares its lines
// as Zapier line items (`lines[]…` output fields over a top-level `lines` array), with plain
// decimal amounts, so a Zap maps them into QuickBooks Online's or Xero's invoice lines without
// a Formatter step. Checked over the whole app, so a new invoice output cannot forget them.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import App from '../../index.js';
import { parseMajorUnits } from '../../src/domain/app-values.js';
import { formatDecimal } from '../../src/domain/currency.js';
import { CURRENCIES } from './arbitraries.js';

type Operation = { key: string; operation: { sample?: Record<string, unknown>; outputFields?: Array<{ key: string }> } };
const operations = (['triggers', 'creates', 'searches'] as const).flatMap((kind) =>
  Object.values((App as unknown as Record<string, Record<string, Operation>>)[kind] ?? {}),
);
const invoiceOutputs = operations.filter((op) => Array.isArray(op.operation.sample?.invoices));

describe('line items out', () => {
  it('finds the invoice outputs (so the check below checks something)', () => {
    expect(invoiceOutputs.map((op) => op.key).sort()).toEqual(
      expect.arrayContaining(['create_invoices_from_line_items', 'create_invoices_from_order', 'import_external_order', 'import_order']),
    );
  });

  it.each(invoiceOutputs.map((op) => [op.key, op] as const))('%s lists every invoice line as a Zapier line item', (_key, op) => {
    const sample = op.operation.sample!;
    const invoices = sample.invoices as Array<{ id: string }>;
    const lines = sample.lines as Array<Record<string, unknown>>;
    const keys = (op.operation.outputFields ?? []).map((field) => field.key);
    for (const key of ['description', 'quantity', 'amount_decimal', 'tax_decimal', 'tax_rate', 'invoice_number'])
      expect(keys).toContain(`lines[]${key}`);
    expect(lines.length).toBeGreaterThanOrEqual(invoices.length);
    expect(new Set(lines.map((line) => line.invoice_id))).toEqual(new Set(invoices.map((invoice) => invoice.id)));
    for (const line of lines) expect(line.amount_decimal).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('gives New Order’s lines plain decimal prices too', () => {
    const newOrder = operations.find((op) => op.key === 'new_order')!;
    const keys = newOrder.operation.outputFields!.map((field) => field.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'lines[]description',
        'lines[]quantity',
        'lines[]unit_price_decimal',
        'lines[]line_total_decimal',
        'lines[]tax_rate',
      ]),
    );
  });

  it('writes decimals that read back to the same minor units, in every currency', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (currency, minor) => {
        const text = formatDecimal(minor, currency);
        expect(text).not.toMatch(/[,\s]/);
        expect(parseMajorUnits(text, currency, 'Amount')).toBe(minor);
      }),
      { numRuns: 500 },
    );
  });
});
