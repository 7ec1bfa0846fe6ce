// Booked = what the shop charged, for orders generated the way each shop computes and writes
// them (shopify.ts, woocommerce.ts, pictime.ts) and mapped into the step exactly as the worked
// Zaps of docs/orders-from-other-apps.md say (recipe.ts). Every order must book, and every
// invoice must carry the shop's figures: total and tax to the unit, tax and amount per rate.
// SHOP_ORDERS sets how many orders per app and currency (default 2,000); SHOPS_REPORT=1 prints
// the counts.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readExternalOrder, splitExternalOrder } from '../../src/domain/external-order.js';
import { ExternalOrderInput, orderFieldsOf } from '../../src/orders/external-order-input.js';
import { differencesFrom, type Charged } from './charged.js';
import { picTimeOrderArb, PICTIME_CURRENCIES } from './pictime.js';
import { applyRecipe, readRecipe, type AppName } from './recipe.js';
import { shopifyOrderArb, SHOPIFY_CURRENCIES } from './shopify.js';
import { wooCommerceOrderArb, WOOCOMMERCE_CURRENCIES } from './woocommerce.js';

const ORDERS = Number(process.env.SHOP_ORDERS ?? 2000);

/** Books the step's input as the step reads it (its schema, the reader, the split), or says why it refused. */
function bookInput(input: Record<string, unknown>) {
  const fields = orderFieldsOf(ExternalOrderInput.parse(input));
  return splitExternalOrder(readExternalOrder(fields, (key) => key));
}

interface Generated {
  order: unknown;
  charged: Charged;
  studioRate?: string;
}

const apps: Array<{ app: AppName; currencies: string[]; arb: (currency: string) => fc.Arbitrary<Generated> }> = [
  { app: 'Shopify', currencies: SHOPIFY_CURRENCIES, arb: shopifyOrderArb },
  { app: 'WooCommerce', currencies: WOOCOMMERCE_CURRENCIES, arb: wooCommerceOrderArb },
  { app: 'Pic-Time', currencies: PICTIME_CURRENCIES, arb: picTimeOrderArb },
];

describe.each(apps)('$app orders, mapped as the worked Zap says', ({ app, currencies, arb }) => {
  const recipe = readRecipe(app);

  it.each(currencies)(`books every %s order exactly as charged`, (currency) => {
    const counts = { generated: 0, exact: 0, refused: 0, different: 0 };
    const failures: string[] = [];
    fc.assert(
      fc.property(arb(currency), ({ order, charged, studioRate }) => {
        counts.generated += 1;
        const input = applyRecipe(recipe, order, studioRate ? { total_tax_rate: studioRate } : {});
        let invoices;
        try {
          invoices = bookInput(input);
        } catch (error) {
          counts.refused += 1;
          if (failures.length < 3) failures.push(`refused: ${(error as Error).message}\n${JSON.stringify(order)}`);
          return;
        }
        const differences = differencesFrom(charged, invoices);
        if (differences.length > 0) {
          counts.different += 1;
          if (failures.length < 3) failures.push(`${differences.join('; ')}\n${JSON.stringify(order)}`);
          return;
        }
        counts.exact += 1;
      }),
      { numRuns: ORDERS },
    );
    if (process.env.SHOPS_REPORT) process.stdout.write(`shops: ${app} ${currency}: ${JSON.stringify(counts)}\n`);
    expect(failures).toEqual([]);
    expect(counts).toEqual({ generated: ORDERS, exact: ORDERS, refused: 0, different: 0 });
  });
});
