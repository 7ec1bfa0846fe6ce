// Every status class of the Studio API through the one afterResponse, as a Zap builder sees it.
import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { callApi } from '../src/api/client.js';
import { Me } from '../src/contract/me.js';
import { retryAfterSeconds } from '../src/middleware.js';
import { runOperation } from './support/index.js';
import { API } from './support/api-mock.js';

const TOKEN = 'at-very-secret-token-value';
const fetchMe = (z: ZObject) => callApi(z, Me, { path: '/v1/me', describe: 'account' });
const run = () => runOperation(fetchMe, { authData: { access_token: TOKEN, refresh_token: 'rt-secret' } });
const envelope = (code: string, message: string, details?: unknown) => ({ error: { code, message, details } });

async function failure(): Promise<Error & { name: string; message: string }> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

afterEach(() => nock.cleanAll());

describe('error mapping', () => {
  it('sends the bearer token', async () => {
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/v1/me')
      .reply(200, {
        studio: { id: 'std_1', name: 'Northlight', country: 'GB', currency: 'GBP', timezone: 'Europe/London' },
        user: { id: 'usr_1', email: 'a@b.example', name: 'A' },
        scopes: [],
      });
    await expect(run()).resolves.toMatchObject({ studio: { name: 'Northlight' } });
  });

  it('turns a 401 into a refresh (Zapier refreshes the token and retries)', async () => {
    nock(API).get('/v1/me').reply(401, envelope('unauthorized', 'Access token expired'));
    const error = await failure();
    expect(error.name).toBe('RefreshAuthError');
  });

  it('turns a 429 into a throttled retry after the server’s delay', async () => {
    nock(API).get('/v1/me').reply(429, envelope('rate_limited', 'Too many requests'), { 'Retry-After': '17' });
    const error = await failure();
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toMatchObject({ delay: 17 });
  });

  it.each([
    [400, 'bad_request', 'The cursor is not valid'],
    [404, 'not_found', 'No contact with id con_404'],
    [409, 'gallery_limit_reached', 'A job can have at most 10 galleries'],
  ])('turns a %i into an error with the API’s message and code', async (status, code, message) => {
    nock(API).get('/v1/me').reply(status, envelope(code, message));
    const error = await failure();
    expect(error.name).toBe('AppError');
    const body = JSON.parse(error.message);
    expect(body).toMatchObject({ code, status });
    expect(body.message).toContain(message);
  });

  it('lists the invalid fields of a 422', async () => {
    nock(API)
      .get('/v1/me')
      .reply(
        422,
        envelope('validation_failed', 'The contact is not valid', [
          { field: 'email', message: 'must be an email address' },
          { field: 'phone', message: 'must be E.164' },
        ]),
      );
    const body = JSON.parse((await failure()).message);
    expect(body.code).toBe('validation_failed');
    expect(body.message).toMatch(/email \(must be an email address\); phone \(must be E\.164\)/);
  });

  it.each([500, 502, 503])('says a %i is temporary', async (status) => {
    nock(API).get('/v1/me').reply(status, envelope('server_error', 'Database unavailable'));
    const body = JSON.parse((await failure()).message);
    expect(body.message).toMatch(/temporary problem/);
    expect(body.message).toMatch(/try the step again/);
  });

  it('treats a 503 with Retry-After as throttling', async () => {
    nock(API).get('/v1/me').reply(503, 'maintenance', { 'Retry-After': '120' });
    const error = await failure();
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toMatchObject({ delay: 120 });
  });

  it('handles an error body that is not JSON', async () => {
    nock(API).get('/v1/me').reply(404, '<html>Not Found</html>', { 'Content-Type': 'text/html' });
    const body = JSON.parse((await failure()).message);
    expect(body).toMatchObject({ code: 'http_404', status: 404 });
  });

  it('names the field when a response does not match the contract', async () => {
    nock(API)
      .get('/v1/me')
      .reply(200, {
        studio: { id: 'std_1', name: 'N', country: 'GB', currency: 'XXY', timezone: 'UTC' },
        user: { id: 'u', email: 'a@b.example', name: 'A' },
        scopes: [],
      });
    const body = JSON.parse((await failure()).message);
    expect(body.code).toBe('invalid_response');
    expect(body.message).toContain('studio.currency');
  });

  it('never puts the token into an error message', async () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429, 500]) {
      nock(API)
        .get('/v1/me')
        .reply(status, envelope('x', `failure ${status}`));
      const error = await failure();
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain('rt-secret');
    }
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and defaults to a minute', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds('Sun, 22 Nov 2026 08:00:30 GMT', Date.parse('Sun, 22 Nov 2026 08:00:00 GMT'))).toBe(30);
    expect(retryAfterSeconds(undefined)).toBe(60);
    expect(retryAfterSeconds('soon')).toBe(60);
  });
});
