// The sandbox's HTTP application: fastify with the OAuth provider at /oauth, the console at /,
// the Studio API at /v1 and the simulation endpoints at /_sandbox. Everything that is the same for every
// API route lives here: the bearer token, injected faults, scopes, JSON-only bodies,
// Idempotency-Key, and the error envelope (bad input is always a 4xx, never a crash).
import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerCatalogRoutes } from './catalog.js';
import { registerConsole } from '../console/index.js';
import { registerContactRoutes } from './contacts.js';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../errors.js';
import { registerEventRoutes } from './events.js';
import { faultError } from './faults.js';
import { registerGalleryRoutes } from './galleries.js';
import { registerInvoiceRoutes } from './invoices.js';
import { registerJobRoutes } from './jobs.js';
import { registerJobStageRoutes } from './job-stages.js';
import { authenticateBearer, registerOAuth } from '../oauth/index.js';
import { scopeAllows } from '../oauth/scopes.js';
import { registerOrderRoutes } from './orders.js';
import { registerPaymentRoutes } from './payments.js';
import { registerShootRoutes } from './shoots.js';
import { registerSimulationRoutes, registerStudioCreation } from '../world/simulation.js';
import { registerMeRoute } from './me.js';
import { registerHookRoutes } from './hooks.js';
import { planted, plantedBugCaller } from '../planted-bugs.js';
import { applyRateLimit } from './rate-limit.js';
import { releaseIdempotencyKey, reserveIdempotencyKey, storeIdempotentResponse } from './idempotency.js';

/** Largest request body accepted; anything bigger is a 413 before it is parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** Deepest nesting of objects and arrays a JSON body may have. */
export const MAX_JSON_DEPTH = 32;

/** How deeply objects and arrays nest in a parsed JSON value, walked without recursion. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, level]);
  }
  return deepest;
}

/**
 * How long a client may take (ms). Slow clients hold a connection each, so each phase has a
 * limit: the headers, the whole request with its body (a body trickled a byte at a time is cut
 * off at `requestMs` with a 408), and the silence between two packets (`idleMs`).
 */
export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  idleMs: number;
  /** How often the server looks for requests past headersMs/requestMs. */
  checkEveryMs: number;
  /** Requests whose body is still arriving, at once; one more is refused (503, Retry-After). */
  maxPendingBodies: number;
  /** Open connections at once; past it new ones are closed as they arrive. */
  maxConnections: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  checkEveryMs: 1_000,
  maxPendingBodies: 64,
  maxConnections: 2_048,
};

export interface AppOptions {
  /** The sandbox's logger (logging.ts createLogger); every request logs through a child of it. */
  logger: FastifyBaseLogger;
  timeouts?: ServerTimeouts;
}

export async function buildApp(ctx: SandboxContext, options: AppOptions): Promise<FastifyInstance> {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    loggerInstance: options.logger,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: { headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs), connectionsCheckingInterval: timeouts.checkEveryMs },
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Long ids reach the routes (and get the API's own 404) instead of fastify's bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    // The router's own refusals (bad percent-encoding, an id past even that length) and what
    // Node refuses before fastify sees a request (headers too large) answer in the envelope too.
    frameworkErrors: (error, request, reply) => void sendError(error as FastifyError, request, reply),
    clientErrorHandler: answerClientError,
  });
  app.server.maxConnections = timeouts.maxConnections;
  // A request whose body is still on its way holds a connection and a parser: at most
  // maxPendingBodies at once, so a crowd of slow senders cannot take every connection.
  let pendingBodies = 0;
  app.addHook('onRequest', async (request, reply) => {
    const length = request.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || request.raw.readableEnded) return;
    if (pendingBodies >= timeouts.maxPendingBodies) {
      // Answered here, the same on every route (the pages' error handlers would call it a crash).
      const busy = new ApiError(
        503,
        'server_busy',
        'The server is receiving too many request bodies at once; send this request again in a few seconds.',
      );
      return reply
        .code(503)
        .header('retry-after', '5')
        .header('connection', 'close')
        .type('application/json; charset=utf-8')
        .send(busy.envelope());
    }
    pendingBodies += 1;
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      pendingBodies -= 1;
    };
    request.raw.once('end', release);
    request.raw.once('close', release);
  });
  // Every answer: no MIME sniffing, and nothing cached unless a route says otherwise (an
  // API answer is one studio's data; the OAuth metadata is the exception, and says so).
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  // A known path asked with a method it does not have is 405 with Allow (RFC 9110 §15.5.6).
  const knownPaths: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return;
    const pattern = new RegExp(
      `^${route.url
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : escapeRegExp(part)))
        .join('/')}/?$`,
    );
    const methods = [route.method].flat().map((method) => method.toUpperCase());
    const known = knownPaths.find((entry) => entry.pattern.source === pattern.source);
    if (known) for (const method of methods) known.methods.add(method);
    else knownPaths.push({ pattern, methods: new Set(methods) });
  });
  // The default JSON parser (prototype-poisoning checks included), except that an empty body
  // on a request that needs none (DELETE, GET) is simply no body rather than a 400.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.method !== 'POST') return done(null, undefined);
    return parseJson(request, body as string, (error, parsed) => {
      if (error) return done(error, undefined);
      // Validation and the idempotency fingerprint walk the body recursively: a body nested
      // thousands of levels deep (a few KB) is refused here, not a stack overflow there.
      if (nestingDepth(parsed) > MAX_JSON_DEPTH) {
        return done(
          new ApiError(
            400,
            'invalid_json',
            `The body is nested more than ${MAX_JSON_DEPTH} levels deep; no request of the API needs that.`,
          ),
          undefined,
        );
      }
      return done(null, parsed);
    });
  });
  app.decorateRequest('caller', null);
  app.decorateRequest('idempotencyKey', null);
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = new Set(knownPaths.filter((entry) => entry.pattern.test(path)).flatMap((entry) => [...entry.methods]));
    if (allowed.size > 0) {
      if (allowed.has('GET')) allowed.add('HEAD');
      const allow = [...allowed].sort().join(', ');
      return sendError(
        new ApiError(405, 'method_not_allowed', `${request.method} is not allowed on ${path}; it accepts ${allow}.`, null, {
          Allow: allow,
        }),
        request,
        reply,
      );
    }
    void reply
      .code(404)
      .send(
        new ApiError(404, 'not_found', `There is no endpoint ${request.method} ${request.url.split('?')[0]} in the Studio API.`).envelope(),
      );
  });

  await registerOAuth(app, {
    db: ctx.db,
    tokenTtlSeconds: ctx.tokenTtlSeconds,
    refreshGraceSeconds: ctx.refreshGraceSeconds,
    signIns: ctx.signIns,
    issuer: ctx.issuer,
  });

  // The console at / (HTML pages and forms for people; its own session, CSRF and CSP).
  await registerConsole(app, ctx);

  await app.register(async (open) => {
    open.addHook('onRequest', requireJsonBody);
    registerStudioCreation(open, ctx);
  });

  await app.register(async (api) => {
    api.addHook('onRequest', requireJsonBody);
    api.addHook('onRequest', (request, reply) => authenticate(ctx, request, reply));
    api.addHook('preHandler', (request) => requireScope(ctx, request));
    // planted bug: limit-ignored
    if (planted(ctx, 'limit-ignored'))
      api.addHook('preHandler', async (request) => void delete (request.query as Record<string, unknown>).limit);
    api.addHook('preHandler', (request, reply) => reserveIdempotencyKey(ctx, request, reply));
    api.addHook('onSend', (request, reply, payload) => storeIdempotentResponse(ctx, request, reply, payload));
    // Safety net: a request that ended without passing onSend must not hold its key forever.
    api.addHook('onResponse', async (request) => releaseIdempotencyKey(ctx, request));
    registerMeRoute(api, ctx);
    registerContactRoutes(api, ctx);
    registerJobRoutes(api, ctx);
    registerJobStageRoutes(api, ctx);
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
    case 'FST_ERR_BAD_URL':
      return new ApiError(400, 'bad_request', 'The URL is not valid: a percent sign must start an escape such as %20.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError(414, 'uri_too_long', 'A value in the URL is far too long; ids of the API are short.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', `The request body is larger than the ${BODY_LIMIT_BYTES / 1024} KiB the API accepts.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(
        400,
        'invalid_json',
        'The body is empty although Content-Type says JSON: send a JSON object, or no Content-Type.',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'bad_request', 'The Content-Length header does not match the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ApiError(400, 'invalid_json', `The body is not valid JSON (${error.message}).`);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError(status, 'bad_request', error.message);
  request.log.error({ err: error }, 'request failed');
  return new ApiError(
    500,
    'internal_error',
    'The sandbox failed to answer this request; this is a bug in the sandbox, not in your request.',
  );
}

/**
 * What Node's HTTP parser refuses before fastify sees a request (headers over the size limit,
 * a malformed request line): the envelope, written on the socket the way Node would answer.
 */
function answerClientError(error: Error & { code?: string }, socket: import('node:stream').Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, apiError] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, new ApiError(431, 'headers_too_large', 'The request headers (or the URL) are larger than the API accepts.')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, new ApiError(408, 'request_timeout', 'The request took too long to arrive.')]
        : [400, new ApiError(400, 'bad_request', 'The request could not be read as HTTP.')];
  const body = JSON.stringify(apiError.envelope());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- hooks of the API routes ----

/** A body, when there is one, must be JSON (the API speaks nothing else). */
async function requireJsonBody(request: FastifyRequest): Promise<void> {
  const hasBody =
    (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') ||
    request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the request body as JSON with Content-Type: application/json (got ${JSON.stringify(type || 'none')}).`,
    );
  }
}

async function authenticate(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const caller =
    authenticateBearer(ctx.db, request.headers.authorization) ??
    (planted(ctx, 'expired-tokens-accepted') ? plantedBugCaller(ctx.db, request.headers.authorization) : null); // planted bug: expired-tokens-accepted
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
  if (request.url.startsWith('/v1/')) {
    await applyRateLimit(ctx, caller.studioId, reply, request);
    return applyFault(ctx, caller.studioId, request, reply);
  }
}

async function applyFault(
  ctx: SandboxContext,
  studioId: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
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

async function requireScope(ctx: SandboxContext, request: FastifyRequest): Promise<void> {
  if (planted(ctx, 'scopes-not-enforced')) return; // planted bug: scopes-not-enforced
  const scope = request.routeOptions.config.scope;
  if (scope && request.caller && !scopeAllows(request.caller.scopes, scope)) {
    // RFC 6750 §3: the challenge says which scope would do.
    throw new ApiError(
      403,
      'insufficient_scope',
      `This access token was not granted the "${scope}" scope this endpoint needs. Reconnect the account and approve it.`,
      null,
      {
        'WWW-Authenticate': `Bearer realm="studio-api", error="insufficient_scope", scope="${scope}"`,
      },
    );
  }
}
