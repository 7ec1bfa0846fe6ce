// OAuth2 authorization code flow against the Studio API (PKCE S256, rotating refresh tokens).
// Functions, not templated objects, so STUDIO_API_URL is read when each step runs.
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, isNetworkFailure, parseResponse, studioUrl } from './api/client.js';
import { apiTimeoutMs, OAUTH_SCOPES } from './api/config.js';
import { Me } from './contract/me.js';
import { studioError } from './api/errors.js';

const TokenResponse = zod.object({
  access_token: zod.string().min(1),
  refresh_token: zod.string().min(1).optional(),
  expires_in: zod.number().optional(),
  token_type: zod.string().optional(),
  scope: zod.string().optional(),
});

function clientCredentials(z: ZObject): { client_id: string; client_secret: string } {
  const client_id = process.env.CLIENT_ID;
  const client_secret = process.env.CLIENT_SECRET;
  if (!client_id || !client_secret) {
    throw studioError(
      z,
      'This integration is missing its OAuth client configuration (CLIENT_ID / CLIENT_SECRET). ' +
        'The integration’s developer must set them with `zapier-platform env:set`.',
      'misconfigured',
    );
  }
  return { client_id, client_secret };
}

const authorizeUrl = async (
  z: ZObject,
  bundle: Bundle<{ state?: string; redirect_uri?: string; code_challenge?: string; code_challenge_method?: string }>,
) => {
  const url = new URL(studioUrl(z, '/oauth/authorize'));
  url.searchParams.set('client_id', process.env.CLIENT_ID ?? '');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', bundle.inputData.redirect_uri ?? '');
  url.searchParams.set('state', bundle.inputData.state ?? '');
  url.searchParams.set('scope', OAUTH_SCOPES.join(' '));
  // With enablePkce Zapier supplies the challenge; the CLI's `invoke auth start` does not.
  if (bundle.inputData.code_challenge) {
    url.searchParams.set('code_challenge', bundle.inputData.code_challenge);
    url.searchParams.set('code_challenge_method', bundle.inputData.code_challenge_method ?? 'S256');
  }
  return url.toString();
};

async function requestTokens(z: ZObject, form: Record<string, string>) {
  let response;
  try {
    response = await z.request({
      url: studioUrl(z, '/oauth/token'),
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ ...form, ...clientCredentials(z) }).toString(),
      timeout: apiTimeoutMs(),
      // A 429 reaches src/middleware.ts, which keeps it temporary and reads Retry-After.
      throwForThrottlingEarly: false,
    } as Parameters<ZObject['request']>[0]);
  } catch (error) {
    if (error instanceof Error && error.name === 'RefreshAuthError') {
      // Core turns every 401 into RefreshAuthError before the app's afterResponse sees it; from
      // the token endpoint a 401 is RFC 6749's invalid_client, which no retry repairs.
      const refused = new z.errors.ExpiredAuthError(
        'Studio did not accept the sign-in (invalid_client: HTTP 401 from the token endpoint). ' +
          'Reconnect your Studio account in Zapier (My Apps → Studio → Reconnect).',
      );
      throw Object.assign(refused, { doNotContextify: true });
    }
    // The token endpoint unreachable (reset, refused, timed out) is temporary, never "reconnect".
    if (!isNetworkFailure(error)) throw error;
    const temporary = studioError(
      z,
      'Could not reach Studio’s sign-in service to renew the connection (the connection failed or timed out). ' +
        'Your connection is fine: try the step again in a few minutes.',
      'network_error',
    );
    throw Object.assign(temporary, { doNotContextify: true });
  }
  return parseResponse(z, TokenResponse, response.data, 'token response');
}

const getAccessToken = async (z: ZObject, bundle: Bundle<{ code?: string; redirect_uri?: string; code_verifier?: string }>) => {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: bundle.inputData.code ?? '',
    redirect_uri: bundle.inputData.redirect_uri ?? '',
  };
  if (bundle.inputData.code_verifier) form.code_verifier = bundle.inputData.code_verifier;
  return requestTokens(z, form);
};

const refreshAccessToken = async (z: ZObject, bundle: Bundle) =>
  requestTokens(z, { grant_type: 'refresh_token', refresh_token: bundle.authData.refresh_token ?? '' });

/** GET /v1/me: proves the token works; its fields feed the connection label. */
const test = async (z: ZObject) => {
  const me = await callApi(z, Me, { path: '/v1/me', describe: 'account' });
  return { ...me, studio_name: me.studio.name, user_email: me.user.email };
};

export default {
  type: 'oauth2',
  test,
  connectionLabel: '{{studio_name}} ({{user_email}})',
  oauth2Config: {
    authorizeUrl,
    getAccessToken,
    refreshAccessToken,
    scope: OAUTH_SCOPES.join(' '),
    autoRefresh: true,
    enablePkce: true,
  },
} satisfies Authentication;
