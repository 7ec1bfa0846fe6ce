// /v1/jobs: list, get, create, update, move to a stage; each create and change publishes its event.
import type { FastifyInstance } from 'fastify';
import { CalendarDate } from '../../src/contract/primitives.js';
import { findContact } from '../store/contacts.js';
import { callerOf, type SandboxContext } from '../context.js';
import { ApiError, invalidField, unknownReference } from '../errors.js';
import { publishEvent } from '../events/events.js';
import { nowIso } from '../store/ids.js';
import { narrowedBy, planted } from '../planted-bugs.js';
import { findStage, firstStage } from '../store/job-stages.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { parseBody, pathParam } from './validation.js';
import { type JobRow, jobResource, insertJob, stageOrFail, getJobRow } from '../store/jobs.js';
import { updateJob } from '../store/jobs.js';
import { JobCreate, JobUpdate } from '../../src/contract/jobs.js';
import { strict } from './validation.js';
import { type JobFilter, listJobs } from '../store/jobs.js';
import { listShoots } from '../store/shoots.js';
import { listPayments } from '../store/payments.js';
import type { Page, PageRequest } from '../store/pagination.js';
import type { DatabaseSync } from '../store/sqlite.js';

const JobCreateStrict = strict(JobCreate);
const JobUpdateStrict = strict(JobUpdate);

export function registerJobRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/jobs', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: JobFilter = {};
    const q = queryParam(query, 'q');
    if (q !== undefined && q.trim() !== '') filter.q = q;
    const contactId = queryParam(query, 'contact_id');
    if (contactId !== undefined && contactId !== '') filter.contactId = contactId;
    const name = queryParam(query, 'name');
    if (name !== undefined && name.trim() !== '') filter.name = name;
    const eventDate = queryParam(query, 'event_date');
    if (eventDate !== undefined && eventDate !== '') {
      if (!CalendarDate.safeParse(eventDate).success) throw invalidField('event_date', 'must be a calendar date such as "2026-06-20"');
      filter.eventDate = eventDate;
    }
    // planted bug: job-name-filter-exact
    const exact = filter.name === undefined ? undefined : (job: { name: string }) => job.name === name;
    return narrowedBy(ctx, 'job-name-filter-exact', listJobs(ctx.db, studioId, filter, pageRequest(query)), exact);
  });

  api.get('/v1/jobs/:id', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return jobResource(ctx.db, studioId, getJobRow(ctx.db, studioId, pathParam(request.params, 'id')));
  });

  api.post('/v1/jobs', { config: { scope: 'jobs:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(JobCreateStrict, request.body);
    // planted bug: job-for-unknown-contact
    if (!findContact(ctx.db, studioId, input.contact_id) && !planted(ctx, 'job-for-unknown-contact'))
      throw unknownReference('contact_id', 'contact_not_found', `no contact ${input.contact_id} exists in this studio`);
    const stage = input.stage_id === undefined ? firstStage(ctx.db, studioId) : stageOrFail(ctx.db, studioId, input.stage_id);
    const row = insertJob(ctx.db, studioId, {
      name: input.name,
      contact_id: input.contact_id,
      status: stage?.status ?? 'lead',
      job_type: input.job_type || null,
      event_date: input.event_date ?? null,
      stage_id: stage?.id ?? null,
    });
    const job = jobResource(ctx.db, studioId, row);
    publishEvent(ctx, studioId, 'job.created', job);
    reply.code(201);
    return job;
  });

  // Only the fields sent change. A move into another stage sets the job's status to the
  // stage's and is a job.stage_changed event; the stage it is already in changes nothing.
  api.patch('/v1/jobs/:id', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const row = getJobRow(ctx.db, studioId, pathParam(request.params, 'id'));
    const input = parseBody(JobUpdateStrict, request.body);
    const from = findStage(ctx.db, studioId, row.stage_id);
    const to = input.stage_id === undefined ? from : stageOrFail(ctx.db, studioId, input.stage_id);
    // A conditional move: checked and written with no await between, so of two runs moving
    // the job from one stage at once, one moves it and the other is told it moved already.
    // planted bug: from-stage-ignored
    if (input.from_stage_id !== undefined && input.from_stage_id !== row.stage_id && !planted(ctx, 'from-stage-ignored')) {
      throw new ApiError(
        409,
        'stage_changed',
        `The job is no longer in stage ${input.from_stage_id}: it is in ${from ? `${from.name} (${from.id})` : 'no stage'} now. Nothing was changed.`,
      );
    }
    const updated: JobRow = {
      ...row,
      name: input.name ?? row.name,
      job_type: input.job_type === undefined ? row.job_type : input.job_type || null,
      event_date: input.event_date === undefined ? row.event_date : input.event_date,
      stage_id: to?.id ?? null,
      status: to && to.id !== from?.id && !planted(ctx, 'status-ignores-stage') ? to.status : row.status, // planted bug: status-ignores-stage
    };
    updateJob(ctx.db, studioId, updated);
    const job = jobResource(ctx.db, studioId, updated);
    if (to && (to.id !== from?.id || planted(ctx, 'same-stage-move-fires-event'))) {
      // planted bug: same-stage-move-fires-event
      publishEvent(ctx, studioId, 'job.stage_changed', { ...job, change: { from_stage: from, to_stage: to, changed_at: nowIso() } });
    }
    return job;
  });

  // A job's shoots and payments: the job must be the caller's (404 otherwise), then one page.
  const jobList =
    <T>(list: (db: DatabaseSync, studioId: string, filter: { jobId: string }, page: PageRequest) => Page<T>) =>
    async (request: Parameters<typeof callerOf>[0]) => {
      const { studioId } = callerOf(request);
      const job = getJobRow(ctx.db, studioId, pathParam(request.params, 'id'));
      return list(ctx.db, studioId, { jobId: job.id }, pageRequest(request.query as Query));
    };
  api.get('/v1/jobs/:id/shoots', { config: { scope: 'jobs:write' } }, jobList(listShoots));
  api.get('/v1/jobs/:id/payments', { config: { scope: 'jobs:write' } }, jobList(listPayments));
}
