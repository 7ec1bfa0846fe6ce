// The sandbox's security rules as units, without a server: the target classifier (every
// spelling of an address judged as what it reaches; nothing is ever connected to), the
// shared sign-in limit and its expiry, the bounded password-hash queue and its uniform work
// for unknown emails, and log masking that decodes before matching.
import { describe, expect, it } from '@jest/globals';
import { MAX_FAILED_SIGN_INS, SIGN_IN_PAUSE_SECONDS, SignInLimit } from '../../sandbox/console/sign-in-limit.js';
import { openDatabase } from '../../sandbox/store/db.js';
import { ApiError } from '../../sandbox/errors.js';
import { FaultBook, MAX_QUEUED_FAULTS } from '../../sandbox/api/faults.js';
import { redactUrl } from '../../sandbox/api/logging.js';
import { createStudio } from '../../sandbox/store/studios.js';
import { SignIns } from '../../sandbox/store/users.js';
import { addressRefusal, classifyAddress, urlRefusal } from '../../sandbox/events/webhook-targets.js';

describe('webhook target classification (judged, never connected to)', () => {
  it.each([
    ['::127.0.0.1', 'compatible', '127.0.0.1'],
    ['::7f00:1', 'compatible', '127.0.0.1'],
    ['::a9fe:a9fe', 'compatible', '169.254.169.254'],
    ['[::a9fe:a9fe]', 'compatible', '169.254.169.254'],
    ['::ffff:7f00:1', 'mapped', '127.0.0.1'],
    ['::ffff:10.0.0.1', 'mapped', '10.0.0.1'],
    ['64:ff9b::7f00:1', 'nat64', '127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'nat64', '169.254.169.254'],
    ['64:ff9b:1::a00:1', 'nat64', '10.0.0.1'],
    ['2002:7f00:1::', '6to4', '127.0.0.1'],
    ['2002:a9fe:a9fe::1', '6to4', '169.254.169.254'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo', '127.0.0.1'],
  ])('%s carries %s IPv4 %s', (address, carrier, embedded) => {
    expect(classifyAddress(address)).toMatchObject({ carrier, embedded });
  });

  it.each(['2130706433', '0x7f.1', '0177.0.0.1', '0x7f000001', '127.1'])('IPv4 spelled %s is 127.0.0.1', (address) => {
    expect(classifyAddress(address)).toMatchObject({ address: '127.0.0.1', range: 'loopback' });
  });

  it.each([
    '::127.0.0.1',
    '::a9fe:a9fe',
    '::7f00:1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
    '64:ff9b::808:808',
    '2002:7f00:1::',
    '2002:808:808::',
    '2001:0:4136:e378:8000:63bf:80ff:fffe',
    'fe80::1%eth0',
    'fe80::1',
    'fc00::1',
    '::',
    '4000::1',
    '0x7f.1',
    '2130706433',
    '169.254.169.254',
    '100.64.0.1',
  ])('production refuses %s', (address) => {
    expect(addressRefusal(address, 'production')).not.toBeNull();
  });

  it.each(['8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('production accepts the public %s', (address) => {
    expect(addressRefusal(address, 'production')).toBeNull();
  });

  it('development lets plain loopback through, but no tunnelled or translated form of anything', () => {
    expect(addressRefusal('127.0.0.1', 'development')).toBeNull();
    expect(addressRefusal('::1', 'development')).toBeNull();
    expect(addressRefusal('::7f00:1', 'development')).toMatch(/IPv4-compatible form of 127\.0\.0\.1/);
    expect(addressRefusal('64:ff9b::a9fe:a9fe', 'development')).toMatch(/NAT64 form of 169\.254\.169\.254/);
  });

  it.each([
    'https://[::127.0.0.1]/hook',
    'https://[::a9fe:a9fe]/latest/meta-data',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[2002:a9fe:a9fe::]/',
    'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
    'https://2130706433/',
    'https://0x7f.1/',
    'https://0177.0.0.1/',
    'https://localhost./',
    'https://LOCALHOST/',
    'https://[fe80::1]/',
  ])('a subscription to %s is refused in production by its address alone', (target) => {
    expect(urlRefusal(target, 'production')).not.toBeNull();
  });
});

describe('the shared sign-in limit', () => {
  it('counts an email however it is written (case, spaces, compatibility forms)', () => {
    const limit = new SignInLimit();
    for (const written of ['owner@example.com', ' OWNER@example.com', 'ｏwner@example.com', 'Owner@Example.COM ', 'owner@example.com'])
      limit.failed(written);
    expect(limit.pausedFor('owner@example.com')).toBe(SIGN_IN_PAUSE_SECONDS);
  });

  it('forgets an email that failed fewer times than the limit once its window has passed', () => {
    let now = 0;
    const limit = new SignInLimit(() => now);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i += 1) limit.failed(`user${i}@example.com`);
    limit.failed('user0@example.com');
    expect(limit.size).toBe(MAX_FAILED_SIGN_INS - 1);
    now += SIGN_IN_PAUSE_SECONDS * 1000 + 1;
    expect(limit.size).toBe(0);
    // And a paused one is forgotten when its pause ends, not kept for ever.
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) limit.failed('paused@example.com');
    expect(limit.size).toBe(1);
    now += SIGN_IN_PAUSE_SECONDS * 1000 + 1;
    expect(limit.size).toBe(0);
  });

  it('never holds more than its capacity, dropping the oldest first', () => {
    const limit = new SignInLimit(Date.now, 100);
    for (let i = 0; i < 1_000; i += 1) limit.failed(`guess${i}@example.com`);
    expect(limit.size).toBe(100);
  });
});

describe('password checks', () => {
  const db = openDatabase(':memory:');
  const studio = createStudio(db, { name: 'Hash Queue', country: 'GB', currency: 'GBP' }, { tokenTtlSeconds: 60 });

  it('signs in with the right password and not with a wrong one', async () => {
    const signIns = new SignIns(db);
    expect(await signIns.verify(studio.user_email.toUpperCase(), studio.user_password)).toEqual({
      kind: 'signed_in',
      user: { user_id: expect.any(String), studio_id: studio.studio_id },
    });
    expect(await signIns.verify(studio.user_email, 'wrong')).toEqual({ kind: 'mismatch', attemptsLeft: MAX_FAILED_SIGN_INS - 1 });
  });

  it('hash off the request thread: the event loop keeps turning while sign-ins are checked', async () => {
    const signIns = new SignIns(db, { maxConcurrent: 2, maxQueued: 10 });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 1);
    await Promise.all(Array.from({ length: 6 }, (_, i) => signIns.verify(`nobody${i}@example.com`, 'guess')));
    clearInterval(ticker);
    // Six scrypt hashes take well over 100 ms; run synchronously, the 1 ms timer would not fire in between.
    expect(ticks).toBeGreaterThan(5);
  });

  it('an unknown email costs the same hash as a known one (it takes its place in the queue), and a full queue says when to come back', async () => {
    const signIns = new SignIns(db, { maxConcurrent: 1, maxQueued: 0 });
    const unknown = signIns.verify('no-such-user@example.com', 'guess');
    expect(signIns.load.running).toBe(1);
    expect(await signIns.verify(studio.user_email, studio.user_password)).toEqual({ kind: 'busy', retryAfterSeconds: expect.any(Number) });
    expect(await unknown).toEqual({ kind: 'mismatch', attemptsLeft: MAX_FAILED_SIGN_INS - 1 });
    expect(signIns.load).toEqual({ running: 0, waiting: 0 });
  });

  it('a pause answers alike for an email with an account and one without', async () => {
    const signIns = new SignIns(db);
    for (const email of [studio.user_email, 'ghost@example.com']) {
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) await signIns.verify(email, `wrong-${i}`);
    }
    const known = await signIns.verify(studio.user_email, studio.user_password);
    const unknown = await signIns.verify('ghost@example.com', 'anything');
    expect(known.kind).toBe('paused');
    expect(unknown.kind).toBe('paused');
    expect(Object.keys(known)).toEqual(Object.keys(unknown));
  });
});

describe('log masking decodes before matching', () => {
  const token = `sat_${'A'.repeat(43)}`;
  it.each([
    [`/oauth/token?client%5Fsecret=hunter2hunter2`, 'hunter2hunter2'],
    [`/oauth/token?CLIENT_SECRET=hunter2hunter2`, 'hunter2hunter2'],
    [`/x?a=1;client_secret=hunter2hunter2`, 'hunter2hunter2'],
    [`/x?a=1;access%5ftoken=${token}`, token],
    [`/x?%61ccess_token=${token}`, token],
    [`/v1/hooks/${token}`, token],
    [`/v1/hooks/sat%5F${'A'.repeat(43)}`, 'A'.repeat(43)],
    [`/x?anything=${encodeURIComponent(token)}`, 'A'.repeat(43)],
    [`/x?pass+word=&password=hunter2hunter2`, 'hunter2hunter2'],
  ])('%s', (url, secret) => {
    const masked = redactUrl(url);
    expect(masked).not.toContain(secret);
    expect(masked).toContain('[REDACTED]');
  });

  it('leaves what is not a secret readable', () => {
    expect(redactUrl('/v1/orders?limit=10&cursor=abc;q=amelia')).toBe('/v1/orders?limit=10&cursor=abc;q=amelia');
    expect(redactUrl('/v1/orders/ord_123')).toBe('/v1/orders/ord_123');
  });
});

describe('per-studio tables in memory are bounded', () => {
  it(`a studio may queue at most ${MAX_QUEUED_FAULTS} injected faults; they drain as requests use them`, () => {
    const book = new FaultBook();
    for (let i = 0; i < MAX_QUEUED_FAULTS; i += 1) book.add('std_a', { status: 503, count: 1 });
    expect(() => book.add('std_a', { status: 503, count: 1 })).toThrow(ApiError);
    expect(() => book.add('std_a', { status: 503, count: 1 })).toThrow(/too_many_faults|faults waiting/);
    book.add('std_b', { status: 503, count: 1 });
    book.take('std_a');
    expect(() => book.add('std_a', { status: 503, count: 1 })).not.toThrow();
  });
});
