// /v1/hooks: REST hook subscriptions (subscribe, list, unsubscribe); delivery is events/webhooks.ts.
import { deleteHook, hookCount, hooksOf, insertHook } from '../events/webhooks.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { callerOf, type SandboxContext } from '../context.js';
import { notFound } from '../errors.js';
import { newId, nowIso } from '../store/ids.js';
import { parseBody, pathParam } from './validation.js';
import { planted } from '../planted-bugs.js';
import { ApiError } from '../errors.js';
import { MAX_HOOKS_PER_STUDIO, HookCreate, type HookRow, hookResource } from '../events/webhooks.js';

export function registerHookRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.post('/v1/hooks', { config: { scope: 'hooks:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(HookCreate, request.body);
    const refusal = planted(ctx, 'private-targets-accepted') ? null : ctx.webhooks.refusal(input.target_url); // planted bug: private-targets-accepted
    if (refusal) {
      throw new ApiError(422, 'validation_failed', 'The webhook target is not allowed.', [
        { field: 'target_url', message: `cannot receive webhooks: ${refusal}` },
      ]);
    }
    const held = hookCount(ctx.db, studioId);
    if (held >= MAX_HOOKS_PER_STUDIO) {
      throw new ApiError(
        422,
        'subscription_limit_reached',
        `This studio already has ${held} webhook subscriptions, the most it may hold (${MAX_HOOKS_PER_STUDIO}). Remove one you no longer use (DELETE /v1/hooks/{id}) and subscribe again.`,
      );
    }
    const row: HookRow = {
      id: newId('hook'),
      event: input.event,
      target_url: input.target_url,
      // Standard Webhooks: "whsec_" + base64 of the key's bytes (24 random bytes here).
      secret: `whsec_${randomBytes(24).toString('base64')}`,
      created_at: nowIso(),
    };
    insertHook(ctx.db, studioId, row);
    reply.code(201);
    return hookResource(row, true);
  });

  api.delete('/v1/hooks/:id', { config: { scope: 'hooks:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    if (!deleteHook(ctx.db, studioId, id)) throw notFound('webhook subscription', id);
    reply.code(204);
    return reply.send();
  });

  api.get('/v1/hooks', { config: { scope: 'hooks:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return { data: hooksOf(ctx.db, studioId).map((row) => hookResource(row, false)), next_cursor: null };
  });
}
