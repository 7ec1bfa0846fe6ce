// The kit's Standard Webhooks check, on the specification's published test vector.
import { describe, expect, it } from '@jest/globals';
import { sign, signingKey, verify } from '../../conformance/standard-webhooks.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = '1614265330';
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const headers = (signature: string) => ({ 'webhook-id': ID, 'webhook-timestamp': TIMESTAMP, 'webhook-signature': signature });

describe('Standard Webhooks signatures', () => {
  it('reproduces the specification’s test vector', () => {
    expect(sign(signingKey(SECRET)!, ID, TIMESTAMP, BODY)).toBe(SIGNATURE);
    expect(verify(SECRET, headers(SIGNATURE), BODY)).toEqual({ ok: true });
  });

  it('accepts one valid signature among several (a secret rotation)', () => {
    expect(verify(SECRET, headers(`v1,AAAA ${SIGNATURE}`), BODY)).toEqual({ ok: true });
  });

  it('refuses another body, another id, a missing header and a secret that is not whsec_<base64>', () => {
    expect(verify(SECRET, headers(SIGNATURE), `${BODY} `).ok).toBe(false);
    expect(verify(SECRET, { ...headers(SIGNATURE), 'webhook-id': 'msg_other' }, BODY).ok).toBe(false);
    expect(verify(SECRET, { 'webhook-id': ID, 'webhook-timestamp': TIMESTAMP }, BODY)).toEqual({
      ok: false,
      reason: expect.stringMatching(/no webhook-signature/),
    });
    expect(verify('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers(SIGNATURE), BODY)).toEqual({
      ok: false,
      reason: 'the secret is not whsec_<base64>',
    });
  });
});
