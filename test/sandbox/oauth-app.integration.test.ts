// The integration's own OAuth2 code (src/authentication.ts) against the real sandbox
// provider: a studio owner connects through the consent page (with PKCE as Zapier sends it,
// and without, as `zapier-platform invoke auth start` does), the connection test names the
// studio, and an expired access token is renewed by the rotating refresh token.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import App from '../../index.js';
import { DEFAULT_REDIRECT_URI } from '../../sandbox/store/studios.js';
import { agePastGrace } from '../support/oauth.js';
import { runOperation, useSandbox } from '../support/index.js';

const oauth = App.authentication!.oauth2Config!;
const connectionTest = App.authentication!.test;

type Tokens = Record<'access_token' | 'refresh_token', string> & Record<string, string>;

/** Everything the sandbox logged, at debug level. */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});
const sandbox = useSandbox({ logLevel: 'debug', logStream });
/** Every credential that crossed the wire in these tests; none may appear in a log line. */
const secretsSeen = new Set<string>();
const savedClient = { id: process.env.CLIENT_ID, secret: process.env.CLIENT_SECRET };

beforeAll(async () => {
  for (const value of [
    sandbox.studio.client_secret,
    sandbox.studio.user_password,
    sandbox.studio.access_token,
    sandbox.studio.refresh_token,
  ]) {
    secretsSeen.add(value);
  }
  // The integration is configured with the studio's registered OAuth client, as in production.
  process.env.CLIENT_ID = sandbox.studio.client_id;
  process.env.CLIENT_SECRET = sandbox.studio.client_secret;
});

afterAll(async () => {
  process.env.CLIENT_ID = savedClient.id;
  process.env.CLIENT_SECRET = savedClient.secret;
});

/** What the studio owner does in the browser: open the link, sign in, Approve. */
async function approveInBrowser(authorizeUrl: string): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrfToken = /name="csrf_token" value="([^"]+)"/.exec(await page.text())![1]!;
  secretsSeen.add(csrfToken).add(cookie.split('=')[1]!);
  const submitted = await fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      csrf_token: csrfToken,
      email: sandbox.studio.user_email,
      password: sandbox.studio.user_password,
      decision: 'approve',
    }).toString(),
  });
  expect(submitted.status).toBe(303);
  return new URL(submitted.headers.get('location')!);
}

async function connect(pkce: boolean): Promise<Tokens> {
  const verifier = randomBytes(32).toString('base64url');
  const inputData: Record<string, string> = { state: 'zap-1', redirect_uri: DEFAULT_REDIRECT_URI };
  if (pkce)
    Object.assign(inputData, { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });

  const authorizeUrl = (await runOperation(oauth.authorizeUrl, { inputData })) as string;
  const callback = await approveInBrowser(authorizeUrl);
  expect(callback.origin + callback.pathname).toBe(DEFAULT_REDIRECT_URI);
  expect(callback.searchParams.get('state')).toBe('zap-1');

  secretsSeen.add(verifier).add(callback.searchParams.get('code')!);
  const exchange = {
    code: callback.searchParams.get('code')!,
    redirect_uri: DEFAULT_REDIRECT_URI,
    ...(pkce ? { code_verifier: verifier } : {}),
  };
  const tokens = (await runOperation(oauth.getAccessToken, { inputData: exchange })) as Tokens;
  secretsSeen.add(tokens.access_token).add(tokens.refresh_token);
  return tokens;
}

describe('connecting the integration to a studio', () => {
  it('connects with PKCE, as Zapier does, and the connection test names the studio and the user', async () => {
    const tokens = await connect(true);
    const me = (await runOperation(connectionTest, { authData: tokens })) as Record<string, unknown>;
    expect(me.studio_name).toBe('Northlight Photography');
    expect(me.user_email).toBe(sandbox.studio.user_email);
  });

  it('connects without PKCE, as `zapier-platform invoke auth start` does', async () => {
    const tokens = await connect(false);
    await expect(runOperation(connectionTest, { authData: tokens })).resolves.toMatchObject({
      studio_name: 'Northlight Photography',
    });
  });

  it('renews an expired connection with the refresh token, and a replayed refresh token disconnects it', async () => {
    const tokens = await connect(true);
    const expired = await fetch(`${sandbox.url}/_sandbox/tokens/expire`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(expired.status).toBe(200);
    await expect(runOperation(connectionTest, { authData: tokens })).rejects.toMatchObject({ name: 'RefreshAuthError' });

    const renewed = (await runOperation(oauth.refreshAccessToken, { authData: tokens })) as Tokens;
    secretsSeen.add(renewed.access_token).add(renewed.refresh_token);
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    await expect(runOperation(connectionTest, { authData: renewed })).resolves.toMatchObject({
      studio_name: 'Northlight Photography',
    });

    // Someone replays the old refresh token after its grace period: the whole connection is revoked.
    agePastGrace(sandbox.sandbox.context.db, tokens.refresh_token);
    await expect(runOperation(oauth.refreshAccessToken, { authData: tokens })).rejects.toThrow(/Reconnect your Studio account/);
    await expect(runOperation(connectionTest, { authData: renewed })).rejects.toMatchObject({ name: 'RefreshAuthError' });
  });

  // Once every test above has run, in whatever order: none of the credentials that took part
  // (secrets, passwords, codes, verifiers, tokens, CSRF tokens) reached a log line.
  afterAll(() => {
    const logs = logLines.join('');
    for (const secret of secretsSeen) expect(logs).not.toContain(secret);
  });
});
