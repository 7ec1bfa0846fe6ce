// `npm start`: the integration doing its job. Builds the app (npm start runs `npm run build`
// first), starts the sandbox in-process on a fresh database, and runs the flagship studio
// workflows (a booking payment, a gallery order, an enquiry booked, an order from another app)
// through the built app (dist/, the code Zapier runs) with Zapier's own app tester: signed
// webhooks into trigger `perform`, then the actions and searches a Zap would chain.
// It ends by writing .env for `zapier-platform invoke` and keeps the sandbox running, with its
// console at / (Ctrl-C stops it). `npm start -- --once` runs the workflows and exits, for CI.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import zapier from 'zapier-platform-core';
import type AppDefinition from '../index.js';
import { formatMoney } from '../src/domain/currency.js';
import { startHookInbox, type HookInbox } from '../sandbox/world/hook-inbox.js';
import { DEMO_IDS, DEMO_STUDIO } from '../sandbox/world/seed.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import type { StudioCredentials } from '../sandbox/store/studios.js';
import { createReport, type Report } from './report.js';

type App = typeof AppDefinition;
type Bundle = Record<string, unknown>;
type Item = Record<string, any>;

const once = process.argv.includes('--once');
const port = Number(process.env.SANDBOX_PORT ?? 4010);
const dbPath = '.sandbox/demo.db';
const pidPath = '.sandbox/demo.pid';
const REDIRECT_URI = 'http://localhost:9000/oauth/callback';

interface Demo {
  app: App;
  /** Runs an operation of the built app, by its path ("creates.import_order.operation.perform"). */
  run: (method: string, bundle: Bundle) => Promise<any>;
  sandbox: Sandbox;
  studio: StudioCredentials;
  inbox: HookInbox;
  report: Report;
  /** An authenticated request to the sandbox as the demo studio (the outside world). */
  api: (method: string, path: string, body?: unknown) => Promise<any>;
}

function operation(app: App, kind: 'triggers' | 'creates' | 'searches', key: string, name = 'perform'): string {
  const definition = (app[kind] as unknown as Record<string, { operation: Record<string, unknown> }> | undefined)?.[key];
  if (typeof definition?.operation[name] !== 'function') throw new Error(`The app has no ${kind.slice(0, -1)} "${key}" with ${name}`);
  return `${kind}.${key}.operation.${name}`;
}

const portInUse = () =>
  new Error(`Port ${port} is in use (is \`npm start\` or \`npm run sandbox\` running?). Stop it, or run with SANDBOX_PORT=0 npm start.`);

/** Resolves when the port can be listened on now; a demo already running keeps it (and its database). */
async function assertPortFree(): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((free, taken) => {
    probe.once('error', (error: NodeJS.ErrnoException) => taken(error.code === 'EADDRINUSE' ? portInUse() : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => free()));
  });
}

/**
 * Refuses to start over a demo running from this checkout, before touching anything: the
 * port is checked first, then the pid file of a demo on another port (SANDBOX_PORT=0).
 */
async function claimDemo(): Promise<void> {
  await assertPortFree();
  mkdirSync(resolve('.sandbox'), { recursive: true });
  const running = readRunningDemo();
  if (running) {
    throw new Error(
      `A demo is already running from this checkout (process ${running.pid}, ${running.url}) and uses ${dbPath}. Stop it (Ctrl-C in its terminal) and run npm start again.`,
    );
  }
  writeFileSync(resolve(pidPath), JSON.stringify({ pid: process.pid, url: null }));
}

function readRunningDemo(): { pid: number; url: string | null } | null {
  let recorded: { pid: number; url: string | null };
  try {
    recorded = JSON.parse(readFileSync(resolve(pidPath), 'utf8')) as { pid: number; url: string | null };
  } catch {
    return null;
  }
  if (recorded.pid === process.pid) return null;
  try {
    process.kill(recorded.pid, 0); // signal 0: only asks whether the process exists
    return recorded;
  } catch {
    return null; // a demo that ended without cleaning up
  }
}

function releaseDemo(): void {
  if (readRunningDemo() === null) rmSync(resolve(pidPath), { force: true });
}

async function startDemoSandbox(): Promise<Sandbox> {
  rmSync(resolve(dbPath), { force: true });
  try {
    const sandbox = await startSandbox({
      port,
      host: '127.0.0.1',
      dbPath,
      logLevel: 'warn',
      logStream: process.stderr,
      webhookRetryDelaysMs: [200, 1000, 5000],
    });
    writeFileSync(resolve(pidPath), JSON.stringify({ pid: process.pid, url: sandbox.url }));
    return sandbox;
  } catch (error) {
    releaseDemo();
    if ((error as { code?: string }).code === 'EADDRINUSE') throw portInUse();
    throw error;
  }
}

async function createDemoStudio(url: string): Promise<StudioCredentials> {
  const response = await fetch(`${url}/_sandbox/studios`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...DEMO_STUDIO, seed: 'demo', redirect_uris: [REDIRECT_URI] }),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`Creating the demo studio failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as StudioCredentials;
}

/** Subscribes a REST hook trigger through the app, and returns a function that runs the
 *  trigger's `perform` on the next signed delivery matching `matches`. */
async function subscribe(demo: Demo, key: string, inputData: Bundle) {
  const subscribeData = await demo.run(operation(demo.app, 'triggers', key, 'performSubscribe'), { targetUrl: demo.inbox.url, inputData });
  return {
    subscribeData: subscribeData as { id: string },
    async fire(matches: (event: Item) => boolean): Promise<Item[]> {
      const delivery = await demo.inbox.waitFor((body) => typeof body === 'object' && body !== null && matches(body as Item));
      return (await demo.run(operation(demo.app, 'triggers', key), {
        inputData,
        subscribeData,
        targetUrl: demo.inbox.url,
        rawRequest: delivery.rawRequest,
        cleanedRequest: delivery.cleanedRequest,
      })) as Item[];
    },
  };
}

function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

async function firstPaymentToGallery(demo: Demo): Promise<Item> {
  const { report } = demo;
  const jobId = DEMO_IDS.jobs.wilsonEngagement;
  report.workflow(
    'First payment → gallery',
    'A client pays the booking deposit; Zapier creates their gallery, links it to the job, and reports it once it is online.',
  );

  const paymentHook = await report.step(
    'Turn on a Zap: "New Payment" (first payment on a job only)',
    () => subscribe(demo, 'new_payment', { first_payment_only: true }),
    (hook) => `subscribed as ${hook.subscribeData.id}`,
  );

  const payment = await report.step(
    'The client pays a £450.00 deposit on "James Wilson & Ella Engagement"',
    () => demo.api('POST', '/_sandbox/payments', { job_id: jobId, amount: 45000 }),
    (p) => `payment ${p.id} (first on the job: ${p.is_first_payment})`,
  );

  const [trigger] = await report.step(
    'New Payment fires through a signed webhook',
    () => paymentHook.fire((event) => event.type === 'payment.received' && event.data?.id === payment.id),
    (items) => {
      const item = items[0];
      expectThat(
        items.length === 1 && item?.id === payment.id,
        `expected the payment ${payment.id}, got ${JSON.stringify(items.map((i) => i.id))}`,
      );
      return `${item!.amount_formatted} from ${item!.contact?.name} for "${item!.job?.name}"`;
    },
  );

  const brands = (await demo.run(operation(demo.app, 'triggers', 'list_brands'), {
    inputData: {},
    meta: { isFillingDynamicDropdown: true },
  })) as Item[];
  const brand = brands.find((b) => b.id === DEMO_IDS.brands.northlight) ?? brands[0]!;
  const presets = (await demo.run(operation(demo.app, 'triggers', 'list_presets'), {
    inputData: { brand_id: brand.id },
    meta: { isFillingDynamicDropdown: true },
  })) as Item[];
  const preset = presets.find((p) => p.id === DEMO_IDS.presets.classic) ?? presets[0]!;

  const gallery = await report.step(
    `Create Gallery from the job (chosen in the dropdowns: ${brand.name} · ${preset.name})`,
    () =>
      demo.run(operation(demo.app, 'creates', 'create_gallery'), {
        inputData: { job_id: trigger!.job_id, brand_id: brand.id, preset_id: preset.id },
      }),
    (g) => {
      expectThat(g.status === 'offline', `a new gallery must be hidden, got ${g.status}`);
      return `"${g.name}" at /${g.slug}, hidden from the client (${g.status}) until published`;
    },
  );

  await report.step(
    'Link Gallery To Job (already linked by Create Gallery: a no-op, as a replayed step would be)',
    () =>
      demo.run(operation(demo.app, 'creates', 'link_gallery_to_job'), { inputData: { job_id: trigger!.job_id, gallery_id: gallery.id } }),
    (link) => `${link.gallery_name} ↔ ${link.job_name} (already linked: ${link.already_linked})`,
  );

  const publishedHook = await report.step(
    'Turn on a Zap: "Gallery Published"',
    () => subscribe(demo, 'gallery_published', {}),
    (hook) => `subscribed as ${hook.subscribeData.id}`,
  );

  await report.step(
    'The photographer uploads 248 images and publishes the gallery',
    async () => {
      await demo.api('POST', `/_sandbox/galleries/${gallery.id}/images`, { count: 248 });
      return demo.api('POST', `/_sandbox/galleries/${gallery.id}/publish`);
    },
    (g) => `${g.name} is ${g.status ?? 'published'}`,
  );

  await report.step(
    'Gallery Published fires through a signed webhook',
    () => publishedHook.fire((event) => event.type === 'gallery.published' && event.data?.id === gallery.id),
    (items) => {
      expectThat(items.length === 1, `expected one publish event, got ${items.length}`);
      return `event ${items[0]!.id}: ${items[0]!.client_url}`;
    },
  );

  const [found] = await report.step(
    'Find Gallery shows it live',
    () => demo.run(operation(demo.app, 'searches', 'find_gallery'), { inputData: { gallery_id: gallery.id } }),
    (results) => {
      const g = results[0];
      expectThat(
        g?.status === 'online' && g.image_count === 248,
        `expected an online gallery with 248 images, got ${JSON.stringify(g && { status: g.status, image_count: g.image_count })}`,
      );
      return `${g.status}, ${g.image_count} images, ${g.client_url}`;
    },
  );
  return found as Item;
}

async function orderToInvoices(demo: Demo): Promise<Item> {
  const { report } = demo;
  report.workflow(
    'Order → invoices',
    'A client orders an album and a canvas; Zapier matches them to their contact and shoot and books one invoice per tax rate.',
  );

  const orderHook = await report.step(
    'Turn on a Zap: "New Order" (paid orders only)',
    () => subscribe(demo, 'new_order', { payment_status: 'paid' }),
    (hook) => `subscribed as ${hook.subscribeData.id}`,
  );

  const placed = await report.step(
    'Amelia Hart orders an album (5% VAT) and two canvases (10%) with shipping and a £25.00 discount',
    () =>
      demo.api('POST', '/_sandbox/orders', {
        gallery_id: DEMO_IDS.galleries.hartEngagement,
        currency: 'GBP',
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'Amelia.Hart@example.com', first_name: 'Amelia', last_name: 'Hart', phone: '07700 900101' },
        lines: [
          { description: 'Heirloom album 30×30, 40 pages', quantity: 1, unit_price: 42000, tax_rate: '5' },
          { description: 'Canvas 60×40 cm', quantity: 2, unit_price: 8500, tax_rate: '10' },
        ],
        discount: 2500,
        shipping: { amount: 1200, tax_rate: null },
      }),
    (order) =>
      `order ${order.number}: ${formatMoney(order.totals.total, order.currency)} (tax ${formatMoney(order.totals.tax, order.currency)})`,
  );

  const [trigger] = await report.step(
    'New Order fires through a signed webhook',
    () => orderHook.fire((event) => event.type === 'order.created' && event.data?.id === placed.id),
    (items) => {
      expectThat(items.length === 1 && items[0]!.id === placed.id, `expected order ${placed.id}`);
      return `${items[0]!.number} from ${items[0]!.client?.email}`;
    },
  );

  const importOrder = operation(demo.app, 'creates', 'import_order');
  const imported = await report.step(
    'Import Order: match the contact, find the latest confirmed shoot, book the invoices',
    () => demo.run(importOrder, { inputData: { order_id: trigger!.id } }),
    (result) => {
      expectThat(
        result.contact_result === 'matched' && result.invoice_count === 2,
        `expected a matched contact and two invoices, got ${result.contact_result} and ${result.invoice_count}`,
      );
      expectThat(
        result.invoices_total === placed.totals.total,
        `invoices add up to ${result.invoices_total}, the order to ${placed.totals.total}`,
      );
      const invoices = (result.invoices as Item[]).map(
        (i) =>
          `      ${i.number} at ${i.tax_rate}%: net ${formatMoney(i.net, i.currency)} + tax ${formatMoney(i.tax, i.currency)} = ${formatMoney(i.total, i.currency)} (${i.status})`,
      );
      return [
        `contact ${result.contact_id} (matched by ${result.contact_matched_by}), shoot "${result.shoot?.title}" on job ${result.job_id}`,
        ...invoices,
        `      together ${formatMoney(result.invoices_total, result.currency)} = the order total, to the penny`,
      ].join('\n');
    },
  );

  await report.step(
    'Zapier replays the step: Import Order again',
    () => demo.run(importOrder, { inputData: { order_id: trigger!.id } }),
    (again) => {
      expectThat(
        again.invoices_created === 0 && String(again.invoice_ids) === String(imported.invoice_ids),
        `the replay created ${again.invoices_created} invoices`,
      );
      return `created nothing: the same ${again.invoice_count} invoices (${again.invoice_ids.join(', ')}), reused ${again.invoices_reused}`;
    },
  );

  const stored = await demo.api('GET', `/v1/invoices?order_id=${encodeURIComponent(placed.id)}`);
  expectThat(stored.data.length === 2, `the studio has ${stored.data.length} invoices for the order, expected 2`);
  return imported;
}

/** What a Zap maps from Pic-Time's own Zapier app ("New Order Placed"): a total, no lines. */
const PIC_TIME_ORDER = {
  source_app: 'Pic-Time',
  reference: 'PT-20931',
  placed_at: '/Date(1796061600000)/',
  currency: 'GBP',
  total: '86.40',
  total_tax_rate: '20',
  paid: 'approved',
  client_email: 'amelia.hart@example.com',
  client_first_name: 'Amelia',
  client_last_name: 'Hart',
  client_phone: '07700 900101',
};

async function externalOrderToInvoices(demo: Demo): Promise<void> {
  const { report } = demo;
  report.workflow(
    'Order from another app → invoices',
    'Pic-Time’s own Zapier app reports an order (a total, no lines); Zapier books it on the client’s contact and shoot.',
  );
  const importExternal = operation(demo.app, 'creates', 'import_external_order');
  const imported = await report.step(
    'Import Order From Another App: Pic-Time order PT-20931, GBP 86.40 at 20%, "approved", a phone without +44',
    () => demo.run(importExternal, { inputData: PIC_TIME_ORDER }),
    (result) => {
      expectThat(
        result.contact_result === 'matched' && result.invoice_count === 1 && result.invoices_total === 8640,
        `expected one GBP 86.40 invoice on a matched contact, got ${result.summary}`,
      );
      return result.summary;
    },
  );
  await report.step(
    'Zapier replays the step',
    () => demo.run(importExternal, { inputData: PIC_TIME_ORDER }),
    (again) => {
      expectThat(
        again.invoices_created === 0 && String(again.invoice_ids) === String(imported.invoice_ids),
        `the replay created ${again.invoices_created} invoices`,
      );
      return `created nothing: the same invoice ${again.invoice_ids}`;
    },
  );
  await report.step(
    'The same reference comes back with another total (GBP 96.40)',
    async () => {
      try {
        await demo.run(importExternal, { inputData: { ...PIC_TIME_ORDER, total: '96.40' } });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('a changed order was booked a second time');
    },
    (message) => {
      expectThat(
        message.includes('is GBP 86.40 (tax GBP 14.40), the order now GBP 96.40 (tax GBP 16.07)'),
        `expected the difference named, got: ${message}`,
      );
      return `stopped: ${message.split(' Nothing new was booked.')[0]}`;
    },
  );
  const stored = await demo.api('GET', `/v1/invoices?source_app=pic-time&source_reference=${encodeURIComponent(PIC_TIME_ORDER.reference)}`);
  expectThat(stored.data.length === 1, `the studio has ${stored.data.length} invoices for the Pic-Time order, expected 1`);
}

async function enquiryToBooking(demo: Demo): Promise<void> {
  const { report } = demo;
  report.workflow(
    'Enquiry → booked job → gallery',
    'A client enquires; Zapier finds or creates their job, moves it to Booked when they sign, and creates the gallery named after the job.',
  );
  const contactId = DEMO_IDS.contacts.sophie;
  const jobInput = { contact_id: contactId, name: 'Clarke Baby Milestones', event_date: '2027-02-06' };

  const stageHook = await report.step(
    'Turn on a Zap: "Job Stage Changed" (into Booked only)',
    () => subscribe(demo, 'job_stage_changed', { stage_id: 'stg_booked' }),
    (hook) => `subscribed as ${hook.subscribeData.id}`,
  );

  const found = (await report.step(
    'Find Job for Sophie Clarke’s "Clarke Baby Milestones"',
    () => demo.run(operation(demo.app, 'searches', 'find_job'), { inputData: jobInput }),
    (jobs) => `${(jobs as Item[]).length} found`,
  )) as Item[];
  expectThat(found.length === 0, 'the demo studio has no "Clarke Baby Milestones" job yet');
  const createJob = operation(demo.app, 'creates', 'create_job');
  const job = await report.step(
    'Not found, so Create Job with the same fields (find-or-create)',
    () => demo.run(createJob, { inputData: jobInput }),
    (j) => `${j.id} "${j.name}", stage ${j.stage_name} (${j.status})`,
  );
  await report.step(
    'Zapier replays the step: Create Job again',
    () => demo.run(createJob, { inputData: jobInput }),
    (again) => {
      expectThat(again.id === job.id, `the replay made another job ${again.id}`);
      return `the same job ${again.id}, no second one`;
    },
  );

  await report.step(
    'The client signs: Update Job Stage to Booked',
    () => demo.run(operation(demo.app, 'creates', 'update_job_stage'), { inputData: { job_id: job.id, stage_id: 'stg_booked' } }),
    (moved) => {
      expectThat(moved.moved === true && moved.status === 'booked', `expected the job booked, got ${moved.status}`);
      return `${moved.previous_stage?.name} → ${moved.stage_name}; the job is ${moved.status}`;
    },
  );

  const [trigger] = await report.step(
    'Job Stage Changed fires through a signed webhook',
    () => stageHook.fire((event) => event.type === 'job.stage_changed' && event.data?.id === job.id),
    (items) => {
      expectThat(items.length === 1, `expected one move, got ${items.length}`);
      return `${items[0]!.from_stage?.name} → ${items[0]!.to_stage?.name} for ${items[0]!.contact?.name} (${items[0]!.contact?.email})`;
    },
  );

  await report.step(
    'Create Gallery for the job: name and date from the job',
    () =>
      demo.run(operation(demo.app, 'creates', 'create_gallery'), {
        inputData: { job_id: trigger!.job_id, brand_id: DEMO_IDS.brands.family, preset_id: DEMO_IDS.presets.familyPrintShop },
      }),
    (g) => {
      expectThat(
        g.name === job.name && g.event_date === job.event_date,
        `expected the job's name and date, got "${g.name}" ${g.event_date}`,
      );
      return `"${g.name}" (${g.event_date}) at /${g.slug}, hidden until published`;
    },
  );
}

async function paymentFromAnotherAppToGallery(demo: Demo): Promise<void> {
  const { report } = demo;
  report.workflow(
    'Payment in Stripe → first payment → gallery',
    'A client pays the deposit in Stripe, outside the CRM; Zapier records it on the job, New Payment hears it as the first payment, and the gallery and the session follow.',
  );
  const jobId = DEMO_IDS.jobs.clarkeNewborn;
  const stripePayment = {
    job_id: jobId,
    amount: '300.00',
    currency: 'GBP',
    provider: 'Stripe',
    provider_reference: 'pi_3RclarkeDeposit01',
    paid_at: '2026-12-07T09:15:00Z',
  };
  const recordPayment = operation(demo.app, 'creates', 'record_payment');

  // Workflow 1's New Payment Zap would receive this payment too (signed for its own subscription): it is turned off first.
  await report.step(
    'Turn off the first workflow’s "New Payment" Zap',
    async () => {
      const hooks = (await demo.api('GET', '/v1/hooks?limit=100')) as { data: Item[] };
      const payments = hooks.data.filter((hook) => hook.event === 'payment.received');
      for (const hook of payments) await demo.api('DELETE', `/v1/hooks/${hook.id}`);
      return payments.length;
    },
    (count) => `${count} subscription(s) removed`,
  );
  const paymentHook = await report.step(
    'Turn on a Zap: "New Payment" (first payment on a job only)',
    () => subscribe(demo, 'new_payment', { first_payment_only: true }),
    (hook) => `subscribed as ${hook.subscribeData.id}`,
  );
  const payment = await report.step(
    'Stripe: Sophie Clarke pays a £300.00 deposit; Record Payment puts it on "Clarke Newborn"',
    () => demo.run(recordPayment, { inputData: stripePayment }),
    (p) => {
      expectThat(
        p.is_first_payment === true && p.amount === 30000,
        `expected the job's first payment of 30000, got ${JSON.stringify({ first: p.is_first_payment, amount: p.amount })}`,
      );
      return `payment ${p.id}: ${p.amount_formatted}, ${p.provider} ${p.provider_reference}, first on the job`;
    },
  );
  await report.step(
    'Zapier replays the step: Record Payment again',
    () => demo.run(recordPayment, { inputData: stripePayment }),
    (again) => {
      expectThat(again.id === payment.id && again.recorded_by_this_run === false, `the replay recorded another payment ${again.id}`);
      return `the same payment ${again.id}, nothing recorded twice`;
    },
  );
  const [trigger] = await report.step(
    'New Payment fires through a signed webhook: the first payment',
    () => paymentHook.fire((event) => event.type === 'payment.received' && event.data?.id === payment.id),
    (items) => {
      expectThat(items.length === 1 && items[0]?.is_first_payment === true, `expected the first payment, got ${items.length} item(s)`);
      return `${items[0]!.amount_formatted} from ${items[0]!.contact?.full_name} via ${items[0]!.provider}`;
    },
  );
  await report.step(
    'Create Gallery for the job',
    () =>
      demo.run(operation(demo.app, 'creates', 'create_gallery'), {
        inputData: { job_id: trigger!.job_id, brand_id: DEMO_IDS.brands.family, preset_id: DEMO_IDS.presets.familyPrintShop },
      }),
    (g) => `"${g.name}" at /${g.slug}, hidden until published`,
  );
  await report.step(
    'Create Shoot: the newborn session, 2027-01-16 10:00 in the studio’s time zone, 2 hours, confirmed',
    () =>
      demo.run(operation(demo.app, 'creates', 'create_shoot'), {
        inputData: {
          job_id: trigger!.job_id,
          starts_at: '2027-01-16 10:00',
          duration_minutes: 120,
          type: 'Newborn session',
          confirmed: true,
        },
      }),
    (shoot) => `${shoot.title}, ${shoot.starts_at_local} ${shoot.time_zone} (${shoot.starts_at}), ${shoot.status}`,
  );
}

function writeEnv(sandbox: Sandbox, studio: StudioCredentials): void {
  writeFileSync(
    resolve('.env'),
    [
      "# Written by `npm start`: the local sandbox and the demo studio's connection, for `zapier-platform invoke`.",
      `STUDIO_API_URL=${sandbox.url}`,
      `CLIENT_ID=${studio.client_id}`,
      `CLIENT_SECRET=${studio.client_secret}`,
      `authData_access_token=${studio.access_token}`,
      `authData_refresh_token=${studio.refresh_token}`,
      '',
    ].join('\n'),
  );
}

function invokeCommands(gallery: Item): string[] {
  return [
    'npx zapier-platform invoke auth test',
    'npx zapier-platform invoke auth label',
    'npx zapier-platform invoke trigger list_jobs',
    `npx zapier-platform invoke search find_gallery -i '{"gallery_id":"${gallery.id}"}'`,
    `npx zapier-platform invoke search find_contact -i '{"email":"oliver.bennett@example.co.uk"}'`,
    `npx zapier-platform invoke search find_latest_confirmed_shoot -i '{"email":"amelia.hart@example.com"}'`,
    `npx zapier-platform invoke create create_invoices_from_order -i '{"order_id":"${DEMO_IDS.orders.bennettPrints}"}'`,
    `npx zapier-platform invoke search find_contact -i '{"first_name":"James","last_name":"Wilson"}'   # two James Wilsons: refuses to guess`,
    `npx zapier-platform invoke search find_order -i '{"number":"ORD-1001"}'`,
    `npx zapier-platform invoke create update_job_stage -i '{"job_id":"${DEMO_IDS.jobs.clarkeNewborn}","stage_id":"stg_booked"}'`,
    `npx zapier-platform invoke create import_order -i '{"order_id":"${DEMO_IDS.orders.wilsonPrints}"}'   # a third James Wilson, with his own email: a new contact`,
    `npx zapier-platform invoke create import_external_order -i '{"source_app":"Pic-Time","reference":"PT-20950","currency":"GBP","total":"54.00","total_tax_rate":"20","paid":"approved","placed_at":"/Date(1796061600000)/","client_email":"amelia.hart@example.com","client_phone":"07700 900101"}'   # another Pic-Time order: books one invoice`,
    `npx zapier-platform invoke create create_invoices_from_line_items -i '{"source_app":"Shopify","reference":"#1001","currency":"GBP","prices_include_tax":"yes","tax_rate_format":"fraction","paid":"paid","line_items":[{"description":"Fine Art Print 8x10","quantity":"2","unit_price":"24.00","tax_rate":"0.2"},{"description":"Printed Photo Book","quantity":"1","unit_price":"60.00","tax_rate":"0"}],"discount":"5.00","shipping_amount":"4.95","total":"107.95"}'`,
    `npx zapier-platform invoke auth start --local-port 9000 --redirect-uri ${REDIRECT_URI}   # sign in on the consent page`,
  ];
}

async function main(): Promise<void> {
  const report = createReport(process.stdout);
  // Before anything else: a demo already running keeps its port, its database and its .env.
  await claimDemo();
  report.title('Studio ⇄ Pic-Time for Zapier: demo');
  const built = resolve('dist/index.js');
  const app = (await import(pathToFileURL(built).href)).default as App;
  const sandbox = await startDemoSandbox();
  const studio = await createDemoStudio(sandbox.url);
  // The app reads these when it runs, as Zapier's runtime provides them.
  Object.assign(process.env, { STUDIO_API_URL: sandbox.url, CLIENT_ID: studio.client_id, CLIENT_SECRET: studio.client_secret });
  const inbox = await startHookInbox();
  const authData = { access_token: studio.access_token, refresh_token: studio.refresh_token };
  // Zapier's own handler, as its runtime calls it; the cursor store that paginated dropdowns
  // use is kept in memory (Zapier's RPC service plays that part in production).
  // (createAppHandler is exported at runtime but missing from core's type declarations.)
  const { createAppHandler } = zapier as unknown as { createAppHandler: (app: App) => (event: object) => Promise<{ results: unknown }> };
  const handler = createAppHandler(app);
  let runs = 0;
  const demo: Demo = {
    app,
    sandbox,
    studio,
    inbox,
    report,
    run: async (method, bundle) => {
      runs += 1;
      const event = {
        command: 'execute',
        method,
        bundle: { authData, ...bundle },
        storeKey: `demo-${runs}`,
        cursorTestObj: {},
        calledFromCli: true,
      };
      return (await handler(event)).results;
    },
    api: async (method, path, body) => {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${studio.access_token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} failed: HTTP ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
  };
  report.facts([
    ['app', `${built} (built from index.ts: the code Zapier runs)`],
    ['sandbox', `${sandbox.url} (fresh database ${dbPath})`],
    ['studio', `${DEMO_STUDIO.name}, signed in as ${studio.user_email}`],
    ['webhooks', `delivered to ${inbox.url}, standing in for Zapier`],
    ['console', `${sandbox.url}/ (sign in as ${studio.user_email} / ${studio.user_password}) shows every step below as pages`],
  ]);

  let failed = false;
  let gallery: Item = { id: DEMO_IDS.galleries.hartWedding };
  try {
    gallery = await firstPaymentToGallery(demo);
    await orderToInvoices(demo);
    await enquiryToBooking(demo);
    await externalOrderToInvoices(demo);
    await paymentFromAnotherAppToGallery(demo);
  } catch (error) {
    failed = true;
    report.failure(error);
  }
  await inbox.close();
  writeEnv(sandbox, studio);
  report.summary(failed);

  if (once || failed) {
    await sandbox.stop();
    releaseDemo();
    process.exit(failed ? 1 : 0);
  }
  report.next(sandbox.url, studio, invokeCommands(gallery));
  const stop = () =>
    void sandbox.stop().then(() => {
      releaseDemo();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  releaseDemo();
  process.stderr.write(`\nThe demo could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
