// Starts the sandbox in-process: the database, the webhook deliverer and the HTTP server.
// Tests use startSandbox() (port 0, in-memory database); `npm run sandbox` uses main.ts.
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { SandboxContext } from './context.js';
import { openDatabase } from './db.js';
import { FaultBook } from './faults.js';
import { DEFAULT_DELIVERY_OPTIONS, WebhookDeliverer } from './webhooks.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file, or ':memory:' (the default). */
  dbPath?: string;
  /** Lifetime of access tokens (default one hour). */
  tokenTtlSeconds?: number;
  /** pino level: 'silent' (the default), 'info', 'debug', … */
  logLevel?: string;
  /** Where logs go (default stdout); tests pass a stream to read them. */
  logStream?: Writable;
  /** Delays before each webhook retry, in ms (its length is the number of retries). */
  webhookRetryDelaysMs?: number[];
  /** How long one webhook delivery may take (ms). */
  webhookTimeoutMs?: number;
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
    const faults = new FaultBook();
    // The deliverer logs through the app's logger, which exists only once the app does.
    const context: SandboxContext = { db, tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS, faults, webhooks: null as unknown as WebhookDeliverer };
    app = await buildApp(context, { logLevel: options.logLevel ?? 'silent', logStream: options.logStream });
    context.webhooks = new WebhookDeliverer(db, app.log.child({ component: 'webhooks' }), {
      retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_DELIVERY_OPTIONS.retryDelaysMs,
      timeoutMs: options.webhookTimeoutMs ?? DEFAULT_DELIVERY_OPTIONS.timeoutMs,
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const started = app;
    let stopped = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
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
