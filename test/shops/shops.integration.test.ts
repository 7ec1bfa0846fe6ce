// A sample of the generated shop orders (test/shops/) through the real steps against the
// sandbox: mapped by the worked Zaps, booked by Create Invoices From Line Items or Import Order
// From Another App through Zapier's handler, then read back from the API. The invoices the API
// holds must be exactly what the shop charged, as in the pure property test; a replay books
// nothing new. Each order has its own reference, so the tests pass in any order.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import createInvoicesFromLineItems from '../../src/invoices/create_invoices_from_line_items.js';
import importExternalOrder from '../../src/orders/import_external_order.js';
import type { Invoice } from '../../src/contract/invoices.js';
import { differencesFrom, type Charged } from './charged.js';
import { picTimeOrderArb } from './pictime.js';
import { applyRecipe, readRecipe, type AppName } from './recipe.js';
import { shopifyOrderArb } from './shopify.js';
import { wooCommerceOrderArb } from './woocommerce.js';
import { runOperation, useSandbox } from '../support/index.js';

const sandbox = useSandbox();

interface Generated {
  order: unknown;
  charged: Charged;
  studioRate?: string;
}

const SAMPLE = 6;
const cases: Array<{ app: AppName; arb: (currency: string) => fc.Arbitrary<Generated>; currencies: string[]; seed: number }> = [
  { app: 'Shopify', arb: shopifyOrderArb, currencies: ['GBP', 'USD', 'JPY'], seed: 101 },
  { app: 'WooCommerce', arb: wooCommerceOrderArb, currencies: ['EUR', 'USD', 'KWD'], seed: 202 },
  { app: 'Pic-Time', arb: picTimeOrderArb, currencies: ['GBP', 'JPY'], seed: 303 },
];

describe.each(cases)('$app orders through the real steps', ({ app, arb, currencies, seed }) => {
  it.each(currencies)('books a sample of %s orders exactly as charged, and a replay books nothing new', async (currency) => {
    const recipe = readRecipe(app);
    const sample = fc.sample(arb(currency), { numRuns: SAMPLE, seed: seed + currency.charCodeAt(0) });
    for (const [index, { order, charged, studioRate }] of sample.entries()) {
      const input = applyRecipe(recipe, order, studioRate ? { total_tax_rate: studioRate } : {});
      // Every order its own reference in this sandbox: the generator's ids may repeat across runs.
      const reference = `${String(input.reference)}-${currency}-${index}-${seed}`;
      const step = index % 2 === 0 ? createInvoicesFromLineItems : importExternalOrder;
      const inputData = {
        ...input,
        reference,
        ...(step === importExternalOrder ? { create_contact_if_missing: 'false', attach_to_latest_shoot: 'false' } : {}),
      };
      const run = () => runOperation<Record<string, unknown>>(step.operation.perform, { authData: sandbox.authData, inputData });
      // How many invoices this run created (the two steps name it differently).
      const created = (output: Record<string, unknown>) => output.invoices_created ?? output.created;
      const first = await run();
      const sourceApp = app.toLowerCase();
      const listed = await sandbox.api(
        'GET',
        `/v1/invoices?source_app=${encodeURIComponent(sourceApp)}&source_reference=${encodeURIComponent(reference)}&limit=100`,
      );
      expect(listed.status).toBe(200);
      const invoices = listed.body.data as Invoice[];
      expect({ reference, differences: differencesFrom(charged, invoices) }).toEqual({ reference, differences: [] });
      expect(created(first)).toBe(invoices.length);
      const again = await run();
      expect(created(again)).toBe(0);
    }
  });
});
