import * as z from 'zod';
import { CalendarDate, Id, Timestamp } from './primitives.js';
import { Gallery } from './galleries.js';

export const JobStatus = z.enum(['lead', 'booked', 'completed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

/**
 * A step of the studio's pipeline (Inquiry, Proposal Sent, Booked, …), as GET /v1/job-stages
 * lists them: in the order jobs move through them (`position`, from 0). A job in a stage has
 * the stage's `status`, so moving a job into "Booked" books it.
 */
export const JobStage = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int().nonnegative(),
  /** The status a job in this stage has. */
  status: JobStatus,
});
export type JobStage = z.infer<typeof JobStage>;

export const Job = z.object({
  id: Id,
  name: z.string(),
  contact_id: Id,
  status: JobStatus,
  job_type: z.string().nullable(),
  event_date: CalendarDate.nullable(),
  /** The stage the job is in; null (or absent, from a backend without stages) when it has none. */
  stage: JobStage.nullable().default(null),
  created_at: Timestamp,
  /** The galleries linked to the job (at most 10). */
  galleries: z.array(Gallery),
});
export type Job = z.infer<typeof Job>;

/** The most galleries one job can be linked to. */
export const MAX_GALLERIES_PER_JOB = 10;

const jobName = z.string().trim().min(1).max(200);
const jobType = z.string().trim().max(100).nullable().optional();
const eventDate = CalendarDate.nullable().optional();

/** POST /v1/jobs. Without `stage_id` the job starts in the pipeline's first stage. */
export const JobCreate = z.object({
  contact_id: Id,
  name: jobName,
  job_type: jobType,
  event_date: eventDate,
  stage_id: Id.optional(),
});
export type JobCreate = z.input<typeof JobCreate>;

/**
 * PATCH /v1/jobs/:id: only the fields sent change. A new `stage_id` moves the job (its status
 * becomes the stage's) and is a `job.stage_changed` event; the stage it is already in is a no-op.
 */
export const JobUpdate = z.object({
  name: jobName.optional(),
  job_type: jobType,
  event_date: eventDate,
  stage_id: Id.optional(),
  /** Move only if the job is in this stage now (409 `stage_changed` otherwise): a conditional, atomic move. */
  from_stage_id: Id.optional(),
});
export type JobUpdate = z.input<typeof JobUpdate>;
