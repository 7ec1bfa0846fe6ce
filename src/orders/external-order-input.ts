// The fields of an order from another app, shared by Create Invoices From Line Items and
// Import Order From Another App (the same keys, so a Zap can switch between them), and their
// reading: a value that cannot be read exactly stops the step naming the field and the value,
// before anything is booked.
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { blankToUndefined, labelsOf, optional, parseInput, yesNoField } from '../api/input.js';
import { studioError } from '../api/errors.js';
import { AppValueError } from '../domain/app-values.js';
import { readExternalOrder, type ExternalOrder, type ExternalOrderFields, type FieldKey } from '../domain/external-order.js';
import { SOURCE_APP_CHOICES } from '../domain/source-apps.js';
import type { ClientOf } from '../contacts/match-or-create.js';

const lineItemFields: PlainInputField[] = [
  {
    key: 'description',
    label: 'Description',
    type: 'string',
    helpText: 'What was sold, e.g. "Fine Art Print 8x10". Shopify: Title. WooCommerce: Name.',
  },
  { key: 'quantity', label: 'Quantity', type: 'string', helpText: 'A whole number; empty is 1.' },
  {
    key: 'unit_price',
    label: 'Unit Price',
    type: 'string',
    helpText:
      'The price of one before discounts, in major units ("12.50"), tax included as Prices Include Tax says. Shopify: Price. Not needed with Line Total.',
  },
  {
    key: 'line_discount',
    label: 'Line Discount',
    type: 'string',
    helpText: 'The discounts on this line alone, in major units; several are added up. Shopify: Discount Allocations Amount.',
  },
  {
    key: 'line_total',
    label: 'Line Total',
    type: 'string',
    helpText:
      'The line’s amount after its discounts, instead of Unit Price. WooCommerce: Total (it excludes tax, even in a store whose prices include it).',
  },
  {
    key: 'tax_rate',
    label: 'Tax Rate',
    type: 'string',
    helpText:
      'The line’s rate, or its tax lines’ rates (added up). Shopify: Tax Lines Rate. Empty: Tax Rate IDs, else Tax Rate for Total, else untaxed for Shopify and WooCommerce.',
  },
  {
    key: 'tax_rate_ids',
    label: 'Tax Rate IDs',
    type: 'string',
    helpText: 'Which of the order’s Tax Lines taxed this line, by rate ID. WooCommerce: Taxes Id.',
  },
  {
    key: 'tax',
    label: 'Tax Charged',
    type: 'string',
    helpText:
      'The tax charged on the whole line after discounts, in major units; several are added up. Shopify: Tax Lines Price. WooCommerce: Total Tax. Empty: worked out.',
  },
];

/** The order's fields, in the order a Zap builder fills them in. */
export const externalOrderFields = [
  {
    key: 'source_app',
    label: 'Source App',
    type: 'string',
    required: false,
    choices: SOURCE_APP_CHOICES,
    helpText:
      'The app the order comes from: it sets how the fields below are read (Shopify’s fractional rates, WooCommerce’s UTC dates and line totals). With the reference it names the order: running again books nothing new.',
  },
  {
    key: 'reference',
    label: 'Order Reference',
    type: 'string',
    required: true,
    helpText:
      'The order’s number or ID in that app, e.g. Shopify’s Order Number (#1001), WooCommerce’s Order ID or Pic-Time’s Order ID. Stored on the invoices, and searchable.',
  },
  {
    key: 'placed_at',
    label: 'Placed At',
    type: 'string',
    required: false,
    helpText:
      'When the order was placed: ISO 8601 with a time zone, Pic-Time’s "/Date(1700000000000)/", or Unix time. WooCommerce: Date Created Gmt (read as UTC). Empty: now.',
  },
  {
    key: 'currency',
    label: 'Currency',
    type: 'string',
    required: true,
    helpText: 'The ISO 4217 code the amounts are in, e.g. GBP, USD, EUR, JPY.',
  },
  {
    key: 'prices_include_tax',
    label: 'Prices Include Tax',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText:
      'Yes when the prices include tax (Shopify: Taxes Included). WooCommerce: not read, its line figures exclude tax. An order with only a Total is read as tax included.',
  },
  {
    key: 'tax_rate_format',
    label: 'Tax Rate Format',
    type: 'string',
    required: false,
    choices: { percent: 'Percent: 20 means 20%', fraction: 'Fraction: 0.2 means 20%' },
    helpText:
      'How rates are written. Empty: as the Source App writes them (Shopify: fraction; others: percent). A percent between 0 and 1, or a fraction above 1, stops the step.',
  },
  {
    key: 'paid',
    label: 'Paid',
    type: 'string',
    required: false,
    helpText:
      'Whether the client has paid: yes/no, or the app’s payment status. Paid: paid, approved (Pic-Time), completed or processing (WooCommerce), succeeded. ' +
      'Unpaid: unpaid, pending, pending approval, authorized, partially_paid, on-hold, failed. Empty: unpaid (open invoices).',
  },
  { key: 'client_email', label: 'Client Email', type: 'string', required: false },
  { key: 'client_first_name', label: 'Client First Name', type: 'string', required: false },
  { key: 'client_last_name', label: 'Client Last Name', type: 'string', required: false },
  {
    key: 'client_phone',
    label: 'Client Phone',
    type: 'string',
    required: false,
    helpText: 'With or without the country code; a number without one is read as a number of your studio’s country.',
  },
  {
    key: 'line_items',
    label: 'Line Items',
    required: false,
    // Zapier allows no help text on a line-item group: Total's help says when to leave it empty.
    children: lineItemFields,
  },
  {
    key: 'discount',
    label: 'Discount',
    type: 'string',
    required: false,
    helpText:
      'An order discount in major units, shared across the lines by value. Leave empty for Shopify and WooCommerce: their lines carry their own discounts.',
  },
  {
    key: 'shipping_amount',
    label: 'Shipping Amount',
    type: 'string',
    required: false,
    helpText: 'What the client paid for shipping, in major units. Shopify: Shipping Lines Discounted Price. WooCommerce: Shipping Total.',
  },
  {
    key: 'shipping_tax_rate',
    label: 'Shipping Tax Rate',
    type: 'string',
    required: false,
    helpText:
      'Shipping’s rate (Shopify: Shipping Lines Tax Lines Rate). Empty: from the Tax Lines; untaxed for Shopify; otherwise shipping follows the goods’ rates.',
  },
  {
    key: 'shipping_tax',
    label: 'Shipping Tax Charged',
    type: 'string',
    required: false,
    helpText: 'The tax charged on shipping, in major units. Shopify: Shipping Lines Tax Lines Price. WooCommerce: Shipping Tax.',
  },
  {
    key: 'tax_lines_rate_ids',
    label: 'Tax Lines Rate IDs',
    type: 'string',
    required: false,
    helpText: 'The order’s tax lines, one item each, in the same order in the four Tax Lines fields. WooCommerce: Tax Lines Rate Id.',
  },
  {
    key: 'tax_lines_rate',
    label: 'Tax Lines Rates',
    type: 'string',
    required: false,
    helpText: 'Each tax line’s rate in percent. WooCommerce: Tax Lines Rate Percent.',
  },
  {
    key: 'tax_lines_tax',
    label: 'Tax Lines Tax',
    type: 'string',
    required: false,
    helpText: 'Each tax line’s tax on goods and fees. WooCommerce: Tax Lines Tax Total.',
  },
  {
    key: 'tax_lines_shipping_tax',
    label: 'Tax Lines Shipping Tax',
    type: 'string',
    required: false,
    helpText:
      'Each tax line’s tax on shipping, which also says which rate shipping was taxed at. WooCommerce: Tax Lines Shipping Tax Total.',
  },
  {
    key: 'fee_names',
    label: 'Fee Names',
    type: 'string',
    required: false,
    helpText: 'The order’s fees, e.g. a rush fee. WooCommerce: Fee Lines Name.',
  },
  {
    key: 'fee_amounts',
    label: 'Fee Amounts',
    type: 'string',
    required: false,
    helpText: 'Each fee’s amount without tax. WooCommerce: Fee Lines Total.',
  },
  {
    key: 'fee_taxes',
    label: 'Fee Tax Charged',
    type: 'string',
    required: false,
    helpText: 'The tax charged on each fee. WooCommerce: Fee Lines Total Tax.',
  },
  {
    key: 'total',
    label: 'Total',
    type: 'string',
    required: false,
    helpText:
      'For an order the app gives only a total for (Pic-Time’s New Order Placed): leave Line Items empty and map what the client paid, tax included; booked at Tax Rate for Total. With line items: the order’s total to check against.',
  },
  {
    key: 'total_tax',
    label: 'Total Tax',
    type: 'string',
    required: false,
    helpText: 'Optional: the tax charged on the whole order, to check against (Shopify and WooCommerce: Total Tax).',
  },
  {
    // Not `tax_rate`: Zapier wants every key of a step unique, line items' children included,
    // and `tax_rate` is the line item's. A Zap made through the API may still send `tax_rate`.
    key: 'total_tax_rate',
    label: 'Tax Rate for Total',
    type: 'string',
    required: false,
    helpText: 'The rate of Total, and of any line item without its own rate ("20", or "0.2" as a fraction; 0 for untaxed).',
  },
] as const;

const Text = optional(zod.string().trim());
const LineItem = zod
  .object({
    description: zod.unknown(),
    quantity: zod.unknown(),
    unit_price: zod.unknown(),
    line_discount: zod.unknown(),
    line_total: zod.unknown(),
    tax_rate: zod.unknown(),
    tax_rate_ids: zod.unknown(),
    tax: zod.unknown(),
  })
  .partial();

export const ExternalOrderInput = zod.object({
  source_app: Text,
  reference: zod
    .string({ error: 'is required: map the order’s number or ID in its app' })
    .trim()
    .min(1, 'is required: map the order’s number or ID in its app')
    .max(200),
  placed_at: zod.preprocess(blankToUndefined, zod.unknown()),
  currency: zod
    .string({ error: 'is required: map an ISO 4217 code such as GBP' })
    .trim()
    .min(1, 'is required: map an ISO 4217 code such as GBP'),
  prices_include_tax: yesNoField(false),
  tax_rate_format: zod.preprocess(blankToUndefined, zod.enum(['percent', 'fraction'], { error: 'must be percent or fraction' }).optional()),
  paid: zod.preprocess(blankToUndefined, zod.unknown()),
  client_email: Text,
  client_first_name: Text,
  client_last_name: Text,
  client_phone: Text,
  // Zapier sends line items as a list of objects; one object is one line.
  line_items: zod.preprocess(
    (value) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]),
    zod.array(LineItem, { error: 'must be line items' }),
  ),
  discount: zod.unknown(),
  shipping_amount: zod.unknown(),
  shipping_tax_rate: zod.unknown(),
  shipping_tax: zod.unknown(),
  tax_lines_rate_ids: zod.unknown(),
  tax_lines_rate: zod.unknown(),
  tax_lines_tax: zod.unknown(),
  tax_lines_shipping_tax: zod.unknown(),
  fee_names: zod.unknown(),
  fee_amounts: zod.unknown(),
  fee_taxes: zod.unknown(),
  total: zod.unknown(),
  total_tax: zod.unknown(),
  total_tax_rate: zod.unknown(),
  tax_rate: zod.unknown(),
});

/** The order's fields from the parsed input: Tax Rate for Total is the order's rate (`tax_rate` when a Zap sends that). */
export function orderFieldsOf(input: zod.output<typeof ExternalOrderInput>): ExternalOrderFields {
  return { ...input, tax_rate: blankToUndefined(input.total_tax_rate) ?? input.tax_rate };
}

const LABELS: Record<string, string> = {
  ...labelsOf(externalOrderFields),
  tax_rate: 'Tax Rate for Total',
  ...Object.fromEntries(lineItemFields.map((field) => [`line_items.${field.key}`, `Line Items › ${field.label ?? field.key}`])),
};

/**
 * The order from the step's input, or a message for the Zap builder that names the field and
 * the value (nothing is booked). `fields` are the step's own fields, for labels of its others.
 */
export function readExternalOrderInput<S extends zod.ZodType<zod.output<typeof ExternalOrderInput>>>(
  z: ZObject,
  schema: S,
  inputData: unknown,
  fields: ReadonlyArray<{ key: string; label?: string }>,
): { input: zod.output<S>; order: ExternalOrder } {
  const input = parseInput(z, schema, inputData, fields);
  try {
    return { input, order: readExternalOrder(orderFieldsOf(input), (key: FieldKey) => LABELS[key] ?? key) };
  } catch (error) {
    if (!(error instanceof AppValueError)) throw error;
    throw studioError(z, `Check this step's input. ${error.message} Nothing was booked.`, 'invalid_input');
  }
}

/** The order's client, for matching (a contact created for them is keyed by their identity, as every step keys it). */
export function externalOrderClient(order: ExternalOrder, manualStep: string): ClientOf {
  return { client: order.client, label: order.label, manualStep };
}
