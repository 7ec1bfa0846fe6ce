// The sandbox's rate limit: a budget per studio per fixed window, where each answer says it stands.
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseRateLimit, RateLimiter } from '../../sandbox/api/rate-limit.js';
import { startTestSandbox, type TestSandbox } from '../support/index.js';

const sandboxes: TestSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.stop()));
});

describe('the rate limit', () => {
  it('counts each key per fixed window and starts afresh when the window ends', () => {
    let now = 60_000 * 10 + 15_000;
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 60 }, () => now);
    expect(limiter.take('a')).toEqual({ remaining: 1, resetSeconds: 45, limited: false });
    expect(limiter.take('a')).toEqual({ remaining: 0, resetSeconds: 45, limited: false });
    expect(limiter.take('b')).toMatchObject({ remaining: 1, limited: false });
    expect(limiter.take('a')).toEqual({ remaining: 0, resetSeconds: 45, limited: true });
    now += 45_000;
    expect(limiter.take('a')).toEqual({ remaining: 1, resetSeconds: 60, limited: false });
  });

  it('reads SANDBOX_RATE_LIMIT', () => {
    expect(parseRateLimit('600/60')).toEqual({ limit: 600, windowSeconds: 60 });
    expect(parseRateLimit('off')).toBeNull();
    expect(() => parseRateLimit('lots')).toThrow(/"<requests>\/<seconds>"/);
  });

  it('answers every /v1 request with RateLimit headers, and the one over the budget with 429 rate_limited and Retry-After', async () => {
    const sandbox = await startTestSandbox({ rateLimit: { limit: 3, windowSeconds: 60 } });
    sandboxes.push(sandbox);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await sandbox.api('GET', '/v1/me'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((answer) => answer.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(answers[0]!.headers.get('ratelimit-limit')).toBe('3');
    const limited = answers[3]!;
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(Number(limited.headers.get('ratelimit-reset')));
    expect(limited.body.error.message.slice(0, 250)).toMatch(/3 requests every 60 s\. Retry after \d+ s/);
    // Another studio has its own budget.
    const other = await sandbox.newStudio();
    expect((await other.api('GET', '/v1/me')).status).toBe(200);
  });
});
