// The apps orders come from, and how each one writes an order: what its figures mean, so the
// same field is read on that app's own terms. Pure data; external-order.ts applies it.
import type { TaxRateFormat } from './app-values.js';

/** The apps the step knows by name; any other name is read by the general rules ("other"). */
export type SourceAppKind = 'shopify' | 'woocommerce' | 'pic-time' | 'other';

export interface SourceAppRules {
  kind: SourceAppKind;
  /** How the app writes a tax rate when the Zap does not say (Shopify's tax lines: 0.2). */
  rateFormat: TaxRateFormat;
  /** A date and time without an offset is UTC by the app's documentation (WooCommerce's `date_created_gmt`). */
  offsetlessDatesAreUtc: boolean;
  /**
   * The app's amounts are plain decimals (never a thousands separator), so a comma in a line's
   * rate, tax or discount is Zapier joining a nested list (several tax lines, several discount
   * allocations), not a grouping of digits.
   */
  commaJoinedLists: boolean;
  /** A line's figures exclude tax whatever the store's prices do (WooCommerce's `total`, `total_tax`). */
  lineFiguresExcludeTax: boolean;
  /** A line or shipping with no tax line at all is untaxed (0%), as the app writes an untaxed item. */
  noTaxLinesMeansUntaxed: boolean;
}

const GENERAL: Omit<SourceAppRules, 'kind'> = {
  rateFormat: 'percent',
  offsetlessDatesAreUtc: false,
  commaJoinedLists: false,
  lineFiguresExcludeTax: false,
  noTaxLinesMeansUntaxed: false,
};

const RULES: Record<SourceAppKind, SourceAppRules> = {
  // Admin REST "Order": decimal strings, tax lines with fractional rates on every taxed line and
  // shipping line (none on an untaxed one), discounts allocated to the lines they apply to.
  shopify: { ...GENERAL, kind: 'shopify', rateFormat: 'fraction', commaJoinedLists: true, noTaxLinesMeansUntaxed: true },
  // REST v3 "Order": line totals after coupons and without tax (even in a tax-inclusive store),
  // tax per rate id in tax_lines with rate_percent, `*_gmt` dates in UTC without an offset.
  woocommerce: {
    ...GENERAL,
    kind: 'woocommerce',
    offsetlessDatesAreUtc: true,
    commaJoinedLists: true,
    lineFiguresExcludeTax: true,
    noTaxLinesMeansUntaxed: true,
  },
  // Pic-Time's own Zapier app: a total, tax included, at the studio's rate.
  'pic-time': { ...GENERAL, kind: 'pic-time' },
  other: { ...GENERAL, kind: 'other' },
};

/** The names the Source App field offers, as the Zap builder sees them. */
export const SOURCE_APP_CHOICES = { Shopify: 'Shopify', WooCommerce: 'WooCommerce', 'Pic-Time': 'Pic-Time', Other: 'Other' } as const;

/** The app when the Zap names none: still a source, so replays of its orders are recognised. */
export const UNNAMED_APP = 'other';

/** "Pic-Time", "pic time" and " PIC-TIME " are one app: lower-case words joined by hyphens. */
export function sourceAppKey(text: string | undefined): string {
  const key = (text ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  if (key === 'woo-commerce') return 'woocommerce';
  return key === '' ? UNNAMED_APP : key;
}

/** The reading rules for an app key ("shopify"); any app not named here is read by the general rules. */
export function sourceAppRules(appKey: string): SourceAppRules {
  return appKey in RULES ? RULES[appKey as SourceAppKind] : RULES.other;
}
