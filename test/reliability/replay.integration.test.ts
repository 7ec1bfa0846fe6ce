// Replay safety: Zapier retries steps, and a Zap can run twice on the same trigger item. Every
// create, run again and again with the same input against the real sandbox, must leave
// exactly one record (records are counted through the API). `npm run soak` replays each
// create 1,000 times; concurrent replays (the same step running twice at once) too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { fromPicTime, fromShopify, picTimeOrder, shopifyOrder } from '../orders/external-fixtures.js';
import { COUNTS, reportFigure, timeFor, LeakWatch, startReliabilitySandbox, type ReliabilitySandbox } from './support.js';
import { readFailure, methodOf, placePrintOrder, invokeApp, unique, uniquePhone } from '../support/index.js';

let sandbox: ReliabilitySandbox;
const watch = new LeakWatch();
const { brands, presets, jobs } = DEMO_IDS;

beforeAll(async () => {
  sandbox = await startReliabilitySandbox();
  watch.credentials(sandbox.studio);
});
afterAll(async () => {
  await sandbox?.stop();
});

async function get(path: string): Promise<any> {
  const response = await sandbox.api('GET', path);
  expect(response.status).toBe(200);
  return response.body;
}
const list = async (path: string): Promise<Array<Record<string, any>>> => (await get(path)).data;

/** Runs a create `times` times in a row with the same input; returns every output. */
async function replay(key: string, inputData: Record<string, unknown>, times: number): Promise<Array<Record<string, any>>> {
  const outputs = [];
  for (let i = 0; i < times; i += 1)
    outputs.push((await invokeApp(methodOf('create', key), { authData: sandbox.authData, inputData })) as Record<string, any>);
  return outputs;
}

/**
 * Runs a create `times` times at once. Each run either succeeds or is told to retry (the API
 * answers "still being processed" to a twin that arrives mid-request); none may fail for good.
 */
async function replayConcurrently(key: string, inputData: Record<string, unknown>, times: number): Promise<Array<Record<string, any>>> {
  const settled = await Promise.allSettled(
    Array.from({ length: times }, () => invokeApp(methodOf('create', key), { authData: sandbox.authData, inputData })),
  );
  const outputs: Array<Record<string, any>> = [];
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') outputs.push(outcome.value as Record<string, any>);
    else {
      const failure = watch.saw(readFailure(outcome.reason));
      expect({ name: failure.name, message: failure.message }).toMatchObject({ name: 'ThrottledError' });
    }
  }
  // Zapier retries a throttled step; the retry must get the same record.
  outputs.push((await invokeApp(methodOf('create', key), { authData: sandbox.authData, inputData })) as Record<string, any>);
  return outputs;
}

async function newGallery(name: string): Promise<string> {
  const created = await sandbox.api('POST', '/v1/galleries', {
    name,
    slug: name.toLowerCase(),
    brand_id: brands.northlight,
    preset_id: presets.classic,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** About how long one run of a create takes against the sandbox, for the tests' time limits. */
const MS_PER_RUN = 60;

const modes = [
  {
    mode: `${COUNTS.replays} times in a row`,
    runs: COUNTS.replays,
    replayAll: (key: string, input: Record<string, unknown>) => replay(key, input, COUNTS.replays),
  },
  {
    mode: `${COUNTS.concurrentReplays} times at once`,
    runs: COUNTS.concurrentReplays,
    replayAll: (key: string, input: Record<string, unknown>) => replayConcurrently(key, input, COUNTS.concurrentReplays),
  },
];

describe.each(modes)('every create run $mode with the same input leaves exactly one record', ({ mode, runs, replayAll }) => {
  const limit = timeFor(runs, MS_PER_RUN);
  /** Runs the replays, and in a soak says how many ran and how long they took. */
  const run = async (key: string, input: Record<string, unknown>) => {
    const started = performance.now();
    const outputs = await replayAll(key, input);
    reportFigure(`${key} ${mode}`, `${outputs.length} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return outputs;
  };

  it(
    'Create Contact: one contact with the email',
    async () => {
      const email = `${unique('replay.')}@example.com`;
      const outputs = await run('create_contact', { first_name: 'Rosa', last_name: 'Replay', email, phone: uniquePhone() });
      const contacts = await list(`/v1/contacts?email=${encodeURIComponent(email)}&limit=100`);
      expect(contacts).toHaveLength(1);
      expect(new Set(outputs.map((o) => o.id))).toEqual(new Set([contacts[0]!.id]));
    },
    limit,
  );

  it(
    'Create Gallery (for a job): one gallery, linked to the job once',
    async () => {
      const name = unique('Replay Gallery ');
      const before = (await get(`/v1/jobs/${jobs.clarkeNewborn}`)).galleries.length;
      const outputs = await run('create_gallery', {
        brand_id: brands.family,
        preset_id: presets.familyPrintShop,
        job_id: jobs.clarkeNewborn,
        name,
      });
      const galleries = (await list(`/v1/galleries?q=${encodeURIComponent(name)}&limit=100`)).filter((g) => g.name === name);
      expect(galleries).toHaveLength(1);
      expect(new Set(outputs.map((o) => o.id))).toEqual(new Set([galleries[0]!.id]));
      expect((await get(`/v1/jobs/${jobs.clarkeNewborn}`)).galleries.length).toBe(before + 1);
      // Keep the job under its limit of 10 galleries for the next test.
      expect((await sandbox.api('DELETE', `/v1/jobs/${jobs.clarkeNewborn}/galleries/${galleries[0]!.id}`)).status).toBe(204);
    },
    limit,
  );

  it(
    'Link Gallery To Job: one link',
    async () => {
      const galleryId = await newGallery(unique('replay-link-'));
      const before = (await get(`/v1/jobs/${jobs.shahMaternity}`)).galleries.length;
      const outputs = await run('link_gallery_to_job', { job_id: jobs.shahMaternity, gallery_id: galleryId });
      const linked = (await get(`/v1/jobs/${jobs.shahMaternity}`)).galleries as Array<{ id: string }>;
      expect(linked.filter((g) => g.id === galleryId)).toHaveLength(1);
      expect(linked).toHaveLength(before + 1);
      expect(outputs.every((o) => o.gallery_id === galleryId && o.job_gallery_count === before + 1)).toBe(true);
      expect((await sandbox.api('DELETE', `/v1/jobs/${jobs.shahMaternity}/galleries/${galleryId}`)).status).toBe(204);
    },
    limit,
  );

  it(
    'Create Invoices From Order: one invoice per tax rate',
    async () => {
      const orderId = await placePrintOrder(sandbox.api, { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart' });
      const outputs = await run('create_invoices_from_order', { order_id: orderId, contact_id: DEMO_IDS.contacts.amelia });
      const invoices = await list(`/v1/invoices?order_id=${orderId}&limit=100`);
      expect(invoices.map((i) => i.tax_rate).sort()).toEqual(['0', '20']);
      for (const output of outputs)
        expect(new Set(output.invoices.map((i: { id: string }) => i.id))).toEqual(new Set(invoices.map((i) => i.id)));
    },
    limit,
  );

  it(
    'Create Job: one job, the same one every time',
    async () => {
      const name = unique('Replay Job ');
      const outputs = await run('create_job', {
        contact_id: DEMO_IDS.contacts.lucas,
        name,
        job_type: 'Elopement',
        event_date: '2027-05-01',
      });
      const found = await list(`/v1/jobs?contact_id=${DEMO_IDS.contacts.lucas}&name=${encodeURIComponent(name)}&limit=100`);
      expect(found).toHaveLength(1);
      expect(new Set(outputs.map((o) => o.id))).toEqual(new Set([found[0]!.id]));
    },
    limit,
  );

  it(
    'Update Job Stage: one move, one job.stage_changed event',
    async () => {
      const created = await sandbox.api('POST', '/v1/jobs', { contact_id: DEMO_IDS.contacts.lucas, name: unique('Replay Stage ') });
      expect(created.status).toBe(201);
      const outputs = await run('update_job_stage', { job_id: created.body.id, stage_id: 'stg_booked' });
      expect(outputs.every((o) => o.stage_id === 'stg_booked')).toBe(true);
      const moves = (await list('/v1/events?type=job.stage_changed&limit=100')).filter((e) => e.data.id === created.body.id);
      expect(moves).toHaveLength(1);
    },
    limit,
  );

  it(
    'Update Contact: the contact ends with the values given, and no second contact appears',
    async () => {
      const email = `${unique('replay.update.')}@example.com`;
      const created = await sandbox.api('POST', '/v1/contacts', { first_name: 'Rory', last_name: 'Replay' });
      expect(created.status).toBe(201);
      const outputs = await run('update_contact', { contact_id: created.body.id, email, last_name: 'Replayed' });
      expect(outputs.every((o) => o.id === created.body.id && o.email === email && o.last_name === 'Replayed')).toBe(true);
      expect(await list(`/v1/contacts?email=${encodeURIComponent(email)}&limit=100`)).toHaveLength(1);
    },
    limit,
  );

  it(
    'Import Order (new client): one contact and one invoice per tax rate',
    async () => {
      const email = `${unique('import.')}@example.com`;
      const orderId = await placePrintOrder(sandbox.api, { email, first_name: 'Ivy', last_name: unique('Importer'), phone: uniquePhone() });
      const outputs = await run('import_order', { order_id: orderId });
      const contacts = await list(`/v1/contacts?email=${encodeURIComponent(email)}&limit=100`);
      expect(contacts).toHaveLength(1);
      const invoices = await list(`/v1/invoices?order_id=${orderId}&limit=100`);
      expect(invoices.map((i) => i.tax_rate).sort()).toEqual(['0', '20']);
      expect(new Set(outputs.map((o) => o.contact_id))).toEqual(new Set([contacts[0]!.id]));
      expect(invoices.every((i) => i.contact_id === contacts[0]!.id)).toBe(true);
    },
    limit,
  );

  it(
    'Create Invoices From Line Items: one invoice per tax rate for the source and reference',
    async () => {
      const reference = unique('#replay-');
      const outputs = await run('create_invoices_from_line_items', {
        ...fromShopify(shopifyOrder),
        reference,
        contact_id: DEMO_IDS.contacts.amelia,
      });
      const invoices = await list(`/v1/invoices?source_app=shopify&source_reference=${encodeURIComponent(reference)}&limit=100`);
      expect(invoices.map((i) => i.tax_rate).sort()).toEqual(['0', '20']);
      for (const output of outputs) expect(new Set(output.invoice_ids)).toEqual(new Set(invoices.map((i) => i.id)));
    },
    limit,
  );

  it(
    'Import Order From Another App (new client): one contact and one invoice',
    async () => {
      const reference = unique('PT-replay-');
      const email = `${unique('external.')}@example.com`;
      const outputs = await run('import_external_order', {
        ...fromPicTime(picTimeOrder),
        reference,
        client_email: email,
        client_last_name: unique('Importer'),
        client_phone: uniquePhone(),
      });
      const contacts = await list(`/v1/contacts?email=${encodeURIComponent(email)}&limit=100`);
      expect(contacts).toHaveLength(1);
      const invoices = await list(`/v1/invoices?source_app=pic-time&source_reference=${encodeURIComponent(reference)}&limit=100`);
      expect(invoices).toHaveLength(1);
      expect(new Set(outputs.map((o) => o.contact_id))).toEqual(new Set([contacts[0]!.id]));
      for (const output of outputs) expect(output.invoice_ids).toEqual([invoices[0]!.id]);
    },
    limit,
  );
});

// No credential reached a sandbox log line or an error message during the replays.
watch.checkAfterAll(() => sandbox.logLines);
