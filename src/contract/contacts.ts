import { z } from 'zod';
import { Email, Id, Timestamp } from './primitives.js';

export const Contact = z.object({
  id: Id,
  first_name: z.string(),
  last_name: z.string(),
  email: Email.nullable(),
  /** E.164, e.g. "+447700900123". */
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/).nullable(),
  created_at: Timestamp,
});
export type Contact = z.infer<typeof Contact>;

/** POST /v1/contacts */
export const ContactCreate = z.object({
  first_name: z.string().trim().min(1).max(100),
  last_name: z.string().trim().max(100).default(''),
  email: Email.max(254).nullable().optional(),
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 form such as "+447700900123"').nullable().optional(),
});
export type ContactCreate = z.input<typeof ContactCreate>;
