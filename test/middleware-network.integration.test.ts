// A connection the Studio API drops, through the one afterResponse: a real local socket (nock's
// simulated errors never reach the HTTP client), so this file is of the integration tier; the
// rest of the error mapping is tested in middleware.test.ts.
import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { callApi } from '../src/api/client.js';
import { Me } from '../src/contract/me.js';
import { API } from './support/api-mock.js';
import { failureOf, runOperation } from './support/index.js';

const fetchMe = (z: ZObject) => callApi(z, Me, { path: '/v1/me', describe: 'account' });

describe('error mapping', () => {
  it('says a connection reset is temporary', async () => {
    // A real socket that the server drops (nock's simulated errors never reach node-fetch).
    const server = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    process.env.STUDIO_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const failure = await failureOf(runOperation(fetchMe, { authData: { access_token: 'at-test', refresh_token: 'rt-test' } }));
      expect(failure.code).toBe('network_error');
      expect(failure.message).toMatch(/usually temporary/);
    } finally {
      process.env.STUDIO_API_URL = API;
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
