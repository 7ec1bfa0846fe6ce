// REST hooks: POST /v1/hooks subscribes a URL to one event type; DELETE /v1/hooks/:id
// unsubscribes. Each event is POSTed to every subscription of its type, signed with the
// subscription's secret (src/hooks/signature.ts). A failed delivery is retried with backoff;
// a 410 Gone from the receiver removes the subscription (the receiver asked us to stop).
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EventType, SIGNATURE_HEADER, TIMESTAMP_HEADER, type HookSubscription } from '../src/hooks/schema.js';
import { signDelivery } from '../src/hooks/signature.js';
import { callerOf, type SandboxContext } from './context.js';
import { notFound } from './errors.js';
import type { StoredEvent } from './events.js';
import { newId, nowIso } from './ids.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { parseBody, pathParam } from './validation.js';

const HookCreate = z.strictObject({
  target_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  event: EventType,
});

interface HookRow {
  id: string;
  event: EventType;
  target_url: string;
  secret: string;
  created_at: string;
}

function hookResource(row: HookRow, withSecret: boolean): HookSubscription {
  return { id: row.id, event: row.event, target_url: row.target_url, ...(withSecret ? { secret: row.secret } : {}), created_at: row.created_at };
}

export function registerHookRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.post('/v1/hooks', { config: { scope: 'hooks:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(HookCreate, request.body);
    const row: HookRow = {
      id: newId('hook'),
      event: input.event,
      target_url: input.target_url,
      secret: `whsec_${randomBytes(24).toString('hex')}`,
      created_at: nowIso(),
    };
    prepared(ctx.db, 'INSERT INTO hooks (studio_id, id, event, target_url, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      studioId,
      row.id,
      row.event,
      row.target_url,
      row.secret,
      row.created_at,
    );
    reply.code(201);
    return hookResource(row, true);
  });

  api.delete('/v1/hooks/:id', { config: { scope: 'hooks:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const result = prepared(ctx.db, 'DELETE FROM hooks WHERE studio_id = ? AND id = ?').run(studioId, id);
    if (result.changes === 0) throw notFound('webhook subscription', id);
    reply.code(204);
    return reply.send();
  });

  api.get('/v1/hooks', { config: { scope: 'hooks:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const rows = prepared(ctx.db, 'SELECT id, event, target_url, secret, created_at FROM hooks WHERE studio_id = ? ORDER BY seq DESC').all(
      studioId,
    ) as unknown as HookRow[];
    return { data: rows.map((row) => hookResource(row, false)), next_cursor: null };
  });
}

export interface DeliveryOptions {
  /** Delay before each retry, in milliseconds; its length is the number of retries. */
  retryDelaysMs: number[];
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { retryDelaysMs: [1_000, 5_000, 30_000, 120_000], timeoutMs: 10_000 };

/** Sends events to their subscriptions, retrying failures; stop() cancels everything pending. */
export class WebhookDeliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private stopped = false;

  constructor(
    private readonly db: DatabaseSync,
    private readonly log: FastifyBaseLogger,
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
  ) {}

  dispatch(studioId: string, event: StoredEvent): void {
    const hooks = prepared(this.db, 'SELECT id FROM hooks WHERE studio_id = ? AND event = ? ORDER BY seq').all(studioId, event.type) as Array<{
      id: string;
    }>;
    for (const hook of hooks) this.schedule(studioId, hook.id, event, 1, 0);
  }

  /** Resolves once nothing is in flight or waiting (tests use it to wait for the outcome). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 10))]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(studioId: string, hookId: string, event: StoredEvent, attempt: number, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const running = this.attempt(studioId, hookId, event, attempt).finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(studioId: string, hookId: string, event: StoredEvent, attempt: number): Promise<void> {
    const hook = prepared(this.db, 'SELECT target_url, secret FROM hooks WHERE studio_id = ? AND id = ?').get(studioId, hookId) as
      | { target_url: string; secret: string }
      | undefined;
    if (!hook) return; // unsubscribed meanwhile: nothing more to send
    const timestamp = Math.floor(Date.now() / 1000);
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(hook.target_url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'StudioAPI-Sandbox-Webhooks/1',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signDelivery(hook.secret, timestamp, event.body),
        },
        body: event.body,
        signal: controller.signal,
        redirect: 'manual',
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch (caught) {
      error = caught instanceof Error ? (caught.name === 'AbortError' ? 'timed out' : caught.message) : 'request failed';
    } finally {
      clearTimeout(timeout);
      this.controllers.delete(controller);
    }
    if (this.stopped) return;
    this.finish(studioId, hookId, event, attempt, status, error);
  }

  private finish(studioId: string, hookId: string, event: StoredEvent, attempt: number, status: number | null, error: string | null): void {
    const delivered = status !== null && status >= 200 && status < 300;
    const gone = status === 410;
    const retryDelay = this.options.retryDelaysMs[attempt - 1];
    const outcome = delivered ? 'delivered' : gone ? 'unsubscribed' : retryDelay !== undefined ? 'retrying' : 'failed';
    prepared(
      this.db,
      'INSERT INTO deliveries (studio_id, hook_id, event_id, attempt, outcome, status, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(studioId, hookId, event.id, attempt, outcome, status, error, nowIso());
    this.log.info({ hook_id: hookId, event_id: event.id, event_type: event.type, attempt, status, outcome, error }, 'webhook delivery');
    if (gone) {
      prepared(this.db, 'DELETE FROM hooks WHERE studio_id = ? AND id = ?').run(studioId, hookId);
    } else if (!delivered && retryDelay !== undefined) {
      this.schedule(studioId, hookId, event, attempt + 1, retryDelay);
    }
  }
}

export function deliveriesOf(db: DatabaseSync, studioId: string, limit = 100): unknown[] {
  return prepared(
    db,
    'SELECT hook_id, event_id, attempt, outcome, status, error, created_at FROM deliveries WHERE studio_id = ? ORDER BY seq DESC LIMIT ?',
  ).all(studioId, limit);
}

