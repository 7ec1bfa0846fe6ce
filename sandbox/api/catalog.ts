// /v1/brands and /v1/gallery-presets: what a gallery is created with.
import type { FastifyInstance } from 'fastify';
import { callerOf, type SandboxContext } from '../context.js';
import { keysetPage, pageRequest, queryParam, type Query } from '../store/pagination.js';
import { brandResource, presetResource } from '../store/catalog.js';

export function registerCatalogRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/brands', { config: { scope: 'galleries:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return keysetPage(
      ctx.db,
      { from: 'brands', sort: 'created_at', where: ['studio_id = ?'], params: [studioId] },
      pageRequest(request.query as Query),
      brandResource,
    );
  });

  api.get('/v1/gallery-presets', { config: { scope: 'galleries:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const brandId = queryParam(query, 'brand_id');
    const where = ['studio_id = ?'];
    const params = [studioId];
    // A preset without a brand works with every brand, so it belongs in every brand's list.
    if (brandId) {
      where.push('(brand_id = ? OR brand_id IS NULL)');
      params.push(brandId);
    }
    return keysetPage(ctx.db, { from: 'gallery_presets', sort: 'created_at', where, params }, pageRequest(query), presetResource);
  });
}
