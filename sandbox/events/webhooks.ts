// REST hooks: POST /v1/hooks subscribes a URL to one event type; DELETE /v1/hooks/:id
// unsubscribes. Each event is POSTed to every subscription of its type, signed with the
// subscription's secret (src/hooks/signature.ts). A failed delivery is retried with
// exponential backoff and jitter for three days (so a receiver that is down for hours loses
// nothing), never sooner than a 429's or 503's Retry-After; a 410 Gone from the receiver
// removes the subscription (it asked us to stop). Targets are checked by webhook-targets.ts; the /v1/hooks routes are api/hooks.ts.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import * as z from 'zod';
import { EventType, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_ID_HEADER, type HookSubscription } from '../../src/contract/hooks.js';
import { signDelivery } from '../../src/hooks/signature.js';
import type { StoredEvent } from './events.js';
import { allRows, oneRow, prepared, type DatabaseSync } from '../store/sqlite.js';
import { retryAfterDelayMs } from '../../src/api/retry-after.js';
import { guardedLookup, urlRefusal, type TargetPolicy } from './webhook-targets.js';
import { planted, type PlantedBug } from '../planted-bugs.js';

/** Subscriptions one studio may hold at once; one more is refused (422 subscription_limit_reached). */
export const MAX_HOOKS_PER_STUDIO = 25;
/** Deliveries in flight at once, all studios together; the rest wait their turn. */
export const MAX_CONCURRENT_DELIVERIES = 8;

export const HookCreate = z.strictObject({
  target_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  event: EventType,
});

export interface HookRow {
  id: string;
  event: EventType;
  target_url: string;
  secret: string;
  created_at: string;
}

export function hookResource(row: HookRow, withSecret: boolean): HookSubscription {
  return {
    id: row.id,
    event: row.event,
    target_url: row.target_url,
    ...(withSecret ? { secret: row.secret } : {}),
    created_at: row.created_at,
  };
}

/** Whether the allow-list names the target's origin (an entry without a port: any port of its host). */
export function allowListed(target: string, origins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return origins.some((origin) => {
    try {
      const allowed = new URL(origin);
      return (
        allowed.protocol === url.protocol &&
        allowed.hostname === url.hostname &&
        (allowed.port === '' || allowed.port === url.port) &&
        !url.username &&
        !url.password
      );
    } catch {
      return false;
    }
  });
}

export interface DeliveryOptions {
  /** Delay before each retry, in milliseconds, before jitter; its length is the number of retries. */
  retryDelaysMs: number[];
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
  /** Which targets may receive deliveries (webhook-targets.ts); the sandbox runs in development. */
  targets: TargetPolicy;
  /** Each delay is multiplied by a factor in [1 − jitter, 1 + jitter], so retries do not arrive in step. */
  jitter: number;
  /**
   * The test allow-list (docs/studio-api.md, "Webhook targets"): origins accepted although the
   * policy refuses them, such as the conformance kit's receiver. "http://127.0.0.1:8123" is that
   * origin exactly; without a port, any port of the host. Never needed in development mode.
   */
  allowedOrigins?: readonly string[];
  /** Test-only (planted-bugs.ts): a delivery bug to plant. */
  plantedBug?: PlantedBug | null;
  /** Attempts in flight at once; the others wait (an event with many subscriptions opens this many connections, no more). */
  maxConcurrent: number;
}

/** The longest a Retry-After is honoured for; a receiver asking for more gets this. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * The retry schedule: 5 s, then ×4 each time up to 6 h between attempts, until three days have
 * passed since the first (as Stripe retries for up to three days): 20 retries in all.
 */
export function backoffSchedule(firstMs = 5_000, factor = 4, capMs = 6 * 3600 * 1000, windowMs = 72 * 3600 * 1000): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let delay = firstMs; total + Math.min(delay, capMs) <= windowMs; delay *= factor) {
    delays.push(Math.min(delay, capMs));
    total += Math.min(delay, capMs);
  }
  return delays;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  retryDelaysMs: backoffSchedule(),
  timeoutMs: 10_000,
  targets: 'development',
  jitter: 0.2,
  maxConcurrent: MAX_CONCURRENT_DELIVERIES,
};

/** A receiver's Retry-After in ms from now, between 0 and MAX_RETRY_AFTER_MS; null if absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const ms = retryAfterDelayMs(Array.isArray(header) ? header[0] : header, now);
  return ms === null ? null : Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

interface AttemptResult {
  /** Whether a request went out, signed (false: refused before sending anything). */
  signed: boolean;
  status: number | null;
  error: string | null;
  retryAfterMs: number | null;
  durationMs: number;
}

/** Sends events to their subscriptions, retrying failures; stop() cancels everything pending. */
/** How many subscriptions the studio holds. */
export function hookCount(db: DatabaseSync, studioId: string): number {
  return oneRow<{ n: number }>(prepared(db, 'SELECT COUNT(*) AS n FROM hooks WHERE studio_id = ?'), studioId)?.n ?? 0;
}

export function insertHook(db: DatabaseSync, studioId: string, hook: HookRow): void {
  prepared(db, 'INSERT INTO hooks (studio_id, id, event, target_url, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    studioId,
    hook.id,
    hook.event,
    hook.target_url,
    hook.secret,
    hook.created_at,
  );
}

/** Removes a subscription; false when the studio has none by that id. */
export function deleteHook(db: DatabaseSync, studioId: string, id: string): boolean {
  return prepared(db, 'DELETE FROM hooks WHERE studio_id = ? AND id = ?').run(studioId, id).changes > 0;
}

/** The studio's subscriptions, newest first. */
export function hooksOf(db: DatabaseSync, studioId: string): HookRow[] {
  return allRows<HookRow>(
    prepared(db, 'SELECT id, event, target_url, secret, created_at FROM hooks WHERE studio_id = ? ORDER BY seq DESC'),
    studioId,
  );
}

/** Where each delivery attempt is logged (the server's pino logger). */
export interface DeliveryLog {
  info(record: Record<string, unknown>, message: string): void;
}

export class WebhookDeliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private stopped = false;
  /** Attempts holding a connection slot, and those waiting for one (first come, first served). */
  private sending = 0;
  private readonly queue: Array<() => void> = [];
  /** The most attempts that were ever in flight at once (tests and the console read it). */
  peakConcurrent = 0;

  private readonly lookup: ReturnType<typeof guardedLookup>;

  constructor(
    private readonly db: DatabaseSync,
    private readonly log: DeliveryLog,
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
    /** Name resolution (tests give their own, so no check ever needs a real DNS answer). */
    resolve?: Parameters<typeof guardedLookup>[1],
  ) {
    this.lookup = guardedLookup(options.targets, resolve);
  }

  /** The target policy subscriptions are checked against. */
  get targets(): TargetPolicy {
    return this.options.targets;
  }

  /** Why `target` may not receive deliveries (null: it may): the policy, unless the allow-list names its origin. */
  refusal(target: string): string | null {
    return allowListed(target, this.options.allowedOrigins ?? []) ? null : urlRefusal(target, this.options.targets);
  }

  dispatch(studioId: string, event: StoredEvent): void {
    const hooks = prepared(this.db, 'SELECT id FROM hooks WHERE studio_id = ? AND event = ? ORDER BY seq').all(
      studioId,
      event.type,
    ) as Array<{
      id: string;
    }>;
    for (const hook of hooks) this.schedule(studioId, hook.id, event, 1, 0);
  }

  /**
   * Sends a stored event to one subscription again, now (the console's "Resend"): one attempt,
   * numbered after the last, signed afresh, without automatic retries (resend again instead).
   * False when the subscription or the event no longer exists.
   */
  resend(studioId: string, hookId: string, eventId: string): boolean {
    const hook = prepared(this.db, 'SELECT 1 FROM hooks WHERE studio_id = ? AND id = ?').get(studioId, hookId);
    const event = prepared(this.db, 'SELECT id, type, created_at, body FROM events WHERE studio_id = ? AND id = ?').get(
      studioId,
      eventId,
    ) as StoredEvent | undefined;
    if (!hook || !event) return false;
    const last = prepared(
      this.db,
      'SELECT COALESCE(MAX(attempt), 0) AS n FROM deliveries WHERE studio_id = ? AND hook_id = ? AND event_id = ?',
    ).get(studioId, hookId, eventId) as {
      n: number;
    };
    this.schedule(studioId, hookId, event, last.n + 1, 0, { manual: true });
    return true;
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
    for (const waiting of this.queue.splice(0)) waiting();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(
    studioId: string,
    hookId: string,
    event: StoredEvent,
    attempt: number,
    delayMs: number,
    options: { manual?: boolean } = {},
  ): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const running = this.attempt(studioId, hookId, event, attempt, options.manual ?? false).finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(studioId: string, hookId: string, event: StoredEvent, attempt: number, manual: boolean): Promise<void> {
    const hook = prepared(this.db, 'SELECT target_url, secret FROM hooks WHERE studio_id = ? AND id = ?').get(studioId, hookId) as
      | { target_url: string; secret: string }
      | undefined;
    if (!hook) return; // unsubscribed meanwhile: nothing more to send
    const timestamp = Math.floor(Date.now() / 1000);
    // planted bug: retry-new-webhook-id
    const webhookId = attempt > 1 && planted(this.options, 'retry-new-webhook-id') ? `${event.id}_retry${attempt}` : event.id;
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'StudioAPI-Sandbox-Webhooks/1',
      // Standard Webhooks: the event id (the same on every retry, so receivers de-duplicate),
      // the time of signing, and the signature over both and the body.
      [WEBHOOK_ID_HEADER]: webhookId,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signDelivery(hook.secret, webhookId, timestamp, event.body),
    };
    const result = await this.withSlot(() => this.post(hook.target_url, headers, event.body));
    if (this.stopped || result === null) return;
    this.finish(studioId, hookId, event, attempt, result, manual);
  }

  /** Runs `send` once one of the maxConcurrent slots is free; null when stopped while waiting. */
  private async withSlot<T>(send: () => Promise<T>): Promise<T | null> {
    if (this.sending >= this.options.maxConcurrent) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.sending += 1;
    this.peakConcurrent = Math.max(this.peakConcurrent, this.sending);
    try {
      return this.stopped ? null : await send();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.sending -= 1;
    }
  }

  /**
   * One POST, through the guarded lookup (a name resolving to a refused address fails before
   * connecting); an IP literal or a URL refused by policy is never contacted at all.
   */
  private post(target: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const started = performance.now();
    const signed = SIGNATURE_HEADER in headers;
    const done = (status: number | null, error: string | null, retryAfter: number | null = null, sent = signed): AttemptResult => ({
      signed: sent,
      status,
      error,
      retryAfterMs: retryAfter,
      durationMs: Math.round(performance.now() - started),
    });
    const refusal = this.refusal(target);
    if (refusal) return Promise.resolve(done(null, `target refused: ${refusal}`, null, false));
    const controller = new AbortController();
    this.controllers.add(controller);
    return new Promise<AttemptResult>((resolve) => {
      const url = new URL(target);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
      const settle = (result: AttemptResult) => {
        clearTimeout(timeout);
        this.controllers.delete(controller);
        resolve(result);
      };
      const request = send(
        {
          // Plain options, not the URL object: they mean the same to Node and to anything
          // that wraps http.request (test interceptors), whichever realm made them.
          protocol: url.protocol,
          hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          // An allow-listed origin is the operator's explicit choice: resolved as usual.
          lookup: allowListed(target, this.options.allowedOrigins ?? []) ? undefined : this.lookup,
          signal: controller.signal,
          // A connection of its own for every attempt (no pooling): the address is checked on
          // each one, and nothing stays open to a receiver once its answer is in.
          agent: false,
        },
        (response: IncomingMessage) => {
          response.resume(); // the body is not read; a redirect is not followed
          const status = response.statusCode ?? null;
          const retryAfter = status === 429 || status === 503 ? retryAfterMs(response.headers['retry-after']) : null;
          response.on('end', () => settle(done(status, null, retryAfter)));
          response.on('error', () => settle(done(status, null, retryAfter)));
        },
      );
      request.on('error', (caught: Error & { code?: string }) => {
        const error =
          caught.name === 'AbortError'
            ? 'timed out'
            : caught.code === 'ETARGETREFUSED'
              ? `target refused: ${caught.message}`
              : caught.message;
        settle(done(null, error));
      });
      request.end(body);
    });
  }

  private finish(studioId: string, hookId: string, event: StoredEvent, attempt: number, result: AttemptResult, manual: boolean): void {
    const { status, error } = result;
    const delivered = status !== null && status >= 200 && status < 300;
    const gone = status === 410 && !planted(this.options, 'gone-keeps-subscription'); // planted bug: gone-keeps-subscription
    const scheduled = manual ? undefined : this.options.retryDelaysMs[attempt - 1];
    const retryDelay =
      delivered || gone || scheduled === undefined
        ? undefined
        : Math.max(this.jittered(scheduled), planted(this.options, 'retry-ignores-retry-after') ? 0 : (result.retryAfterMs ?? 0)); // planted bug: retry-ignores-retry-after
    const outcome = delivered ? 'delivered' : gone ? 'unsubscribed' : retryDelay !== undefined ? 'retrying' : 'failed';
    // One clock reading for the attempt's time and its next retry, so the log's gap is the delay.
    const now = Date.now();
    const nextRetryAt = retryDelay !== undefined ? new Date(now + retryDelay).toISOString() : null;
    prepared(
      this.db,
      `INSERT INTO deliveries (studio_id, hook_id, event_id, attempt, outcome, status, error, created_at, duration_ms, next_retry_at, signed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      studioId,
      hookId,
      event.id,
      attempt,
      outcome,
      status,
      error,
      new Date(now).toISOString(),
      result.durationMs,
      nextRetryAt,
      result.signed ? 1 : 0,
    );
    this.log.info(
      { hook_id: hookId, event_id: event.id, event_type: event.type, attempt, status, outcome, error, next_retry_at: nextRetryAt },
      'webhook delivery',
    );
    if (gone) {
      prepared(this.db, 'DELETE FROM hooks WHERE studio_id = ? AND id = ?').run(studioId, hookId);
    } else if (retryDelay !== undefined) {
      this.schedule(studioId, hookId, event, attempt + 1, retryDelay);
    }
  }

  private jittered(delayMs: number): number {
    const { jitter } = this.options;
    return Math.round(delayMs * (1 - jitter + Math.random() * 2 * jitter));
  }
}

export function deliveriesOf(db: DatabaseSync, studioId: string, limit = 100): unknown[] {
  return prepared(
    db,
    `SELECT hook_id, event_id, attempt, outcome, status, error, duration_ms, next_retry_at, created_at
       FROM deliveries WHERE studio_id = ? ORDER BY seq DESC LIMIT ?`,
  ).all(studioId, limit);
}
