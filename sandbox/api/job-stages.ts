// GET /v1/job-stages: the studio's pipeline.
import type { FastifyInstance } from 'fastify';
import { callerOf, type SandboxContext } from '../context.js';
import { jobStagesOf } from '../store/job-stages.js';

export function registerJobStageRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/job-stages', { config: { scope: 'jobs:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return { data: jobStagesOf(ctx.db, studioId), next_cursor: null };
  });
}
