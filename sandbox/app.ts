// The sandbox's HTTP application: fastify with the OAuth provider at /oauth, the Studio API
// at /v1 and the simulation endpoints at /_sandbox. Everything that is the same for every
// API route lives here: the bearer token, injected faults, scopes, JSON-only bodies,
// Idempotency-Key, and the error envelope (bad input is always a 4xx, never a crash).
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerCatalogRoutes } from './catalog.js';
import { registerContactRoutes } from './contacts.js';
import type { SandboxContext } from './context.js';
import { ApiError } from './errors.js';
import { registerEventRoutes } from './events.js';
import { faultError } from './faults.js';
import { registerGalleryRoutes } from './galleries.js';
import { registerInvoiceRoutes } from './invoices.js';
import { registerJobRoutes } from './jobs.js';
import { loggerOptions } from './logging.js';
import { authenticateBearer, registerOAuth } from './oauth/index.js';
import { registerOrderRoutes } from './orders.js';
import { registerPaymentRoutes } from './payments.js';
import { registerShootRoutes } from './shoots.js';
import { registerSimulationRoutes, registerStudioCreation } from './simulation.js';
import { prepared } from './sqlite.js';
import { registerMeRoute } from './studios.js';
import { verifyUserPassword } from './users.js';
import { registerHookRoutes } from './webhooks.js';

/** Largest request body accepted; anything bigger is a 413 before it is parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this POST reserved an Idempotency-Key: its response is stored for replays. */
    idempotencyKey: string | null;
  }
}

export interface AppOptions {
  logLevel: string;
  logStream?: Writable;
}

export async function buildApp(ctx: SandboxContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel, options.logStream),
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Long ids reach the routes (and get the API's own 404) instead of fastify's bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
  });
  // The default JSON parser (prototype-poisoning checks included), except that an empty body
  // on a request that needs none (DELETE, GET) is simply no body rather than a 400.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.method !== 'POST') return done(null, undefined);
    return parseJson(request, body as string, done);
  });
  app.decorateRequest('caller', null);
  app.decorateRequest('idempotencyKey', null);
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(
      new ApiError(404, 'not_found', `There is no endpoint ${request.method} ${request.url.split('?')[0]} in the Studio API.`).envelope(),
    );
  });

  await registerOAuth(app, {
    db: ctx.db,
    tokenTtlSeconds: ctx.tokenTtlSeconds,
    verifyUser: (email, password) => verifyUserPassword(ctx.db, email, password),
  });

  await app.register(async (open) => {
    open.addHook('onRequest', requireJsonBody);
    registerStudioCreation(open, ctx);
  });

  await app.register(async (api) => {
    api.addHook('onRequest', requireJsonBody);
    api.addHook('onRequest', (request, reply) => authenticate(ctx, request, reply));
    api.addHook('preHandler', requireScope);
    api.addHook('preHandler', (request, reply) => reserveIdempotencyKey(ctx, request, reply));
    api.addHook('onSend', (request, reply, payload) => storeIdempotentResponse(ctx, request, reply, payload));
    // Safety net: a request that ended without passing onSend must not hold its key forever.
    api.addHook('onResponse', async (request) => releaseIdempotencyKey(ctx, request));
    registerMeRoute(api, ctx);
    registerContactRoutes(api, ctx);
    registerJobRoutes(api, ctx);
    registerShootRoutes(api, ctx);
    registerGalleryRoutes(api, ctx);
    registerCatalogRoutes(api, ctx);
    registerOrderRoutes(api, ctx);
    registerInvoiceRoutes(api, ctx);
    registerPaymentRoutes(api, ctx);
    registerHookRoutes(api, ctx);
    registerEventRoutes(api, ctx);
    registerSimulationRoutes(api, ctx);
  });

  return app;
}

// ---- the error envelope ----

function sendError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const apiError = error instanceof ApiError ? error : toApiError(error, request);
  for (const [name, value] of Object.entries(apiError.headers)) void reply.header(name, value);
  return reply.code(apiError.status).type('application/json; charset=utf-8').send(apiError.envelope());
}

function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', `The request body is larger than the ${BODY_LIMIT_BYTES / 1024} KiB the API accepts.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'invalid_json', 'The body is empty although Content-Type says JSON: send a JSON object, or no Content-Type.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'bad_request', 'The Content-Length header does not match the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ApiError(400, 'invalid_json', `The body is not valid JSON (${error.message}).`);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError(status, 'bad_request', error.message);
  request.log.error({ err: error }, 'request failed');
  return new ApiError(500, 'internal_error', 'The sandbox failed to answer this request; this is a bug in the sandbox, not in your request.');
}

// ---- hooks of the API routes ----

/** A body, when there is one, must be JSON (the API speaks nothing else). */
async function requireJsonBody(request: FastifyRequest): Promise<void> {
  const hasBody = (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', `Send the request body as JSON with Content-Type: application/json (got ${JSON.stringify(type || 'none')}).`);
  }
}

async function authenticate(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  const caller = authenticateBearer(ctx.db, request.headers.authorization);
  if (!caller) {
    throw new ApiError(
      401,
      'unauthorized',
      request.headers.authorization
        ? 'The access token is invalid or has expired. Refresh it (POST /oauth/token, grant_type=refresh_token) or sign in again.'
        : 'This request needs an access token: send Authorization: Bearer <token>.',
      null,
      { 'WWW-Authenticate': 'Bearer realm="studio-api", error="invalid_token"' },
    );
  }
  request.caller = caller;
  if (request.url.startsWith('/v1/')) return applyFault(ctx, caller.studioId, request, reply);
}

async function applyFault(ctx: SandboxContext, studioId: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  const fault = ctx.faults.take(studioId);
  if (!fault) return;
  request.log.info({ status: fault.status, latency_ms: fault.latencyMs, reset_connection: fault.resetConnection }, 'injected fault');
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  if (fault.resetConnection) {
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }
  if (fault.status !== null) {
    const { code, message } = faultError(fault.status);
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== null) headers['Retry-After'] = String(fault.retryAfter);
    if (fault.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="studio-api", error="invalid_token"';
    throw new ApiError(fault.status, code, message, null, headers);
  }
}

async function requireScope(request: FastifyRequest): Promise<void> {
  const scope = request.routeOptions.config.scope;
  if (scope && request.caller && !request.caller.scopes.includes(scope)) {
    throw new ApiError(403, 'insufficient_scope', `This access token was not granted the "${scope}" scope this endpoint needs. Reconnect the account and approve it.`);
  }
}

// ---- Idempotency-Key ----

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
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`).digest('hex');
}

async function reserveIdempotencyKey(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
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
  const stored = prepared(ctx.db, 'SELECT fingerprint, status, body FROM idempotency_keys WHERE studio_id = ? AND key = ?').get(studioId, header) as
    | { fingerprint: string; status: number | null; body: string | null }
    | undefined;
  if (!stored) {
    prepared(ctx.db, 'INSERT INTO idempotency_keys (studio_id, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, NULL, NULL, ?)').run(
      studioId,
      header,
      print,
      new Date().toISOString(),
    );
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
    throw new ApiError(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry in a moment.', null, {
      'Retry-After': '1',
    });
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
async function storeIdempotentResponse(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const key = request.idempotencyKey;
  if (key === null || !request.caller) return payload;
  request.idempotencyKey = null;
  if (reply.statusCode >= 200 && reply.statusCode < 300) {
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    prepared(ctx.db, 'UPDATE idempotency_keys SET status = ?, body = ? WHERE studio_id = ? AND key = ?').run(reply.statusCode, body, request.caller.studioId, key);
  } else {
    prepared(ctx.db, 'DELETE FROM idempotency_keys WHERE studio_id = ? AND key = ?').run(request.caller.studioId, key);
  }
  return payload;
}

function releaseIdempotencyKey(ctx: SandboxContext, request: FastifyRequest): void {
  if (request.idempotencyKey === null || !request.caller) return;
  prepared(ctx.db, 'DELETE FROM idempotency_keys WHERE studio_id = ? AND key = ? AND status IS NULL').run(request.caller.studioId, request.idempotencyKey);
  request.idempotencyKey = null;
}
