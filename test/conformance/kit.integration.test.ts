// The conformance kit (conformance/) against the sandbox: every check passes or is skipped
// with a reason; and against sandboxes broken on purpose, exactly the checks of the broken
// behaviour fail.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runConformance, type ConformanceOptions, type Row } from '../../conformance/runner.js';
import { startTestSandbox, type TestSandbox } from '../support/index.js';

/** A limit the kit's burst reaches quickly even on a loaded machine, with a window it waits out in 3 s at most. */
const KIT_RATE_LIMIT = { limit: 250, windowSeconds: 3 };

const sandboxes: TestSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.stop()));
});

/** A sandbox with a second studio, and the kit's options for both, every input given by flag. */
async function start(options: { refreshGraceSeconds?: number; configure?: (app: FastifyInstance) => void } = {}) {
  const sandbox = await startTestSandbox({ rateLimit: KIT_RATE_LIMIT, ...options });
  sandboxes.push(sandbox);
  const other = await sandbox.newStudio({ name: 'Second Studio' });
  const kit: ConformanceOptions = {
    url: sandbox.url,
    token: sandbox.authData.access_token,
    otherToken: other.access_token,
    clientId: sandbox.studio.client_id,
    clientSecret: sandbox.studio.client_secret,
    loginEmail: sandbox.studio.user_email,
    loginPassword: sandbox.studio.user_password,
    graceSeconds: options.refreshGraceSeconds,
    webhookWaitSeconds: 5,
  };
  return { sandbox, other, kit };
}

const failed = (rows: Row[]) => rows.filter((row) => row.status === 'fail').map((row) => row.check);
const table = (rows: Row[]) =>
  rows.filter((row) => row.status === 'fail').map((row) => `${row.check}: expected ${row.expected}; observed ${row.observed}`);

describe('the conformance kit against the sandbox', () => {
  it('passes every check, or skips it with a reason', async () => {
    const { kit } = await start({ refreshGraceSeconds: 1 });
    const started = Date.now();
    const { rows, notes } = await runConformance(kit);
    expect(notes[0]).toMatch(/is the Studio API sandbox/);
    expect(table(rows)).toEqual([]);
    for (const row of rows.filter((r) => r.status === 'skip')) expect(row.observed).not.toBe('');
    // Every group ran, and the grace period was short enough to check reuse after it.
    expect(new Set(rows.map((row) => row.group))).toEqual(
      new Set([
        'contract',
        'pagination',
        'filters',
        'idempotency',
        'errors',
        'writes',
        'rate-limits',
        'webhooks',
        'isolation',
        'hardening',
        'oauth',
      ]),
    );
    expect(rows.find((row) => row.check === 'oauth.reuse-revokes-family')?.status).toBe('pass');
    expect(rows.find((row) => row.check === 'rate-limits.429-retry-after')?.status).toBe('pass');
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 90_000);

  it('passes the webhooks group against a server that enforces https and public targets, with the kit’s receiver on its allow-list', async () => {
    const sandbox = await startTestSandbox({ webhookTargets: 'production', webhookAllowedOrigins: ['http://127.0.0.1'] });
    sandboxes.push(sandbox);
    const { rows } = await runConformance({
      url: sandbox.url,
      token: sandbox.authData.access_token,
      webhookWaitSeconds: 5,
      only: ['webhooks'],
    });
    expect(table(rows)).toEqual([]);
    expect(rows.filter((row) => row.status === 'pass').map((row) => row.check)).toEqual(
      expect.arrayContaining(['webhooks.retry-same-id', 'webhooks.private-targets-refused', 'webhooks.gone-unsubscribes']),
    );
    // Without the allow-list the same server refuses the receiver, and the kit says so.
    const strict = await startTestSandbox({ webhookTargets: 'production' });
    sandboxes.push(strict);
    const refused = await runConformance({
      url: strict.url,
      token: strict.authData.access_token,
      webhookWaitSeconds: 1,
      only: ['webhooks.subscribe'],
    });
    expect(refused.rows[0]).toMatchObject({ status: 'fail', observed: expect.stringMatching(/422 .*target_url/) });
  }, 60_000);

  it('makes its own studios on the sandbox when given only --url', async () => {
    const sandbox = await startTestSandbox();
    sandboxes.push(sandbox);
    const { rows, notes } = await runConformance({
      url: sandbox.url,
      only: ['contract', 'isolation', 'oauth.authorize-pkce', 'oauth.refresh-rotates'],
    });
    expect(notes.join('\n')).toMatch(/--token not given/);
    expect(table(rows)).toEqual([]);
    expect(rows.filter((row) => row.status === 'pass').map((row) => row.check)).toEqual(
      expect.arrayContaining(['isolation.read-404', 'oauth.authorize-pkce', 'oauth.refresh-rotates']),
    );
  });

  it('fails exactly the replay checks when Idempotent-Replayed is dropped, and the isolation checks when another studio gets 403', async () => {
    let otherStudioId = '';
    const { kit, other } = await start({
      configure: (app) => {
        app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
          reply.removeHeader('idempotent-replayed');
          if (reply.statusCode === 404 && request.caller?.studioId === otherStudioId) {
            reply.code(403);
            return JSON.stringify({ error: { code: 'forbidden', message: 'That record belongs to another studio.', details: null } });
          }
          return payload;
        });
      },
    });
    otherStudioId = other.studio_id;
    const { rows } = await runConformance({ ...kit, skip: ['webhooks', 'oauth'] });
    expect(failed(rows).sort()).toEqual([
      'idempotency.invoice-replay',
      'idempotency.replay-header',
      'isolation.read-404',
      'isolation.writes-404',
    ]);
    expect(rows.find((row) => row.check === 'isolation.read-404')?.observed).toMatch(/→ 403 forbidden/);
  }, 60_000);

  it('fails exactly the new building blocks’ checks when contact.updated lacks changed_fields and payments ignore the provider filter', async () => {
    const { kit } = await start({
      configure: (app) => {
        app.addHook('preHandler', async (request: FastifyRequest) => {
          if (request.method === 'GET' && request.url.startsWith('/v1/payments?')) {
            const query = request.query as Record<string, unknown>;
            delete query.provider;
            delete query.provider_reference;
          }
        });
        app.addHook('onSend', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
          if (!request.url.startsWith('/v1/events') || typeof payload !== 'string' || !payload.includes('"changed_fields"')) return payload;
          return payload.replace(/,"changed_fields":\[[^\]]*\]/g, '');
        });
      },
    });
    const { rows } = await runConformance({ ...kit, only: ['contract', 'filters', 'idempotency'] });
    expect(failed(rows).sort()).toEqual(['contract.contact-updated-event', 'filters.payments-provider-reference']);
  }, 60_000);

  it('fails exactly the cursor checks when next_cursor is always null', async () => {
    const { kit } = await start({
      configure: (app) => {
        app.addHook('onSend', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
          if (
            request.method !== 'GET' ||
            !request.url.startsWith('/v1/') ||
            typeof payload !== 'string' ||
            !payload.includes('"next_cursor"')
          )
            return payload;
          return JSON.stringify({ ...JSON.parse(payload), next_cursor: null });
        });
      },
    });
    const { rows } = await runConformance({ ...kit, only: ['pagination'] });
    expect(failed(rows).sort()).toEqual([
      'pagination.cursor-walk',
      'pagination.limit',
      'pagination.order/events',
      'pagination.order/galleries',
      'pagination.order/jobs',
      'pagination.order/orders',
      'pagination.order/payments',
      'pagination.order/shoots',
      'pagination.walk-to-end',
    ]);
  });
});
