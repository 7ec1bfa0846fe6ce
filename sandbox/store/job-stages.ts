// The studio's pipeline: the stages a job moves through (Inquiry → … → Delivered), each
// implying the job's status. Every new studio starts with the photography pipeline below;
// GET /v1/job-stages lists it in order (all of it: a pipeline is a handful of stages).
import type { JobStage, JobStatus } from '../../src/contract/jobs.js';
import { allRows, prepared, type DatabaseSync } from './sqlite.js';

/** Every studio's pipeline, in order; the ids are the same in every studio (unique within one). */
export const DEFAULT_JOB_STAGES: ReadonlyArray<{ id: string; name: string; status: JobStatus }> = [
  { id: 'stg_inquiry', name: 'Inquiry', status: 'lead' },
  { id: 'stg_proposal_sent', name: 'Proposal Sent', status: 'lead' },
  { id: 'stg_booked', name: 'Booked', status: 'booked' },
  { id: 'stg_shot', name: 'Shot', status: 'booked' },
  { id: 'stg_editing', name: 'Editing', status: 'booked' },
  { id: 'stg_delivered', name: 'Delivered', status: 'completed' },
  { id: 'stg_cancelled', name: 'Cancelled', status: 'cancelled' },
];

/** The stage ids by a short name, for the seed and tests. */
export const STAGE_IDS = {
  inquiry: 'stg_inquiry',
  proposalSent: 'stg_proposal_sent',
  booked: 'stg_booked',
  shot: 'stg_shot',
  editing: 'stg_editing',
  delivered: 'stg_delivered',
  cancelled: 'stg_cancelled',
} as const;

export function insertDefaultStages(db: DatabaseSync, studioId: string): void {
  const insert = prepared(db, 'INSERT INTO job_stages (studio_id, id, name, position, status) VALUES (?, ?, ?, ?, ?)');
  DEFAULT_JOB_STAGES.forEach((stage, position) => insert.run(studioId, stage.id, stage.name, position, stage.status));
}

const SELECT = 'SELECT id, name, position, status FROM job_stages WHERE studio_id = ?';

export function jobStagesOf(db: DatabaseSync, studioId: string): JobStage[] {
  return allRows<JobStage>(prepared(db, `${SELECT} ORDER BY position`), studioId);
}

export function findStage(db: DatabaseSync, studioId: string, id: string | null): JobStage | null {
  if (id === null) return null;
  return (prepared(db, `${SELECT} AND id = ?`).get(studioId, id) as JobStage | undefined) ?? null;
}

/** Where a job starts when no stage is named: the first stage (or, given a status, the first with it). */
export function firstStage(db: DatabaseSync, studioId: string, status?: JobStatus): JobStage | null {
  return jobStagesOf(db, studioId).find((stage) => status === undefined || stage.status === status) ?? null;
}
