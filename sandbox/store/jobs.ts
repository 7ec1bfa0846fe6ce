// Jobs (with their stage and linked galleries), their shoots and their payments; creating a
// job and moving it through the pipeline, each an event (job.created, job.stage_changed) that
// embeds the job's contact, so a trigger's item needs no request of its own.
import type { Job, JobStage } from '../../src/contract/jobs.js';
import { foldName } from '../../src/domain/contact-match.js';
import { notFound, unknownReference } from '../errors.js';
import { galleriesOfJob } from './galleries.js';
import { newId, nowIso } from './ids.js';
import { findStage, firstStage } from './job-stages.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';
import { likePattern } from './contacts.js';

export interface JobRow {
  id: string;
  name: string;
  contact_id: string;
  status: Job['status'];
  job_type: string | null;
  event_date: string | null;
  stage_id: string | null;
  created_at: string;
}

export const JOB_COLUMNS = 'id, name, contact_id, status, job_type, event_date, stage_id, created_at';

export function jobResource(db: DatabaseSync, studioId: string, row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    contact_id: row.contact_id,
    status: row.status,
    job_type: row.job_type,
    event_date: row.event_date,
    stage: findStage(db, studioId, row.stage_id),
    created_at: row.created_at,
    galleries: galleriesOfJob(db, studioId, row.id),
  };
}

/**
 * A new job. Without a stage it goes into the first stage with its status (the seed's jobs), so
 * every job of a studio with a pipeline is in a stage.
 */
export function insertJob(
  db: DatabaseSync,
  studioId: string,
  job: Omit<JobRow, 'id' | 'created_at' | 'stage_id'> & { id?: string; created_at?: string; stage_id?: string | null },
): JobRow {
  const row: JobRow = {
    ...job,
    id: job.id ?? newId('job'),
    stage_id: job.stage_id === undefined ? (firstStage(db, studioId, job.status)?.id ?? null) : job.stage_id,
    created_at: job.created_at ?? nowIso(),
  };
  prepared(
    db,
    'INSERT INTO jobs (studio_id, id, name, name_key, contact_id, status, job_type, event_date, stage_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    studioId,
    row.id,
    row.name,
    foldName(row.name),
    row.contact_id,
    row.status,
    row.job_type,
    row.event_date,
    row.stage_id,
    row.created_at,
  );
  return row;
}

export function findJobRow(db: DatabaseSync, studioId: string, id: string): JobRow | null {
  return (prepared(db, `SELECT ${JOB_COLUMNS} FROM jobs WHERE studio_id = ? AND id = ?`).get(studioId, id) as JobRow | undefined) ?? null;
}

/** The stage named in a body, or a 422 naming `stage_id`. */
export function stageOrFail(db: DatabaseSync, studioId: string, stageId: string): JobStage {
  const stage = findStage(db, studioId, stageId);
  if (!stage)
    throw unknownReference('stage_id', 'stage_not_found', `no job stage ${stageId} exists in this studio (GET /v1/job-stages lists them)`);
  return stage;
}

/** The job as GET /v1/jobs/:id returns it (with its galleries), or null. */
export function findJob(db: DatabaseSync, studioId: string, id: string): Job | null {
  const row = findJobRow(db, studioId, id);
  return row ? jobResource(db, studioId, row) : null;
}

export function getJobRow(db: DatabaseSync, studioId: string, id: string): JobRow {
  const row = findJobRow(db, studioId, id);
  if (!row) throw notFound('job', id);
  return row;
}

/** Writes a job's name, type, date, stage and status as given. */
export function updateJob(db: DatabaseSync, studioId: string, job: JobRow): void {
  prepared(
    db,
    'UPDATE jobs SET name = ?, name_key = ?, job_type = ?, event_date = ?, stage_id = ?, status = ? WHERE studio_id = ? AND id = ?',
  ).run(job.name, foldName(job.name), job.job_type, job.event_date, job.stage_id, job.status, studioId, job.id);
}

/** What GET /v1/jobs filters by (each one given narrows the list). */
export interface JobFilter {
  /** Part of the name. */
  q?: string;
  contactId?: string;
  /** The whole name, folded (foldName). */
  name?: string;
  /** A calendar date (YYYY-MM-DD). */
  eventDate?: string;
}

export function listJobs(db: DatabaseSync, studioId: string, filter: JobFilter, page: PageRequest): Page<Job> {
  const where = ['studio_id = ?'];
  const params: string[] = [studioId];
  if (filter.q !== undefined) {
    where.push("name LIKE ? ESCAPE '\\'");
    params.push(likePattern(filter.q.trim()));
  }
  if (filter.contactId !== undefined) {
    where.push('contact_id = ?');
    params.push(filter.contactId);
  }
  if (filter.name !== undefined) {
    where.push('name_key = ?');
    params.push(foldName(filter.name));
  }
  if (filter.eventDate !== undefined) {
    where.push('event_date = ?');
    params.push(filter.eventDate);
  }
  return keysetPage(db, { from: 'jobs', sort: 'created_at', where, params }, page, (row: JobRow) => jobResource(db, studioId, row));
}
