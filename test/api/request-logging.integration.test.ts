// Zapier logs every request an operation makes (its monitoring and the Zap's history show them):
// once by core's request client, and once more by its patch of node's http module unless the
// request says it came from the request client, by a `user-agent` header naming Zapier. Core
// reads that header in lower case only, so a "User-Agent" spelt otherwise had every request
// logged, and its whole body scanned for secrets, twice.
import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { invokeApp, methodOf, useSandbox } from '../support/index.js';

interface HttpLog {
  type: unknown;
  message: string;
}

async function httpLogsOf(method: string, bundle: Parameters<typeof invokeApp>[1]): Promise<HttpLog[]> {
  const logs: HttpLog[] = [];
  await invokeApp(method, bundle, {
    logger: (message, data) => {
      if (data.log_type === 'http') logs.push({ type: data.request_type, message });
    },
  });
  return logs;
}

describe('request logging', () => {
  const sandbox = useSandbox();

  it.each([
    ['find_contact', 'search', { email: 'amelia.hart@example.com' }, 1],
    ['create_job', 'create', { contact_id: DEMO_IDS.contacts.priya, name: 'Priya Shah Logged', event_date: '2027-05-01' }, 2],
  ] as const)('logs each request of %s once, as a request of the request client', async (key, kind, inputData, requests) => {
    const logs = await httpLogsOf(methodOf(kind, key), { authData: sandbox.authData, inputData });
    expect(logs).toHaveLength(requests);
    for (const log of logs) expect(log).toMatchObject({ type: 'devplatform-outbound', message: expect.stringMatching(/^20\d /) });
  });

  it('logs the token refresh once', async () => {
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ access_token: 'at-new', refresh_token: 'rt-new', token_type: 'Bearer', expires_in: 3600 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const before = process.env.STUDIO_API_URL;
    process.env.STUDIO_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const logs = await httpLogsOf('authentication.oauth2Config.refreshAccessToken', {
        authData: { access_token: 'at-old', refresh_token: 'rt-old' },
      });
      expect(logs).toEqual([{ type: 'devplatform-outbound', message: expect.stringMatching(/^200 POST .*\/oauth\/token$/) }]);
    } finally {
      process.env.STUDIO_API_URL = before;
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
