// Webhook subscriptions and the events they deliver (also listed by GET /v1/events).
import { z } from 'zod';
import { Id, Timestamp } from './primitives.js';
import { Gallery } from './galleries.js';
import { Order } from './orders.js';
import { Payment } from './payments.js';

export const EventType = z.enum(['order.created', 'gallery.published', 'payment.received']);
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

export const StudioEvent = z.discriminatedUnion('type', [OrderCreatedEvent, GalleryPublishedEvent, PaymentReceivedEvent]);
export type StudioEvent = z.infer<typeof StudioEvent>;
export type OrderCreatedEvent = z.infer<typeof OrderCreatedEvent>;
export type GalleryPublishedEvent = z.infer<typeof GalleryPublishedEvent>;
export type PaymentReceivedEvent = z.infer<typeof PaymentReceivedEvent>;

/**
 * Headers of a delivery (Standard Webhooks): the event id, the Unix time of signing, and
 * "v1," + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` (src/hooks/signature.ts).
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';
