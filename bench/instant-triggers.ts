// Requests per poll and per delivery of every instant trigger, counted by the sandbox: a poll
// (performList through Zapier's handler) with 1, 25 and 100 events to list, and one real
// signed delivery (perform). Events embed the related records their items show, so the
// count must not grow with the number of events: at most 2, the same for 1, 25 and 100.
// New Payment's old way (the job and the contact of each payment fetched per item) is
// measured in the same run as the baseline, with the same events.
//
// INSTANT_TRIGGERS is the one table: trigger key → how to make n of its events in an empty
// studio of the sandbox. A new instant trigger is one more entry.
import { insertBrand, insertPreset } from '../sandbox/store/catalog.js';
import { insertContact } from '../sandbox/store/contacts.js';
import { insertGallery } from '../sandbox/store/galleries.js';
import { startHookInbox, type HookInbox } from '../sandbox/world/hook-inbox.js';
import { insertJob } from '../sandbox/store/jobs.js';
import { STAGE_IDS } from '../sandbox/store/job-stages.js';
import type { DatabaseSync } from '../sandbox/store/sqlite.js';
import type { EventType } from '../src/contract/hooks.js';
import type { ApiCall } from '../test/support/sandbox.js';
import { createHandler } from './operations.js';
import App from '../index.js';
import { apiRequests, type BenchResult, type CountingSandbox } from './support.js';

/** An empty studio of the sandbox: its API, and its rows for setting up what events need. */
export interface BenchStudio {
  api: ApiCall;
  db: DatabaseSync;
  studioId: string;
}

export interface InstantTriggerEntry {
  key: string;
  event: EventType;
  /** What its events are, for the table. */
  story: string;
  /** Makes n events of the trigger (through the sandbox's simulation endpoints). */
  make(studio: BenchStudio, n: number): Promise<void>;
}

let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial += 1)}`;

async function expect201(call: Promise<{ status: number; body: unknown }>, what: string): Promise<void> {
  const response = await call;
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/** A contact of the studio with a name of its own and no email or phone. */
function benchContact(studio: BenchStudio) {
  return insertContact(studio.db, studio.studioId, { first_name: 'Bench', last_name: `Client ${unique()}`, email: null, phone: null });
}

/** A gallery of the studio (with its own brand and preset), online unless `online` is false. */
function benchGallery(studio: BenchStudio, online = true): string {
  const brand = insertBrand(studio.db, studio.studioId, { name: 'Bench Brand', domain: null });
  const preset = insertPreset(studio.db, studio.studioId, { name: 'Bench Preset', description: null, brand_id: null });
  const id = unique();
  return insertGallery(studio.db, studio.studioId, {
    name: `Bench Gallery ${id}`,
    slug: `bench-gallery-${id}`,
    status: online ? 'online' : 'offline',
    image_count: 10,
    brand_id: brand.id,
    preset_id: preset.id,
    event_date: null,
    client_email: `client.${id}@bench.example.com`,
    published_at: online ? new Date().toISOString() : null,
    created_at: new Date().toISOString(),
  }).id;
}

export const INSTANT_TRIGGERS: InstantTriggerEntry[] = [
  {
    key: 'new_order',
    event: 'order.created',
    story: 'paid orders placed in one gallery (POST /_sandbox/orders)',
    async make(studio, n) {
      const gallery_id = benchGallery(studio);
      for (let i = 0; i < n; i += 1) {
        await expect201(
          studio.api('POST', '/_sandbox/orders', {
            gallery_id,
            currency: 'GBP',
            prices_include_tax: true,
            payment_status: 'paid',
            client: { email: `client.${unique()}@bench.example.com`, first_name: 'Bench', last_name: 'Client' },
            lines: [{ description: 'Print 8×10"', quantity: 2, unit_price: 2500, tax_rate: '20' }],
          }),
          'POST /_sandbox/orders',
        );
      }
    },
  },
  {
    key: 'gallery_published',
    event: 'gallery.published',
    story: 'galleries published (POST /_sandbox/galleries/:id/publish)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1)
        await expect201(studio.api('POST', `/_sandbox/galleries/${benchGallery(studio, false)}/publish`), 'publish');
    },
  },
  {
    key: 'new_payment',
    event: 'payment.received',
    story: 'payments, each on its own job and contact (POST /_sandbox/payments)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1) {
        const contact = benchContact(studio);
        const job = insertJob(studio.db, studio.studioId, {
          name: `Bench Job ${unique()}`,
          contact_id: contact.id,
          status: 'booked',
          job_type: 'Wedding',
          event_date: null,
        });
        await expect201(studio.api('POST', '/_sandbox/payments', { job_id: job.id, amount: 25000 }), 'POST /_sandbox/payments');
      }
    },
  },
  {
    key: 'new_gallery_visitor',
    event: 'gallery.visitor_registered',
    story: 'visitors registering to view one gallery (POST /_sandbox/galleries/:id/visitors)',
    async make(studio, n) {
      const gallery = benchGallery(studio);
      for (let i = 0; i < n; i += 1) {
        await expect201(
          studio.api('POST', `/_sandbox/galleries/${gallery}/visitors`, {
            email: `visitor.${unique()}@bench.example.com`,
            first_name: 'Bench',
          }),
          'register a visitor',
        );
      }
    },
  },
  {
    key: 'gallery_invite_sent',
    event: 'gallery.invite_sent',
    story: 'invites of one gallery’s client (POST /_sandbox/galleries/:id/invites)',
    async make(studio, n) {
      const gallery = benchGallery(studio);
      for (let i = 0; i < n; i += 1) await expect201(studio.api('POST', `/_sandbox/galleries/${gallery}/invites`, {}), 'send an invite');
    },
  },
  {
    key: 'new_contact',
    event: 'contact.created',
    story: 'contacts created (POST /v1/contacts)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1) {
        await expect201(
          studio.api('POST', '/v1/contacts', {
            first_name: 'Bench',
            last_name: `Client ${unique()}`,
            email: `contact.${unique()}@bench.example.com`,
          }),
          'POST /v1/contacts',
        );
      }
    },
  },
  {
    key: 'new_job',
    event: 'job.created',
    story: 'jobs created, each for its own contact (POST /v1/jobs)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1) {
        const contact = benchContact(studio);
        await expect201(studio.api('POST', '/v1/jobs', { contact_id: contact.id, name: `Bench Job ${unique()}` }), 'POST /v1/jobs');
      }
    },
  },
  {
    key: 'job_stage_changed',
    event: 'job.stage_changed',
    story: 'jobs, each of its own contact, moved to Booked (PATCH /v1/jobs/:id)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1) {
        const contact = benchContact(studio);
        const created = await studio.api('POST', '/v1/jobs', { contact_id: contact.id, name: `Bench Job ${unique()}` });
        await expect201(Promise.resolve(created), 'POST /v1/jobs');
        await expect201(
          studio.api('PATCH', `/v1/jobs/${(created.body as { id: string }).id}`, { stage_id: STAGE_IDS.booked }),
          'PATCH /v1/jobs/:id',
        );
      }
    },
  },
  {
    key: 'updated_contact',
    event: 'contact.updated',
    story: 'contacts, each given a new address (PATCH /v1/contacts/:id)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1) {
        const contact = benchContact(studio);
        await expect201(
          studio.api('PATCH', `/v1/contacts/${contact.id}`, { street: `${i + 1} Bench Street`, city: 'Bath', postal_code: 'BA1 1AA' }),
          'PATCH /v1/contacts/:id',
        );
      }
    },
  },
  {
    key: 'new_invoice',
    event: 'invoice.created',
    story: 'invoices, each for its own contact and job (POST /v1/invoices)',
    async make(studio, n) {
      for (let i = 0; i < n; i += 1) {
        const contact = benchContact(studio);
        const job = insertJob(studio.db, studio.studioId, {
          name: `Bench Job ${unique()}`,
          contact_id: contact.id,
          status: 'booked',
          job_type: 'Wedding',
          event_date: null,
        });
        await expect201(
          studio.api('POST', '/v1/invoices', {
            contact_id: contact.id,
            job_id: job.id,
            tax_rate: '20',
            currency: 'GBP',
            prices_include_tax: true,
            net: 1000,
            tax: 200,
            total: 1200,
            status: 'open',
            lines: [{ kind: 'goods', description: 'Print 8×10"', quantity: 1, amount: 1200, tax: 200 }],
          }),
          'POST /v1/invoices',
        );
      }
    },
  },
];

export const POLL_SIZES = [1, 25, 100] as const;

export interface InstantTriggerCount {
  key: string;
  story: string;
  /** Per poll size: the requests of the poll and the items it returned. */
  polls: Array<{ events: number; requests: number; items: number }>;
  delivery: number;
}

const handler = createHandler(App);

async function invoke(method: string, bundle: Record<string, unknown>): Promise<unknown[]> {
  const response = await handler({
    command: 'execute',
    method,
    bundle: { meta: {}, inputData: {}, ...bundle },
    storeKey: `bench-${method}`,
    cursorTestObj: {},
    zcacheTestObj: {},
  });
  return response.results as unknown[];
}

async function emptyStudio(sandbox: CountingSandbox): Promise<BenchStudio & { authData: Record<string, string> }> {
  const studio = await sandbox.newStudio({ name: 'Bench Instant Triggers' });
  return { api: studio.api, db: sandbox.sandbox.context.db, studioId: studio.studio_id, authData: studio.authData };
}

/** Runs `work` with the sandbox's counter reset, and returns the Studio API requests it made. */
async function counted<T>(
  sandbox: CountingSandbox,
  work: () => Promise<T>,
): Promise<{ result: T; requests: ReturnType<typeof apiRequests> }> {
  await sandbox.settled();
  sandbox.reset();
  const result = await work();
  await sandbox.settled();
  return { result, requests: apiRequests(sandbox.served) };
}

async function measureDelivery(sandbox: CountingSandbox, inbox: HookInbox, entry: InstantTriggerEntry): Promise<number> {
  const studio = await emptyStudio(sandbox);
  const hook = (await studio.api('POST', '/v1/hooks', { target_url: inbox.url, event: entry.event })).body as {
    id: string;
    secret: string;
  };
  inbox.deliveries.length = 0;
  await entry.make(studio, 1);
  const delivery = await inbox.waitFor((body) => (body as { type?: string }).type === entry.event);
  const { result, requests } = await counted(sandbox, () =>
    invoke(`triggers.${entry.key}.operation.perform`, {
      authData: studio.authData,
      subscribeData: hook,
      rawRequest: delivery.rawRequest,
      cleanedRequest: delivery.cleanedRequest,
    }),
  );
  if (result.length !== 1) throw new Error(`${entry.key}: a signed delivery gave ${result.length} items, not 1`);
  return requests.length;
}

/**
 * New Payment's old way, with the same events: the poll's page of events, then the job and
 * the contact of each payment on it (each distinct one once), with plain fetch.
 */
async function perItemPaymentPoll(sandbox: CountingSandbox, studio: BenchStudio): Promise<number> {
  const { requests } = await counted(sandbox, async () => {
    const page = (await studio.api('GET', '/v1/events?type=payment.received&limit=100')).body as {
      data: Array<{ data: { job_id: string; contact_id: string } }>;
    };
    const payments = page.data.slice(0, 25).map((event) => event.data);
    for (const path of new Set(payments.flatMap((payment) => [`/v1/jobs/${payment.job_id}`, `/v1/contacts/${payment.contact_id}`])))
      await studio.api('GET', path);
  });
  return requests.length;
}

export async function measureInstantTriggers(
  sandbox: CountingSandbox,
): Promise<{ rows: InstantTriggerCount[]; baseline: Array<{ events: number; requests: number }>; result: BenchResult }> {
  const inbox = await startHookInbox();
  const rows: InstantTriggerCount[] = [];
  const baseline: Array<{ events: number; requests: number }> = [];
  try {
    for (const entry of INSTANT_TRIGGERS) {
      const polls: InstantTriggerCount['polls'] = [];
      for (const events of POLL_SIZES) {
        // A fresh empty studio per size, so the poll lists exactly these events.
        const studio = await emptyStudio(sandbox);
        await entry.make(studio, events);
        const { result, requests } = await counted(sandbox, () =>
          invoke(`triggers.${entry.key}.operation.performList`, { authData: studio.authData }),
        );
        polls.push({ events, requests: requests.length, items: result.length });
        if (entry.key === 'new_payment') baseline.push({ events, requests: await perItemPaymentPoll(sandbox, studio) });
      }
      rows.push({ key: entry.key, story: entry.story, polls, delivery: await measureDelivery(sandbox, inbox, entry) });
    }
  } finally {
    await inbox.close();
  }
  const counts = rows.flatMap((row) => [...row.polls.map((poll) => poll.requests), row.delivery]);
  const flat = rows.every((row) => row.polls.every((poll) => poll.requests === row.polls[0]!.requests));
  const worst = Math.max(...counts);
  const paymentPoll = rows.find((row) => row.key === 'new_payment')!.polls.find((poll) => poll.events === 25)!.requests;
  const oldPaymentPoll = baseline.find((b) => b.events === 25)!.requests;
  return {
    rows,
    baseline,
    result: {
      name: 'instant triggers: most requests of any poll (1, 25 or 100 events) or delivery',
      value: worst,
      unit: 'requests',
      baselineName: 'New Payment fetching each payment’s job and contact, 25-item poll',
      baseline: oldPaymentPoll,
      ratio: paymentPoll / oldPaymentPoll,
      target: '≤ 2, the same for 1, 25 and 100 events',
      met: flat && worst <= 2,
      note: `ratio = New Payment’s 25-item poll now (${paymentPoll}) / the per-item way (${oldPaymentPoll}); ${flat ? 'every trigger’s poll costs the same for 1, 25 and 100 events' : 'NOT flat: a poll costs more with more events'}`,
    },
  };
}

export function instantTriggerTable(
  rows: readonly InstantTriggerCount[],
  baseline: ReadonlyArray<{ events: number; requests: number }>,
): string {
  const sizes = POLL_SIZES.map((n) => `poll, ${n} event${n === 1 ? '' : 's'}`);
  const lines = [`| trigger | events made | ${sizes.join(' | ')} | one delivery |`, `|---|---|${sizes.map(() => '---:').join('|')}|---:|`];
  const cell = (poll: InstantTriggerCount['polls'][number]) => `${poll.requests} (${poll.items} item${poll.items === 1 ? '' : 's'})`;
  for (const row of rows) lines.push(`| \`${row.key}\` | ${row.story} | ${row.polls.map(cell).join(' | ')} | ${row.delivery} |`);
  if (baseline.length > 0) {
    lines.push(
      `| baseline: \`new_payment\` fetching each job and contact | the same payments | ${baseline.map((b) => String(b.requests)).join(' | ')} | — |`,
    );
  }
  return lines.join('\n');
}
