// Create Job, Update Job Stage and Find Job against a mocked Studio API: what each sends, what
// it gives back, and what a Zap builder is told when something is wrong.
import { describe, expect, it } from '@jest/globals';
import createJob, { createJobKey } from '../../src/jobs/create_job.js';
import findJob from '../../src/jobs/find_job.js';
import updateJobStage from '../../src/jobs/update_job_stage.js';
import { sampleJob, sampleJobStages } from '../../src/jobs/samples.js';
import { authData, failureOf, recordRequests } from '../contacts/fixtures.js';
import { runOperation, type Step } from '../support/index.js';
import { envelope, page } from '../support/api-mock.js';

const step = (perform: Step) => (inputData: Record<string, unknown>) => runOperation<any>(perform, { authData, inputData });
const create = step(createJob.operation.perform);
const update = step(updateJobStage.operation.perform);
const find = step(findJob.operation.perform);
const requests = recordRequests();
const [inquiry, proposalSent, booked] = sampleJobStages;

/** Answers POST /v1/jobs with the job the body describes, recording body and key. */
function expectJobPost(times = 1) {
  const posts: Array<{ body: Record<string, unknown>; key: string }> = [];
  // The contact's job of that name and date is looked up first: none yet.
  requests.api().get('/v1/jobs').query(true).times(times).reply(200, page([]));
  requests
    .api()
    .post('/v1/jobs')
    .times(times)
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, unknown>;
      posts.push({ body, key: request.headers.get('idempotency-key') ?? '' });
      return [201, { ...sampleJob, id: 'job_new1', galleries: [], stage: inquiry, status: 'lead', ...body }];
    });
  return posts;
}

describe('Create Job', () => {
  it('sends the job with the date of a date-time and tidied name, and outputs it with its stage', async () => {
    const posts = expectJobPost();
    const job = await create({
      contact_id: 'con_8f2k1Hx4',
      name: '  Emma &  James   Wedding ',
      job_type: 'Wedding',
      event_date: '2026-06-20T14:00:00+01:00',
    });
    expect(posts[0]!.body).toEqual({
      contact_id: 'con_8f2k1Hx4',
      name: 'Emma & James Wedding',
      job_type: 'Wedding',
      event_date: '2026-06-20',
    });
    expect(job).toMatchObject({
      id: 'job_new1',
      name: 'Emma & James Wedding',
      stage_id: 'stg_inquiry',
      stage_name: 'Inquiry',
      status: 'lead',
      gallery_count: 0,
    });
  });

  it('sends the same Idempotency-Key for the same job however its name is capitalised, so runs at once make one job', async () => {
    const posts = expectJobPost(3);
    const input = { contact_id: 'con_8f2k1Hx4', name: 'Emma & James Wedding', event_date: '2026-06-20', stage_id: 'stg_booked' };
    await create(input);
    await create({ ...input, name: ' emma & JAMES wedding', stage_id: 'stg_inquiry' });
    await create({ ...input, event_date: '2026-06-21' });
    expect(posts[0]!.key).toMatch(/^job:[0-9a-f]{40}$/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(posts[2]!.key).not.toBe(posts[0]!.key);
  });

  it('derives the key from the job’s natural key: contact, folded name and date (unit)', () => {
    const body = { contact_id: 'con_1', name: 'Harper Wedding', event_date: '2026-06-20' };
    const keys = new Set([
      createJobKey(body),
      createJobKey({ ...body, event_date: undefined }),
      createJobKey({ ...body, name: 'Harper Family' }),
      createJobKey({ ...body, contact_id: 'con_2' }),
    ]);
    expect(keys.size).toBe(4);
    expect(createJobKey({ ...body, name: 'HARPER  wedding' })).toBe(createJobKey(body));
  });

  it('returns the job the contact already has with that name and date, creating nothing (a replay after the key expired)', async () => {
    const existing = {
      ...sampleJob,
      id: 'job_had',
      contact_id: 'con_1',
      name: 'Harper Wedding',
      event_date: '2026-06-20',
      created_at: '2026-01-01T00:00:00Z',
    };
    requests
      .api()
      .get('/v1/jobs')
      .query({ contact_id: 'con_1', name: 'harper wedding', event_date: '2026-06-20', limit: '100' })
      .reply(200, page([existing]));
    const job = await create({ contact_id: 'con_1', name: 'harper wedding', event_date: '2026-06-20' });
    expect(job).toMatchObject({ id: 'job_had' });
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it.each([
    [{ name: 'A wedding' }, /Contact: is required: choose one from the dropdown/],
    [{ contact_id: 'con_1', name: '   ' }, /Job Name: is required/],
    [{ contact_id: 'con_1', name: 'A', event_date: 'next June' }, /Event Date: must be a date such as 2026-06-13/],
    [{ contact_id: 'con_1', name: 'x'.repeat(201) }, /Job Name: must be at most 200 characters/],
  ])('refuses %p before any request, naming the field', async (input, message) => {
    const failure = await failureOf(create(input));
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(failure.message).toMatch(message);
    expect(failure.message).toMatch(/Nothing was changed/);
    expect(requests.sent).toEqual([]);
  });

  it('says to choose the contact from the dropdown when Studio has no such contact', async () => {
    requests.api().get('/v1/jobs').query(true).reply(200, page([]));
    requests
      .api()
      .post('/v1/jobs')
      .reply(
        422,
        envelope('contact_not_found', 'The request is not valid. contact_id: no contact con_gone exists in this studio.', [
          { field: 'contact_id', message: 'no contact con_gone exists in this studio' },
        ]),
      );
    const failure = await failureOf(create({ contact_id: 'con_gone', name: 'Wedding' }));
    expect(failure.code).toBe('contact_not_found');
    expect(failure.message).toMatch(/Studio has no contact con_gone .*Choose the contact from the Contact dropdown.*No job was created\./);
  });

  it('says to choose the stage from the dropdown when Studio has no such stage', async () => {
    requests.api().get('/v1/jobs').query(true).reply(200, page([]));
    requests
      .api()
      .post('/v1/jobs')
      .reply(
        422,
        envelope('stage_not_found', 'The request is not valid. stage_id: no job stage stg_old exists.', [
          { field: 'stage_id', message: 'no job stage stg_old exists' },
        ]),
      );
    const failure = await failureOf(create({ contact_id: 'con_1', name: 'Wedding', stage_id: 'stg_old' }));
    expect(failure.message).toMatch(
      /Studio has no job stage stg_old .*Choose the stage from the Stage dropdown, or leave it empty\. No job was created\./,
    );
  });
});

describe('Update Job Stage', () => {
  it('moves the job and says where it came from', async () => {
    requests
      .api()
      .get(`/v1/jobs/${sampleJob.id}`)
      .reply(200, { ...sampleJob, status: 'lead', stage: proposalSent });
    requests.api().patch(`/v1/jobs/${sampleJob.id}`, { stage_id: 'stg_booked', from_stage_id: 'stg_proposal_sent' }).reply(200, sampleJob);
    const output = await update({ job_id: sampleJob.id, stage_id: 'stg_booked' });
    expect(output).toMatchObject({
      id: sampleJob.id,
      status: 'booked',
      stage_id: 'stg_booked',
      moved: true,
      previous_stage: { id: 'stg_proposal_sent', name: 'Proposal Sent' },
    });
    expect(requests.sent).toEqual([`GET /v1/jobs/${sampleJob.id}`, `PATCH /v1/jobs/${sampleJob.id}`]);
  });

  it('reports no move when another run moved the job first: the conditional move is refused and the job is where it was to go', async () => {
    requests
      .api()
      .get(`/v1/jobs/${sampleJob.id}`)
      .reply(200, { ...sampleJob, status: 'lead', stage: proposalSent });
    requests
      .api()
      .patch(`/v1/jobs/${sampleJob.id}`, { stage_id: 'stg_booked', from_stage_id: 'stg_proposal_sent' })
      .reply(409, envelope('stage_changed', 'The job is no longer in stage stg_proposal_sent.'));
    requests.api().get(`/v1/jobs/${sampleJob.id}`).reply(200, sampleJob);
    const output = await update({ job_id: sampleJob.id, stage_id: 'stg_booked' });
    expect(output).toMatchObject({ moved: false, stage_id: 'stg_booked' });
  });

  it('leaves a job already in the stage as it is: no PATCH, so no event', async () => {
    requests.api().get(`/v1/jobs/${sampleJob.id}`).reply(200, sampleJob);
    const output = await update({ job_id: sampleJob.id, stage_id: booked!.id });
    expect(output).toMatchObject({ moved: false, stage_id: 'stg_booked', previous_stage: { id: 'stg_booked' } });
    expect(requests.sent).toEqual([`GET /v1/jobs/${sampleJob.id}`]);
  });

  it('says what to do about a job Studio does not have', async () => {
    requests.api().get('/v1/jobs/job_gone').reply(404, envelope('not_found', 'No job with id "job_gone" exists in this studio.'));
    const failure = await failureOf(update({ job_id: 'job_gone', stage_id: 'stg_booked' }));
    expect(failure).toMatchObject({ code: 'job_not_found' });
    expect(failure.message).toMatch(/Choose the job from the Job dropdown/);
  });

  it('says what to do about a stage Studio does not have', async () => {
    requests.api().get(`/v1/jobs/${sampleJob.id}`).reply(200, sampleJob);
    requests
      .api()
      .patch(`/v1/jobs/${sampleJob.id}`)
      .reply(422, envelope('stage_not_found', 'The request is not valid. stage_id: no job stage stg_old exists.'));
    const failure = await failureOf(update({ job_id: sampleJob.id, stage_id: 'stg_old' }));
    expect(failure.message).toMatch(/no job stage stg_old .*The job was not moved\./);
  });

  it('needs both dropdowns', async () => {
    const failure = await failureOf(update({ job_id: sampleJob.id }));
    expect(failure.message).toMatch(/Stage: is required: choose one from the dropdown/);
  });
});

describe('Find Job', () => {
  it('asks the API for the contact’s job by name and day, newest first, and returns the matches', async () => {
    requests
      .api()
      .get('/v1/jobs')
      .query({ contact_id: 'con_8f2k1Hx4', name: 'emma & james wedding', event_date: '2026-06-20', limit: '25' })
      .reply(200, page([sampleJob]));
    const found = await find({ contact_id: 'con_8f2k1Hx4', name: 'emma & james wedding', event_date: '2026-06-20T00:00:00Z' });
    expect(found).toMatchObject([{ id: sampleJob.id, name: sampleJob.name, stage_name: 'Booked' }]);
  });

  it('finds nothing as an empty result (so find-or-create creates the job)', async () => {
    requests.api().get('/v1/jobs').query(true).reply(200, page([]));
    await expect(find({ name: 'Nobody’s Wedding' })).resolves.toEqual([]);
  });

  it('needs at least one field', async () => {
    const failure = await failureOf(find({}));
    expect(failure.message).toMatch(/Fill in at least one of Contact, Job Name or Event Date/);
  });

  it('stops, naming the record, when a job it cannot read is among the matches (a create would duplicate it)', async () => {
    requests
      .api()
      .get('/v1/jobs')
      .query(true)
      .reply(200, page([{ ...sampleJob, event_date: 'June' }]));
    const failure = await failureOf(find({ name: 'Emma & James Wedding' }));
    expect(failure.message).toMatch(/record job_5Rt7Wq2e: event_date: /);
  });
});
