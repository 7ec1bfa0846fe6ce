// Standard Webhooks (standardwebhooks.com) signature checking, written from the spec so the kit
// verifies an API's deliveries independently of any implementation in this repository:
//   webhook-signature: "v1,<base64 HMAC-SHA256(key, `${webhook-id}.${webhook-timestamp}.${body}`)>"
//   (several, space-separated, during a secret rotation), key = base64-decoded secret after "whsec_".
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** The signing key of a `whsec_<base64>` secret, or null when the secret is not of that form. */
export function signingKey(secret: string): Buffer | null {
  const match = SECRET.exec(secret);
  if (!match || match[1]!.length % 4 !== 0) return null;
  const key = Buffer.from(match[1]!, 'base64');
  return key.length > 0 ? key : null;
}

export function sign(key: Buffer, id: string, timestamp: string, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export type Verification = { ok: true } | { ok: false; reason: string };

export function verify(secret: string, headers: Record<string, string>, body: string): Verification {
  const key = signingKey(secret);
  if (!key) return { ok: false, reason: 'the secret is not whsec_<base64>' };
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  const missing = [!id && 'webhook-id', !timestamp && 'webhook-timestamp', !signatures && 'webhook-signature'].filter(Boolean);
  if (missing.length > 0) {
    const present = Object.keys(headers).filter((name) => /signature|timestamp|webhook/i.test(name));
    return { ok: false, reason: `no ${missing.join(', ')} header${present.length ? ` (it sent ${present.join(', ')})` : ''}` };
  }
  const expected = Buffer.from(sign(key, id!, timestamp!, body));
  for (const candidate of signatures!.split(' ')) {
    const given = Buffer.from(candidate.trim());
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return {
    ok: false,
    reason: `webhook-signature ${JSON.stringify(signatures!.slice(0, 60))} does not match v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
  };
}
