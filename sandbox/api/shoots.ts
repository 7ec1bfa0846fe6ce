// /v1/shoots: list, get, create, update.
import type { FastifyInstance } from 'fastify';
import { ShootStatus } from '../../src/contract/shoots.js';
import { callerOf, type SandboxContext } from '../context.js';
import { narrowedBy } from '../planted-bugs.js';
import { invalidField, unknownReference } from '../errors.js';
import { normaliseTimestamp } from '../store/ids.js';
import { findJobRow } from '../store/jobs.js';
import { enumListParam, pageRequest, queryParam, type Query } from '../store/pagination.js';
import { transaction } from '../store/sqlite.js';
import { parseBody } from './validation.js';
import { insertShoot } from '../store/shoots.js';
import { ShootCreate } from '../../src/contract/shoots.js';
import { strict } from './validation.js';
import { listShoots, type ShootFilter } from '../store/shoots.js';

const ShootCreateStrict = strict(ShootCreate);

export function registerShootRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/shoots', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: ShootFilter = {};
    const contactId = queryParam(query, 'contact_id');
    if (contactId !== undefined && contactId !== '') filter.contactId = contactId;
    const jobId = queryParam(query, 'job_id');
    if (jobId !== undefined && jobId !== '') filter.jobId = jobId;
    const startsAt = queryParam(query, 'starts_at');
    if (startsAt !== undefined && startsAt !== '') {
      const normalised = normaliseTimestamp(startsAt);
      if (!normalised) throw invalidField('starts_at', 'must be an ISO 8601 timestamp with a time zone, such as "2026-06-12T13:00:00Z"');
      filter.startsAt = normalised;
    }
    const statuses = enumListParam(query, 'status', ShootStatus.options);
    if (statuses) filter.statuses = statuses;
    const before = queryParam(query, 'before');
    if (before !== undefined && before !== '') {
      const normalised = normaliseTimestamp(before);
      if (!normalised) throw invalidField('before', 'must be an ISO 8601 timestamp with a time zone, such as "2026-05-01T10:00:00Z"');
      filter.before = normalised;
    }
    // planted bug: shoot-start-compared-as-text
    const asText = filter.startsAt === undefined ? undefined : (shoot: { starts_at: string }) => shoot.starts_at === startsAt;
    return narrowedBy(ctx, 'shoot-start-compared-as-text', listShoots(ctx.db, studioId, filter, pageRequest(query)), asText);
  });

  api.post('/v1/shoots', { config: { scope: 'jobs:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(ShootCreateStrict, request.body);
    const startsAt = normaliseTimestamp(input.starts_at);
    if (!startsAt) throw invalidField('starts_at', 'must be an ISO 8601 timestamp with a time zone, such as "2026-06-12T13:00:00Z"');
    const endsAt = input.ends_at ? normaliseTimestamp(input.ends_at) : null;
    if (input.ends_at && !endsAt)
      throw invalidField('ends_at', 'must be an ISO 8601 timestamp with a time zone, such as "2026-06-12T15:00:00Z"');
    if (endsAt && endsAt < startsAt) throw invalidField('ends_at', 'must not be before starts_at');
    const shoot = transaction(ctx.db, () => {
      const job = findJobRow(ctx.db, studioId, input.job_id);
      if (!job) throw unknownReference('job_id', 'job_not_found', `no job ${input.job_id} exists in this studio`);
      return insertShoot(ctx.db, studioId, {
        job_id: job.id,
        contact_id: job.contact_id,
        title: input.title,
        status: input.status,
        starts_at: startsAt,
        ends_at: endsAt,
        location: input.location || null,
      });
    });
    reply.code(201);
    return shoot;
  });
}
