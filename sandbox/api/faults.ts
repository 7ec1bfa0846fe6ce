// Fault injection: POST /_sandbox/faults makes the next `count` /v1 requests of the studio
// fail (an HTTP status, with Retry-After for 429), slow down (latency_ms), or lose their
// connection (reset_connection). Faults queue up in the order they were posted.
import * as z from 'zod';
import { ApiError } from '../errors.js';

export const FaultRequest = z
  .strictObject({
    status: z.number().int().min(400).max(599).optional(),
    retry_after: z.number().int().min(0).max(3600).optional(),
    latency_ms: z.number().int().min(0).max(60_000).optional(),
    reset_connection: z.boolean().optional(),
    count: z.number().int().min(1).max(10_000).default(1),
  })
  .refine((fault) => fault.status !== undefined || (fault.latency_ms ?? 0) > 0 || fault.reset_connection === true, {
    message: 'give at least one of status, latency_ms or reset_connection',
    path: ['status'],
  })
  .refine((fault) => fault.retry_after === undefined || fault.status !== undefined, {
    message: 'retry_after needs a status (such as 429 or 503)',
    path: ['retry_after'],
  });
export type FaultRequest = z.output<typeof FaultRequest>;

export interface Fault {
  status: number | null;
  retryAfter: number | null;
  latencyMs: number;
  resetConnection: boolean;
  remaining: number;
}

/** Faults one studio may have waiting at once (each POST adds one); one more is refused. */
export const MAX_QUEUED_FAULTS = 100;

export class FaultBook {
  private readonly queues = new Map<string, Fault[]>();

  add(studioId: string, request: FaultRequest): Fault {
    if ((this.queues.get(studioId)?.length ?? 0) >= MAX_QUEUED_FAULTS) {
      throw new ApiError(
        422,
        'too_many_faults',
        `This studio already has ${MAX_QUEUED_FAULTS} injected faults waiting; clear them (DELETE /_sandbox/faults) or let requests use them up first.`,
      );
    }
    const fault: Fault = {
      status: request.status ?? null,
      retryAfter: request.retry_after ?? null,
      latencyMs: request.latency_ms ?? 0,
      resetConnection: request.reset_connection ?? false,
      remaining: request.count,
    };
    const queue = this.queues.get(studioId) ?? [];
    queue.push(fault);
    this.queues.set(studioId, queue);
    return fault;
  }

  /** The fault the studio's next request suffers (counted as used), or null. */
  take(studioId: string): Fault | null {
    const queue = this.queues.get(studioId);
    const fault = queue?.[0];
    if (!queue || !fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.shift();
    if (queue.length === 0) this.queues.delete(studioId);
    return fault;
  }

  pending(studioId: string): number {
    return (this.queues.get(studioId) ?? []).reduce((total, fault) => total + fault.remaining, 0);
  }

  clear(studioId: string): void {
    this.queues.delete(studioId);
  }
}

/** The error code and message a faulted response carries. */
export function faultError(status: number): { code: string; message: string } {
  if (status === 429)
    return {
      code: 'rate_limited',
      message: 'Too many requests: slow down and retry after the delay in Retry-After. (Injected by the sandbox.)',
    };
  if (status === 401) return { code: 'unauthorized', message: 'The access token is no longer valid. (Injected by the sandbox.)' };
  if (status === 503)
    return { code: 'unavailable', message: 'The Studio API is temporarily unavailable; retry shortly. (Injected by the sandbox.)' };
  if (status >= 500)
    return { code: 'internal_error', message: 'The Studio API failed to answer; retry shortly. (Injected by the sandbox.)' };
  return { code: 'injected_fault', message: `Injected fault: HTTP ${status}. (Injected by the sandbox.)` };
}
