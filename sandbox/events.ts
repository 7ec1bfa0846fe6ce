// Studio events (order.created, gallery.published, payment.received): stored once, exactly as
// GET /v1/events lists them and as webhooks deliver them, so polling and webhooks see
// identical items. `data` is the resource as the API returned it when the event happened.
// GET /v1/events/:id is the authoritative copy of one event: a trigger confirms a delivery it
// received late by it.
import type { FastifyInstance } from 'fastify';
import { EventType, type StudioEvent } from '../src/contract/hooks.js';
import { callerOf, type SandboxContext } from './context.js';
import { newId, nowIso } from './ids.js';
import { keysetPage, pageRequest, queryParam, type Query } from './pagination.js';
import { invalidField, notFound } from './errors.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { pathParam } from './validation.js';

export interface StoredEvent {
  id: string;
  type: EventType;
  created_at: string;
  /** The JSON text delivered and listed, byte for byte. */
  body: string;
}

/** Writes an event without delivering it (the seed's past events). */
export function insertEvent(
  db: DatabaseSync,
  studioId: string,
  type: EventType,
  data: unknown,
  options: { id?: string; createdAt?: string } = {},
): StoredEvent {
  const id = options.id ?? newId('evt');
  const created_at = options.createdAt ?? nowIso();
  const body = JSON.stringify({ id, type, created_at, data });
  prepared(db, 'INSERT INTO events (studio_id, id, type, created_at, body) VALUES (?, ?, ?, ?, ?)').run(studioId, id, type, created_at, body);
  return { id, type, created_at, body };
}

/** Records an event that happens now and hands it to the webhook subscriptions. */
export function publishEvent(ctx: SandboxContext, studioId: string, type: EventType, data: unknown): StoredEvent {
  const event = insertEvent(ctx.db, studioId, type, data);
  ctx.webhooks.dispatch(studioId, event);
  return event;
}

export function registerEventRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/events', { config: { scope: 'hooks:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const type = queryParam(query, 'type');
    const where = ['studio_id = ?'];
    const params = [studioId];
    if (type !== undefined && type !== '') {
      if (!EventType.safeParse(type).success) throw invalidField('type', `must be one of ${EventType.options.join(', ')}`);
      where.push('type = ?');
      params.push(type);
    }
    return keysetPage(ctx.db, { from: 'events', sort: 'created_at', where, params }, pageRequest(query), (row: { body: string }) =>
      JSON.parse(row.body) as StudioEvent,
    );
  });

  // One event, exactly as it was delivered and listed; another studio's id is not found.
  api.get('/v1/events/:id', { config: { scope: 'hooks:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const row = prepared(ctx.db, 'SELECT body FROM events WHERE studio_id = ? AND id = ?').get(studioId, id) as { body: string } | undefined;
    if (!row) throw notFound('event', id);
    return JSON.parse(row.body) as StudioEvent;
  });
}
