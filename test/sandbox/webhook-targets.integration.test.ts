// Webhook targets (SSRF): a subscription can only send the API's deliveries to public https
// addresses; loopback only in the sandbox's development mode. Nothing here sends traffic to a
// refused address: refusals happen before any connection, and names resolve through a fake
// resolver that answers without DNS.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import fc from 'fast-check';
import { addressRefusal, guardedLookup, urlRefusal } from '../../sandbox/events/webhook-targets.js';
import { backoffSchedule, retryAfterMs } from '../../sandbox/events/webhooks.js';
import { startTestSandbox, type TestSandbox, useSandbox } from '../support/index.js';

const REFUSED_ADDRESSES = [
  '10.0.0.1',
  '172.16.5.4',
  '192.168.1.10',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '224.0.0.1',
  'fc00::1',
  'fe80::1',
  '::',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  'fd00:ec2::254',
];

describe('which addresses may receive deliveries', () => {
  it.each(REFUSED_ADDRESSES)('%s is refused in both modes', (address) => {
    expect(addressRefusal(address, 'development')).toEqual(expect.any(String));
    expect(addressRefusal(address, 'production')).toEqual(expect.any(String));
  });

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('loopback %s only in development', (address) => {
    expect(addressRefusal(address, 'development')).toBeNull();
    expect(addressRefusal(address, 'production')).toEqual(expect.stringContaining('loopback'));
  });

  it('public addresses are allowed', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) expect(addressRefusal(address, 'production')).toBeNull();
  });

  it('no private IPv4 address is ever allowed, written any way', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(privateV4, fc.boolean(), (octets, mapped) => {
        const v4 = octets.join('.');
        const written = mapped ? `::ffff:${v4}` : v4;
        expect(addressRefusal(written, 'development')).not.toBeNull();
        expect(urlRefusal(`https://${mapped ? `[${written}]` : written}/hook`, 'development')).not.toBeNull();
      }),
    );
  });

  it('URLs: https only, plain http only to this machine in development, no credentials', () => {
    expect(urlRefusal('https://hooks.example.com/zap', 'production')).toBeNull();
    expect(urlRefusal('http://hooks.example.com/zap', 'development')).toMatch(/https/);
    expect(urlRefusal('http://127.0.0.1:9000/zap', 'development')).toBeNull();
    expect(urlRefusal('http://localhost:9000/zap', 'development')).toBeNull();
    expect(urlRefusal('http://127.0.0.1:9000/zap', 'production')).toMatch(/https/);
    expect(urlRefusal('https://127.0.0.1/zap', 'production')).toMatch(/loopback/);
    expect(urlRefusal('https://[::1]/zap', 'production')).toMatch(/loopback/);
    expect(urlRefusal('https://169.254.169.254/latest/meta-data', 'development')).toMatch(/link-local/);
    expect(urlRefusal('https://user:pass@hooks.example.com/', 'production')).toMatch(/password/);
  });

  it('a name is refused at connection time when any of its addresses is', async () => {
    const answers: Record<string, string[]> = { 'rebind.example': ['93.184.215.14', '10.1.2.3'], 'public.example': ['93.184.215.14'] };
    const fakeResolve = (
      host: string,
      _options: object,
      callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
    ) =>
      callback(
        null,
        (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    const lookup = guardedLookup('production', fakeResolve);
    const resolveWith = (host: string) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        lookup(host, {}, (error, address) => resolve({ error, address })),
      );
    await expect(resolveWith('rebind.example')).resolves.toMatchObject({ error: { message: expect.stringContaining('10.1.2.3') } });
    await expect(resolveWith('public.example')).resolves.toEqual({ error: null, address: '93.184.215.14' });
    await expect(resolveWith('nothing.example')).resolves.toMatchObject({ error: expect.any(Error) });
  });
});

describe('retry timing', () => {
  it('backs off exponentially for three days, at most six hours apart', () => {
    const schedule = backoffSchedule();
    expect(schedule[0]).toBe(5_000);
    for (let i = 1; i < schedule.length; i += 1) expect(schedule[i]!).toBeGreaterThanOrEqual(schedule[i - 1]!);
    expect(Math.max(...schedule)).toBe(6 * 3600 * 1000);
    const total = schedule.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(60 * 3600 * 1000);
    expect(total).toBeLessThanOrEqual(72 * 3600 * 1000);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('999999999', now)).toBe(24 * 3600 * 1000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});

describe('the sandbox refuses such subscriptions', () => {
  const development = useSandbox();
  let production: TestSandbox;
  beforeAll(async () => {
    production = await startTestSandbox({
      webhookTargets: 'production',
      // hooks.example resolves, through this fake, to the metadata service.
      webhookResolve: (_host, _options, callback) => callback(null, [{ address: '169.254.169.254', family: 4 }]),
    });
  });
  afterAll(async () => {
    await production?.stop();
  });

  it.each([
    'https://10.0.0.5/hook',
    'https://169.254.169.254/latest/meta-data',
    'http://hooks.example.com/zap',
    'https://[fd00::1]/hook',
    'https://a:b@hooks.example.com/',
  ])('POST /v1/hooks %s → 422 naming target_url', async (target_url) => {
    for (const sandbox of [development, production]) {
      const response = await sandbox.api('POST', '/v1/hooks', { target_url, event: 'order.created' });
      expect(response.status).toBe(422);
      expect(response.body.error.details).toEqual([{ field: 'target_url', message: expect.stringContaining('cannot receive webhooks') }]);
    }
  });

  it('loopback is a development convenience only', async () => {
    expect((await development.api('POST', '/v1/hooks', { target_url: 'http://127.0.0.1:9/hook', event: 'order.created' })).status).toBe(
      201,
    );
    expect((await production.api('POST', '/v1/hooks', { target_url: 'https://127.0.0.1/hook', event: 'order.created' })).status).toBe(422);
  });

  it('a name that resolves to a refused address is never connected to: the attempt is logged as refused', async () => {
    const hook = await production.api('POST', '/v1/hooks', { target_url: 'https://hooks.example/zap', event: 'payment.received' });
    expect(hook.status).toBe(201);
    expect((await production.api('POST', '/_sandbox/payments', { job_id: 'job_shah_maternity', amount: 1200 })).status).toBe(201);
    // The first attempt is immediate; its refusal is logged before any retry.
    for (let i = 0; i < 50; i += 1) {
      const log = (await production.api('GET', '/_sandbox/deliveries')).body.data as Array<{
        hook_id: string;
        error: string | null;
        status: number | null;
      }>;
      const attempt = log.find((entry) => entry.hook_id === hook.body.id);
      if (attempt) {
        expect(attempt.status).toBeNull();
        expect(attempt.error).toMatch(/target refused.*169\.254\.169\.254/);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no delivery attempt was logged');
  });
});
