import * as z from 'zod';
import { Id, Timestamp } from './primitives.js';

export const ShootStatus = z.enum(['enquiry', 'confirmed', 'completed', 'cancelled']);
export type ShootStatus = z.infer<typeof ShootStatus>;

export const Shoot = z.object({
  id: Id,
  job_id: Id,
  contact_id: Id,
  title: z.string(),
  status: ShootStatus,
  starts_at: Timestamp,
  ends_at: Timestamp.nullable(),
  location: z.string().nullable(),
  created_at: Timestamp,
});
export type Shoot = z.infer<typeof Shoot>;

/**
 * POST /v1/shoots: a shoot (session) on a job, for the job's contact. `starts_at` is the
 * instant it starts (with an offset); `ends_at` when it ends, if known.
 */
export const ShootCreate = z.object({
  job_id: Id,
  title: z.string().trim().min(1).max(200),
  status: ShootStatus.default('enquiry'),
  starts_at: Timestamp,
  ends_at: Timestamp.nullable().optional(),
  location: z.string().trim().max(300).nullable().optional(),
});
export type ShootCreate = z.input<typeof ShootCreate>;
