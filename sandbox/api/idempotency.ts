// The sandbox's Idempotency-Key handling: a POST with a key reserves it (studio + key, with a
// fingerprint of method, URL and body), its successful response is kept for replays for 24
// hours, and anything else releases the key (the records: store/idempotency.ts). Wired into the
// API routes by app.ts.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../errors.js';
import { planted } from '../planted-bugs.js';
import {
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  deleteIdempotencyKey,
  findIdempotencyKey,
  insertIdempotencyKey,
} from '../store/idempotency.js';

const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this POST reserved an Idempotency-Key: its response is stored for replays. */
    idempotencyKey: string | null;
  }
}

/** JSON with object keys sorted, so the same body always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
}

/** idempotency-key-not-reserved: what a request would have reserved, to store with its answer. */
const unreserved = new WeakMap<FastifyRequest, { print: string; at: string }>();

/** How long a key's first response is kept for replays: 24 hours, as Stripe keeps them. */
export const DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 3600;

/** When each context last swept out expired keys (by its idempotency clock). */
const lastSweep = new WeakMap<SandboxContext, number>();

/**
 * The moment before which a stored key has expired. Expired keys are forgotten: the one this
 * request sends at once (it is then a new request, whatever it was before), and the rest of
 * the table at most once a minute, so it does not grow for ever.
 */
function expireIdempotencyKeys(ctx: SandboxContext, studioId: string, key: string, now: number): void {
  const expired = new Date(now - (ctx.idempotencyKeyTtlSeconds ?? DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS) * 1000).toISOString();
  deleteExpiredIdempotencyKeys(ctx.db, expired, { studioId, key });
  if (now - (lastSweep.get(ctx) ?? -Infinity) < 60_000) return;
  lastSweep.set(ctx, now);
  deleteExpiredIdempotencyKeys(ctx.db, expired);
}

export async function reserveIdempotencyKey(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (request.method !== 'POST' || !request.caller) return;
  const header = request.headers['idempotency-key'];
  if (header === undefined) return;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new ApiError(422, 'validation_failed', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters, sent once.', [
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const studioId = request.caller.studioId;
  const print = fingerprint(request);
  const now = ctx.idempotencyClock?.() ?? Date.now();
  expireIdempotencyKeys(ctx, studioId, header, now);
  const stored = findIdempotencyKey(ctx.db, studioId, header);
  if (!stored && planted(ctx, 'idempotency-key-not-reserved')) {
    // planted bug: idempotency-key-not-reserved (stored by storeIdempotentResponse, after work that takes a while)
    request.idempotencyKey = header;
    unreserved.set(request, { print, at: new Date(now).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  if (!stored) {
    insertIdempotencyKey(ctx.db, studioId, header, print, new Date(now).toISOString());
    request.idempotencyKey = header;
    return;
  }
  if (stored.fingerprint !== print) {
    throw new ApiError(
      409,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request (another endpoint or another body). Use a new key for a new request.',
    );
  }
  if (stored.status === null) {
    throw new ApiError(
      409,
      'idempotency_key_in_use',
      'A request with this Idempotency-Key is still being processed; retry in a moment.',
      null,
      {
        'Retry-After': '1',
      },
    );
  }
  return reply
    .code(stored.status)
    .header('Idempotent-Replayed', 'true')
    .type('application/json; charset=utf-8')
    .send(stored.body ?? '');
}

/**
 * Keeps a successful response for replays. Anything else releases the key: a 4xx changed
 * nothing and a 5xx may be retried, so the same key may try again.
 */
export async function storeIdempotentResponse(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const key = request.idempotencyKey;
  if (key === null || !request.caller) return payload;
  request.idempotencyKey = null;
  const late = unreserved.get(request);
  if (late && !findIdempotencyKey(ctx.db, request.caller.studioId, key)) {
    // planted bug: idempotency-key-not-reserved
    insertIdempotencyKey(ctx.db, request.caller.studioId, key, late.print, late.at);
  }
  if ((reply.statusCode >= 200 && reply.statusCode < 300) || planted(ctx, 'errors-replayed')) {
    // planted bug: errors-replayed
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    completeIdempotencyKey(ctx.db, request.caller.studioId, key, reply.statusCode, body);
  } else {
    deleteIdempotencyKey(ctx.db, request.caller.studioId, key);
  }
  return payload;
}

export function releaseIdempotencyKey(ctx: SandboxContext, request: FastifyRequest): void {
  if (request.idempotencyKey === null || !request.caller) return;
  deleteIdempotencyKey(ctx.db, request.caller.studioId, request.idempotencyKey, true);
  request.idempotencyKey = null;
}
