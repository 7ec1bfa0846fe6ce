// Idempotency keys derived from an operation's inputs, so a step Zapier replays (or a Zap
// run twice on the same trigger item) sends the same key and the API returns the first result.
import { createHash } from 'node:crypto';

/**
 * A stable key for `operation` applied to `parts`. Parts are joined unambiguously (JSON),
 * hashed, and prefixed with the operation so keys of different operations never collide.
 */
export function idempotencyKey(operation: string, ...parts: ReadonlyArray<string | number | boolean | null | undefined>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([operation, ...parts.map((p) => p ?? null)]))
    .digest('hex');
  return `${operation}:${digest.slice(0, 40)}`;
}
