// A person connects an app to their studio in a real browser: headless Chromium opens the
// sandbox's authorize URL, the person mistypes their password once, signs in, clicks Approve,
// and lands back on the app's own page with a code, which the app's server exchanges for
// tokens that work on the Studio API.
//
// Needs the Debian `chromium` package. Without it this file skips itself with one clear line,
// unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { BrowserContext } from 'playwright-core';
import { OAUTH_SCOPES } from '../../src/api/config.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';

const SCREENSHOTS = { desktop: '/tmp/consent-page.png', phone: '/tmp/consent-page-phone.png', error: '/tmp/consent-page-error.png' };

/** The app's own page the provider sends the browser back to; records what arrived. */
async function startReceiver(): Promise<{ server: Server; redirectUri: string; callbacks: URL[] }> {
  const callbacks: URL[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') callbacks.push(url);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Connected</title><h1>Connected</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, redirectUri: `http://127.0.0.1:${port}/callback`, callbacks };
}

describeInBrowser('the consent page in a real browser', () => {
  let sandbox: Sandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let launched: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    receiver = await startReceiver();
    launched = await launchBrowser();
    browser = launched.context;
  }, 60_000);

  // Each test starts signed out, with no callback seen: none leans on what another left.
  beforeEach(async () => {
    receiver.callbacks.length = 0;
    await browser.clearCookies();
    await Promise.all(browser.pages().map((page) => page.close()));
  });

  afterAll(async () => {
    await launched?.close();
    await sandbox?.stop();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('signs in, approves, and the code it brings back exchanges for tokens that work on GET /v1/me', async () => {
    const studio = await createStudio(sandbox.url, receiver.redirectUri);
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL('/oauth/authorize', sandbox.url);
    authorize.search = new URLSearchParams({
      client_id: studio.client_id,
      response_type: 'code',
      redirect_uri: receiver.redirectUri,
      state: 'zap-state-7',
      scope: OAUTH_SCOPES.join(' '),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();

    const page = await browser.newPage();
    await page.goto(authorize.toString());
    await expect(page.title()).resolves.toBe('Connect Zapier · Studio');
    await page.screenshot({ path: SCREENSHOTS.desktop, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: SCREENSHOTS.phone, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // A typo first: the page says so without saying which field was wrong, and keeps the email.
    await page.getByLabel('Email').fill(studio.user_email);
    await page.getByLabel('Password').fill(`${studio.user_password}x`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('That email and password don’t match a Studio account.');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(studio.user_email);
    await page.screenshot({ path: SCREENSHOTS.error, fullPage: true });

    await page.getByLabel('Password').fill(studio.user_password);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL((url) => url.toString().startsWith(receiver.redirectUri));
    await expect(page.getByRole('heading', { name: 'Connected' }).isVisible()).resolves.toBe(true);

    expect(receiver.callbacks).toHaveLength(1);
    const callback = receiver.callbacks[0]!;
    expect(callback.searchParams.get('state')).toBe('zap-state-7');
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    const tokens = await postForm(`${sandbox.url}/oauth/token`, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: receiver.redirectUri,
      code_verifier: verifier,
      client_id: studio.client_id,
      client_secret: studio.client_secret,
    });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const me = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${String(tokens.body.access_token)}` } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { studio: { id: string }; user: { email: string } };
    expect(body.studio.id).toBe(studio.studio_id);
    expect(body.user.email).toBe(studio.user_email);
  }, 60_000);

  it('Deny brings the person back to the app with access_denied and no code', async () => {
    const studio = await createStudio(sandbox.url, receiver.redirectUri);
    const authorize = new URL('/oauth/authorize', sandbox.url);
    authorize.search = new URLSearchParams({
      client_id: studio.client_id,
      response_type: 'code',
      redirect_uri: receiver.redirectUri,
      state: 'zap-state-8',
    }).toString();

    const page = await browser.newPage();
    await page.goto(authorize.toString());
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((url) => url.toString().startsWith(receiver.redirectUri));

    expect(receiver.callbacks).toHaveLength(1);
    const callback = receiver.callbacks[0]!;
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('zap-state-8');
    expect(callback.searchParams.get('code')).toBeNull();
  }, 60_000);
});

interface StudioCredentials {
  studio_id: string;
  user_email: string;
  user_password: string;
  client_id: string;
  client_secret: string;
}

async function createStudio(sandboxUrl: string, redirectUri: string): Promise<StudioCredentials> {
  const response = await fetch(`${sandboxUrl}/_sandbox/studios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Northlight Photography', country: 'GB', currency: 'GBP', redirect_uris: [redirectUri] }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as StudioCredentials;
}

async function postForm(url: string, form: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
