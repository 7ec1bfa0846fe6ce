// /v1/brands and /v1/gallery-presets: what a gallery is created with.
import type { FastifyInstance } from 'fastify';
import { callerOf, type SandboxContext } from '../context.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { listBrands, listPresets } from '../store/catalog.js';

export function registerCatalogRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/brands', { config: { scope: 'galleries:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return listBrands(ctx.db, studioId, pageRequest(request.query as Query));
  });

  api.get('/v1/gallery-presets', { config: { scope: 'galleries:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const brandId = queryParam(query, 'brand_id');
    return listPresets(ctx.db, studioId, brandId || undefined, pageRequest(query));
  });
}
