// Structured logs (one JSON object per line) that never contain a credential: not the bearer
// token, refresh token, client secret, user password, webhook secret or signature, wherever
// they travel (headers, query strings, form bodies, logged objects).
import { PassThrough } from 'node:stream';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { loggerOptions } from '../../sandbox/api/logging.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { createTestStudio } from '../support/index.js';

let sandbox: Sandbox;
let receiver: Server;
const lines: string[] = [];
beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  sandbox = await startSandbox({ logLevel: 'info', logStream: stream, webhookRetryDelaysMs: [] });
  receiver = createServer((_request, response) => response.writeHead(500).end());
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await sandbox.stop();
  receiver.closeAllConnections();
  receiver.close();
});

describe('logs', () => {
  it('record requests as JSON lines without any secret', async () => {
    const studio = await createTestStudio(sandbox.url, { seed: 'demo' });
    const hook = await studio.api('POST', '/v1/hooks', {
      target_url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      event: 'payment.received',
    });
    await studio.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: 1000 });
    await sandbox.webhooksIdle();
    // A token in a query string, a refresh with the client secret in a form body, a bad password.
    await fetch(`${sandbox.url}/v1/me?access_token=${studio.access_token}`);
    await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: studio.refresh_token,
        client_id: studio.client_id,
        client_secret: studio.client_secret,
      }).toString(),
    });
    await fetch(
      `${sandbox.url}/oauth/authorize?client_id=${studio.client_id}&client_secret=${studio.client_secret}&response_type=code&redirect_uri=http://localhost:9000/oauth/callback`,
    );

    expect(lines.length).toBeGreaterThan(10);
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string }; outcome?: string });
    expect(entries.some((e) => e.msg === 'incoming request')).toBe(true);
    expect(entries.some((e) => e.msg === 'webhook delivery' && e.outcome === 'failed')).toBe(true);
    expect(entries.some((e) => e.req?.url.includes('access_token=[REDACTED]'))).toBe(true);

    const secrets = [studio.access_token, studio.refresh_token, studio.client_secret, studio.user_password, hook.body.secret];
    const all = lines.join('\n');
    for (const secret of secrets) expect(all.includes(secret)).toBe(false);
    expect(all).not.toMatch(/v1=[0-9a-f]{64}/); // no delivery signature
  });

  it('redact secrets inside any logged object', () => {
    const out: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
    const logger = Fastify({ logger: loggerOptions('info', stream) }).log;
    logger.info(
      {
        access_token: 'sat_top',
        body: {
          refresh_token: 'srt_nested',
          client_secret: 'scs_nested',
          password: 'hunter2',
          secret: 'whsec_nested',
          signature: 'v1=abc',
        },
        req: { method: 'GET', url: '/v1/me?access_token=sat_query', headers: { authorization: 'Bearer sat_header' } },
        headers: { authorization: 'Bearer sat_plain_header' },
      },
      'something happened',
    );
    const logged = out.join('');
    for (const secret of [
      'sat_top',
      'srt_nested',
      'scs_nested',
      'hunter2',
      'whsec_nested',
      'v1=abc',
      'sat_header',
      'sat_query',
      'sat_plain_header',
    ])
      expect(logged).not.toContain(secret);
    expect(logged).toContain('[REDACTED]');
    expect(logged).toContain('something happened');
  });
});
