// GET /v1/me: the studio and user a token belongs to.
import type { FastifyInstance } from 'fastify';
import type { Me } from '../../src/contract/me.js';
import { callerOf, type SandboxContext } from '../context.js';
import { ApiError } from '../errors.js';
import { findUser } from '../store/users.js';
import { getStudio } from '../store/studios.js';

export function registerMeRoute(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/me', { config: { scope: 'studio:read' } }, async (request): Promise<Me> => {
    const caller = callerOf(request);
    const studio = getStudio(ctx.db, caller.studioId);
    const user = findUser(ctx.db, caller.studioId, caller.userId);
    if (!user) throw new ApiError(401, 'unauthorized', 'The user of this access token no longer exists.');
    return { studio, user: { id: user.id, email: user.email, name: user.name }, scopes: caller.scopes };
  });
}
