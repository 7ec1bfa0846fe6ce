// Jobs (with their linked galleries), their shoots and their payments.
import type { FastifyInstance } from 'fastify';
import type { Job } from '../src/contract/jobs.js';
import { likePattern } from './contacts.js';
import { callerOf, type SandboxContext } from './context.js';
import { notFound } from './errors.js';
import { galleriesOfJob } from './galleries.js';
import { newId, nowIso } from './ids.js';
import { keysetPage, pageRequest, queryParam, type Query } from './pagination.js';
import { paymentResource, type PaymentRow } from './payments.js';
import { shootResource, type ShootRow } from './shoots.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { pathParam } from './validation.js';

export interface JobRow {
  id: string;
  name: string;
  contact_id: string;
  status: Job['status'];
  job_type: string | null;
  event_date: string | null;
  created_at: string;
}

export function jobResource(db: DatabaseSync, studioId: string, row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    contact_id: row.contact_id,
    status: row.status,
    job_type: row.job_type,
    event_date: row.event_date,
    created_at: row.created_at,
    galleries: galleriesOfJob(db, studioId, row.id),
  };
}

export function insertJob(db: DatabaseSync, studioId: string, job: Omit<JobRow, 'id' | 'created_at'> & { id?: string; created_at?: string }): JobRow {
  const row: JobRow = { ...job, id: job.id ?? newId('job'), created_at: job.created_at ?? nowIso() };
  prepared(db, 'INSERT INTO jobs (studio_id, id, name, contact_id, status, job_type, event_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    studioId,
    row.id,
    row.name,
    row.contact_id,
    row.status,
    row.job_type,
    row.event_date,
    row.created_at,
  );
  return row;
}

export function findJobRow(db: DatabaseSync, studioId: string, id: string): JobRow | null {
  return (
    (prepared(db, 'SELECT id, name, contact_id, status, job_type, event_date, created_at FROM jobs WHERE studio_id = ? AND id = ?').get(studioId, id) as
      | JobRow
      | undefined) ?? null
  );
}

/** The job as GET /v1/jobs/:id returns it (with its galleries), or null. */
export function findJob(db: DatabaseSync, studioId: string, id: string): Job | null {
  const row = findJobRow(db, studioId, id);
  return row ? jobResource(db, studioId, row) : null;
}

function getJobRow(db: DatabaseSync, studioId: string, id: string): JobRow {
  const row = findJobRow(db, studioId, id);
  if (!row) throw notFound('job', id);
  return row;
}

export function registerJobRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/jobs', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const where = ['studio_id = ?'];
    const params: string[] = [studioId];
    const q = queryParam(query, 'q');
    if (q !== undefined && q.trim() !== '') {
      where.push("name LIKE ? ESCAPE '\\'");
      params.push(likePattern(q.trim()));
    }
    const contactId = queryParam(query, 'contact_id');
    if (contactId !== undefined && contactId !== '') {
      where.push('contact_id = ?');
      params.push(contactId);
    }
    return keysetPage(ctx.db, { from: 'jobs', sort: 'created_at', where, params }, pageRequest(query), (row: JobRow) => jobResource(ctx.db, studioId, row));
  });

  api.get('/v1/jobs/:id', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return jobResource(ctx.db, studioId, getJobRow(ctx.db, studioId, pathParam(request.params, 'id')));
  });

  // A job's shoots and payments: the job must be the caller's (404 otherwise), then one page.
  const jobList = <Row, T>(from: 'shoots' | 'payments', sort: string, toResource: (row: Row) => T) =>
    async (request: Parameters<typeof callerOf>[0]) => {
      const { studioId } = callerOf(request);
      const job = getJobRow(ctx.db, studioId, pathParam(request.params, 'id'));
      return keysetPage(ctx.db, { from, sort, where: ['studio_id = ?', 'job_id = ?'], params: [studioId, job.id] }, pageRequest(request.query as Query), toResource);
    };
  api.get('/v1/jobs/:id/shoots', { config: { scope: 'jobs:write' } }, jobList('shoots', 'starts_at', (row: ShootRow) => shootResource(row)));
  api.get('/v1/jobs/:id/payments', { config: { scope: 'jobs:write' } }, jobList('payments', 'received_at', (row: PaymentRow) => paymentResource(row)));
}
