// HTTP that never falls out of the API's envelope: wrong methods, the framework's and Node's
// own refusals, absurdly nested bodies, and the headers every answer carries.
import { describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { useSandbox } from '../support/index.js';

const sandbox = useSandbox();

const bearer = () => ({ Authorization: `Bearer ${sandbox.authData.access_token}` });

/** A raw request, so that nothing on the client side tidies what is sent. */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      { host: url.hostname, port: url.port, path, method: 'GET', headers: { ...bearer(), ...headers } },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

function envelope(body: string): { code: string; message: string } {
  const parsed = JSON.parse(body) as { error: { code: string; message: string } };
  expect(typeof parsed.error.code).toBe('string');
  expect(parsed.error.message.length).toBeGreaterThan(10);
  return parsed.error;
}

describe('the envelope holds', () => {
  it('a wrong method on a known path is 405 with Allow', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/v1/contacts', 'GET, HEAD, POST'],
      ['PUT', '/v1/contacts/con_amelia_hart', 'GET, HEAD, PATCH'],
      ['GET', '/v1/hooks/hook_x', 'DELETE'],
      ['PATCH', '/v1/jobs/job_x/galleries/gal_x', 'DELETE'],
    ] as const) {
      const response = await fetch(`${sandbox.url}${path}`, { method, headers: bearer() });
      expect({ path, method, status: response.status, allow: response.headers.get('allow') }).toEqual({ path, method, status: 405, allow });
      expect(envelope(await response.text()).code).toBe('method_not_allowed');
    }
    // An unknown path is still 404.
    expect((await fetch(`${sandbox.url}/v1/nothing-here`, { headers: bearer() })).status).toBe(404);
  });

  it('bad percent-encoding, an id too long for the router and headers too large answer in the envelope', async () => {
    const badEncoding = await raw('/v1/contacts/%E0%A4%A');
    expect(badEncoding.status).toBe(400);
    expect(envelope(badEncoding.body).code).toBe('bad_request');

    const longId = await raw(`/v1/contacts/${'x'.repeat(5000)}`);
    expect([404, 414]).toContain(longId.status);
    envelope(longId.body);

    const hugeHeaders = await raw('/v1/contacts', { 'x-padding': 'y'.repeat(20_000) });
    expect(hugeHeaders.status).toBe(431);
    expect(envelope(hugeHeaders.body).code).toBe('headers_too_large');
    expect(hugeHeaders.headers['content-type']).toMatch(/^application\/json/);
  });

  it('a body nested thousands of levels deep is a 400, not a crash, on every POST', async () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const deepObject = `{"first_name":${'{"a":'.repeat(1200)}1${'}'.repeat(1200)}}`;
    for (const [path, body] of [
      ['/v1/contacts', deep],
      ['/v1/contacts', deepObject],
      ['/v1/invoices', deepObject],
      ['/_sandbox/orders', deep],
    ] as const) {
      const response = await fetch(`${sandbox.url}${path}`, {
        method: 'POST',
        headers: { ...bearer(), 'content-type': 'application/json', 'idempotency-key': `deep-${path}` },
        body,
      });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(envelope(await response.text()).code).toBe('invalid_json');
    }
    // Ordinary nesting is untouched.
    const fine = await sandbox.api('POST', '/v1/contacts', {
      first_name: 'Nested',
      last_name: 'Enough',
      email: 'nested.enough@example.com',
    });
    expect(fine.status).toBe(201);
  });

  it('every answer says nosniff and no-store, errors included', async () => {
    for (const response of [
      await fetch(`${sandbox.url}/v1/me`, { headers: bearer() }),
      await fetch(`${sandbox.url}/v1/contacts/con_nobody`, { headers: bearer() }),
      await fetch(`${sandbox.url}/v1/me`),
      await fetch(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password',
      }),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
