// Studio events (EventType): stored once, exactly as GET /v1/events lists them and as
// webhooks deliver them, so polling and webhooks see identical items. `data` is the resource
// as the API returned it when the event happened, plus the related records its subscribers
// show (EMBEDDED_RECORDS), read at that moment: a receiver makes no request per event.
// GET /v1/events/:id is the authoritative copy of one event: a trigger confirms a delivery it
// received late by it.
import type { EventType, EMBEDDED_RECORDS, StudioEvent } from '../../src/contract/hooks.js';
import { findContact } from '../store/contacts.js';
import { findGallery } from '../store/galleries.js';
import { findJob } from '../store/jobs.js';
import { newId, nowIso } from '../store/ids.js';
import { oneRow, prepared, type DatabaseSync } from '../store/sqlite.js';
import { keysetPage, type Page, type PageRequest } from '../store/pagination.js';

export interface StoredEvent {
  id: string;
  type: EventType;
  created_at: string;
  /** The JSON text delivered and listed, byte for byte. */
  body: string;
}

export type EventData<T extends EventType> = Extract<StudioEvent, { type: T }>['data'];
/** What an event is about (a payment, an order), before its related records are embedded. */
export type EventResource<T extends EventType> = Omit<EventData<T>, keyof (typeof EMBEDDED_RECORDS)[T]>;

/** Each event type's related records (EMBEDDED_RECORDS), read as they are now; null: none. */
const EMBED: { [T in EventType]: (db: DatabaseSync, studioId: string, resource: EventResource<T>) => EventData<T> } = {
  'order.created': (db, studioId, order) => ({
    ...order,
    gallery: order.gallery_id === null ? null : findGallery(db, studioId, order.gallery_id),
  }),
  'gallery.published': (_db, _studioId, gallery) => gallery,
  'payment.received': (db, studioId, payment) => ({
    ...payment,
    job: findJob(db, studioId, payment.job_id),
    contact: findContact(db, studioId, payment.contact_id),
  }),
  'gallery.visitor_registered': (db, studioId, visitor) => ({ ...visitor, gallery: findGallery(db, studioId, visitor.gallery_id) }),
  'gallery.invite_sent': (db, studioId, invite) => ({ ...invite, gallery: findGallery(db, studioId, invite.gallery_id) }),
  'contact.created': (_db, _studioId, contact) => contact,
  'job.created': (db, studioId, job) => ({ ...job, contact: findContact(db, studioId, job.contact_id) }),
  'job.stage_changed': (db, studioId, moved) => ({ ...moved, contact: findContact(db, studioId, moved.contact_id) }),
  'contact.updated': (_db, _studioId, changed) => changed,
  'invoice.created': (db, studioId, invoice) => ({
    ...invoice,
    contact: invoice.contact_id === null ? null : findContact(db, studioId, invoice.contact_id),
    job: invoice.job_id === null ? null : findJob(db, studioId, invoice.job_id),
  }),
};

/** An event's `data`: the resource with its related records embedded as they are now. */
export function eventData<T extends EventType>(db: DatabaseSync, studioId: string, type: T, resource: EventResource<T>): EventData<T> {
  return EMBED[type](db, studioId, resource);
}

/** Writes an event whose data is already complete (embedded records included), without delivering it. */
export function storeEvent<T extends EventType>(
  db: DatabaseSync,
  studioId: string,
  type: T,
  data: EventData<T>,
  options: { id?: string; createdAt?: string } = {},
): StoredEvent {
  const id = options.id ?? newId('evt');
  const created_at = options.createdAt ?? nowIso();
  const body = JSON.stringify({ id, type, created_at, data });
  prepared(db, 'INSERT INTO events (studio_id, id, type, created_at, body) VALUES (?, ?, ?, ?, ?)').run(
    studioId,
    id,
    type,
    created_at,
    body,
  );
  return { id, type, created_at, body };
}

/** Writes an event without delivering it, its records embedded as they are now. */
export function insertEvent<T extends EventType>(
  db: DatabaseSync,
  studioId: string,
  type: T,
  resource: EventResource<T>,
  options: { id?: string; createdAt?: string } = {},
): StoredEvent {
  return storeEvent(db, studioId, type, eventData(db, studioId, type, resource), options);
}

/** Records an event that happens now and hands it to the webhook subscriptions. */
/** Where a published event goes: the database it is stored in, and the webhook deliverer (events/webhooks.ts). */
export interface EventOutlet {
  db: DatabaseSync;
  webhooks: { dispatch(studioId: string, event: StoredEvent): void };
}

export function publishEvent<T extends EventType>(ctx: EventOutlet, studioId: string, type: T, resource: EventResource<T>): StoredEvent {
  const event = insertEvent(ctx.db, studioId, type, resource);
  ctx.webhooks.dispatch(studioId, event);
  return event;
}

/** One stored event, exactly as it was delivered and listed, or null. */
export function findEvent(db: DatabaseSync, studioId: string, id: string): StudioEvent | null {
  const row = oneRow<{ body: string }>(prepared(db, 'SELECT body FROM events WHERE studio_id = ? AND id = ?'), studioId, id);
  return row ? (JSON.parse(row.body) as StudioEvent) : null;
}

/** The studio's events, newest first: all of them, or those of one type. */
export function listEvents(db: DatabaseSync, studioId: string, type: string | undefined, page: PageRequest): Page<StudioEvent> {
  const where = ['studio_id = ?'];
  const params = [studioId];
  if (type !== undefined) {
    where.push('type = ?');
    params.push(type);
  }
  return keysetPage(
    db,
    { from: 'events', sort: 'created_at', where, params },
    page,
    (row: { body: string }) => JSON.parse(row.body) as StudioEvent,
  );
}
