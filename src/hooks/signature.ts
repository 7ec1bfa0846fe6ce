// Webhook signatures as Standard Webhooks specifies them (the scheme behind Svix and others):
// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the base64 part
// of the subscription's `whsec_…` secret. The `standardwebhooks` reference library does the key
// derivation and the HMAC; the sandbox signs with signDelivery, triggers verify with
// verifyDelivery. The signature is checked before the age, so "stale" always means "signed with
// the secret, but long ago", which the trigger then confirms through the API.
import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * A delivery signed longer ago (or further in the future) than this is not taken on its word:
 * it may be a replay. Its event is confirmed through the API instead (src/hooks/rest-hook.ts).
 */
export const MAX_DELIVERY_AGE_SECONDS = 5 * 60;

/** The `webhook-signature` value for a delivery: "v1,<base64>". */
export function signDelivery(secret: string, id: string, timestamp: number | string, rawBody: string): string {
  return new Webhook(secret).sign(id, new Date(Number(timestamp) * 1000), rawBody);
}

/**
 * ok: signed with the secret, recently. stale_timestamp: signed with the secret, but outside
 * MAX_DELIVERY_AGE_SECONDS. The other reasons: not authentic.
 */
export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing_id' | 'missing_signature' | 'missing_timestamp' | 'stale_timestamp' | 'bad_signature' };

export function verifyDelivery(input: {
  secret: string;
  rawBody: string;
  id: string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  nowSeconds?: number;
}): SignatureCheck {
  if (!input.id) return { ok: false, reason: 'missing_id' };
  if (!input.signature) return { ok: false, reason: 'missing_signature' };
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'missing_timestamp' };
  let expected: Buffer;
  try {
    expected = Buffer.from(signDelivery(input.secret, input.id, input.timestamp, input.rawBody));
  } catch {
    return { ok: false, reason: 'bad_signature' }; // a secret that is not whsec_<base64>
  }
  // The header may carry several signatures (a secret being rotated), space-separated.
  const matches = input.signature
    .trim()
    .split(/\s+/)
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) return { ok: false, reason: 'bad_signature' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(input.timestamp)) > MAX_DELIVERY_AGE_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}

/**
 * Delivery ids this process has just handled, per subscription: a retried delivery of the
 * same event (same webhook-id) is dropped rather than run twice. Bounded, and only a memory of
 * the last few minutes: Zapier's own de-duplication by item id is the lasting guard.
 */
export class RecentDeliveries {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly capacity = 1000,
    private readonly ttlMs = 10 * 60 * 1000,
  ) {}

  /** Whether this delivery of this subscription was handled within the TTL. */
  has(subscription: string, id: string, now = Date.now()): boolean {
    const at = this.seen.get(keyOf(subscription, id));
    return at !== undefined && now - at < this.ttlMs;
  }

  /** Records a handled delivery; the oldest are forgotten past the capacity. */
  remember(subscription: string, id: string, now = Date.now()): void {
    const key = keyOf(subscription, id);
    this.seen.delete(key);
    this.seen.set(key, now);
    while (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
  }
}

const keyOf = (subscription: string, id: string) => `${subscription}\u0000${id}`;
