// Every operation of the app with a realistic input against the demo studio, for the
// benchmarks that run each one: its kind, the function Zapier would call, and the input.
import { createRequire } from 'node:module';
import zapier from 'zapier-platform-core';
import App from '../index.js';
import { DEMO_IDS } from '../sandbox/world/seed.js';

type OperationFn = (z: never, bundle: never) => unknown;
interface OperationHolder {
  operation: { perform?: OperationFn; performList?: OperationFn };
}

export interface BenchOperation {
  key: string;
  kind: 'trigger' | 'create' | 'search';
  /** The method Zapier calls: performList of hook triggers, perform of everything else. */
  method: string;
  inputData: Record<string, unknown>;
  /** What the input means, for tables. */
  story: string;
  /**
   * Puts the studio back in the state the operation expects before each run (not timed),
   * for operations that cannot simply be run again (unlinking needs a link to remove).
   */
  prepare?: (api: (method: string, path: string, body?: unknown) => Promise<{ status: number }>) => Promise<void>;
}

const GROUPS = { trigger: 'triggers', create: 'creates', search: 'searches' } as const;

function methodOf(kind: BenchOperation['kind'], key: string): string {
  const holder = (App[GROUPS[kind]] as unknown as Record<string, OperationHolder>)[key];
  if (!holder) throw new Error(`the app has no ${kind} ${key}`);
  const name = kind === 'trigger' && holder.operation.performList ? 'performList' : 'perform';
  return `${GROUPS[kind]}.${key}.operation.${name}`;
}

type Handler = (event: object) => Promise<{ results: unknown }>;

// zapier-platform-core ends a process that has run 250 invocations while holding more than
// 450 MB (it recycles Lambdas that way); a benchmark holds a sandbox too and runs thousands of
// invocations, so the limit, read from core's constants on each invocation, is lifted here.
(createRequire(import.meta.url)('zapier-platform-core/src/constants') as { KILL_MAX_LIMIT: number }).KILL_MAX_LIMIT =
  Number.POSITIVE_INFINITY;

/** Zapier's own entry point for an app (createAppTester wraps it); untyped in core's types. */
export function createHandler(app: unknown): Handler {
  return (zapier as unknown as { createAppHandler: (app: unknown) => Handler }).createAppHandler(app);
}

const handler = createHandler(App);

/**
 * Runs an operation the way Zapier's runtime does (the same handler createAppTester wraps),
 * with in-memory stand-ins for Zapier's cursor and cache services so dropdowns can page.
 */
export async function runOperation(
  operation: Pick<BenchOperation, 'method' | 'inputData'>,
  authData: Record<string, string>,
): Promise<unknown> {
  const response = await handler({
    command: 'execute',
    method: operation.method,
    bundle: { authData, inputData: operation.inputData, meta: {} },
    storeKey: `bench-${operation.method}`,
    cursorTestObj: {},
    zcacheTestObj: {},
  });
  return response.results;
}

const { brands, presets, jobs, galleries, contacts, orders } = DEMO_IDS;

const specs: Array<Omit<BenchOperation, 'method'>> = [
  { key: 'new_order', kind: 'trigger', inputData: {}, story: 'poll for paid orders' },
  { key: 'gallery_published', kind: 'trigger', inputData: {}, story: 'poll for published galleries' },
  { key: 'new_payment', kind: 'trigger', inputData: {}, story: 'poll for payments' },
  { key: 'new_gallery_visitor', kind: 'trigger', inputData: {}, story: 'poll for gallery visitors' },
  { key: 'gallery_invite_sent', kind: 'trigger', inputData: {}, story: 'poll for gallery invites' },
  { key: 'list_jobs', kind: 'trigger', inputData: {}, story: 'Job dropdown' },
  { key: 'list_galleries', kind: 'trigger', inputData: {}, story: 'Gallery dropdown' },
  { key: 'list_brands', kind: 'trigger', inputData: {}, story: 'Brand dropdown' },
  { key: 'list_presets', kind: 'trigger', inputData: { brand_id: brands.family }, story: 'Preset dropdown for a brand' },
  { key: 'list_contacts', kind: 'trigger', inputData: {}, story: 'Contact dropdown' },
  { key: 'list_orders', kind: 'trigger', inputData: {}, story: 'Order dropdown' },
  {
    key: 'create_gallery',
    kind: 'create',
    inputData: { brand_id: brands.family, preset_id: presets.familyPrintShop, job_id: jobs.clarkeNewborn, name: 'Clarke Newborn – Bench' },
    story: 'gallery for a job (name given)',
  },
  {
    key: 'link_gallery_to_job',
    kind: 'create',
    inputData: { job_id: jobs.clarkeNewborn, gallery_id: galleries.shahMaternity },
    story: 'link a gallery to a job',
  },
  {
    key: 'unlink_gallery_from_job',
    kind: 'create',
    inputData: { job_id: jobs.brontePortraits, gallery_id: galleries.brontePortraits },
    story: 'unlink a linked gallery',
    prepare: async (api) => {
      await api('POST', `/v1/jobs/${jobs.brontePortraits}/galleries`, { gallery_id: galleries.brontePortraits });
    },
  },
  {
    key: 'create_contact',
    kind: 'create',
    inputData: { first_name: 'Freya', last_name: 'Lindqvist', email: 'freya.lindqvist@example.com', phone: '+44 7700 900321' },
    story: 'new contact with an international phone',
  },
  {
    key: 'create_invoices_from_order',
    kind: 'create',
    inputData: { order_id: orders.hartAlbumCanvas, contact_id: contacts.amelia, job_id: jobs.hartWedding },
    story: 'order with 2 tax rates (5%, 10%)',
  },
  {
    key: 'import_order',
    kind: 'create',
    inputData: { order_id: orders.bennettPrints },
    story: 'known contact (email), k = 2 tax rates (0%, 20%)',
  },
  {
    key: 'create_invoices_from_line_items',
    kind: 'create',
    inputData: {
      source_app: 'Shopify',
      reference: '#1001',
      currency: 'GBP',
      prices_include_tax: 'yes',
      tax_rate_format: 'fraction',
      paid: 'paid',
      contact_id: contacts.amelia,
      line_items: [
        { description: 'Fine Art Print 8x10', quantity: '2', unit_price: '24.00', tax_rate: '0.2' },
        { description: 'Printed Photo Book', quantity: '1', unit_price: '60.00', tax_rate: '0' },
      ],
      discount: '5.00',
      shipping_amount: '4.95',
    },
    story: 'Shopify order, 2 rates (0%, 20%); repeats are replays (1 request)',
  },
  {
    key: 'import_external_order',
    kind: 'create',
    inputData: {
      source_app: 'Pic-Time',
      reference: 'PT-20931',
      currency: 'GBP',
      total: '86.40',
      total_tax_rate: '20',
      paid: 'approved',
      client_email: 'amelia.hart@example.com',
    },
    story: 'Pic-Time total, known contact (email); repeats are replays',
  },
  { key: 'find_contact', kind: 'search', inputData: { email: 'Amelia.Hart@example.com ' }, story: 'by email' },
  {
    key: 'find_latest_confirmed_shoot',
    kind: 'search',
    inputData: { contact_id: contacts.amelia, on_or_before: '2026-12-01T00:00:00Z' },
    story: 'contact’s latest confirmed shoot',
  },
  { key: 'find_gallery', kind: 'search', inputData: { name: 'zoë brontë portraits' }, story: 'by name' },
  {
    key: 'create_job',
    kind: 'create',
    inputData: { contact_id: contacts.priya, name: 'Priya Shah Newborn', event_date: '2027-03-06' },
    story: 'a job for a contact; repeats are replays',
  },
  {
    key: 'update_job_stage',
    kind: 'create',
    inputData: { job_id: jobs.clarkeNewborn, stage_id: 'stg_booked' },
    story: 'move a lead to Booked; repeats are no-ops',
  },
  { key: 'find_job', kind: 'search', inputData: { contact_id: contacts.amelia }, story: 'a contact’s jobs, newest first' },
  { key: 'find_order', kind: 'search', inputData: { order_id: orders.hartAlbumCanvas }, story: 'by id, with its gallery' },
  {
    key: 'record_payment',
    kind: 'create',
    inputData: {
      job_id: jobs.clarkeNewborn,
      amount: '300.00',
      currency: 'GBP',
      provider: 'Stripe',
      provider_reference: 'pi_bench_deposit',
    },
    story: 'a Stripe deposit on a job; repeats find it by its reference',
  },
  {
    key: 'create_shoot',
    kind: 'create',
    inputData: {
      job_id: jobs.clarkeNewborn,
      starts_at: '2027-01-16 10:00',
      time_zone: 'Europe/London',
      duration_minutes: '120',
      type: 'Newborn session',
      confirmed: 'yes',
    },
    story: 'a session at a local time; repeats find it by job and start',
  },
];

export const BENCH_OPERATIONS: BenchOperation[] = specs.map((spec) => ({ ...spec, method: methodOf(spec.kind, spec.key) }));
