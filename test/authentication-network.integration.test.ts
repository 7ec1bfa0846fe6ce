// A token endpoint that drops the connection or never answers during a refresh: a real local
// socket (nock's simulated errors never reach the HTTP client), so this file is of the
// integration tier; the rest of the OAuth2 tests are in authentication.test.ts.
import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import App from '../index.js';
import { API } from './support/api-mock.js';
import { runOperation } from './support/index.js';

const oauth = App.authentication!.oauth2Config!;

describe('a token endpoint that is unreachable during a refresh is temporary, never “reconnect”', () => {
  const refusedWith = async () => {
    try {
      await runOperation(oauth.refreshAccessToken, { authData: { access_token: 'at', refresh_token: 'rt-secret-value' } });
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the refresh to fail');
  };

  it.each([
    ['a connection reset', (socket: Socket) => socket.destroy()],
    ['a token endpoint that never answers', () => undefined],
  ])('%s', async (_what, handle) => {
    const server = createServer((request) => handle(request.socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.STUDIO_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.STUDIO_API_TIMEOUT_MS = '300';
    try {
      const error = await refusedWith();
      expect(error.name).toBe('AppError');
      expect(JSON.parse(error.message)).toMatchObject({ code: 'network_error' });
      expect(error.message).not.toMatch(/Reconnect/);
    } finally {
      process.env.STUDIO_API_URL = API;
      delete process.env.STUDIO_API_TIMEOUT_MS;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
