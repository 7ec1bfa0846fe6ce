// /v1/galleries: list, get, create, link to a job, publish; each create and change publishes its event.
import type { FastifyInstance } from 'fastify';
import { GalleryStatus } from '../../src/contract/galleries.js';
import { callerOf, type SandboxContext } from '../context.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { planted } from '../planted-bugs.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { parseBody, pathParam } from './validation.js';
import { LinkRequest, galleryRow, getGallery, jobExists, linkGallery, createGallery } from '../store/galleries.js';
import { unlinkGallery } from '../store/galleries.js';
import { GalleryCreate } from '../../src/contract/galleries.js';
import { strict } from './validation.js';
import { type GalleryFilter, listGalleries } from '../store/galleries.js';

const GalleryCreateStrict = strict(GalleryCreate);

export function registerGalleryRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/galleries', { config: { scope: 'galleries:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: GalleryFilter = {};
    const q = queryParam(query, 'q');
    if (q !== undefined && q.trim() !== '') filter.q = q;
    const status = queryParam(query, 'status');
    if (status !== undefined && status !== '') {
      if (!GalleryStatus.safeParse(status).success)
        throw invalid([{ field: 'status', message: `must be one of ${GalleryStatus.options.join(', ')}` }]);
      filter.status = status;
    }
    const slug = queryParam(query, 'slug');
    if (slug !== undefined && slug !== '') filter.slug = slug;
    const jobId = queryParam(query, 'job_id');
    if (jobId !== undefined && jobId !== '') filter.jobId = jobId;
    return listGalleries(ctx.db, studioId, filter, pageRequest(query));
  });

  api.get('/v1/galleries/:id', { config: { scope: 'galleries:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    return getGallery(ctx.db, studioId, pathParam(request.params, 'id'));
  });

  api.post('/v1/galleries', { config: { scope: 'galleries:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(GalleryCreateStrict, request.body);
    const gallery = createGallery(ctx.db, studioId, input);
    reply.code(201);
    return gallery;
  });

  api.post('/v1/jobs/:id/galleries', { config: { scope: 'jobs:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const jobId = pathParam(request.params, 'id');
    if (!jobExists(ctx.db, studioId, jobId)) throw notFound('job', jobId);
    const { gallery_id } = parseBody(LinkRequest, request.body);
    if (!galleryRow(ctx.db, studioId, gallery_id)) throw notFound('gallery', gallery_id);
    const link = linkGallery(ctx.db, studioId, jobId, gallery_id, undefined, planted(ctx, 'gallery-limit-not-enforced')); // planted bug: gallery-limit-not-enforced
    reply.code(link.created || planted(ctx, 'relink-answers-201') ? 201 : 200); // planted bug: relink-answers-201
    return link;
  });

  api.delete('/v1/jobs/:id/galleries/:gallery_id', { config: { scope: 'jobs:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const jobId = pathParam(request.params, 'id');
    const galleryId = pathParam(request.params, 'gallery_id');
    if (!jobExists(ctx.db, studioId, jobId)) throw notFound('job', jobId);
    const unlinked = unlinkGallery(ctx.db, studioId, jobId, galleryId);
    // planted bug: unknown-gallery-link-not-found
    if (!unlinked && planted(ctx, 'unknown-gallery-link-not-found') && !galleryRow(ctx.db, studioId, galleryId))
      throw notFound('gallery', galleryId);
    if (!unlinked) {
      throw new ApiError(404, 'link_not_found', `Gallery ${galleryId} is not linked to job ${jobId}, so there is nothing to unlink.`);
    }
    reply.code(204);
    return reply.send();
  });
}
