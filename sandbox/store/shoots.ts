// Shoots: listed most recent first by when they start, so "the contact's latest confirmed
// shoot on or before a date" is the first item of GET /v1/shoots?contact_id=&status=confirmed&before=.
// POST /v1/shoots books one on a job (for the job's contact); GET /v1/shoots?job_id=&starts_at=
// finds a job's shoot starting at that instant.
import type { ShootStatus, Shoot } from '../../src/contract/shoots.js';
import { newId, nowIso } from './ids.js';
import { prepared, type DatabaseSync } from './sqlite.js';

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
