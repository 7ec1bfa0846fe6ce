// A lone UTF-16 surrogate (half of an emoji, cut by a spreadsheet or a formatter) in any string
// field of any operation: the step stops with a Zapier error naming the field, never with a raw
// `URIError: URI malformed` from building a URL, and nothing is sent to the API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import App from '../../index.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { startReliabilitySandbox, type ReliabilitySandbox } from './support.js';
import { failureOf, keysOf, methodOf, invokeApp, type OperationKind } from '../support/index.js';

let sandbox: ReliabilitySandbox;

beforeAll(async () => {
  sandbox = await startReliabilitySandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

const { brands, presets, jobs, galleries, contacts, orders } = DEMO_IDS;

/** Values that pass each field's validation, so the surrogate in another field reaches as far as it can. */
const PLAUSIBLE: Record<string, unknown> = {
  brand_id: brands.northlight,
  preset_id: presets.classic,
  job_id: jobs.hartWedding,
  gallery_id: galleries.brontePortraits,
  contact_id: contacts.amelia,
  order_id: orders.bennettPrints,
  email: 'amelia.hart@example.com',
  client_email: 'amelia.hart@example.com',
  first_name: 'Amelia',
  last_name: 'Hart',
  name: 'Amelia & Tom – Wedding',
  event_date: '2026-06-13',
  stage_id: 'stg_booked',
  source_app: 'Shopify',
  reference: '#1001',
  placed_at: '2026-11-28T14:03:11+00:00',
  currency: 'GBP',
  line_items: [{ description: 'Print', quantity: '2', unit_price: '12.50', tax_rate: '20' }],
  total: '25.00',
  number: 'ORD-1001',
};

interface Field {
  key: string;
  label?: string;
  type?: string;
  children?: unknown;
  list?: boolean;
}

function stringFieldsOf(kind: OperationKind, key: string): Field[] {
  const group = App[kind === 'trigger' ? 'triggers' : kind === 'create' ? 'creates' : 'searches'] as unknown as Record<
    string,
    { operation: { inputFields?: unknown[] } }
  >;
  return (group[key]?.operation.inputFields ?? []).filter(
    (field): field is Field =>
      typeof field === 'object' &&
      field !== null &&
      'key' in field &&
      !('children' in field) &&
      [undefined, 'string', 'text', 'email', 'datetime'].includes((field as Field).type),
  );
}

const LONE_SURROGATE = 'Amelia \uD83D Hart';

const CASES = (['create', 'search', 'trigger'] as const).flatMap((kind) =>
  keysOf(kind).flatMap((key) =>
    stringFieldsOf(kind, key).map((field) => ({
      kind,
      key,
      field: field.key,
      label: field.label ?? field.key,
      all: stringFieldsOf(kind, key),
    })),
  ),
);

describe('a lone surrogate in a string field', () => {
  it('covers the app: every operation with string fields is tried', () => {
    expect(new Set(CASES.map((c) => c.key)).size).toBeGreaterThan(20);
  });

  it.each(CASES)('$key ($kind) field $field: a Zapier error naming the field', async ({ kind, key, field, label, all }) => {
    const inputData: Record<string, unknown> = {};
    for (const other of all) if (PLAUSIBLE[other.key] !== undefined) inputData[other.key] = PLAUSIBLE[other.key];
    inputData[field] = LONE_SURROGATE;
    const failure = await failureOf(invokeApp(methodOf(kind, key), { authData: sandbox.authData, inputData }));
    expect(failure.raw).not.toMatch(/URIError|URI malformed/);
    expect(failure.name).toBe('AppError');
    // Named by its label, or by its key where the step reads the field itself (a dropdown's Search).
    expect(failure.message.includes(label) || failure.message.includes(`${field}:`)).toBe(true);
    expect(failure.message).toMatch(/broken character/);
  });
});
