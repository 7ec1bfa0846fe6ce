// Webhook subscriptions and the events they deliver (also listed by GET /v1/events).
import { z } from 'zod';
import { Id, Timestamp } from './primitives.js';
import { Contact } from './contacts.js';
import { Gallery } from './galleries.js';
import { Job, JobStage } from './jobs.js';
import { Order } from './orders.js';
import { Payment } from './payments.js';

export const EventType = z.enum([
  'order.created',
  'gallery.published',
  'payment.received',
  'contact.created',
  'job.created',
  'job.stage_changed',
]);
export type EventType = z.infer<typeof EventType>;

export const HookSubscription = z.object({
  id: Id,
  event: EventType,
  target_url: z.url(),
  /** Signing secret; returned only when the subscription is created. */
  secret: z.string().min(16).optional(),
  created_at: Timestamp,
});
export type HookSubscription = z.infer<typeof HookSubscription>;

const envelope = { id: Id, created_at: Timestamp };

export const OrderCreatedEvent = z.object({ ...envelope, type: z.literal('order.created'), data: Order });
export const GalleryPublishedEvent = z.object({ ...envelope, type: z.literal('gallery.published'), data: Gallery });
export const PaymentReceivedEvent = z.object({ ...envelope, type: z.literal('payment.received'), data: Payment });

/**
 * A related record an event carries under its resource's name (a job's contact), so an item
 * needs no request of its own: null when there is none (the contact was deleted). One that is
 * missing or cannot be read is read as absent (undefined), never a reason to drop the event:
 * the item comes without it, and the trigger logs which field of which event.
 */
export const embedded = <T extends z.ZodType>(record: T) => record.nullable().optional().catch(undefined);

export const ContactCreatedEvent = z.object({ ...envelope, type: z.literal('contact.created'), data: Contact });
export const JobCreatedEvent = z.object({ ...envelope, type: z.literal('job.created'), data: Job.extend({ contact: embedded(Contact) }) });

/** A job's move from one stage to another (from_stage null: it had none). */
export const JobStageChange = z.object({ from_stage: JobStage.nullable(), to_stage: JobStage, changed_at: Timestamp });
export type JobStageChange = z.infer<typeof JobStageChange>;

/** data: the job as it is after the move (its `stage` is `change.to_stage`), with its contact. */
export const JobStageChangedEvent = z.object({
  ...envelope,
  type: z.literal('job.stage_changed'),
  data: Job.extend({ contact: embedded(Contact), change: JobStageChange }),
});

export const StudioEvent = z.discriminatedUnion('type', [
  OrderCreatedEvent,
  GalleryPublishedEvent,
  PaymentReceivedEvent,
  ContactCreatedEvent,
  JobCreatedEvent,
  JobStageChangedEvent,
]);
export type StudioEvent = z.infer<typeof StudioEvent>;
export type OrderCreatedEvent = z.infer<typeof OrderCreatedEvent>;
export type GalleryPublishedEvent = z.infer<typeof GalleryPublishedEvent>;
export type PaymentReceivedEvent = z.infer<typeof PaymentReceivedEvent>;
export type ContactCreatedEvent = z.infer<typeof ContactCreatedEvent>;
export type JobCreatedEvent = z.infer<typeof JobCreatedEvent>;
export type JobStageChangedEvent = z.infer<typeof JobStageChangedEvent>;

/**
 * Headers of a delivery (Standard Webhooks): the event id, the Unix time of signing, and
 * "v1," + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` (src/hooks/signature.ts).
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';
