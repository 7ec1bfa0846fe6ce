// The sandbox's OAuth provider as a strict, independent client sees it: oauth4webapi (a
// well-kept client library nobody on this project wrote) discovers the server from its RFC 8414
// metadata, sends a person through the consent page in Chromium with PKCE, checks the
// authorization response (state and RFC 9207 `iss`), exchanges the code with
// client_secret_basic (form-urlencoded credentials, RFC 6749 §2.3.1), and rotates the refresh
// token. Any deviation from the standards it enforces fails here.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import type { BrowserContext } from 'playwright-core';
import { OAUTH_SCOPES } from '../../src/api/config.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';

// The sandbox runs on plain http on this machine; everything else is checked as strictly as usual.
const local = { [oauth.allowInsecureRequests]: true } as const;

describeInBrowser('a strict OAuth client library against the sandbox', () => {
  let sandbox: Sandbox;
  let receiver: Server;
  let redirectUri: string;
  let launched: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    receiver = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Connected</title><h1>Connected</h1>'),
    );
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback`;
    launched = await launchBrowser();
    browser = launched.context;
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await sandbox?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('discovers, authorizes with PKCE through the consent page, exchanges with client_secret_basic, and rotates', async () => {
    const created = await fetch(`${sandbox.url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Northlight Photography', country: 'GB', currency: 'GBP', redirect_uris: [redirectUri] }),
    });
    expect(created.status).toBe(201);
    const studio = (await created.json()) as { client_id: string; client_secret: string; user_email: string; user_password: string };

    const issuer = new URL(sandbox.url);
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...local }));
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    const client: oauth.Client = { client_id: studio.client_id };
    const clientAuth = oauth.ClientSecretBasic(studio.client_secret);

    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorize = new URL(as.authorization_endpoint!);
    authorize.search = new URLSearchParams({
      client_id: client.client_id,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: OAUTH_SCOPES.join(' '),
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();

    const page = await browser.newPage();
    await page.goto(authorize.toString());
    await page.getByLabel('Email').fill(studio.user_email);
    await page.getByLabel('Password').fill(studio.user_password);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL((url) => url.toString().startsWith(redirectUri));

    // Checks state, refuses an error response, and requires `iss` to be this issuer (RFC 9207).
    const callback = oauth.validateAuthResponse(as, client, new URL(page.url()), state);
    const exchanged = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, clientAuth, callback, redirectUri, verifier, local),
    );
    expect(exchanged.token_type).toBe('bearer');
    expect(exchanged.refresh_token).toEqual(expect.any(String));
    const me = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${exchanged.access_token}` } });
    expect(me.status).toBe(200);

    const rotated = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, exchanged.refresh_token!, local),
    );
    expect(rotated.refresh_token).not.toBe(exchanged.refresh_token);
    expect((await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${rotated.access_token}` } })).status).toBe(200);
  }, 60_000);
});
