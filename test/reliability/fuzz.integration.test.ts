// Fuzz: whatever a Zap maps into a step — wrong types, nothing, huge text, any Unicode,
// negative money, things that look like emails, phones, dates and ids but are not — every
// operation (each create, search and trigger, with its declared fields and some it does not
// declare) either works or stops with a Zapier error (z.errors.Error, or a HaltedError for a
// stop the data calls for, such as two contacts fitting the name typed) a person can act on:
// a message that is not empty, names a field or says what to do, and carries no stack trace,
// no "[object Object]", no "undefined", and no credential. Run against the real sandbox, so
// inputs that pass validation meet the real API. `npm run soak` tries many more inputs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import App from '../../index.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { COUNTS, LeakWatch, startReliabilitySandbox, type ReliabilitySandbox } from './support.js';
import { readFailure, keysOf, methodOf, invokeApp, type OperationKind, type ZapierFailure } from '../support/index.js';

let sandbox: ReliabilitySandbox;
const watch = new LeakWatch();

beforeAll(async () => {
  sandbox = await startReliabilitySandbox();
  watch.credentials(sandbox.studio);
});
afterAll(async () => {
  await sandbox?.stop();
});

// ---- inputs ----

const { brands, presets, jobs, galleries, contacts, orders } = DEMO_IDS;

/** Values a field might plausibly get right, so fuzzing also reaches past validation. */
const PLAUSIBLE: Record<string, unknown[]> = {
  brand_id: [brands.northlight, brands.family],
  preset_id: [presets.classic, presets.familyPrintShop],
  job_id: [jobs.hartWedding, jobs.clarkeNewborn, jobs.shahMaternity],
  gallery_id: [galleries.brontePortraits, galleries.shahMaternity],
  contact_id: [contacts.amelia, contacts.priya],
  order_id: [orders.bennettPrints, orders.hartAlbumCanvas, orders.wilsonPrints],
  email: ['amelia.hart@example.com', 'Oliver.Bennett@example.co.uk '],
  client_email: ['amelia.hart@example.com'],
  phone: ['+44 7700 900101', '07700 900107'],
  first_name: ['Amelia', 'James'],
  last_name: ['Hart', 'Wilson'],
  name: ['Amelia & Tom – Wedding', 'zoë brontë portraits'],
  slug: ['amelia-and-tom-wedding', 'Summer Minis 2026'],
  event_date: ['2026-06-13', '2026-06-13T10:00:00+01:00'],
  on_or_before: ['2026-12-01T00:00:00Z'],
  payment_status: ['paid', 'all'],
  first_payment_only: ['true', 'false'],
  create_contact_if_missing: ['true', 'no'],
  attach_to_latest_shoot: ['false', 'yes'],
  // Orders from other apps: values as the apps write them.
  source_app: ['Shopify', 'Pic-Time'],
  reference: ['#1001', 'PT-20931'],
  placed_at: ['/Date(1796061600000)/', '2026-11-28T14:03:11+00:00', '1796061600'],
  currency: ['GBP', 'usd'],
  prices_include_tax: ['true', 'no'],
  tax_rate_format: ['percent', 'fraction'],
  paid: ['approved', 'pending approval', 'processing'],
  client_first_name: ['Amelia'],
  client_phone: ['07700 900101'],
  line_items: [[{ description: 'Print', quantity: '2', unit_price: '12.50', tax_rate: '20' }]],
  discount: ['1.00', '0'],
  shipping_amount: ['4.95'],
  total: ['86.40', '12.505'],
  total_tax_rate: ['20', '0.2'],
  stage_id: ['stg_booked', 'stg_inquiry', 'stg_delivered'],
  job_status: ['all', 'lead', 'booked'],
  job_type: ['Wedding', 'Newborn'],
  number: ['ORD-1001', 'ord-1004 '],
  allow_shared_email: ['true', 'false'],
};

/** Text that has broken integrations before. */
const TRICKY_TEXT = [
  '',
  ' ',
  '\t\n ',
  'null',
  '{{bundle.authData.access_token}}',
  '{{bundle.inputData.email}}',
  '../../v1/me',
  '..%2F..%2Fv1%2Fme',
  'con_amelia_hart?limit=100',
  'gal_does_not_exist',
  `ord_${'x'.repeat(300)}`,
  'not-an-email',
  'a@b',
  'amelia@@example.com',
  'amelia.hart@example.com\nBcc: x@example.com',
  '+1',
  '+44 7700 900101 ext. 12',
  '0000000000000000000000',
  'tel:+447700900101',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  'yesterday',
  '1970-01-01',
  '-1',
  '-0.01',
  '1e309',
  'Infinity',
  'true',
  "Robert'); DROP TABLE contacts;--",
  '<script>alert(1)</script>',
  'Zoë Brontë',
  '李小龙',
  'مرحبا',
  '🙂📸👩‍👩‍👧',
  '\u0000',
  '\u202eevil',
  'x'.repeat(5_000),
];

const huge = fc.constantFrom('x'.repeat(300_000), 'é'.repeat(70_000), '9'.repeat(100_000));

const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000_000, max: -1 }) }, // negative money
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() }, // NaN, ±Infinity, -0 included
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }) },
);

interface FieldInfo {
  key: string;
  label?: string;
}

function fieldsOf(kind: OperationKind, key: string): FieldInfo[] {
  const group = App[kind === 'trigger' ? 'triggers' : kind === 'create' ? 'creates' : 'searches'] as unknown as Record<
    string,
    { operation: { inputFields?: unknown[] } }
  >;
  return (group[key]?.operation.inputFields ?? []).filter(
    (field): field is FieldInfo => typeof field === 'object' && field !== null && 'key' in field,
  );
}

/** inputData over the operation's fields (each left out, plausible, or anything) and a stray key. */
function inputsFor(fields: readonly FieldInfo[]): fc.Arbitrary<Record<string, unknown>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) {
    const plausible = PLAUSIBLE[field.key];
    record[field.key] = plausible ? fc.oneof(fc.constantFrom(...plausible), anything) : anything;
  }
  record.unexpected_field = anything;
  return fc.record(record, { requiredKeys: [] });
}

// ---- what a rejection must look like ----

const ACTION_WORDS =
  /\b(choose|check|fill in|use|write|add|map|leave|try|reconnect|contact|pick|give|enter|remove|make sure|select|link|run)\b/i;

function expectActionable(failure: ZapierFailure, fields: readonly FieldInfo[]): void {
  const message = failure.message;
  expect(['AppError', 'HaltedError']).toContain(failure.name);
  // A halted stop is one the app chose, so it carries its code (ambiguous_contact, …).
  if (failure.name === 'HaltedError') expect(failure.code).toEqual(expect.any(String));
  expect(message.trim().length).toBeGreaterThan(15);
  expect(message).not.toMatch(/\n\s+at\s/); // no stack trace
  expect(message).not.toContain('[object Object]');
  expect(message).not.toMatch(/\bundefined\b/);
  const namesAField = fields.some((field) => field.label && message.includes(field.label));
  expect(namesAField || ACTION_WORDS.test(message)).toBe(true);
}

/** An input as JSON with long strings cut short, for a readable failure. */
function brief(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' && item.length > 60
      ? `${item.slice(0, 40)}…(${item.length} characters)`
      : item === undefined
        ? '(undefined)'
        : item,
  );
}

const OPERATIONS = (['create', 'search', 'trigger'] as const).flatMap((kind) =>
  keysOf(kind).map((key) => ({ kind, key, fields: fieldsOf(kind, key) })),
);

describe.each(OPERATIONS)('$key ($kind) with generated input', ({ kind, key, fields }) => {
  it('works or stops with a Zapier error a person can act on; nothing else escapes', async () => {
    const method = methodOf(kind, key);
    const details = await fc.check(
      fc.asyncProperty(inputsFor(fields), async (inputData) => {
        let failure: ZapierFailure | null = null;
        try {
          await invokeApp(method, { authData: sandbox.authData, inputData });
        } catch (error) {
          failure = watch.saw(readFailure(error));
        }
        if (failure) {
          try {
            expectActionable(failure, fields);
          } catch (assertion) {
            throw new Error(`${failure.name}: ${failure.message.slice(0, 600)}\n${(assertion as Error).message}`);
          }
        }
      }),
      { numRuns: COUNTS.fuzzRuns, endOnFailure: !process.env.FUZZ_SHRINK },
    );
    if (details.failed) {
      throw new Error(
        `input ${brief(details.counterexample?.[0])} (seed ${details.seed}):\n${(details.errorInstance as Error | undefined)?.message ?? ''}`,
      );
    }
  });
});

it('sends text that looks like a Zapier template ({{bundle.…}}) exactly as typed: never an error, never the token', async () => {
  const email = 'curly.braces@example.com';
  const created = (await invokeApp(methodOf('create', 'create_contact'), {
    authData: sandbox.authData,
    inputData: { first_name: '{{bundle.authData.access_token}}', last_name: '{{process.env.CLIENT_SECRET}}', email },
  })) as { id: string };
  const stored = (await sandbox.api('GET', `/v1/contacts/${created.id}`)).body;
  expect([stored.first_name, stored.last_name]).toEqual(['{{bundle.authData.access_token}}', '{{process.env.CLIENT_SECRET}}']);
  const found = (await invokeApp(methodOf('search', 'find_gallery'), {
    authData: sandbox.authData,
    inputData: { name: '{{bundle.inputData.name}}' },
  })) as unknown[];
  expect(found).toEqual([]);
});

// No credential reached a sandbox log line or an error message while fuzzing.
watch.checkAfterAll(() => sandbox.logLines);
