// Shoots: listed most recent first by when they start, so "the contact's latest confirmed
// shoot on or before a date" is the first item of GET /v1/shoots?contact_id=&status=confirmed&before=.
// POST /v1/shoots books one on a job (for the job's contact); GET /v1/shoots?job_id=&starts_at=
// finds a job's shoot starting at that instant.
import type { ShootStatus, Shoot } from '../../src/contract/shoots.js';
import { newId, nowIso } from './ids.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';

export interface ShootRow {
  id: string;
  job_id: string;
  contact_id: string;
  title: string;
  status: ShootStatus;
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  created_at: string;
}

export const shootResource = (row: ShootRow): Shoot => ({
  id: row.id,
  job_id: row.job_id,
  contact_id: row.contact_id,
  title: row.title,
  status: row.status,
  starts_at: row.starts_at,
  ends_at: row.ends_at,
  location: row.location,
  created_at: row.created_at,
});

export function insertShoot(
  db: DatabaseSync,
  studioId: string,
  shoot: Omit<ShootRow, 'id' | 'created_at'> & { id?: string; created_at?: string },
): Shoot {
  const row: ShootRow = { ...shoot, id: shoot.id ?? newId('sht'), created_at: shoot.created_at ?? nowIso() };
  prepared(
    db,
    'INSERT INTO shoots (studio_id, id, job_id, contact_id, title, status, starts_at, ends_at, location, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(studioId, row.id, row.job_id, row.contact_id, row.title, row.status, row.starts_at, row.ends_at, row.location, row.created_at);
  return shootResource(row);
}

/** What GET /v1/shoots (and a job's shoots) filter by (each one given narrows the list). */
export interface ShootFilter {
  contactId?: string;
  jobId?: string;
  /** The same instant, whatever offset it was written with (normalised). */
  startsAt?: string;
  statuses?: ShootStatus[];
  /** Starting at or before this instant (normalised). */
  before?: string;
}

export function listShoots(db: DatabaseSync, studioId: string, filter: ShootFilter, page: PageRequest): Page<Shoot> {
  const where = ['studio_id = ?'];
  const params: string[] = [studioId];
  if (filter.contactId !== undefined) {
    where.push('contact_id = ?');
    params.push(filter.contactId);
  }
  if (filter.jobId !== undefined) {
    where.push('job_id = ?');
    params.push(filter.jobId);
  }
  if (filter.startsAt !== undefined) {
    where.push('starts_at = ?');
    params.push(filter.startsAt);
  }
  if (filter.statuses !== undefined) {
    where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
    params.push(...filter.statuses);
  }
  if (filter.before !== undefined) {
    where.push('starts_at <= ?'); // inclusive: a shoot starting exactly then counts
    params.push(filter.before);
  }
  return keysetPage(db, { from: 'shoots', sort: 'starts_at', where, params }, page, shootResource);
}
