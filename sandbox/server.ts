// Starts the sandbox in-process: the database, the webhook deliverer and the HTTP server.
// Tests use startSandbox() (port 0, in-memory database); `npm run sandbox` uses main.ts.
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.js';
import type { SandboxContext, SandboxMode } from './context.js';
import { openDatabase } from './store/db.js';
import { createLogger } from './api/logging.js';
import { FaultBook } from './api/faults.js';
import { DEFAULT_REFRESH_GRACE_SECONDS } from './oauth/grants.js';
import type { TargetPolicy } from './events/webhook-targets.js';
import { SignIns } from './store/users.js';
import { DEFAULT_DELIVERY_OPTIONS, WebhookDeliverer } from './events/webhooks.js';
import type { PlantedBug } from './planted-bugs.js';
import { RateLimiter, type RateLimit } from './api/rate-limit.js';
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from './api/app.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file, or ':memory:' (the default). */
  dbPath?: string;
  /** Lifetime of access tokens (default one hour). */
  tokenTtlSeconds?: number;
  /** How long a just-rotated refresh token still works (default 30 s; 0 turns it off). */
  refreshGraceSeconds?: number;
  /** How long a stored Idempotency-Key answers replays (default 24 hours). */
  idempotencyKeyTtlSeconds?: number;
  /** The clock Idempotency-Keys age by, in ms (default Date.now): tests move it past a key's lifetime. */
  idempotencyClock?: () => number;
  /** pino level: 'silent' (the default), 'info', 'debug', … */
  logLevel?: string;
  /** Where logs go (default stdout); tests pass a stream to read them. */
  logStream?: Writable;
  /** Delays before each webhook retry, in ms (its length is the number of retries). */
  webhookRetryDelaysMs?: number[];
  /** How long one webhook delivery may take (ms). */
  webhookTimeoutMs?: number;
  /** Which webhook targets are allowed: the mode's (development lets loopback through). */
  webhookTargets?: TargetPolicy;
  /** Origins accepted as webhook targets whatever the policy (the conformance kit's receiver); see webhooks.ts allowListed. */
  webhookAllowedOrigins?: string[];
  /** 'development' (the default) or 'production' (public targets only, studio creation needs adminToken). */
  mode?: SandboxMode;
  /** The bearer token POST /_sandbox/studios needs in production mode (unset there: the endpoint is off). */
  adminToken?: string;
  /** The OAuth issuer (RFC 8414), e.g. https://studio.example.com; default the listening address. Never taken from a request. */
  issuer?: string;
  /** Header, body and idle limits of the HTTP server (ms); defaults in DEFAULT_TIMEOUTS. */
  timeouts?: Partial<ServerTimeouts>;
  /** Password hashes at once and waiting (users.ts defaults); tests make the queue small. */
  signInQueue?: { maxConcurrent?: number; maxQueued?: number };
  /** Name resolution for webhook targets (tests: an answer without DNS). */
  webhookResolve?: ConstructorParameters<typeof WebhookDeliverer>[3];
  /** Each studio's /v1 request budget (rate-limit.ts); none when not given (tests that make many requests). */
  rateLimit?: RateLimit | null;
  /** Test-only: start with one bug planted (planted-bugs.ts), to see the conformance kit catch it. */
  plantedBug?: PlantedBug | null;
  /** Called with the fastify instance before it listens: tests add hooks here (fastify takes none after). */
  configure?: (app: FastifyInstance) => void | Promise<void>;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
  /** Resolves when no webhook delivery is in flight or waiting for a retry. */
  webhooksIdle(): Promise<void>;
  context: SandboxContext;
  /** The fastify instance; benchmarks count and time requests on `app.server` ('request'). */
  app: FastifyInstance;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const db = openDatabase(options.dbPath ?? ':memory:');
  let app;
  try {
    // The logger first, then the deliverer with it, then the app with everything it uses.
    const mode = options.mode ?? 'development';
    const log = createLogger(options.logLevel ?? 'silent', options.logStream);
    const webhooks = new WebhookDeliverer(
      db,
      log.child({ component: 'webhooks' }),
      {
        retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_DELIVERY_OPTIONS.retryDelaysMs,
        timeoutMs: options.webhookTimeoutMs ?? DEFAULT_DELIVERY_OPTIONS.timeoutMs,
        targets: options.webhookTargets ?? (mode === 'production' ? 'production' : DEFAULT_DELIVERY_OPTIONS.targets),
        jitter: DEFAULT_DELIVERY_OPTIONS.jitter,
        allowedOrigins: options.webhookAllowedOrigins ?? [],
        plantedBug: options.plantedBug ?? null,
        maxConcurrent: DEFAULT_DELIVERY_OPTIONS.maxConcurrent,
      },
      options.webhookResolve,
    );
    let listening = '';
    const context: SandboxContext = {
      db,
      tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      refreshGraceSeconds: options.refreshGraceSeconds ?? DEFAULT_REFRESH_GRACE_SECONDS,
      idempotencyKeyTtlSeconds: options.idempotencyKeyTtlSeconds,
      idempotencyClock: options.idempotencyClock,
      faults: new FaultBook(),
      webhooks,
      rateLimiter: options.rateLimit ? new RateLimiter(options.rateLimit) : null,
      plantedBug: options.plantedBug ?? null,
      signIns: new SignIns(db, options.signInQueue),
      mode,
      adminToken: options.adminToken ?? null,
      issuer: () => options.issuer ?? listening,
    };
    if (options.issuer !== undefined && !/^https?:\/\/[^/?#]+$/.test(options.issuer))
      throw new Error(`The issuer must be an origin such as https://studio.example.com, not ${JSON.stringify(options.issuer)}`);
    app = await buildApp(context, { logger: log, timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts } });
    const host = options.host ?? '127.0.0.1';
    await options.configure?.(app);
    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const started = app;
    listening = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let stopped = false;
    return {
      url: listening,
      context,
      app: started,
      webhooksIdle: () => context.webhooks.idle(),
      async stop() {
        if (stopped) return;
        stopped = true;
        await context.webhooks.stop();
        await started.close();
        db.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    db.close();
    throw error;
  }
}
