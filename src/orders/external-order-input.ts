// The fields of an order from another app, shared by Create Invoices From Line Items and
// Import Order From Another App (the same keys, so a Zap can switch between them), and their
// reading: a value that cannot be read exactly stops the step naming the field and the value,
// before anything is booked.
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { blankToUndefined, labelsOf, optional, parseInput, yesNoField } from '../api/input.js';
import { studioError } from '../api/errors.js';
import { AppValueError } from '../domain/app-values.js';
import { readExternalOrder, type ExternalOrder, type ExternalOrderFields, type FieldKey } from '../domain/external-order.js';
import type { ClientOf } from '../contacts/match-or-create.js';

const lineItemFields: PlainInputField[] = [
  { key: 'description', label: 'Description', type: 'string', helpText: 'What was sold, e.g. "Fine Art Print 8x10".' },
  { key: 'quantity', label: 'Quantity', type: 'string', helpText: 'A whole number; empty is 1.' },
  {
    key: 'unit_price',
    label: 'Unit Price',
    type: 'string',
    helpText: 'The price of one, in the currency’s major units as the app writes it: "12.50", not 1250. Tax included or not as Prices Include Tax says.',
  },
  {
    key: 'tax_rate',
    label: 'Tax Rate',
    type: 'string',
    helpText: 'The line’s rate, as Tax Rate Format says ("20" as percent, "0.2" as a fraction). Empty: the Tax Rate field below.',
  },
  { key: 'tax', label: 'Tax Charged', type: 'string', helpText: 'Optional: the tax the app charged on the whole line, in major units ("2.50"). Empty: worked out from the rate.' },
];

/** The order's fields, in the order a Zap builder fills them in. */
export const externalOrderFields = [
  {
    key: 'source_app',
    label: 'Source App',
    type: 'string',
    required: false,
    helpText:
      'The app the order comes from, e.g. "Shopify", "WooCommerce" or "Pic-Time" (compared without regard to case). With the reference it names the order: running this step again for the same app and reference books nothing new.',
  },
  {
    key: 'reference',
    label: 'Order Reference',
    type: 'string',
    required: true,
    helpText: 'The order’s number or ID in that app, e.g. Shopify’s Order Number (#1001), WooCommerce’s Order ID or Pic-Time’s Order ID. Stored on the invoices, and searchable.',
  },
  {
    key: 'placed_at',
    label: 'Placed At',
    type: 'string',
    required: false,
    helpText: 'When the order was placed: ISO 8601 with a time zone ("2026-05-01T10:00:00Z"), Pic-Time’s "/Date(1700000000000)/", or Unix seconds or milliseconds. Empty: now.',
  },
  { key: 'currency', label: 'Currency', type: 'string', required: true, helpText: 'The ISO 4217 code the amounts are in, e.g. GBP, USD, EUR, JPY.' },
  {
    key: 'prices_include_tax',
    label: 'Prices Include Tax',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText: 'Yes when the prices already include tax (Shopify’s Taxes Included; usual in the UK and EU). An order with only a Total is always read as tax included.',
  },
  {
    key: 'tax_rate_format',
    label: 'Tax Rate Format',
    type: 'string',
    required: false,
    default: 'percent',
    choices: { percent: 'Percent: 20 means 20%', fraction: 'Fraction: 0.2 means 20% (Shopify’s tax lines)' },
    helpText: 'How the app writes tax rates. Never guessed: a percent rate between 0 and 1, or a fraction above 1, stops the step.',
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
  { key: 'discount', label: 'Discount', type: 'string', required: false, helpText: 'The order’s discount in major units ("5.00"), shared across the lines by value.' },
  { key: 'shipping_amount', label: 'Shipping Amount', type: 'string', required: false, helpText: 'What the client paid for shipping, in major units ("9.95").' },
  {
    key: 'shipping_tax_rate',
    label: 'Shipping Tax Rate',
    type: 'string',
    required: false,
    helpText: 'Shipping’s own rate, if it has one. Empty: shipping follows the goods, shared across their rates.',
  },
  { key: 'shipping_tax', label: 'Shipping Tax Charged', type: 'string', required: false, helpText: 'Optional: the tax the app charged on shipping, in major units.' },
  {
    key: 'total',
    label: 'Total',
    type: 'string',
    required: false,
    helpText:
      'For an order the app gives only a total for (Pic-Time’s New Order Placed): leave Line Items empty and map what the client paid here, tax included; it is booked as one invoice at Tax Rate for Total. ' +
      'With line items: optional, the order’s total to check the invoices against.',
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
const LineItem = zod.object({ description: zod.unknown(), quantity: zod.unknown(), unit_price: zod.unknown(), tax_rate: zod.unknown(), tax: zod.unknown() }).partial();

export const ExternalOrderInput = zod.object({
  source_app: Text,
  reference: zod.string({ error: 'is required: map the order’s number or ID in its app' }).trim().min(1, 'is required: map the order’s number or ID in its app').max(200),
  placed_at: zod.preprocess(blankToUndefined, zod.unknown()),
  currency: zod.string({ error: 'is required: map an ISO 4217 code such as GBP' }).trim().min(1, 'is required: map an ISO 4217 code such as GBP'),
  prices_include_tax: yesNoField(false),
  tax_rate_format: zod.preprocess(blankToUndefined, zod.enum(['percent', 'fraction'], { error: 'must be percent or fraction' }).default('percent')),
  paid: zod.preprocess(blankToUndefined, zod.unknown()),
  client_email: Text,
  client_first_name: Text,
  client_last_name: Text,
  client_phone: Text,
  // Zapier sends line items as a list of objects; one object is one line.
  line_items: zod.preprocess((value) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]), zod.array(LineItem, { error: 'must be line items' })),
  discount: zod.unknown(),
  shipping_amount: zod.unknown(),
  shipping_tax_rate: zod.unknown(),
  shipping_tax: zod.unknown(),
  total: zod.unknown(),
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
