// The console's sign-in pauses an email after the consent page's number of wrong passwords,
// for a while, and a right password clears the count.
import { describe, expect, it } from '@jest/globals';
import { SIGN_IN_PAUSE_SECONDS, SignInLimit } from '../../sandbox/console/sign-in-limit.js';
import { MAX_FAILED_SIGN_INS } from '../../sandbox/oauth/consent-requests.js';

describe('the console’s sign-in limit', () => {
  it('pauses an email (whatever its case) after the limit, counts down, and ends the pause on its own', () => {
    let now = 1_000_000;
    const limit = new SignInLimit(() => now);
    const left = Array.from({ length: MAX_FAILED_SIGN_INS }, (_, i) => limit.failed(i % 2 ? 'Owner@Example.com' : ' owner@example.com'));
    expect(left).toEqual(Array.from({ length: MAX_FAILED_SIGN_INS }, (_, i) => MAX_FAILED_SIGN_INS - i - 1));
    expect(limit.pausedFor('OWNER@example.com')).toBe(SIGN_IN_PAUSE_SECONDS);
    expect(limit.pausedFor('someone.else@example.com')).toBe(0);
    now += 60_000;
    expect(limit.pausedFor('owner@example.com')).toBe(SIGN_IN_PAUSE_SECONDS - 60);
    now += SIGN_IN_PAUSE_SECONDS * 1000;
    expect(limit.pausedFor('owner@example.com')).toBe(0);
    expect(limit.failed('owner@example.com')).toBe(MAX_FAILED_SIGN_INS - 1);
  });

  it('forgets the wrong passwords once the right one is given', () => {
    const limit = new SignInLimit();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i += 1) limit.failed('owner@example.com');
    limit.succeeded('owner@example.com');
    expect(limit.failed('owner@example.com')).toBe(MAX_FAILED_SIGN_INS - 1);
    expect(limit.pausedFor('owner@example.com')).toBe(0);
  });
});
