// /_sandbox: what happens outside the CRM, simulated so demos and tests can drive the app:
// a client places an order, a gallery goes online, images arrive, a payment lands, someone
// registers to view a gallery, its main client is invited; plus
// fault injection and token expiry. Every route but POST /_sandbox/studios acts as the
// studio of the bearer token; events fired here reach the webhooks like real ones.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, MinorUnits, Timestamp } from '../src/contract/primitives.js';
import { callerOf, type SandboxContext } from './context.js';
import { invalidField } from './errors.js';
import { publishEvent } from './events.js';
import { FaultRequest } from './faults.js';
import { addImages, publishGallery, unpublishGallery } from './galleries.js';
import { normaliseTimestamp } from './ids.js';
import { findJobRow } from './jobs.js';
import { expireAccessTokens } from './oauth/index.js';
import { assertGalleryExists, buildOrder, insertOrder, OrderPlacement } from './orders.js';
import { insertPayment } from './payments.js';
import { seedDemo, seedScale } from './seed.js';
import { registerVisitor, sendInvite } from './visitors.js';
import { transaction } from './sqlite.js';
import { createStudio, getStudio, StudioCreate } from './studios.js';
import { deliveriesOf } from './webhooks.js';
import { parseBody, pathParam } from './validation.js';

const ImagesRequest = z.strictObject({ count: z.number().int().min(1).max(100_000) });
const PaymentRequest = z.strictObject({
  job_id: Id,
  amount: MinorUnits.positive(),
  method: z.string().trim().min(1).max(50).nullable().optional(),
  received_at: Timestamp.optional(),
});

/** POST /_sandbox/studios: the one sandbox route without a token (it is how you get one). */
export function registerStudioCreation(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/_sandbox/studios', async (request, reply) => {
    const input = parseBody(StudioCreate, request.body);
    const credentials = createStudio(ctx.db, input, {
      tokenTtlSeconds: ctx.tokenTtlSeconds,
      fill: (studioId) => {
        if (input.seed === 'demo') seedDemo(ctx.db, studioId);
        if (input.scale) seedScale(ctx.db, studioId, input.scale);
      },
    });
    reply.code(201);
    return credentials;
  });
}

export function registerSimulationRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.post('/_sandbox/orders', async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(OrderPlacement, request.body);
    const order = transaction(ctx.db, () => {
      assertGalleryExists(ctx.db, studioId, input.gallery_id);
      const built = buildOrder(ctx.db, studioId, input);
      insertOrder(ctx.db, studioId, built);
      return built;
    });
    publishEvent(ctx, studioId, 'order.created', order);
    reply.code(201);
    return order;
  });

  api.post('/_sandbox/galleries/:id/publish', async (request) => {
    const { studioId } = callerOf(request);
    const { gallery, published } = publishGallery(ctx.db, studioId, pathParam(request.params, 'id'));
    // Each publish is its own event; publishing a gallery that is already online is not one.
    if (published) publishEvent(ctx, studioId, 'gallery.published', gallery);
    return gallery;
  });

  api.post('/_sandbox/galleries/:id/unpublish', async (request) => {
    const { studioId } = callerOf(request);
    return unpublishGallery(ctx.db, studioId, pathParam(request.params, 'id'));
  });

  api.post('/_sandbox/galleries/:id/images', async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const { count } = parseBody(ImagesRequest, request.body);
    return addImages(ctx.db, studioId, id, count);
  });

  api.post('/_sandbox/galleries/:id/visitors', async (request, reply) => {
    const { studioId } = callerOf(request);
    const { visitor, registered } = registerVisitor(ctx, studioId, pathParam(request.params, 'id'), request.body);
    reply.code(registered ? 201 : 200);
    return visitor;
  });

  api.post('/_sandbox/galleries/:id/invites', async (request, reply) => {
    const { studioId } = callerOf(request);
    const invite = sendInvite(ctx, studioId, pathParam(request.params, 'id'), request.body);
    reply.code(201);
    return invite;
  });

  api.post('/_sandbox/payments', async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(PaymentRequest, request.body);
    const payment = transaction(ctx.db, () => {
      const job = findJobRow(ctx.db, studioId, input.job_id);
      if (!job) throw invalidField('job_id', `no job ${input.job_id} exists in this studio`);
      return insertPayment(ctx.db, studioId, {
        job_id: job.id,
        contact_id: job.contact_id,
        amount: input.amount,
        currency: getStudio(ctx.db, studioId).currency,
        method: input.method ?? 'card',
        received_at: input.received_at ? (normaliseTimestamp(input.received_at) ?? undefined) : undefined,
      });
    });
    publishEvent(ctx, studioId, 'payment.received', payment);
    reply.code(201);
    return payment;
  });

  api.post('/_sandbox/faults', async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(FaultRequest, request.body);
    ctx.faults.add(studioId, input);
    reply.code(201);
    return { pending_faulty_requests: ctx.faults.pending(studioId) };
  });

  api.delete('/_sandbox/faults', async (request, reply) => {
    ctx.faults.clear(callerOf(request).studioId);
    reply.code(204);
    return reply.send();
  });

  api.post('/_sandbox/tokens/expire', async (request) => {
    const { studioId } = callerOf(request);
    return { expired: expireAccessTokens(ctx.db, studioId) };
  });

  api.get('/_sandbox/deliveries', async (request) => {
    return { data: deliveriesOf(ctx.db, callerOf(request).studioId), next_cursor: null };
  });
}
