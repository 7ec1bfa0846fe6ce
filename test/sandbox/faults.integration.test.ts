// Fault injection: the next N /v1 requests of a studio fail (429 with Retry-After, 5xx, 401),
// slow down, or lose their connection, so the app's error handling can be proven for real.
import { describe, expect, it } from '@jest/globals';
import { useSandbox } from '../support/index.js';

const sandbox = useSandbox();

async function inject(fault: Record<string, unknown>): Promise<void> {
  const response = await sandbox.api('POST', '/_sandbox/faults', fault);
  expect(response.status).toBe(201);
}

describe('fault injection', () => {
  it('429 with Retry-After for the next two requests, then normal service', async () => {
    await inject({ status: 429, retry_after: 7, count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const throttled = await sandbox.api('GET', '/v1/me');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('7');
      expect(throttled.body.error.code).toBe('rate_limited');
    }
    expect((await sandbox.api('GET', '/v1/me')).status).toBe(200);
  });

  it('faults queue in order, and leave /_sandbox and other studios alone', async () => {
    const other = await sandbox.newStudio();
    await inject({ status: 503, count: 1 });
    await inject({ status: 500, count: 1 });
    expect((await other.api('GET', '/v1/me')).status).toBe(200);
    expect((await sandbox.api('GET', '/_sandbox/deliveries')).status).toBe(200);
    expect((await sandbox.api('GET', '/v1/contacts')).status).toBe(503);
    const second = await sandbox.api('GET', '/v1/contacts');
    expect(second.status).toBe(500);
    expect(second.body.error.code).toBe('internal_error');
    expect((await sandbox.api('GET', '/v1/contacts')).status).toBe(200);
  });

  it('latency slows a request down without failing it', async () => {
    await inject({ latency_ms: 300, count: 1 });
    const started = Date.now();
    const response = await sandbox.api('GET', '/v1/brands');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('reset_connection drops the connection with no HTTP response at all', async () => {
    await inject({ reset_connection: true, count: 1 });
    await expect(sandbox.api('GET', '/v1/me')).rejects.toThrow();
    expect((await sandbox.api('GET', '/v1/me')).status).toBe(200);
  });

  it('a create that failed with an injected 500 is retried with the same key and happens once', async () => {
    const before = (await sandbox.api('GET', '/v1/contacts?limit=100')).body.data.length;
    await inject({ status: 500, count: 1 });
    const body = { first_name: 'Retry', last_name: 'Safe' };
    expect((await sandbox.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'retry-safe' })).status).toBe(500);
    const retried = await sandbox.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'retry-safe' });
    const replayed = await sandbox.api('POST', '/v1/contacts', body, { 'Idempotency-Key': 'retry-safe' });
    expect([retried.status, replayed.status]).toEqual([201, 201]);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await sandbox.api('GET', '/v1/contacts?limit=100')).body.data.length).toBe(before + 1);
  });

  it('DELETE /_sandbox/faults clears what is pending', async () => {
    await inject({ status: 503, count: 50 });
    expect((await sandbox.api('DELETE', '/_sandbox/faults')).status).toBe(204);
    expect((await sandbox.api('GET', '/v1/me')).status).toBe(200);
  });

  it('expiring the tokens makes the next call a 401; a refresh gets a working token again', async () => {
    const studio = await sandbox.newStudio();
    const expired = await studio.api('POST', '/_sandbox/tokens/expire');
    expect(expired.status).toBe(200);
    expect(expired.body.expired).toBeGreaterThanOrEqual(1);
    const refused = await studio.api('GET', '/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);

    const refreshed = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: studio.refresh_token,
        client_id: studio.client_id,
        client_secret: studio.client_secret,
      }).toString(),
    });
    expect(refreshed.status).toBe(200);
    const tokens = (await refreshed.json()) as { access_token: string };
    const me = await fetch(`${sandbox.url}/v1/me`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(200);
  });
});
