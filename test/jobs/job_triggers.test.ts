// New Contact, New Job and Job Stage Changed: instant triggers whose events carry everything an
// item shows (the job's contact embedded), so a delivery costs no request and a poll one.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleContact } from '../../src/contacts/samples.js';
import type { JobCreatedEvent, JobStageChangedEvent } from '../../src/contract/hooks.js';
import { sampleJob, sampleJobCreatedEvent, sampleJobStageChangedEvent, sampleJobStages } from '../../src/jobs/samples.js';
import { delivery, operationsOf, runOperation } from '../support/index.js';
import { API } from '../support/api-mock.js';

const authData = { access_token: 'at-jobs' };
const [inquiry, proposalSent, booked] = sampleJobStages as [
  (typeof sampleJobStages)[0],
  (typeof sampleJobStages)[0],
  (typeof sampleJobStages)[0],
];

afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

const events = (type: string, data: unknown[], limit = '100') =>
  nock(API).get('/v1/events').query({ type, limit }).reply(200, { data, next_cursor: null });

function created(id: string, changes: Partial<JobCreatedEvent['data']> = {}): JobCreatedEvent {
  return { ...sampleJobCreatedEvent, id: `evt_${id}`, data: { ...sampleJobCreatedEvent.data, id: `job_${id}`, ...changes } };
}
function moved(id: string, to = booked, from: typeof inquiry | null = proposalSent): JobStageChangedEvent {
  return {
    ...sampleJobStageChangedEvent,
    id: `evt_${id}`,
    data: {
      ...sampleJobStageChangedEvent.data,
      status: to.status,
      stage: to,
      change: { from_stage: from, to_stage: to, changed_at: '2026-01-20T11:02:40Z' },
    },
  };
}

describe('New Contact', () => {
  const newContact = operationsOf('new_contact');
  const event = { id: 'evt_Cc1', type: 'contact.created', created_at: sampleContact.created_at, data: sampleContact };

  it('delivers the contact as Create Contact outputs it, without a request', async () => {
    const items = await runOperation(newContact.perform, { authData, ...delivery(event).bundle });
    expect(items).toEqual([{ ...sampleContact, name: 'Emma Harper' }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('lists recent contacts in one request, the same items deliveries give', async () => {
    const api = events('contact.created', [event], '25');
    const listed = await runOperation(newContact.performList, { authData });
    expect(api.isDone()).toBe(true);
    expect(listed).toEqual(await runOperation(newContact.perform, { authData, ...delivery(event).bundle }));
  });

  it('subscribes to contact.created', async () => {
    const api = nock(API).post('/v1/hooks', { target_url: 'https://hooks.zapier.com/c', event: 'contact.created' }).reply(201, {
      id: 'hook_C1',
      event: 'contact.created',
      target_url: 'https://hooks.zapier.com/c',
      secret: 'whsec_abcdef0123456789',
      created_at: '2026-07-01T10:00:00Z',
    });
    await runOperation(newContact.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/c' });
    expect(api.isDone()).toBe(true);
  });
});

/** A record as another item embeds it: the item carries its id once, outside it. */
function withoutId<T extends { id: string }>({ id: _id, ...rest }: T): Omit<T, 'id'> {
  return rest;
}

describe('New Job', () => {
  const newJob = operationsOf('new_job');

  it('delivers the job with its stage and its client from the event itself (no request)', async () => {
    const items = await runOperation(newJob.perform, { authData, ...delivery(sampleJobCreatedEvent).bundle });
    expect(items).toEqual([
      {
        id: sampleJob.id,
        name: 'Emma & James Wedding',
        contact_id: sampleContact.id,
        status: 'lead',
        job_type: 'Wedding',
        event_date: '2026-06-20',
        stage_id: 'stg_inquiry',
        stage_name: 'Inquiry',
        created_at: sampleJob.created_at,
        gallery_ids: [],
        gallery_count: 0,
        contact: { ...withoutId(sampleContact), name: 'Emma Harper' },
      },
    ]);
  });

  it.each([
    ['lead', ['job_lead']],
    ['booked', ['job_booked']],
    ['all', ['job_booked', 'job_lead']],
    ['', ['job_booked', 'job_lead']],
  ])('with Job Status "%s" lists only those jobs, in one request', async (status, expected) => {
    const api = events('job.created', [created('booked', { status: 'booked', stage: booked }), created('lead')]);
    const items = (await runOperation(newJob.performList, { authData, inputData: { job_status: status } })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(expected);
    expect(api.isDone()).toBe(true);
  });

  it('ignores a booked job’s delivery when only leads are wanted', async () => {
    await expect(
      runOperation(newJob.perform, {
        authData,
        inputData: { job_status: 'lead' },
        ...delivery(created('b', { status: 'booked', stage: booked })).bundle,
      }),
    ).resolves.toEqual([]);
  });

  it('refuses an unknown Job Status by its label before subscribing', async () => {
    await expect(
      runOperation(newJob.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/j', inputData: { job_status: 'won' } }),
    ).rejects.toThrow(/Job Status: /);
  });

  it.each([
    ['missing', undefined],
    ['unreadable', { id: 'con_1', first_name: 'Emma', created_at: 'last Tuesday' }],
  ])('still fires when the embedded contact is %s: without it, logging the event and the field', async (_what, contact) => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const event = { ...sampleJobCreatedEvent, data: { ...sampleJobCreatedEvent.data, contact } };
    const items = await runOperation(newJob.perform, { authData, ...delivery(event).bundle });
    expect(items).toMatchObject([{ id: sampleJob.id, name: sampleJob.name, contact: null }]);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /event evt_Jc4Nq8Ws2k came without a readable contact \(.*\); its item comes without the contact.s details/,
    );
  });

  it('reads a job from a backend without stages (no `stage` field) as a job in no stage', async () => {
    const { stage: _stage, ...stageless } = sampleJobCreatedEvent.data;
    const items = await runOperation(newJob.perform, { authData, ...delivery({ ...sampleJobCreatedEvent, data: stageless }).bundle });
    expect(items).toMatchObject([{ id: sampleJob.id, stage_id: null, stage_name: null }]);
  });

  it('a deleted contact (null) is no problem and logs nothing', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const items = await runOperation(newJob.perform, { authData, ...delivery(created('x', { contact: null })).bundle });
    expect(items).toMatchObject([{ id: 'job_x', contact: null }]);
    expect(log.mock.calls.flat().join('\n')).not.toMatch(/embedded/);
  });
});

describe('Job Stage Changed', () => {
  const stageChanged = operationsOf('job_stage_changed');

  it('delivers the move (from, to, when), the job after it and its client, without a request', async () => {
    const [item] = (await runOperation(stageChanged.perform, { authData, ...delivery(sampleJobStageChangedEvent).bundle })) as Array<
      Record<string, unknown>
    >;
    expect(item).toEqual({
      id: 'evt_Js7Bk3Pz9m',
      changed_at: '2026-01-20T11:02:40Z',
      job_id: sampleJob.id,
      from_stage: { id: 'stg_proposal_sent', name: 'Proposal Sent', position: 1, status: 'lead' },
      to_stage: { id: 'stg_booked', name: 'Booked', position: 2, status: 'booked' },
      job: expect.objectContaining({ contact_id: sampleContact.id, name: sampleJob.name, status: 'booked', gallery_ids: ['gal_3Vx8Lp2a'] }),
      contact: expect.objectContaining({ email: sampleContact.email }),
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('with Into Stage fires only for moves into that stage', async () => {
    const intoBooked = { stage_id: 'stg_booked' };
    await expect(
      runOperation(stageChanged.perform, { authData, inputData: intoBooked, ...delivery(moved('p', proposalSent, inquiry)).bundle }),
    ).resolves.toEqual([]);
    await expect(
      runOperation(stageChanged.perform, { authData, inputData: intoBooked, ...delivery(moved('b')).bundle }),
    ).resolves.toMatchObject([{ id: 'evt_b' }]);
  });

  it('lists the moves into a stage in one request, each move its own item (a job moved twice is two)', async () => {
    const api = events('job.stage_changed', [
      moved('2', booked, proposalSent),
      moved('1', proposalSent, inquiry),
      moved('0', booked, null),
    ]);
    const items = (await runOperation(stageChanged.performList, { authData, inputData: { stage_id: 'stg_booked' } })) as Array<{
      id: string;
      from_stage: unknown;
    }>;
    expect(items.map((item) => item.id)).toEqual(['evt_2', 'evt_0']);
    expect(items[1]!.from_stage).toBeNull();
    expect(api.isDone()).toBe(true);
  });

  it('a move the contract cannot read is left out of a poll, naming it; the others come through', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const bad = { ...moved('bad'), data: { ...moved('bad').data, change: { to_stage: booked } } };
    events('job.stage_changed', [moved('ok'), bad]);
    const items = (await runOperation(stageChanged.performList, { authData })) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['evt_ok']);
    expect(log.mock.calls.flat().join('\n')).toMatch(/left out record evt_bad .*data\.change\.from_stage/);
  });

  it('ignores a forged delivery', async () => {
    const forged = delivery(sampleJobStageChangedEvent, { secret: 'whsec_bm90IHRoZSByaWdodCBzZWNyZXQ=' });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(runOperation(stageChanged.perform, { authData, ...forged.bundle })).resolves.toEqual([]);
    expect(log.mock.calls.flat().join('\n')).toMatch(/Job Stage Changed: ignored a webhook delivery because its signature does not match/);
  });
});
