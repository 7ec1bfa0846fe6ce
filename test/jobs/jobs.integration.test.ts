// The CRM steps against the sandbox's demo studio, through Zapier's handler: a client comes in
// (New Contact), a job is created for them (Create Job, replay-safe; Find Job finds it, or
// creates it), it moves through the pipeline (Update Job Stage; Job Stage Changed hears each
// move as a real signed delivery), the contact is corrected (Update Contact), and an order is
// looked up by its number (Find Order).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Delivery } from '../../sandbox/world/hook-inbox.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { STAGE_IDS } from '../../sandbox/store/job-stages.js';
import { performList, performOn, shapeOf, startLiveHook, subscribe, type LiveHook } from '../hooks/live.js';
import { operationsOf, failureOf, invokeApp, methodOf, runOperation } from '../support/index.js';

let live: LiveHook;
beforeAll(async () => {
  live = await startLiveHook('job_stage_changed');
});
afterAll(async () => {
  await live?.stop();
});

const { contacts, jobs, orders } = DEMO_IDS;
const step = (group: 'creates' | 'searches', key: string, inputData: Record<string, unknown>) =>
  invokeApp<any>(methodOf(group === 'creates' ? 'create' : 'search', key), { authData: live.authData, inputData });
const delivered = (type: string, id: string): Promise<Delivery> =>
  live.inbox.waitFor(
    (body) => (body as { type?: string; data?: { id?: string } }).type === type && (body as { data: { id: string } }).data.id === id,
  );

describe('jobs and contacts against the sandbox', () => {
  it('creates a job once however often the step is replayed, then finds it by name and day', async () => {
    const input = { contact_id: contacts.sophie, name: 'Clarke  Family Portraits', job_type: 'Family', event_date: '2027-03-14T10:00:00Z' };
    const first = await step('creates', 'create_job', input);
    const again = await step('creates', 'create_job', input);
    expect(first).toMatchObject({
      name: 'Clarke Family Portraits',
      contact_id: contacts.sophie,
      status: 'lead',
      stage_id: STAGE_IDS.inquiry,
      stage_name: 'Inquiry',
      event_date: '2027-03-14',
    });
    expect(again).toEqual(first);
    const listed = await live.sandbox.api('GET', `/v1/jobs?contact_id=${contacts.sophie}&limit=100`);
    expect(listed.body.data.filter((job: { name: string }) => job.name === 'Clarke Family Portraits')).toHaveLength(1);

    await expect(
      step('searches', 'find_job', { contact_id: contacts.sophie, name: 'clarke family PORTRAITS', event_date: '2027-03-14' }),
    ).resolves.toEqual([first]);
    await expect(step('searches', 'find_job', { contact_id: contacts.amelia, name: 'Clarke Family Portraits' })).resolves.toEqual([]);
  });

  it('creates a job straight into a stage, which sets its status', async () => {
    const job = await step('creates', 'create_job', { contact_id: contacts.lucas, name: 'Moreau Elopement', stage_id: STAGE_IDS.booked });
    expect(job).toMatchObject({ status: 'booked', stage_id: STAGE_IDS.booked });
  });

  it('refuses a job for a contact the studio does not have, saying what to do', async () => {
    const failure = await failureOf(step('creates', 'create_job', { contact_id: 'con_nobody', name: 'Ghost Wedding' }));
    expect(failure.message).toMatch(/Studio has no contact con_nobody .*Choose the contact from the Contact dropdown/);
  });

  it('finds the demo’s jobs by name, accents and case ignored, newest first', async () => {
    await expect(step('searches', 'find_job', { name: 'zoe bronte portraits' })).resolves.toMatchObject([
      { id: jobs.brontePortraits, stage_name: 'Delivered', status: 'completed' },
    ]);
  });

  it('Job Stage Changed hears a move as a signed delivery, not the move to the stage the job is in, and its polls show the same item', async () => {
    const intoBooked = { stage_id: STAGE_IDS.booked };
    const subscription = await subscribe(live, intoBooked);
    const job = await step('creates', 'create_job', { contact_id: contacts.priya, name: 'Shah Newborn', stage_id: STAGE_IDS.proposalSent });

    const moved = await step('creates', 'update_job_stage', { job_id: job.id, stage_id: STAGE_IDS.booked });
    expect(moved).toMatchObject({
      id: job.id,
      moved: true,
      status: 'booked',
      stage_name: 'Booked',
      previous_stage: { id: STAGE_IDS.proposalSent },
    });
    const again = await step('creates', 'update_job_stage', { job_id: job.id, stage_id: STAGE_IDS.booked });
    expect(again).toMatchObject({ moved: false, stage_name: 'Booked' });

    const [item] = await performOn(live, await delivered('job.stage_changed', job.id), subscription, intoBooked);
    expect(item).toMatchObject({
      job_id: job.id,
      from_stage: { id: STAGE_IDS.proposalSent, name: 'Proposal Sent' },
      to_stage: { id: STAGE_IDS.booked, name: 'Booked', status: 'booked' },
      job: { name: 'Shah Newborn', status: 'booked' },
      contact: { first_name: 'Priya', phone: '+447700900107' },
    });
    // A move to Editing is delivered too but is not into Booked: the Zap does not trigger.
    await step('creates', 'update_job_stage', { job_id: job.id, stage_id: STAGE_IDS.editing });
    await live.sandbox.webhooksIdle();
    const stageChanges = live.inbox.deliveries.filter(
      (d) => (d.cleanedRequest as { type: string; data: { id: string } }).data.id === job.id,
    );
    expect(stageChanges).toHaveLength(2); // into Booked and into Editing; the no-op fired nothing
    await expect(performOn(live, stageChanges[1]!, subscription, intoBooked)).resolves.toEqual([]);

    const listed = await performList(live, intoBooked, true);
    expect(listed[0]).toEqual(item);
    expect(listed.every((entry) => (entry.to_stage as { id: string }).id === STAGE_IDS.booked)).toBe(true);
    expect(listed.map(shapeOf)).toEqual(listed.map(() => shapeOf(item)));
    await runOperation(live.trigger.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
  });

  it('New Job hears a new booked job with its client, and leaves leads out when asked', async () => {
    const newJob = operationsOf('new_job');
    const bookedOnly = { job_status: 'booked' };
    const subscription = (await runOperation(newJob.performSubscribe, {
      authData: live.authData,
      targetUrl: live.inbox.url,
      inputData: bookedOnly,
    })) as object;
    const lead = await step('creates', 'create_job', { contact_id: contacts.oliver, name: 'Bennett Christmas Minis' });
    const booked = await step('creates', 'create_job', {
      contact_id: contacts.oliver,
      name: 'Bennett Anniversary',
      stage_id: STAGE_IDS.booked,
    });
    const hear = async (jobId: string) =>
      (await runOperation(newJob.perform, {
        authData: live.authData,
        inputData: bookedOnly,
        subscribeData: subscription,
        ...(await delivered('job.created', jobId)),
      })) as unknown[];
    await expect(hear(lead.id)).resolves.toEqual([]);
    const items = await hear(booked.id);
    expect(items).toMatchObject([
      {
        id: booked.id,
        status: 'booked',
        stage_name: 'Booked',
        contact_id: contacts.oliver,
        contact: { email: 'oliver.bennett@example.co.uk' },
      },
    ]);
    const polled = (await runOperation(newJob.performList, { authData: live.authData, inputData: bookedOnly })) as unknown[];
    expect(polled[0]).toEqual(items[0]);
    await runOperation(newJob.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
  });

  it('New Contact hears a contact created by Create Contact, as Create Contact output it', async () => {
    const newContact = operationsOf('new_contact');
    const subscription = (await runOperation(newContact.performSubscribe, {
      authData: live.authData,
      targetUrl: live.inbox.url,
    })) as object;
    const created = await step('creates', 'create_contact', {
      first_name: 'Nadia',
      last_name: 'Rahman',
      email: 'nadia.rahman@example.com',
    });
    const items = (await runOperation(newContact.perform, {
      authData: live.authData,
      subscribeData: subscription,
      ...(await delivered('contact.created', created.id)),
    })) as unknown[];
    expect(items).toEqual([created]);
    // The demo's contacts came in as events too, so the Zap editor has samples.
    const samples = (await runOperation(newContact.performList, { authData: live.authData, meta: { isLoadingSample: true } })) as Array<{
      id: string;
    }>;
    expect(samples).toHaveLength(3);
    expect(samples[0]).toEqual(created);
    await runOperation(newContact.performUnsubscribe, { authData: live.authData, subscribeData: subscription });
  });

  it('every new trigger has samples in the demo studio', async () => {
    for (const key of ['new_contact', 'new_job', 'job_stage_changed']) {
      const items = (await runOperation(operationsOf(key).performList, {
        authData: live.authData,
        meta: { isLoadingSample: true },
      })) as unknown[];
      expect([key, items.length]).toEqual([key, 3]);
    }
  });

  it('Update Contact changes only the fields given, and refuses Oliver’s email for Amelia unless sharing it is allowed', async () => {
    const contact = await step('creates', 'create_contact', {
      first_name: 'Ella',
      last_name: 'Stone',
      email: 'ella.stone@example.com',
      phone: '+447700900777',
    });
    const updated = await step('creates', 'update_contact', {
      contact_id: contact.id,
      last_name: ' Stone-Park ',
      phone: '07700 900778',
      email: '',
    });
    expect(updated).toMatchObject({
      id: contact.id,
      first_name: 'Ella',
      last_name: 'Stone-Park',
      email: 'ella.stone@example.com',
      phone: '+447700900778',
    });

    const taken = await failureOf(step('creates', 'update_contact', { contact_id: contact.id, email: 'Oliver.Bennett@example.co.uk' }));
    expect(taken).toMatchObject({ name: 'HaltedError', code: 'email_taken' });
    expect(taken.message).toMatch(new RegExp(`${contacts.oliver} \\(Oliver Bennett`));
    expect((await live.sandbox.api('GET', `/v1/contacts/${contact.id}`)).body.email).toBe('ella.stone@example.com');

    const shared = await step('creates', 'update_contact', {
      contact_id: contact.id,
      email: 'oliver.bennett@example.co.uk',
      allow_shared_email: 'true',
    });
    expect(shared.email).toBe('oliver.bennett@example.co.uk');
  });

  it('Find Order finds the Bennetts’ prints by number, with the tax summary New Order would give', async () => {
    const order = (await live.sandbox.api('GET', `/v1/orders/${orders.bennettPrints}`)).body as {
      number: string;
      totals: { total: number };
    };
    const [found] = await step('searches', 'find_order', { number: order.number.toLowerCase() });
    expect(found).toMatchObject({ id: orders.bennettPrints, number: order.number, gallery_name: 'Bennett Family Session' });
    expect(found.tax_summary.map((rate: { tax_rate: string }) => rate.tax_rate)).toEqual(['0', '20']);
    expect(found.tax_summary.reduce((sum: number, rate: { total: number }) => sum + rate.total, 0)).toBe(order.totals.total);
    const [fromNewOrder] = (await runOperation(operationsOf('new_order').performList, {
      authData: live.authData,
      inputData: { payment_status: 'all' },
    })) as Array<Record<string, unknown>>;
    expect(Object.keys(found).sort()).toEqual(Object.keys(fromNewOrder!).sort());
  });
});
