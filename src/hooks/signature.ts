// Webhook signatures: "v1=" + hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the
// subscription's secret. The sandbox signs with signDelivery; triggers verify with verifyDelivery.
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A delivery signed longer ago (or further in the future) than this is not taken on its word:
 * it may be a replay. Its event is confirmed through the API instead (src/hooks/rest-hook.ts).
 */
export const MAX_DELIVERY_AGE_SECONDS = 5 * 60;

export function signDelivery(secret: string, timestamp: number | string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * ok: signed with the secret, recently. stale_timestamp: signed with the secret (the signature
 * is checked first), but outside MAX_DELIVERY_AGE_SECONDS. The other reasons: not authentic.
 */
export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing_signature' | 'missing_timestamp' | 'stale_timestamp' | 'bad_signature' };

export function verifyDelivery(input: {
  secret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowSeconds?: number;
}): SignatureCheck {
  if (!input.signature) return { ok: false, reason: 'missing_signature' };
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'missing_timestamp' };
  const expected = Buffer.from(signDelivery(input.secret, input.timestamp, input.rawBody));
  const given = Buffer.from(input.signature.trim());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(input.timestamp)) > MAX_DELIVERY_AGE_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
