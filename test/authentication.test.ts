import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import App from '../index.js';
import { runOperation } from './support/index.js';
import { API } from './support/api-mock.js';

const oauth = App.authentication!.oauth2Config!;

afterEach(() => nock.cleanAll());

describe('OAuth2 authentication', () => {
  it('builds the authorize URL with state, scopes and the PKCE challenge Zapier supplies', async () => {
    const url = new URL(
      (await runOperation(oauth.authorizeUrl, {
        inputData: {
          state: 's-123',
          redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
          code_challenge: 'abc_challenge',
          code_challenge_method: 'S256',
        },
      })) as string,
    );
    expect(url.origin + url.pathname).toBe(`${API}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'test-client-id',
      response_type: 'code',
      redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
      state: 's-123',
      scope: 'studio:read contacts:write jobs:write galleries:write orders:read invoices:write hooks:write',
      code_challenge: 'abc_challenge',
      code_challenge_method: 'S256',
    });
  });

  it('leaves PKCE parameters out when none are supplied (the CLI’s invoke auth start)', async () => {
    const url = new URL(
      (await runOperation(oauth.authorizeUrl, { inputData: { state: 's', redirect_uri: 'http://localhost:9000/cb' } })) as string,
    );
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('exchanges the code with the PKCE verifier and the client credentials', async () => {
    const scope = nock(API)
      .post(
        '/oauth/token',
        (body: Record<string, string>) =>
          body.grant_type === 'authorization_code' &&
          body.code === 'code-1' &&
          body.code_verifier === 'verifier-1' &&
          body.client_id === 'test-client-id' &&
          body.client_secret === 'test-client-secret' &&
          body.redirect_uri === 'https://zapier.com/cb',
      )
      .reply(200, { access_token: 'at-1', refresh_token: 'rt-1', expires_in: 3600, token_type: 'Bearer' });
    const tokens = await runOperation(oauth.getAccessToken, {
      inputData: { code: 'code-1', code_verifier: 'verifier-1', redirect_uri: 'https://zapier.com/cb' },
    });
    expect(tokens).toMatchObject({ access_token: 'at-1', refresh_token: 'rt-1' });
    expect(scope.isDone()).toBe(true);
  });

  it('exchanges the code without PKCE when no verifier exists', async () => {
    const scope = nock(API)
      .post('/oauth/token', (body: Record<string, string>) => body.code === 'code-2' && !('code_verifier' in body))
      .reply(200, { access_token: 'at-2', refresh_token: 'rt-2' });
    await expect(
      runOperation(oauth.getAccessToken, { inputData: { code: 'code-2', redirect_uri: 'http://localhost/cb' } }),
    ).resolves.toMatchObject({ access_token: 'at-2' });
    expect(scope.isDone()).toBe(true);
  });

  it('refreshes with the rotating refresh token', async () => {
    nock(API)
      .post('/oauth/token', (body: Record<string, string>) => body.grant_type === 'refresh_token' && body.refresh_token === 'rt-old')
      .reply(200, { access_token: 'at-new', refresh_token: 'rt-new' });
    await expect(
      runOperation(oauth.refreshAccessToken, { authData: { access_token: 'at-old', refresh_token: 'rt-old' } }),
    ).resolves.toEqual(expect.objectContaining({ access_token: 'at-new', refresh_token: 'rt-new' }));
  });

  it('asks the user to reconnect when a refresh token is refused, without echoing it', async () => {
    nock(API).post('/oauth/token').reply(400, { error: 'invalid_grant', error_description: 'Refresh token was already used' });
    const failure = runOperation(oauth.refreshAccessToken, { authData: { access_token: 'at', refresh_token: 'rt-secret-value' } });
    await expect(failure).rejects.toThrow(/Reconnect your Studio account/);
    await expect(failure).rejects.not.toThrow(/rt-secret-value/);
  });

  describe('a token endpoint that is down or busy during a refresh is temporary, never “reconnect”', () => {
    const refresh = () => runOperation(oauth.refreshAccessToken, { authData: { access_token: 'at', refresh_token: 'rt-secret-value' } });
    const refusedWith = async () => {
      try {
        await refresh();
      } catch (error) {
        return error as Error;
      }
      throw new Error('expected the refresh to fail');
    };

    it.each([
      [500, {}, 'AppError', /temporary problem \(HTTP 500\)/],
      [502, {}, 'AppError', /temporary problem \(HTTP 502\)/],
      [503, {}, 'AppError', /temporary problem \(HTTP 503\)/],
      [503, { 'Retry-After': '30' }, 'ThrottledError', /slow down \(HTTP 503\)/],
      [429, { 'Retry-After': '7' }, 'ThrottledError', /slow down \(HTTP 429\)/],
    ])('HTTP %i %j → %s', async (status, headers, name, message) => {
      nock(API).post('/oauth/token').reply(status, { error: 'server_error', error_description: 'upstream unavailable' }, headers);
      const error = await refusedWith();
      expect(error.name).toBe(name);
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/Reconnect/);
      expect(error.message).not.toContain('rt-secret-value');
    });

    it('keeps the server’s delay from Retry-After', async () => {
      nock(API).post('/oauth/token').reply(429, { error: 'slow_down' }, { 'Retry-After': '7' });
      expect(JSON.parse((await refusedWith()).message)).toMatchObject({ delay: 7 });
    });

    it.each(['invalid_grant', 'invalid_client', 'unauthorized_client'])('%s asks the person to reconnect', async (code) => {
      nock(API)
        .post('/oauth/token')
        .reply(code === 'invalid_client' ? 401 : 400, { error: code, error_description: 'refused' });
      const error = await refusedWith();
      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toMatch(/Reconnect your Studio account/);
    });

    it('any other refusal (invalid_request, unsupported_grant_type) is the integration’s setup, not the person’s connection', async () => {
      for (const code of ['invalid_request', 'unsupported_grant_type']) {
        nock(API).post('/oauth/token').reply(400, { error: code, error_description: 'refused' });
        const error = await refusedWith();
        expect(error.name).toBe('AppError');
        expect(error.message).toMatch(/integration’s setup/);
      }
    });
  });

  it('tests the connection with GET /v1/me and labels it with the studio and user', async () => {
    nock(API, { reqheaders: { authorization: 'Bearer at-ok' } })
      .get('/v1/me')
      .reply(200, {
        studio: { id: 'std_1', name: 'Northlight Photography', country: 'GB', currency: 'GBP', timezone: 'Europe/London' },
        user: { id: 'usr_1', email: 'ava@northlight.example', name: 'Ava Hart' },
        scopes: ['studio:read'],
      });
    const result = (await runOperation(App.authentication!.test, { authData: { access_token: 'at-ok' } })) as Record<string, unknown>;
    expect(result.studio_name).toBe('Northlight Photography');
    expect(result.user_email).toBe('ava@northlight.example');
    expect(App.authentication!.connectionLabel).toBe('{{studio_name}} ({{user_email}})');
  });
});
