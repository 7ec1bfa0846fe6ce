import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './primitives.js';
import { Gallery } from './galleries.js';

export const JobStatus = z.enum(['lead', 'booked', 'completed', 'cancelled']);

export const Job = z.object({
  id: Id,
  name: z.string(),
  contact_id: Id,
  status: JobStatus,
  job_type: z.string().nullable(),
  event_date: CalendarDate.nullable(),
  created_at: Timestamp,
  /** The galleries linked to the job (at most 10). */
  galleries: z.array(Gallery),
});
export type Job = z.infer<typeof Job>;

/** The most galleries one job can be linked to. */
export const MAX_GALLERIES_PER_JOB = 10;
