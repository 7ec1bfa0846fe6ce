// Retry-After (RFC 9110 §10.2.3), read once for both sides: the app waits as long as the API
// asks (src/middleware.ts), and the sandbox's webhook sender as long as a receiver asks.

/** Milliseconds from `now` that a Retry-After header asks for (delay-seconds or an HTTP date; negative for a date past), or null when absent or unreadable. */
export function retryAfterDelayMs(header: string | null | undefined, now = Date.now()): number | null {
  const text = header?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : date - now;
}
