// Webhook subscriptions and the events they deliver (also listed by GET /v1/events).
import * as z from 'zod';
import { Id, Timestamp } from './primitives.js';
import { Contact } from './contacts.js';
import { Invoice } from './invoices.js';
import { Gallery, GalleryInvite, GalleryVisitor } from './galleries.js';
import { Job, JobStage } from './jobs.js';
import { Order } from './orders.js';
import { Payment } from './payments.js';

export const EventType = z.enum([
  'order.created',
  'gallery.published',
  'payment.received',
  'gallery.visitor_registered',
  'gallery.invite_sent',
  'contact.created',
  'job.created',
  'job.stage_changed',
  'contact.updated',
  'invoice.created',
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

/**
 * The related records an event's subscribers show, embedded in its `data` next to the
 * resource's own fields, under these names, as they were when the event happened. A receiver
 * then needs no request per event: a poll is one request, a delivery none. null: there is
 * none (an order placed outside a gallery, a job deleted before its payment arrived).
 */
export const EMBEDDED_RECORDS = {
  'order.created': { gallery: Gallery },
  'gallery.published': {},
  'payment.received': { job: Job, contact: Contact },
  'gallery.visitor_registered': { gallery: Gallery },
  'gallery.invite_sent': { gallery: Gallery },
  'contact.created': {},
  'job.created': { contact: Contact },
  'job.stage_changed': { contact: Contact },
  'contact.updated': {},
  'invoice.created': { contact: Contact, job: Job },
} as const satisfies Record<EventType, Record<string, z.ZodType>>;

type Embeds = Record<string, z.ZodType>;
function embedded<E extends Embeds>(embeds: E): { [K in keyof E]: z.ZodNullable<E[K]> } {
  return Object.fromEntries(
    Object.entries(embeds).map(([name, schema]) => [
      name,
      schema.nullable().meta({
        description: `The ${name} as it was when the event happened (embedded, so a receiver needs no request for it); null when there is none.`,
      }),
    ]),
  ) as { [K in keyof E]: z.ZodNullable<E[K]> };
}

/** Each event's `data`: the resource plus its embedded records. */
export const OrderCreatedData = Order.extend(embedded(EMBEDDED_RECORDS['order.created']));
export const PaymentReceivedData = Payment.extend(embedded(EMBEDDED_RECORDS['payment.received']));
export const GalleryVisitorRegisteredData = GalleryVisitor.extend(embedded(EMBEDDED_RECORDS['gallery.visitor_registered']));
export const GalleryInviteSentData = GalleryInvite.extend(embedded(EMBEDDED_RECORDS['gallery.invite_sent']));

const envelope = { id: Id, created_at: Timestamp };

export const OrderCreatedEvent = z.object({ ...envelope, type: z.literal('order.created'), data: OrderCreatedData });
/** The gallery itself is the resource: its items show nothing beyond it. */
export const GalleryPublishedEvent = z.object({ ...envelope, type: z.literal('gallery.published'), data: Gallery });
export const PaymentReceivedEvent = z.object({ ...envelope, type: z.literal('payment.received'), data: PaymentReceivedData });
export const GalleryVisitorRegisteredEvent = z.object({
  ...envelope,
  type: z.literal('gallery.visitor_registered'),
  data: GalleryVisitorRegisteredData,
});
export const GalleryInviteSentEvent = z.object({ ...envelope, type: z.literal('gallery.invite_sent'), data: GalleryInviteSentData });

export const ContactCreatedEvent = z.object({ ...envelope, type: z.literal('contact.created'), data: Contact });
export const JobCreatedData = Job.extend(embedded(EMBEDDED_RECORDS['job.created']));
export const JobCreatedEvent = z.object({ ...envelope, type: z.literal('job.created'), data: JobCreatedData });

/** A job's move from one stage to another (from_stage null: it had none). */
export const JobStageChange = z.object({ from_stage: JobStage.nullable(), to_stage: JobStage, changed_at: Timestamp });
export type JobStageChange = z.infer<typeof JobStageChange>;

/** data: the job as it is after the move (its `stage` is `change.to_stage`), with its contact and the move. */
export const JobStageChangedData = Job.extend({ ...embedded(EMBEDDED_RECORDS['job.stage_changed']), change: JobStageChange });
export const JobStageChangedEvent = z.object({ ...envelope, type: z.literal('job.stage_changed'), data: JobStageChangedData });

/**
 * data: the contact as it is after the change, and which of its fields the change altered
 * (`changed_fields`, e.g. ["email", "city"]); a PATCH that alters nothing fires no event.
 */
export const ContactUpdatedData = Contact.extend({
  changed_fields: z.array(z.string()).meta({ description: 'The contact fields this change altered, e.g. ["email", "city"].' }),
});
export const ContactUpdatedEvent = z.object({ ...envelope, type: z.literal('contact.updated'), data: ContactUpdatedData });

/** data: the invoice with its lines, its contact and its job embedded. */
export const InvoiceCreatedData = Invoice.extend(embedded(EMBEDDED_RECORDS['invoice.created']));
export const InvoiceCreatedEvent = z.object({ ...envelope, type: z.literal('invoice.created'), data: InvoiceCreatedData });

export const StudioEvent = z.discriminatedUnion('type', [
  OrderCreatedEvent,
  GalleryPublishedEvent,
  PaymentReceivedEvent,
  GalleryVisitorRegisteredEvent,
  GalleryInviteSentEvent,
  ContactCreatedEvent,
  JobCreatedEvent,
  JobStageChangedEvent,
  ContactUpdatedEvent,
  InvoiceCreatedEvent,
]);
export type StudioEvent = z.infer<typeof StudioEvent>;
export type OrderCreatedEvent = z.infer<typeof OrderCreatedEvent>;
export type GalleryPublishedEvent = z.infer<typeof GalleryPublishedEvent>;
export type PaymentReceivedEvent = z.infer<typeof PaymentReceivedEvent>;
export type ContactCreatedEvent = z.infer<typeof ContactCreatedEvent>;
export type JobCreatedEvent = z.infer<typeof JobCreatedEvent>;
export type JobStageChangedEvent = z.infer<typeof JobStageChangedEvent>;
export type GalleryVisitorRegisteredEvent = z.infer<typeof GalleryVisitorRegisteredEvent>;
export type GalleryInviteSentEvent = z.infer<typeof GalleryInviteSentEvent>;
export type ContactUpdatedEvent = z.infer<typeof ContactUpdatedEvent>;
export type InvoiceCreatedEvent = z.infer<typeof InvoiceCreatedEvent>;

/** An embedded record a reader left out, and why. */
export interface UnreadableRecord {
  field: string;
  error: z.ZodError;
}

export type EventReading = { success: true; data: StudioEvent; unreadable: UnreadableRecord[] } | { success: false; error: z.ZodError };

/**
 * An event as a receiver reads it: StudioEvent, except that an embedded record that is
 * missing or cannot be read becomes null and is named in `unreadable`. The event still
 * happened, so its item comes through without that record's details; anything else wrong
 * with the event fails as StudioEvent does.
 */
export function readStudioEvent(raw: unknown): EventReading {
  const strict = StudioEvent.safeParse(raw);
  if (strict.success) return { success: true, data: strict.data, unreadable: [] };
  const type = EventType.safeParse((raw as { type?: unknown } | null)?.type);
  const data = (raw as { data?: unknown } | null)?.data;
  if (!type.success || typeof data !== 'object' || data === null) return { success: false, error: strict.error };
  const repaired: Record<string, unknown> = { ...data };
  const unreadable: UnreadableRecord[] = [];
  for (const [field, schema] of Object.entries(EMBEDDED_RECORDS[type.data] as Embeds)) {
    const record = schema.nullable().safeParse(repaired[field]);
    if (record.success) continue;
    unreadable.push({ field, error: record.error });
    repaired[field] = null;
  }
  if (unreadable.length === 0) return { success: false, error: strict.error };
  const tolerant = StudioEvent.safeParse({ ...(raw as object), data: repaired });
  return tolerant.success ? { success: true, data: tolerant.data, unreadable } : { success: false, error: tolerant.error };
}

/**
 * Headers of a delivery (Standard Webhooks): the event id, the Unix time of signing, and
 * "v1," + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` (src/hooks/signature.ts).
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';
