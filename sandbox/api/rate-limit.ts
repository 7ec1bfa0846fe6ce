// The sandbox's rate limit, as docs/studio-api.md ("Rate limits") states it for every Studio
// API: each studio may make `limit` /v1 requests per fixed window of `windowSeconds`. Every /v1
// answer says where the studio stands (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset:
// seconds until the window ends); a request over the limit is a 429 `rate_limited` with
// Retry-After (the same seconds), and the next window starts afresh.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { type PlantedBug, planted } from '../planted-bugs.js';

export interface RateLimit {
  /** Requests per window, per studio. */
  limit: number;
  windowSeconds: number;
}

/** `npm run sandbox`'s limit unless SANDBOX_RATE_LIMIT says otherwise ("600/60"). */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 600, windowSeconds: 60 };

/** "600/60" → 600 requests per 60 s; "off" → no limit. */
export function parseRateLimit(text: string): RateLimit | null {
  if (text.trim() === 'off') return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1)
    throw new Error(`SANDBOX_RATE_LIMIT must be "<requests>/<seconds>" such as "600/60", or "off" (got ${JSON.stringify(text)})`);
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

export class RateLimiter {
  private readonly windows = new Map<string, { startsAt: number; count: number }>();

  constructor(
    readonly rule: RateLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request of `key`: where it stands afterwards, and whether it is over the limit. */
  take(key: string): { remaining: number; resetSeconds: number; limited: boolean } {
    const now = this.clock();
    const windowMs = this.rule.windowSeconds * 1000;
    const startsAt = now - (now % windowMs);
    let window = this.windows.get(key);
    if (!window || window.startsAt !== startsAt) {
      window = { startsAt, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((startsAt + windowMs - now) / 1000));
    return { remaining: Math.max(0, this.rule.limit - window.count), resetSeconds, limited: window.count > this.rule.limit };
  }
}

/** The /v1 hook: the headers on every answer, and the 429 past the limit. */
export async function applyRateLimit(
  ctx: { rateLimiter?: RateLimiter | null; plantedBug?: PlantedBug | null },
  studioId: string,
  reply: FastifyReply,
  request: FastifyRequest,
): Promise<void> {
  if (!ctx.rateLimiter || planted(ctx, 'no-rate-limit')) return; // planted bug: no-rate-limit
  if (!request.url.startsWith('/v1/')) return;
  const { remaining, resetSeconds, limited } = ctx.rateLimiter.take(studioId);
  void reply.header('RateLimit-Limit', String(ctx.rateLimiter.rule.limit));
  void reply.header('RateLimit-Remaining', String(remaining));
  void reply.header('RateLimit-Reset', String(resetSeconds));
  if (limited) {
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests: this studio may make ${ctx.rateLimiter.rule.limit} requests every ${ctx.rateLimiter.rule.windowSeconds} s. Retry after ${resetSeconds} s (Retry-After).`,
      null,
      { 'Retry-After': String(resetSeconds) },
    );
  }
}
