// `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 description of Studio API v1,
// generated from the zod contract (src/contract/) with z.toJSONSchema. Nothing here
// restates a body's shape: ROUTES below says, per endpoint, which contract schema goes where,
// and the rules every endpoint shares (pagination, Idempotency-Key, the error envelope,
// Retry-After, OAuth scopes, webhook signing) are added by the generator.
//
// The /_sandbox endpoints are left out on purpose: they are the local sandbox's test controls
// (fault injection, simulated orders, token expiry), not part of the API a Studio backend
// implements, and a client or server stub generated from this document must not have them.
// sandbox/README.md describes them.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import * as C from '../src/contract/index.js';
import { OAUTH_SCOPES } from '../src/api/config.js';
import { SCOPE_DESCRIPTIONS, isScope } from '../sandbox/oauth/scopes.js';
import { LIST_ORDER } from '../conformance/lists.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const OPENAPI_PATH = resolve(ROOT, 'docs/openapi.json');

// ---- bodies the contract does not name on its own ----------------------------------------

/** POST /v1/hooks. */
const HookCreate = C.HookSubscription.pick({ target_url: true, event: true });
/** POST /v1/jobs/{id}/galleries. */
const GalleryLinkCreate = C.GalleryLink.pick({ gallery_id: true });
/** 422: the envelope with `details` as one entry per field. */
const errorShape = C.ApiErrorBody.shape.error;
const FieldProblems = errorShape.shape.details.unwrap().unwrap().options[0];
const ValidationErrorBody = z.object({ error: errorShape.extend({ details: FieldProblems }) });

/** Building blocks, named in requests and responses alike (the same JSON Schema in both). */
const SHARED_SCHEMAS = {
  Id: C.Id,
  Timestamp: C.Timestamp,
  CalendarDate: C.CalendarDate,
  Email: C.Email,
  CurrencyCode: C.CurrencyCode,
  CountryCode: C.CountryCode,
  TaxRate: C.TaxRate,
  MinorUnits: C.MinorUnits,
  NonNegativeMinorUnits: C.NonNegativeMinorUnits,
  JobStatus: C.JobStatus,
  ShootStatus: C.ShootStatus,
  GalleryStatus: C.GalleryStatus,
  PaymentStatus: C.PaymentStatus,
  InvoiceStatus: C.InvoiceStatus,
  InvoiceLineKind: C.InvoiceLineKind,
  EventType: C.EventType,
} satisfies Record<string, z.ZodType>;

/** Every named schema of a response: components/schemas, referenced by name below. */
const RESPONSE_SCHEMAS = {
  ...SHARED_SCHEMAS,
  Me: C.Me,
  Studio: C.Studio,
  User: C.User,
  Contact: C.Contact,
  Job: C.Job,
  JobStage: C.JobStage,
  Shoot: C.Shoot,
  Gallery: C.Gallery,
  GalleryLink: C.GalleryLink,
  Brand: C.Brand,
  GalleryPreset: C.GalleryPreset,
  Order: C.Order,
  OrderClient: C.OrderClient,
  OrderLine: C.OrderLine,
  OrderShipping: C.OrderShipping,
  OrderTotals: C.OrderTotals,
  Invoice: C.Invoice,
  InvoiceLine: C.InvoiceLine,
  Payment: C.Payment,
  HookSubscription: C.HookSubscription,
  StudioEvent: C.StudioEvent,
  OrderCreatedEvent: C.OrderCreatedEvent,
  GalleryPublishedEvent: C.GalleryPublishedEvent,
  PaymentReceivedEvent: C.PaymentReceivedEvent,
  ContactCreatedEvent: C.ContactCreatedEvent,
  JobCreatedEvent: C.JobCreatedEvent,
  JobStageChangedEvent: C.JobStageChangedEvent,
  JobStageChange: C.JobStageChange,
  JobCreatedData: C.JobCreatedData,
  JobStageChangedData: C.JobStageChangedData,
  /** GET /v1/job-stages: the whole pipeline in one page, in order. */
  JobStageList: C.Page(C.JobStage),
  GalleryVisitorRegisteredEvent: C.GalleryVisitorRegisteredEvent,
  GalleryInviteSentEvent: C.GalleryInviteSentEvent,
  OrderCreatedData: C.OrderCreatedData,
  PaymentReceivedData: C.PaymentReceivedData,
  GalleryVisitorRegisteredData: C.GalleryVisitorRegisteredData,
  GalleryInviteSentData: C.GalleryInviteSentData,
  ContactUpdatedEvent: C.ContactUpdatedEvent,
  ContactUpdatedData: C.ContactUpdatedData,
  InvoiceCreatedEvent: C.InvoiceCreatedEvent,
  InvoiceCreatedData: C.InvoiceCreatedData,
  Error: C.ApiErrorBody,
  ValidationError: ValidationErrorBody,
} satisfies Record<string, z.ZodType>;

/** Request bodies: read as zod reads its input (defaults optional), unknown fields refused. */
const REQUEST_SCHEMAS = {
  ...SHARED_SCHEMAS,
  ContactCreate: C.ContactCreate,
  ContactUpdate: C.ContactUpdate,
  JobCreate: C.JobCreate,
  JobUpdate: C.JobUpdate,
  GalleryCreate: C.GalleryCreate,
  GalleryLinkCreate,
  InvoiceCreate: C.InvoiceCreate,
  PaymentCreate: C.PaymentCreate,
  ShootCreate: C.ShootCreate,
  HookCreate,
} satisfies Record<string, z.ZodType>;

type ResponseName = keyof typeof RESPONSE_SCHEMAS;
type RequestName = keyof typeof REQUEST_SCHEMAS;
type Scope = (typeof OAUTH_SCOPES)[number] | 'invoices:read';

// ---- query parameters ----------------------------------------------------------------------

const text = (description: string) => z.string().meta({ description });
const id = (description: string) => C.Id.meta({ description });
const timestamp = (description: string) => C.Timestamp.meta({ description });

// ---- the routes ----------------------------------------------------------------------------

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI template: path parameters in braces, each described in `params`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  scope: Scope;
  /** Each path parameter: what its id names. */
  params?: Record<string, string>;
  /** Filters; a list route gets `limit` and `cursor` on top. */
  query?: Record<string, z.ZodType>;
  /** Query parameters sent as a comma-separated list (style form, explode false). */
  csv?: string[];
  body?: RequestName;
  /** A list: 200 is a page of this item. */
  list?: ResponseName;
  /** Success responses: status → schema (null: no body). */
  ok?: Record<number, { schema: ResponseName | null; description: string }>;
  /** Error codes beyond the ones every route of its kind may answer, by status. */
  errors?: Record<number, string[]>;
}

export const ROUTES: Route[] = [
  {
    method: 'get',
    path: '/v1/me',
    operationId: 'getMe',
    tag: 'me',
    scope: 'studio:read',
    summary: 'Who the access token belongs to',
    description: 'The studio, the user who connected, and the scopes the token was granted.',
    ok: { 200: { schema: 'Me', description: 'The token’s studio, user and scopes.' } },
  },

  {
    method: 'get',
    path: '/v1/contacts',
    operationId: 'listContacts',
    tag: 'contacts',
    scope: 'contacts:write',
    summary: 'List contacts',
    list: 'Contact',
    query: {
      email: text('Exact match, case-insensitive, surrounding white space ignored.'),
      phone: text(
        'E.164 exact match on the stored E.164 phone (spaces, dots, dashes and brackets ignored, e.g. `+44 7700-900123`); anything else is a 422 naming `phone`, never an empty list.',
      ),
      name: text('Folded match of "first last": case, accents and white space do not matter.'),
      q: text('Substring of the name or the email.'),
    },
  },
  {
    method: 'get',
    path: '/v1/contacts/{id}',
    operationId: 'getContact',
    tag: 'contacts',
    scope: 'contacts:write',
    summary: 'Get a contact',
    params: { id: 'The contact’s id (`con_…`).' },
    ok: { 200: { schema: 'Contact', description: 'The contact.' } },
  },
  {
    method: 'post',
    path: '/v1/contacts',
    operationId: 'createContact',
    tag: 'contacts',
    scope: 'contacts:write',
    summary: 'Create a contact',
    description: 'A duplicate email is allowed: avoiding duplicates is the client’s matching.',
    body: 'ContactCreate',
    ok: { 201: { schema: 'Contact', description: 'The new contact.' } },
  },

  {
    method: 'patch',
    path: '/v1/contacts/{id}',
    operationId: 'updateContact',
    tag: 'contacts',
    scope: 'contacts:write',
    summary: 'Update a contact',
    description:
      'Only the fields sent change; `null` clears an email, a phone, an address field or the notes (a field not sent is kept). A duplicate email is allowed, as on create. A change that alters a field publishes `contact.updated` with `changed_fields`; one that alters nothing publishes nothing.',
    params: { id: 'The contact’s id (`con_…`).' },
    body: 'ContactUpdate',
    ok: { 200: { schema: 'Contact', description: 'The contact as updated.' } },
  },

  {
    method: 'get',
    path: '/v1/jobs',
    operationId: 'listJobs',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'List jobs',
    list: 'Job',
    query: {
      q: text('Substring of the job’s name.'),
      contact_id: id('Only the jobs of this contact.'),
      name: text('Folded match of the whole name: case, accents and white space do not matter.'),
      event_date: C.CalendarDate.meta({
        description: 'Only the jobs on this day (`YYYY-MM-DD`); anything else is a 422 naming `event_date`.',
      }),
    },
  },
  {
    method: 'post',
    path: '/v1/jobs',
    operationId: 'createJob',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'Create a job',
    description:
      'The job starts in `stage_id`, or in the pipeline’s first stage; its status is the stage’s. A `job.created` event is published with the job and its contact. A `contact_id` that is not a contact of the studio is a 422 `contact_not_found`, and nothing is created.',
    body: 'JobCreate',
    ok: { 201: { schema: 'Job', description: 'The new job.' } },
    errors: { 422: ['contact_not_found (no contact `contact_id` in the studio)', 'stage_not_found (no stage `stage_id` in the studio)'] },
  },
  {
    method: 'patch',
    path: '/v1/jobs/{id}',
    operationId: 'updateJob',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'Update a job, or move it to another stage',
    description:
      'Only the fields sent change. A new `stage_id` moves the job (its status becomes the stage’s, in the same write) and publishes one `job.stage_changed`; the stage the job is already in changes nothing and publishes nothing.',
    params: { id: 'The job’s id (`job_…`).' },
    body: 'JobUpdate',
    ok: { 200: { schema: 'Job', description: 'The job as updated.' } },
    errors: { 422: ['stage_not_found (no stage `stage_id` in the studio)'] },
  },
  {
    method: 'get',
    path: '/v1/job-stages',
    operationId: 'listJobStages',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'List the pipeline’s stages, in order',
    description: 'Every stage at once, by `position` (first stage first), with the status a job in it has; `next_cursor` is always null.',
    ok: { 200: { schema: 'JobStageList', description: 'The studio’s stages, in pipeline order.' } },
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}',
    operationId: 'getJob',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'Get a job, with its galleries',
    params: { id: 'The job’s id (`job_…`).' },
    ok: { 200: { schema: 'Job', description: 'The job and the galleries linked to it.' } },
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}/shoots',
    operationId: 'listJobShoots',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'List a job’s shoots',
    params: { id: 'The job’s id (`job_…`).' },
    list: 'Shoot',
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}/payments',
    operationId: 'listJobPayments',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'List a job’s payments',
    params: { id: 'The job’s id (`job_…`).' },
    list: 'Payment',
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/galleries',
    operationId: 'linkGalleryToJob',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'Link a gallery to a job',
    description:
      'Linking twice is a no-op (200, `created: false`, the existing link). A job has at most 10 galleries: the 11th is a 409 `gallery_limit_reached`. An unknown job, or a `gallery_id` that is not a gallery of the studio, is a 404 `not_found`.',
    params: { id: 'The job’s id (`job_…`).' },
    body: 'GalleryLinkCreate',
    ok: {
      201: { schema: 'GalleryLink', description: 'Linked (`created: true`).' },
      200: { schema: 'GalleryLink', description: 'Already linked (`created: false`).' },
    },
    errors: { 409: ['gallery_limit_reached (the message says the limit is 10)'] },
  },
  {
    method: 'delete',
    path: '/v1/jobs/{id}/galleries/{gallery_id}',
    operationId: 'unlinkGalleryFromJob',
    tag: 'jobs',
    scope: 'jobs:write',
    summary: 'Unlink a gallery from a job',
    params: { id: 'The job’s id (`job_…`).', gallery_id: 'The gallery’s id (`gal_…`).' },
    ok: { 204: { schema: null, description: 'Unlinked.' } },
    errors: {
      404: [
        'link_not_found (the gallery is not linked to the job, whether or not a gallery with that id exists; an unknown job is `not_found`)',
      ],
    },
  },

  {
    method: 'get',
    path: '/v1/shoots',
    operationId: 'listShoots',
    tag: 'shoots',
    scope: 'jobs:write',
    summary: 'List shoots',
    list: 'Shoot',
    query: {
      contact_id: id('Only the shoots of this contact.'),
      status: z.array(C.ShootStatus).meta({ description: 'One status or a comma-separated list, e.g. `confirmed,completed`.' }),
      before: timestamp('Only shoots starting at or before this instant (inclusive: `starts_at <= before`).'),
      job_id: id('Only the shoots of this job.'),
      starts_at: timestamp(
        'Only shoots starting at exactly this instant, whatever offset it is written with; anything else is a 422 naming `starts_at`.',
      ),
    },
    csv: ['status'],
  },
  {
    method: 'post',
    path: '/v1/shoots',
    operationId: 'createShoot',
    tag: 'shoots',
    scope: 'jobs:write',
    summary: 'Create a shoot on a job',
    description: 'The shoot is the job’s contact’s; `status` defaults to `enquiry`. No event is published.',
    body: 'ShootCreate',
    ok: { 201: { schema: 'Shoot', description: 'The new shoot.' } },
    errors: { 422: ['job_not_found (no job `job_id` in the studio)'] },
  },

  {
    method: 'get',
    path: '/v1/galleries',
    operationId: 'listGalleries',
    tag: 'galleries',
    scope: 'galleries:write',
    summary: 'List galleries',
    list: 'Gallery',
    query: {
      q: text('Substring of the name or the slug.'),
      status: C.GalleryStatus.meta({ description: 'online or offline.' }),
      job_id: id('Only the galleries linked to this job.'),
      slug: text('Exact slug.'),
    },
  },
  {
    method: 'get',
    path: '/v1/galleries/{id}',
    operationId: 'getGallery',
    tag: 'galleries',
    scope: 'galleries:write',
    summary: 'Get a gallery',
    params: { id: 'The gallery’s id (`gal_…`).' },
    ok: { 200: { schema: 'Gallery', description: 'The gallery with its live status.' } },
  },
  {
    method: 'post',
    path: '/v1/galleries',
    operationId: 'createGallery',
    tag: 'galleries',
    scope: 'galleries:write',
    summary: 'Create a gallery (offline)',
    description:
      'Created offline. With `job_id` the gallery is linked to the job in the same request (a job with 10 galleries: 409 `gallery_limit_reached`, nothing made). An unknown brand, preset or job is a 422 naming `brand_id`, `preset_id` or `job_id`. Without `slug`, one is made from the name (the first free of `name`, `name-2`, …); a given `slug` in use follows `on_slug_conflict` (default `error`).',
    body: 'GalleryCreate',
    ok: { 201: { schema: 'Gallery', description: 'The new gallery.' } },
    errors: {
      409: [
        'slug_taken (a given slug is taken and on_slug_conflict is "error", the default)',
        'gallery_limit_reached (job_id has 10 galleries)',
      ],
    },
  },

  {
    method: 'get',
    path: '/v1/brands',
    operationId: 'listBrands',
    tag: 'catalog',
    scope: 'galleries:write',
    summary: 'List brands',
    list: 'Brand',
  },
  {
    method: 'get',
    path: '/v1/gallery-presets',
    operationId: 'listGalleryPresets',
    tag: 'catalog',
    scope: 'galleries:write',
    summary: 'List gallery presets',
    list: 'GalleryPreset',
    query: { brand_id: id('Only the presets usable with this brand (its own and those of every brand).') },
  },

  {
    method: 'get',
    path: '/v1/orders',
    operationId: 'listOrders',
    tag: 'orders',
    scope: 'orders:read',
    summary: 'List orders',
    list: 'Order',
    query: {
      since: timestamp('Only orders placed at or after this instant.'),
      gallery_id: id('Only the orders of this gallery.'),
      payment_status: C.PaymentStatus.meta({ description: 'paid or awaiting_payment.' }),
      number: text('The order with this number (e.g. `ORD-1042`), case-insensitive.'),
    },
  },
  {
    method: 'get',
    path: '/v1/orders/{id}',
    operationId: 'getOrder',
    tag: 'orders',
    scope: 'orders:read',
    summary: 'Get an order',
    params: { id: 'The order’s id (`ord_…`).' },
    ok: { 200: { schema: 'Order', description: 'The order.' } },
  },

  {
    method: 'get',
    path: '/v1/invoices',
    operationId: 'listInvoices',
    tag: 'invoices',
    scope: 'invoices:read',
    summary: 'List invoices',
    list: 'Invoice',
    query: {
      order_id: id('Only the invoices of this order.'),
      job_id: id('Only the invoices of this job.'),
      contact_id: id('Only the invoices of this contact.'),
      source_app: text(
        'Only the invoices booked from an order in this app (its key, e.g. "shopify"); only together with source_reference (one without the other is a 422 naming the missing one).',
      ),
      source_reference: text('Only the invoices booked from the order with this reference in source_app; only together with source_app.'),
    },
  },
  {
    method: 'get',
    path: '/v1/invoices/{id}',
    operationId: 'getInvoice',
    tag: 'invoices',
    scope: 'invoices:read',
    summary: 'Get an invoice',
    params: { id: 'The invoice’s id (`inv_…`).' },
    ok: { 200: { schema: 'Invoice', description: 'The invoice.' } },
  },
  {
    method: 'post',
    path: '/v1/invoices',
    operationId: 'createInvoice',
    tag: 'invoices',
    scope: 'invoices:write',
    summary: 'Create an invoice',
    description:
      'A line’s `amount` is its total (quantity × unit price, after discount), priced as the invoice is (tax included when `prices_include_tax`). The invoice must add up (its tax the lines’ tax; `total = net + tax`; the lines’ amounts make `net`, or `total` when prices include tax) and its tax must fit its rate: at `tax_rate` "0" no line carries tax; above 0%, the tax is within one minor unit per item and per line of the rate applied to the goods and shipping lines. Otherwise a 422 naming the field. An `invoice.created` event is published with the invoice, its `contact` and its `job`.',
    body: 'InvoiceCreate',
    ok: { 201: { schema: 'Invoice', description: 'The new invoice.' } },
  },

  {
    method: 'get',
    path: '/v1/payments',
    operationId: 'listPayments',
    tag: 'payments',
    scope: 'jobs:write',
    summary: 'List payments',
    list: 'Payment',
    query: {
      job_id: id('Only the payments of this job.'),
      provider: text('Only the payments taken by this provider (e.g. "Stripe"), case-insensitive.'),
      provider_reference: text('With provider: the payment the provider took with this reference (at most one).'),
    },
  },
  {
    method: 'post',
    path: '/v1/payments',
    operationId: 'createPayment',
    tag: 'payments',
    scope: 'jobs:write',
    summary: 'Record a payment taken by a provider',
    description:
      'A payment taken outside the CRM (Stripe, Square, PayPal), on a job; its contact is the job’s. It publishes `payment.received` (with `is_first_payment`) as any payment does. One payment per provider and reference.',
    body: 'PaymentCreate',
    ok: { 201: { schema: 'Payment', description: 'The new payment.' } },
    errors: {
      409: ['payment_exists (a payment with this provider and reference exists; `details.payment_id` names it)'],
      422: ['job_not_found (no job `job_id` in the studio)'],
    },
  },
  {
    method: 'get',
    path: '/v1/payments/{id}',
    operationId: 'getPayment',
    tag: 'payments',
    scope: 'jobs:write',
    summary: 'Get a payment',
    params: { id: 'The payment’s id (`pay_…`).' },
    ok: { 200: { schema: 'Payment', description: 'The payment.' } },
  },

  {
    method: 'get',
    path: '/v1/hooks',
    operationId: 'listHooks',
    tag: 'hooks',
    scope: 'hooks:write',
    summary: 'List webhook subscriptions',
    list: 'HookSubscription',
    description: 'Secrets are not listed: a subscription’s secret is returned only when it is created.',
  },
  {
    method: 'post',
    path: '/v1/hooks',
    operationId: 'createHook',
    tag: 'hooks',
    scope: 'hooks:write',
    summary: 'Subscribe a URL to an event type',
    description:
      'Each event of the type is POSTed to `target_url` as described under webhooks, signed with the returned `secret`. ' +
      'The target must be https and public (judged by address, in any spelling, without connecting; docs/studio-api.md, Security rules): otherwise a 422 naming `target_url`. ' +
      'A backend may keep a test allow-list of exact origins (empty in production) for a conformance receiver. ' +
      'A studio holds at most 25 subscriptions: one more is a 422 `subscription_limit_reached` (remove one first).',
    body: 'HookCreate',
    ok: { 201: { schema: 'HookSubscription', description: 'The subscription, with its signing secret (`whsec_<base64>`).' } },
  },
  {
    method: 'delete',
    path: '/v1/hooks/{id}',
    operationId: 'deleteHook',
    tag: 'hooks',
    scope: 'hooks:write',
    summary: 'Unsubscribe',
    params: { id: 'The subscription’s id (`hook_…`).' },
    ok: { 204: { schema: null, description: 'Unsubscribed; nothing more is delivered.' } },
  },

  {
    method: 'get',
    path: '/v1/events',
    operationId: 'listEvents',
    tag: 'events',
    scope: 'hooks:write',
    summary: 'List events',
    list: 'StudioEvent',
    description:
      'Each item is exactly what a webhook delivers for it: its `data` embeds the related records its subscribers show, as they were when the event happened, so a receiver needs no request per event.',
    query: { type: C.EventType.meta({ description: 'Only events of this type.' }) },
  },
  {
    method: 'get',
    path: '/v1/events/{id}',
    operationId: 'getEvent',
    tag: 'events',
    scope: 'hooks:write',
    summary: 'Get an event',
    description: 'The authoritative copy of one event: a receiver confirms a late delivery with it.',
    params: { id: 'The event’s id (`evt_…`).' },
    ok: { 200: { schema: 'StudioEvent', description: 'The event, as it was delivered and listed.' } },
  },
];

const TAGS: Array<{ name: string; description: string }> = [
  { name: 'me', description: 'The connected studio and user.' },
  { name: 'contacts', description: 'The studio’s clients.' },
  { name: 'jobs', description: 'Jobs (bookings), their shoots and payments, and the galleries linked to them.' },
  { name: 'shoots', description: 'Shoots across jobs.' },
  { name: 'galleries', description: 'Client galleries.' },
  { name: 'catalog', description: 'Brands and gallery presets, for creating galleries.' },
  { name: 'orders', description: 'Orders clients place in galleries.' },
  { name: 'invoices', description: 'Invoices, one per tax rate of an order.' },
  { name: 'payments', description: 'Payments received on jobs.' },
  { name: 'hooks', description: 'Webhook subscriptions (REST hooks).' },
  { name: 'events', description: 'Studio events, as webhooks deliver them.' },
];

// ---- JSON Schema from zod ------------------------------------------------------------------

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Visits every subschema (objects inside objects, arrays, anyOf …). */
function walk(node: unknown, visit: (schema: Json) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  visit(node as Json);
  for (const value of Object.values(node)) walk(value, visit);
}

function toComponents(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  const { schemas: generated } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (name) => `#/components/schemas/${name}`,
  }) as {
    schemas: Record<string, Json>;
  };
  for (const schema of Object.values(generated)) {
    delete schema.$schema;
    delete schema.$id;
    walk(schema, (node) => {
      if (node.type !== 'object' || !('properties' in node)) return;
      // Responses may gain fields (clients ignore what they do not know); requests may not:
      // a body with an unknown field, at any depth, is a 422 naming it.
      if (io === 'output' && node.additionalProperties === false) delete node.additionalProperties;
      if (io === 'input' && node.additionalProperties === undefined) node.additionalProperties = false;
    });
  }
  return generated;
}

function parameterSchema(schema: z.ZodType): { schema: Json; description?: string } {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Json;
  delete generated.$schema;
  const description = typeof generated.description === 'string' ? generated.description : undefined;
  delete generated.description;
  return { schema: generated, ...(description ? { description } : {}) };
}

// ---- shared parts --------------------------------------------------------------------------

const ERROR_CONTENT = { 'application/json': { schema: ref('Error') } };
const errorResponse = (description: string, headers?: Json) => ({ description, ...(headers ? { headers } : {}), content: ERROR_CONTENT });
const codes = (list: string[]) =>
  list.map((code) => `\`${code.split(' ')[0]}\`${code.includes(' ') ? ` ${code.slice(code.indexOf(' ') + 1)}` : ''}`).join('; ');

const COMPONENT_PARAMETERS = {
  Limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: 'Items per page, 1 to 100 (default 25).',
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  },
  Cursor: {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'The `next_cursor` of the previous page, unchanged (opaque).',
    schema: { type: 'string' },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the POST safe to repeat. The same key with the same body answers the first response again (same status, same body) with `Idempotent-Replayed: true`; the same key with another body (or another endpoint) is a 409 `idempotency_key_reused`; while the first request is still being processed, 409 `idempotency_key_in_use` with `Retry-After`. Only a 2xx answer is stored: after an error (4xx or 5xx) the key is free and the next request with it is processed. Keys are per studio and live 24 hours.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
  },
};

const COMPONENT_HEADERS = {
  IdempotentReplayed: {
    description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key (nothing new was done).',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: {
    description: 'How long to wait before retrying: delta-seconds (e.g. `2`) or an HTTP date.',
    schema: { type: 'string', examples: ['2'] },
  },
  RateLimitLimit: {
    description: 'Requests the studio may make per window (on every answer to a /v1 request with a valid token).',
    schema: { type: 'string', pattern: '^\\d+$', examples: ['600'] },
  },
  RateLimitRemaining: {
    description: 'Requests left in the current window (on every answer to a /v1 request with a valid token).',
    schema: { type: 'string', pattern: '^\\d+$', examples: ['598'] },
  },
  RateLimitReset: {
    description: 'Whole seconds until the window ends and the budget is full again (on every answer to a /v1 request with a valid token).',
    schema: { type: 'string', pattern: '^\\d+$', examples: ['42'] },
  },
  WWWAuthenticate: {
    description: 'The Bearer challenge (RFC 6750), e.g. `Bearer realm="studio-api", error="invalid_token"`.',
    schema: { type: 'string' },
  },
};

const COMPONENT_RESPONSES = {
  BadRequest: errorResponse('`invalid_json`: the body is not valid JSON.'),
  Unauthorized: errorResponse('`unauthorized`: no access token, or an invalid or expired one. Refresh it, or sign in again.', {
    'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticate' },
  }),
  Forbidden: errorResponse(
    '`insufficient_scope`: the token was not granted the scope this endpoint needs. Another studio’s record is never a 403 (it is a 404).',
  ),
  PayloadTooLarge: errorResponse('`payload_too_large`: the body is larger than 256 KiB.'),
  UnsupportedMediaType: errorResponse('`unsupported_media_type`: a body that is not `application/json`.'),
  RateLimited: errorResponse('`rate_limited`: the studio used up its requests for this window; retry after `Retry-After`.', {
    'Retry-After': { $ref: '#/components/headers/RetryAfter' },
    'RateLimit-Limit': { $ref: '#/components/headers/RateLimitLimit' },
    'RateLimit-Remaining': { $ref: '#/components/headers/RateLimitRemaining' },
    'RateLimit-Reset': { $ref: '#/components/headers/RateLimitReset' },
  }),
  ServerError: errorResponse('`internal_error`: the API failed; the request may be retried.'),
  Unavailable: errorResponse('`unavailable`: busy (overloaded or in maintenance); nothing was done. With `Retry-After`, retry after it.', {
    'Retry-After': { $ref: '#/components/headers/RetryAfter' },
  }),
};

/**
 * How a list is ordered, when by something other than created_at (conformance/lists.ts, which
 * the kit checks): a job's shoots are ordered as /v1/shoots, by the path's last segment.
 */
function orderSentence(route: Route): string | null {
  if (!route.list) return null;
  const field = LIST_ORDER[`/v1/${route.path.split('/').at(-1)}`];
  return field && field !== 'created_at' ? `Ordered by \`${field}\`, most recent first.` : null;
}

function operation(route: Route): Json {
  const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const described = Object.keys(route.params ?? {});
  if (pathParams.join() !== described.join())
    throw new Error(`${route.operationId}: path parameters ${pathParams.join()} but params describe ${described.join()}`);

  const parameters: Json[] = pathParams.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: route.params![name],
    schema: ref('Id'),
  }));
  for (const [name, schema] of Object.entries(route.query ?? {})) {
    parameters.push({
      name,
      in: 'query',
      required: false,
      ...parameterSchema(schema),
      ...(route.csv?.includes(name) ? { style: 'form', explode: false } : {}),
    });
  }
  if (route.list) parameters.push({ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Cursor' });
  if (route.method === 'post') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  const responses: Json = {};
  const ok = route.list
    ? { 200: { schema: `${route.list}Page`, description: `A page of ${route.list} items, newest first.` } }
    : (route.ok ?? {});
  for (const [status, { schema, description }] of Object.entries(ok).sort(([a], [b]) => Number(a) - Number(b))) {
    responses[status] = {
      description,
      ...(route.method === 'post' ? { headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } } } : {}),
      ...(schema ? { content: { 'application/json': { schema: ref(schema) } } } : {}),
    };
  }

  const errors: Record<number, Json> = {
    401: { $ref: '#/components/responses/Unauthorized' },
    403: { $ref: '#/components/responses/Forbidden' },
    429: { $ref: '#/components/responses/RateLimited' },
    500: { $ref: '#/components/responses/ServerError' },
    503: { $ref: '#/components/responses/Unavailable' },
  };
  const extra = route.errors ?? {};
  if (pathParams.length > 0 || extra[404]) {
    errors[404] = errorResponse(`${codes(['not_found (an unknown id, or another studio’s: never 403)', ...(extra[404] ?? [])])}.`);
  }
  if (route.method === 'post') {
    errors[400] = { $ref: '#/components/responses/BadRequest' };
    errors[409] = errorResponse(
      `${codes(['idempotency_key_reused (the Idempotency-Key was used for another request)', 'idempotency_key_in_use (the first request with the key is still running; with Retry-After)', ...(extra[409] ?? [])])}.`,
      { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    );
    errors[413] = { $ref: '#/components/responses/PayloadTooLarge' };
    errors[415] = { $ref: '#/components/responses/UnsupportedMediaType' };
  } else if (extra[409]) {
    errors[409] = errorResponse(`${codes(extra[409])}.`);
  }
  if (route.method === 'patch') {
    errors[400] = { $ref: '#/components/responses/BadRequest' };
    errors[413] = { $ref: '#/components/responses/PayloadTooLarge' };
    errors[415] = { $ref: '#/components/responses/UnsupportedMediaType' };
  }
  if (route.body || route.list || route.query) {
    const what = route.body
      ? 'the body (a missing or wrong field, or an unknown one at any depth) or a header'
      : 'a query parameter (limit, cursor or a filter)';
    const own = extra[422] ? ` Also ${codes(extra[422])}, with \`details\` naming the field.` : '';
    errors[422] = {
      description: `\`validation_failed\`: ${what} is not valid; \`details\` names each field.${own}`,
      content: { 'application/json': { schema: ref('ValidationError') } },
    };
  }
  for (const [status, response] of Object.entries(errors).sort(([a], [b]) => Number(a) - Number(b))) responses[status] = response;

  const description = [orderSentence(route), route.description].filter(Boolean).join(' ');

  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(description ? { description } : {}),
    security: [{ oauth2: [route.scope] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } } : {}),
    responses,
  };
}

// ---- webhooks ------------------------------------------------------------------------------

const WEBHOOK_EVENTS: Array<{ type: z.infer<typeof C.EventType>; schema: ResponseName; summary: string }> = [
  { type: 'order.created', schema: 'OrderCreatedEvent', summary: 'A client placed an order in a gallery (data embeds the gallery)' },
  { type: 'gallery.published', schema: 'GalleryPublishedEvent', summary: 'A gallery went online (every publish is its own event)' },
  { type: 'payment.received', schema: 'PaymentReceivedEvent', summary: 'A payment landed on a job (data embeds the job and the contact)' },
  {
    type: 'gallery.visitor_registered',
    schema: 'GalleryVisitorRegisteredEvent',
    summary: 'Someone registered to view a gallery (data embeds the gallery)',
  },
  {
    type: 'gallery.invite_sent',
    schema: 'GalleryInviteSentEvent',
    summary: 'The gallery’s main client was invited to view it (data embeds the gallery)',
  },
  { type: 'contact.created', schema: 'ContactCreatedEvent', summary: 'A contact was created' },
  { type: 'job.created', schema: 'JobCreatedEvent', summary: 'A job was created (data: the job with its `contact` embedded)' },
  {
    type: 'job.stage_changed',
    schema: 'JobStageChangedEvent',
    summary: 'A job moved to another stage (data: the job, its `contact` and the `change`)',
  },
  {
    type: 'contact.updated',
    schema: 'ContactUpdatedEvent',
    summary: 'A contact’s fields changed (data: the contact after the change and its `changed_fields`)',
  },
  {
    type: 'invoice.created',
    schema: 'InvoiceCreatedEvent',
    summary: 'An invoice was created (data: the invoice with its lines, its `contact` and its `job` embedded)',
  },
];

const WEBHOOK_HEADERS: Json[] = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The event id (`evt_…`). The same on every retry of the delivery: receivers de-duplicate by it.',
    schema: { type: 'string' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description:
      'When this attempt was signed, in Unix seconds. A receiver does not take a delivery more than 5 minutes away from its clock on its word: it confirms the event with GET /v1/events/{id}.',
    schema: { type: 'string', pattern: '^\\d{1,12}$' },
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Standard Webhooks signature: `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the base64-decoded part of the subscription’s secret after `whsec_`. Several space-separated signatures may be sent (during a secret rotation); one valid signature is enough.',
    schema: { type: 'string', pattern: '^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$' },
  },
];

function webhooks(): Json {
  const result: Json = {};
  for (const event of WEBHOOK_EVENTS) {
    result[event.type] = {
      post: {
        operationId: `webhook_${event.type.replace('.', '_')}`,
        tags: ['hooks'],
        summary: event.summary,
        description: `POSTed to the \`target_url\` of every subscription to \`${event.type}\`. The body is the event exactly as GET /v1/events lists it. Any answer but 2xx within 10 s (or no answer) is retried with the same \`webhook-id\` and body: the first retry within 10 s, then exponential backoff with jitter for three days, never sooner than a 429's or 503's \`Retry-After\`; a 410 Gone deletes the subscription at once, without a retry.`,
        // Authenticated by the signature (webhook-signature), not by an OAuth token.
        security: [],
        parameters: WEBHOOK_HEADERS,
        requestBody: { required: true, content: { 'application/json': { schema: ref(event.schema) } } },
        responses: {
          '2XX': { description: 'Received; not sent again.' },
          '410': { description: 'The receiver asks to stop: the subscription is deleted.' },
          default: { description: 'Not received: retried with backoff.' },
        },
      },
    };
  }
  return result;
}

// ---- the document --------------------------------------------------------------------------

const SCOPES: readonly Scope[] = [
  ...OAUTH_SCOPES.slice(0, OAUTH_SCOPES.indexOf('invoices:write')),
  'invoices:read',
  ...OAUTH_SCOPES.slice(OAUTH_SCOPES.indexOf('invoices:write')),
];

function scopeDescriptions(): Record<string, string> {
  const described: Record<string, string> = {};
  for (const scope of SCOPES) {
    if (!isScope(scope)) throw new Error(`scope ${scope} has no description in sandbox/oauth/scopes.ts`);
    described[scope] = SCOPE_DESCRIPTIONS[scope];
  }
  return described;
}

const DESCRIPTION = `Studio API v1: the photography studio CRM's API (contacts, jobs, shoots, galleries, orders, invoices, payments, webhooks), generated from the zod contract of this repository (\`src/contract/\`) by \`npm run openapi\`. \`docs/studio-api.md\` describes the behaviour in prose; \`npm run conformance -- --url …\` checks a running API against it.

- **JSON** bodies only (\`Content-Type: application/json\`), at most 256 KiB. A request body with an unknown field, at any depth, is a 422; a response may gain fields, which clients ignore.
- **Errors**: every non-2xx answer is \`{"error": {"code", "message", "details"}}\`; a 422's \`details\` lists each field with what is wrong.
- **Lists** are \`{"data": [...], "next_cursor": string | null}\`, newest first, keyset-paged: \`limit\` (1 to 100, default 25) and \`cursor\` (the previous page's \`next_cursor\`, opaque).
- **Idempotency**: every POST honours \`Idempotency-Key\` (see the parameter).
- **Ids** are opaque and prefixed (\`std_ usr_ con_ job_ stg_ sht_ gal_ brd_ pst_ ord_ oli_ inv_ pay_ vis_ ginv_ hook_ evt_\`; \`oli_\` an order line). An unknown id, or another studio's, is a 404 \`not_found\`, never a 403.
- **Amounts** are integers in the currency's minor unit; tax rates are decimal strings of percent.
- **Rate limits**: each studio has a budget of requests per window; every answer to a /v1 request with a valid token carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds). Over it: 429 \`rate_limited\` with \`Retry-After\`. A 503 \`unavailable\` means busy; it carries \`Retry-After\` when it knows. An API without a limit does not conform.
- **OAuth**: endpoints and metadata at \`/.well-known/oauth-authorization-server\` (RFC 8414); the token endpoint takes an \`application/x-www-form-urlencoded\` body and \`client_secret_basic\`, \`client_secret_post\` or (public clients) \`none\`.`;

export function buildOpenApiDocument(): Json {
  const responseComponents = toComponents(RESPONSE_SCHEMAS, 'output');
  const requestComponents = toComponents(REQUEST_SCHEMAS, 'input');
  for (const route of ROUTES) {
    if (!route.list) continue;
    const name = `${route.list}Page`;
    responseComponents[name] ??= {
      type: 'object',
      properties: { data: { type: 'array', items: ref(route.list) }, next_cursor: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['data', 'next_cursor'],
    };
  }
  const schemas: Record<string, Json> = {};
  for (const name of [...Object.keys(responseComponents), ...Object.keys(requestComponents)].sort()) {
    const [response, request] = [responseComponents[name], requestComponents[name]];
    if (response && request && JSON.stringify(response) !== JSON.stringify(request))
      throw new Error(`schema ${name} differs between requests and responses`);
    schemas[name] = (responseComponents[name] ?? requestComponents[name])!;
  }

  const paths: Record<string, Json> = {};
  const seen = new Set<string>();
  for (const route of ROUTES) {
    if (seen.has(route.operationId)) throw new Error(`operationId ${route.operationId} twice`);
    seen.add(route.operationId);
    paths[route.path] ??= {};
    if (paths[route.path]![route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} twice`);
    paths[route.path]![route.method] = operation(route);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Studio API',
      version: '1',
      summary: 'The photography studio CRM API the Studio ⇄ Pic-Time integration relies on.',
      description: DESCRIPTION,
    },
    servers: [
      {
        url: '{base}',
        description: 'The Studio API’s base URL (paths start with /v1).',
        variables: {
          base: {
            default: 'http://127.0.0.1:4010',
            description: 'The local sandbox by default (`npm run sandbox`); a real Studio API’s https:// address otherwise.',
          },
        },
      },
    ],
    tags: TAGS,
    paths,
    webhooks: webhooks(),
    components: {
      schemas,
      parameters: COMPONENT_PARAMETERS,
      headers: COMPONENT_HEADERS,
      responses: COMPONENT_RESPONSES,
      securitySchemes: {
        oauth2: {
          type: 'oauth2',
          description:
            'Authorization code with an exact `redirect_uri`. PKCE: only `S256` (`plain` is refused); required from public clients (no secret); a confidential client authenticating with its secret may leave it out (as `zapier-platform invoke auth start` does), and a code issued for a challenge needs the matching `code_verifier`. Codes work once, for 60 s. An expired access token is a 401. Refresh tokens rotate on every use; a just-rotated refresh token keeps working for a short grace period (the sandbox: 30 s), and a use after it revokes the whole family. Token-endpoint errors follow RFC 6749 §5.2. A `:write` scope includes its `:read`.',
          flows: {
            authorizationCode: {
              authorizationUrl: '/oauth/authorize',
              tokenUrl: '/oauth/token',
              refreshUrl: '/oauth/token',
              scopes: scopeDescriptions(),
            },
          },
        },
      },
    },
  };
}

export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_PATH, renderOpenApi());
  console.log(`wrote ${OPENAPI_PATH.slice(ROOT.length + 1)} (${ROUTES.length} operations)`);
}
