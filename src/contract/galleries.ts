import * as z from 'zod';
import { CalendarDate, Email, Id, Timestamp } from './primitives.js';

export const GalleryStatus = z.enum(['online', 'offline']);

export const Gallery = z.object({
  id: Id,
  name: z.string(),
  /** URL slug, unique within the studio: lower-case letters, digits and hyphens. */
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  status: GalleryStatus,
  image_count: z.number().int().nonnegative(),
  brand_id: Id,
  preset_id: Id,
  event_date: CalendarDate.nullable(),
  client_email: Email.nullable(),
  /** Where the studio manages the gallery. */
  admin_url: z.url(),
  /** What the client opens (works once the gallery is online). */
  client_url: z.url(),
  job_ids: z.array(Id),
  published_at: Timestamp.nullable(),
  created_at: Timestamp,
});
export type Gallery = z.infer<typeof Gallery>;

/** POST /v1/galleries. Galleries are always created offline (hidden from the client). */
export const GalleryCreate = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'may contain only lower-case letters, digits and single hyphens')
    .max(100)
    .optional(),
  brand_id: Id,
  preset_id: Id,
  event_date: CalendarDate.nullable().optional(),
  client_email: Email.nullable().optional(),
  job_id: Id.nullable().optional(),
  /** "error" (default): a slug already used in the studio is a 409 `slug_taken`.
   *  "suffix": the API appends -2, -3, … until the slug is free. */
  on_slug_conflict: z.enum(['error', 'suffix']).optional(),
});
export type GalleryCreate = z.input<typeof GalleryCreate>;

/** A gallery linked to a job: POST /v1/jobs/:id/galleries {gallery_id}. */
export const GalleryLink = z.object({
  job_id: Id,
  gallery_id: Id,
  linked_at: Timestamp,
  /** false when the link already existed (linking twice is a no-op). */
  created: z.boolean(),
});
export type GalleryLink = z.infer<typeof GalleryLink>;

export const Brand = z.object({ id: Id, name: z.string(), domain: z.string().nullable() });
export type Brand = z.infer<typeof Brand>;

export const GalleryPreset = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  /** null: usable with every brand. */
  brand_id: Id.nullable(),
});
export type GalleryPreset = z.infer<typeof GalleryPreset>;

/** The person a gallery's visitor record or invite is about. */
const GalleryPerson = {
  gallery_id: Id,
  email: Email,
  /** As the person typed it, or as the studio knows them; null when not given. */
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
};

/** Someone who registered (with their email) to view a gallery, as Pic-Time asks visitors to. */
export const GalleryVisitor = z.object({ id: Id, ...GalleryPerson, registered_at: Timestamp });
export type GalleryVisitor = z.infer<typeof GalleryVisitor>;

/** An invitation of the gallery's main client to view it (the gallery's client email by default). */
export const GalleryInvite = z.object({ id: Id, ...GalleryPerson, sent_at: Timestamp });
export type GalleryInvite = z.infer<typeof GalleryInvite>;
