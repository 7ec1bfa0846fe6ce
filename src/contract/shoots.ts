import { z } from 'zod';
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
