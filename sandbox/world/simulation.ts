// /_sandbox: what happens outside the CRM, simulated so demos and tests can drive the app:
// a client places an order, a gallery goes online, images arrive, a payment lands, someone
// registers to view a gallery, its main client is invited; plus
// fault injection and token expiry. Every route but POST /_sandbox/studios acts as the
// studio of the bearer token; events fired here reach the webhooks like real ones.
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { Id, MinorUnits, Timestamp } from '../../src/contract/primitives.js';
import { callerOf, type SandboxContext } from '../context.js';
import { ApiError, invalidField } from '../errors.js';
import { tokensMatch } from '../console/session.js';
import type { Gallery } from '../../src/contract/galleries.js';
import type { Order } from '../../src/contract/orders.js';
import type { Payment } from '../../src/contract/payments.js';
import { publishEvent, type StoredEvent } from '../events/events.js';
import { FaultRequest } from '../api/faults.js';
import { addImages, publishGallery, unpublishGallery } from '../store/galleries.js';
import { normaliseTimestamp } from '../store/ids.js';
import { findJobRow } from '../store/jobs.js';
import { expireAccessToken, expireAccessTokens } from '../oauth/index.js';
import { assertGalleryExists, insertOrder } from '../store/orders.js';
import { buildOrder, OrderPlacement } from './orders.js';
import { insertPayment } from '../store/payments.js';
import { seedDemo, seedScaleSteps } from './seed.js';
import { registerVisitor, sendInvite } from './visitors.js';
import { transaction } from '../store/sqlite.js';
import { createStudio, getStudio, StudioCreate } from '../store/studios.js';
import { hashPasswordAsync, newPassword } from '../store/users.js';
import { deliveriesOf } from '../events/webhooks.js';
import { parseBody, pathParam } from '../api/validation.js';

export const ImagesRequest = z.strictObject({ count: z.number().int().min(1).max(100_000) });
export const PaymentRequest = z.strictObject({
  job_id: Id,
  amount: MinorUnits.positive(),
  method: z.string().trim().min(1).max(50).nullable().optional(),
  received_at: Timestamp.optional(),
});

/** POST /_sandbox/studios: the one sandbox route without a token (it is how you get one). */
export function registerStudioCreation(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/_sandbox/studios', async (request, reply) => {
    // In production mode creating studios is the operator's: it needs the admin token, and
    // without one configured it is off (nobody can make accounts, or learn which emails exist).
    if (ctx.mode === 'production') {
      const token = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (ctx.adminToken === null) {
        throw new ApiError(
          403,
          'sandbox_control_disabled',
          'Creating studios is turned off on this server (production mode without SANDBOX_ADMIN_TOKEN). Ask its operator for an account.',
        );
      }
      if (!tokensMatch(ctx.adminToken, token)) {
        throw new ApiError(
          401,
          'unauthorized',
          'Creating studios on this server needs its admin token: send Authorization: Bearer <SANDBOX_ADMIN_TOKEN>.',
          null,
          {
            'WWW-Authenticate': 'Bearer realm="studio-sandbox-admin"',
          },
        );
      }
    }
    const input = parseBody(StudioCreate, request.body);
    // The user's password is hashed on the thread pool, not on the request thread.
    const plain = newPassword();
    const password = { plain, hash: await hashPasswordAsync(plain) };
    const credentials = createStudio(ctx.db, input, {
      tokenTtlSeconds: ctx.tokenTtlSeconds,
      password,
      fill: (studioId) => {
        if (input.seed === 'demo') seedDemo(ctx.db, studioId);
      },
    });
    // Scale data in steps of a few milliseconds, other requests served in between: nobody
    // holds this studio's credentials until the answer, so nobody sees it half-filled.
    if (input.scale) {
      const steps = seedScaleSteps(ctx.db, credentials.studio_id, input.scale);
      while (!steps.next().done) await new Promise((resolve) => setImmediate(resolve));
    }
    reply.code(201);
    return credentials;
  });
}

// What happens outside the CRM, as functions: the /_sandbox routes below and the console's
// buttons (console/) both call these, so a button does exactly what the endpoint does. Each
// returns what it made and the event it fired (null when it fired none).

export type PaymentRequest = z.output<typeof PaymentRequest>;

/** A client places an order in a gallery: priced as the gallery does, stored, order.created. */
export function placeOrder(ctx: SandboxContext, studioId: string, input: OrderPlacement): { order: Order; event: StoredEvent } {
  const order = transaction(ctx.db, () => {
    assertGalleryExists(ctx.db, studioId, input.gallery_id);
    const built = buildOrder(ctx.db, studioId, input);
    insertOrder(ctx.db, studioId, built);
    return built;
  });
  return { order, event: publishEvent(ctx, studioId, 'order.created', order) };
}

/** The photographer publishes a gallery: gallery.published, only when it was offline (each publish is one event). */
export function publishGalleryNow(
  ctx: SandboxContext,
  studioId: string,
  galleryId: string,
): { gallery: Gallery; event: StoredEvent | null } {
  const { gallery, published } = publishGallery(ctx.db, studioId, galleryId);
  return { gallery, event: published ? publishEvent(ctx, studioId, 'gallery.published', gallery) : null };
}

/** Images arrive in a gallery (no event: the CRM hears of a gallery when it is published). */
export function uploadImages(ctx: SandboxContext, studioId: string, galleryId: string, count: number): { gallery: Gallery; event: null } {
  return { gallery: addImages(ctx.db, studioId, galleryId, count), event: null };
}

/** A payment lands on a job: payment.received. */
export function recordPayment(ctx: SandboxContext, studioId: string, input: PaymentRequest): { payment: Payment; event: StoredEvent } {
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
  return { payment, event: publishEvent(ctx, studioId, 'payment.received', payment) };
}

// (Registering a gallery visitor and sending an invite join the functions above, with their
// routes below; the console's gallery buttons for them go in console/actions.ts.)

export function registerSimulationRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.post('/_sandbox/orders', async (request, reply) => {
    const { order } = placeOrder(ctx, callerOf(request).studioId, parseBody(OrderPlacement, request.body));
    reply.code(201);
    return order;
  });

  api.post('/_sandbox/galleries/:id/publish', async (request) => {
    return publishGalleryNow(ctx, callerOf(request).studioId, pathParam(request.params, 'id')).gallery;
  });

  api.post('/_sandbox/galleries/:id/unpublish', async (request) => {
    const { studioId } = callerOf(request);
    return unpublishGallery(ctx.db, studioId, pathParam(request.params, 'id'));
  });

  api.post('/_sandbox/galleries/:id/images', async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const { count } = parseBody(ImagesRequest, request.body);
    return uploadImages(ctx, studioId, id, count).gallery;
  });

  api.post('/_sandbox/galleries/:id/visitors', async (request, reply) => {
    const { studioId } = callerOf(request);
    const { visitor, registered } = registerVisitor(ctx, studioId, pathParam(request.params, 'id'), request.body);
    reply.code(registered ? 201 : 200);
    return visitor;
  });

  api.post('/_sandbox/galleries/:id/invites', async (request, reply) => {
    const { studioId } = callerOf(request);
    const { invite } = sendInvite(ctx, studioId, pathParam(request.params, 'id'), request.body);
    reply.code(201);
    return invite;
  });

  api.post('/_sandbox/payments', async (request, reply) => {
    const { payment } = recordPayment(ctx, callerOf(request).studioId, parseBody(PaymentRequest, request.body));
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

  // Every live access token of the studio, or with {"only": "this_token"} just the one calling.
  api.post('/_sandbox/tokens/expire', async (request) => {
    const { studioId } = callerOf(request);
    const { only } = parseBody(z.strictObject({ only: z.literal('this_token').optional() }), request.body ?? {});
    if (only !== 'this_token') return { expired: expireAccessTokens(ctx.db, studioId) };
    const token = /^Bearer +(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    return { expired: expireAccessToken(ctx.db, studioId, token) };
  });

  api.get('/_sandbox/deliveries', async (request) => {
    return { data: deliveriesOf(ctx.db, callerOf(request).studioId), next_cursor: null };
  });
}
