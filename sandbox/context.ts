// What every route of the sandbox works with: the database, the webhook deliverer, the
// fault book, and (per request) the studio the bearer token belongs to.
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import type { FaultBook } from './api/faults.js';
import type { WebhookDeliverer } from './events/webhooks.js';
import type { PlantedBug } from './planted-bugs.js';
import type { DatabaseSync } from './store/sqlite.js';
import type { RateLimiter } from './api/rate-limit.js';
import type { SignIns } from './store/users.js';

/**
 * 'development' (the default: tests, `npm start`): webhooks may go to loopback and anyone on
 * the machine may create studios. 'production' (a sandbox reachable by others): webhook
 * targets must be public https, and POST /_sandbox/studios needs the admin token (or is off).
 */
export type SandboxMode = 'development' | 'production';

export interface SandboxContext {
  db: DatabaseSync;
  tokenTtlSeconds: number;
  /** How long a just-rotated refresh token still works. */
  refreshGraceSeconds: number;
  webhooks: WebhookDeliverer;
  faults: FaultBook;
  /** Every password check: the shared guess limit and the bounded hash queue. */
  signIns: SignIns;
  mode: SandboxMode;
  /** The bearer token POST /_sandbox/studios needs in production mode; null there turns it off. */
  adminToken: string | null;
  /** The OAuth issuer identifier (RFC 8414): configured, or the address the sandbox listens on; never a request's Host. */
  issuer: () => string;
  /** How long a stored Idempotency-Key answers replays (default 24 hours). */
  idempotencyKeyTtlSeconds?: number;
  /** The clock Idempotency-Keys age by, in ms (default Date.now); tests move it forward. */
  idempotencyClock?: () => number;
  /** Each studio's /v1 request budget (null: unlimited). */
  rateLimiter?: RateLimiter | null;
  /** Test-only: the one bug the sandbox was started with (planted-bugs.ts), or null. */
  plantedBug?: PlantedBug | null;
}

/** Who is calling: resolved from the bearer token before any /v1 or /_sandbox handler runs. */
export interface Caller {
  studioId: string;
  userId: string;
  clientId: string;
  scopes: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** The OAuth scope a /v1 route needs. */
    scope?: string;
  }
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError(401, 'unauthorized', 'This request needs an access token (Authorization: Bearer <token>).');
  return request.caller;
}
