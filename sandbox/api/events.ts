// GET /v1/events: the studio's events as listed (the polling side of every trigger).
import { findEvent } from '../events/events.js';
import type { FastifyInstance } from 'fastify';
import { EventType } from '../../src/contract/hooks.js';
import { callerOf, type SandboxContext } from '../context.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { invalidField, notFound } from '../errors.js';
import { pathParam } from './validation.js';
import { listEvents } from '../events/events.js';

export function registerEventRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/events', { config: { scope: 'hooks:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const type = queryParam(query, 'type');
    let only: string | undefined;
    if (type !== undefined && type !== '') {
      if (!EventType.safeParse(type).success) throw invalidField('type', `must be one of ${EventType.options.join(', ')}`);
      only = type;
    }
    return listEvents(ctx.db, studioId, only, pageRequest(query));
  });

  // One event, exactly as it was delivered and listed; another studio's id is not found.
  api.get('/v1/events/:id', { config: { scope: 'hooks:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const event = findEvent(ctx.db, studioId, id);
    if (!event) throw notFound('event', id);
    return event;
  });
}
