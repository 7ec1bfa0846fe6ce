// The sandbox's OAuth2 provider, driven over HTTP the way a browser and an app's server would:
// the consent page, Approve/Deny, the token endpoint's grants, and every defence the
// Studio API promises (PKCE, exact redirect URIs, single-use codes, refresh-token rotation).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { OAUTH_SCOPES } from '../../src/api/config.js';
import { openDatabase } from '../../sandbox/store/db.js';
import { authenticateBearer, createOAuthClient, registerOAuth } from '../../sandbox/oauth/index.js';
import { DEFAULT_REFRESH_GRACE_SECONDS } from '../../sandbox/oauth/grants.js';
import { escapeHtml } from '../../sandbox/web/html.js';
import { SCOPE_DESCRIPTIONS } from '../../sandbox/oauth/scopes.js';
import type { DatabaseSync } from '../../sandbox/store/sqlite.js';
import { hashPassword, SignIns } from '../../sandbox/store/users.js';
import { agePastGrace } from '../support/oauth.js';

const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';
const EMAIL = 'owner@northlight.test';
const PASSWORD = 'correct horse battery staple';

interface Provider {
  app: FastifyInstance;
  /** http://127.0.0.1:PORT, the provider's issuer identifier. */
  url: string;
  /** One HTTP request to the provider, redirects not followed. */
  send: (request: HttpRequest) => Promise<HttpResponse>;
  db: DatabaseSync;
  studioId: string;
  confidential: { client_id: string; client_secret: string };
  publicClientId: string;
}

/** A provider on a bare fastify app, plus a protected route standing in for the API. */
async function startProvider(tokenTtlSeconds = 3600, refreshGraceSeconds = DEFAULT_REFRESH_GRACE_SECONDS): Promise<Provider> {
  const db = openDatabase(':memory:');
  const studioId = addStudio(db, 'std_northlight', 'Northlight Photography', EMAIL);
  const app = Fastify();
  let base = '';
  await registerOAuth(app, { db, tokenTtlSeconds, refreshGraceSeconds, signIns: new SignIns(db), issuer: () => base });
  app.get('/whoami', async (request, reply) => {
    const caller = authenticateBearer(db, request.headers.authorization);
    return caller ?? reply.code(401).send({ error: { code: 'unauthorized', message: 'Invalid or expired access token.' } });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  const confidential = createOAuthClient(db, { studioId, name: 'Zapier', redirectUris: [REDIRECT_URI], confidential: true });
  const publicClient = createOAuthClient(db, { studioId, name: 'Studio Mobile', redirectUris: [REDIRECT_URI], confidential: false });
  return {
    app,
    url: base,
    send: (request) => send(base, request),
    db,
    studioId,
    confidential: { client_id: confidential.client_id, client_secret: confidential.client_secret! },
    publicClientId: publicClient.client_id,
  };
}

interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Record<string, unknown>;
}

interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json: () => Record<string, unknown>;
}

async function send(base: string, request: HttpRequest): Promise<HttpResponse> {
  const headers = { ...request.headers };
  let body: string | undefined;
  if (typeof request.payload === 'object') {
    body = JSON.stringify(request.payload);
    headers['content-type'] = 'application/json';
  } else {
    body = request.payload;
  }
  const response = await fetch(base + request.url, { method: request.method, headers, body, redirect: 'manual' });
  const text = await response.text();
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (responseHeaders[name] = value));
  return { statusCode: response.status, headers: responseHeaders, body: text, json: () => JSON.parse(text) as Record<string, unknown> };
}

function addStudio(db: DatabaseSync, studioId: string, name: string, email: string): string {
  const now = new Date().toISOString();
  db.prepare('INSERT INTO studios (id, name, country, currency, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    studioId,
    name,
    'GB',
    'GBP',
    'Europe/London',
    now,
  );
  db.prepare('INSERT INTO users (id, studio_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    `usr_${studioId.slice(4)}`,
    studioId,
    email,
    `${name} Owner`,
    hashPassword(PASSWORD),
    now,
  );
  return studioId;
}

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    state: 'st-42',
    scope: OAUTH_SCOPES.join(' '),
    ...params,
  })) {
    if (value !== undefined) query.set(key, value);
  }
  return `/oauth/authorize?${query}`;
}

/** A person's browser: keeps the provider's cookie and submits the page's form. */
class Browser {
  private cookie: string | undefined;
  page: HttpResponse | undefined;

  constructor(private readonly provider: Provider) {}

  async open(url: string): Promise<HttpResponse> {
    const response = await this.provider.send({ method: 'GET', url, headers: this.cookieHeader() });
    const setCookie = response.headers['set-cookie'];
    if (typeof setCookie === 'string') this.cookie = setCookie.split(';')[0];
    this.page = response;
    return response;
  }

  csrfToken(): string {
    const match = /name="csrf_token" value="([^"]+)"/.exec(this.page?.body ?? '');
    if (!match) throw new Error('The page has no CSRF token');
    return match[1]!;
  }

  async submit(fields: Record<string, string>): Promise<HttpResponse> {
    const response = await this.provider.send({
      method: 'POST',
      url: '/oauth/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader() },
      payload: new URLSearchParams(fields).toString(),
    });
    if (response.statusCode === 200 || response.statusCode === 400) this.page = response;
    return response;
  }

  async approve(email = EMAIL, password = PASSWORD) {
    return this.submit({ csrf_token: this.csrfToken(), email, password, decision: 'approve' });
  }

  forgetCookie() {
    this.cookie = undefined;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }
}

/** Signs in and approves; returns where the browser was sent. */
async function approvedRedirect(provider: Provider, params: Record<string, string | undefined>): Promise<URL> {
  const browser = new Browser(provider);
  const page = await browser.open(authorizeUrl(params));
  expect(page.statusCode).toBe(200);
  const response = await browser.approve();
  expect(response.statusCode).toBe(303);
  return new URL(response.headers.location as string);
}

async function token(provider: Provider, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await provider.send({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown>, headers: response.headers, raw: response.body };
}

async function whoami(provider: Provider, accessToken: unknown) {
  const response = await provider.send({
    method: 'GET',
    url: '/whoami',
    headers: { authorization: `Bearer ${String(accessToken)}` },
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function codeFromConfidentialFlow(provider: Provider, extra: Record<string, string> = {}) {
  const redirect = await approvedRedirect(provider, { client_id: provider.confidential.client_id, ...extra });
  return redirect.searchParams.get('code')!;
}

async function tokensFor(provider: Provider) {
  const code = await codeFromConfidentialFlow(provider);
  const response = await token(provider, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...provider.confidential });
  expect(response.status).toBe(200);
  return response.body as { access_token: string; refresh_token: string; expires_in: number };
}

let provider: Provider;
beforeEach(async () => {
  provider = await startProvider();
});
afterEach(async () => {
  await provider.app.close();
  provider.db.close();
});

describe('the sign-in and consent page', () => {
  it('shows the app, each scope in plain words, labelled email and password fields, and Approve / Deny', async () => {
    const browser = new Browser(provider);
    const page = await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Connect Zapier to your studio');
    for (const scope of OAUTH_SCOPES) expect(page.body).toContain(escapeHtml(SCOPE_DESCRIPTIONS[scope]));
    expect(page.body).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"/);
    expect(page.body).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(page.body).toMatch(/<button type="submit" name="decision" value="approve"[^>]*>Approve<\/button>/);
    expect(page.body).toMatch(/<button type="submit" name="decision" value="deny"[^>]*>Deny<\/button>/);
    expect(page.body).toContain('zapier.com');
    expect(page.body).not.toMatch(/<script|<link|src="http/);
  });

  it('cannot be framed, cached or leak the link through the Referer header', async () => {
    const page = await new Browser(provider).open(authorizeUrl({ client_id: provider.confidential.client_id }));
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("form-action 'self' https://zapier.com");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['set-cookie']).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('lists only the scopes the app asked for', async () => {
    const page = await new Browser(provider).open(authorizeUrl({ client_id: provider.confidential.client_id, scope: 'orders:read' }));
    expect(page.body).toContain('See the orders clients place in your galleries');
    expect(page.body).not.toContain('add new ones');
  });

  it.each([
    ['an unknown client_id', { client_id: 'cli_nobody' }, 'This app isn’t registered'],
    ['no client_id', { client_id: undefined }, 'client_id is missing'],
    ['no redirect_uri', { redirect_uri: undefined }, 'redirect_uri is missing'],
    ['another redirect_uri', { redirect_uri: 'https://attacker.example/callback' }, 'did not register'],
    ['a redirect_uri with a different path', { redirect_uri: `${REDIRECT_URI}evil` }, 'did not register'],
    ['a redirect_uri with an added query', { redirect_uri: `${REDIRECT_URI}?next=x` }, 'did not register'],
    ['a redirect_uri differing in case', { redirect_uri: REDIRECT_URI.toUpperCase() }, 'did not register'],
  ])('refuses %s with an error page and never redirects', async (_case, params, message) => {
    const page = await new Browser(provider).open(authorizeUrl({ client_id: provider.confidential.client_id, ...params }));
    expect(page.statusCode).toBe(400);
    expect(page.headers.location).toBeUndefined();
    expect(page.body).toContain(message);
    expect(page.body).not.toContain('csrf_token');
  });

  it.each([
    ['the "plain" PKCE method', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
    ['an unknown PKCE method', { code_challenge: 'a'.repeat(43), code_challenge_method: 'S512' }, 'invalid_request'],
    ['a malformed challenge', { code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
    ['a token response type', { response_type: 'token' }, 'unsupported_response_type'],
    ['an unknown scope', { scope: 'studio:read admin:everything' }, 'invalid_scope'],
  ])('sends the app back with an error for %s, before anyone signs in', async (_case, params, error) => {
    const page = await new Browser(provider).open(authorizeUrl({ client_id: provider.confidential.client_id, ...params }));
    expect(page.statusCode).toBe(302);
    const location = new URL(page.headers.location as string);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('st-42');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('requires PKCE from a public client', async () => {
    const page = await new Browser(provider).open(authorizeUrl({ client_id: provider.publicClientId }));
    const location = new URL(page.headers.location as string);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/public client.*code_challenge/);
  });
});

describe('signing in on the consent page', () => {
  it('Approve sends the browser back with a code and the state', async () => {
    const redirect = await approvedRedirect(provider, { client_id: provider.confidential.client_id });
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('code')).toMatch(/^sac_[A-Za-z0-9_-]{43}$/);
    expect(redirect.searchParams.get('state')).toBe('st-42');
  });

  it('Deny sends the browser back with access_denied and the state, without asking for a password', async () => {
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const response = await browser.submit({ csrf_token: browser.csrfToken(), decision: 'deny' });

    expect(response.statusCode).toBe(303);
    const location = new URL(response.headers.location as string);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-42');
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('iss')).toBe(provider.url);
    expect(provider.db.prepare('SELECT COUNT(*) AS n FROM oauth_authorization_codes').get()).toEqual({ n: 0 });
  });

  it('names its issuer in the authorization response (RFC 9207)', async () => {
    const location = await approvedRedirect(provider, { client_id: provider.confidential.client_id });
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('iss')).toBe(provider.url);
  });

  it('publishes RFC 8414 metadata that matches what the endpoints do', async () => {
    const response = await provider.send({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issuer: provider.url,
      authorization_endpoint: `${provider.url}/oauth/authorize`,
      token_endpoint: `${provider.url}/oauth/token`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
      authorization_response_iss_parameter_supported: true,
    });
    expect(response.json().scopes_supported).toEqual(expect.arrayContaining([...OAUTH_SCOPES]));
  });

  it('a wrong password shows the page again with an error that does not say which field was wrong', async () => {
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const wrongPassword = await browser.approve(EMAIL, 'not the password');
    const unknownEmail = await browser.approve('nobody@northlight.test', PASSWORD);

    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.body).toContain('role="alert"');
      expect(response.body).toContain('That email and password don’t match a Studio account.');
      expect(response.body).not.toContain('not the password');
    }
    expect(unknownEmail.body).toContain('value="nobody@northlight.test"');
    // The page still works: the right password now goes through.
    expect((await browser.approve()).statusCode).toBe(303);
  });

  it('closes the page after five wrong passwords', async () => {
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const csrf = browser.csrfToken();
    for (let attempt = 1; attempt <= 4; attempt++) expect((await browser.approve(EMAIL, `guess ${attempt}`)).statusCode).toBe(400);
    const fifth = await browser.approve(EMAIL, 'guess 5');
    expect(fifth.statusCode).toBe(403);
    expect(fifth.body).toContain('Too many attempts');
    const afterwards = await browser.submit({ csrf_token: csrf, email: EMAIL, password: PASSWORD, decision: 'approve' });
    expect(afterwards.statusCode).toBe(403);
  });

  it('refuses a form without the page’s CSRF token', async () => {
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const response = await browser.submit({ email: EMAIL, password: PASSWORD, decision: 'approve' });

    expect(response.statusCode).toBe(403);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('This sign-in page has expired');
    expect(provider.db.prepare('SELECT COUNT(*) AS n FROM oauth_authorization_codes').get()).toEqual({ n: 0 });
  });

  it('refuses a CSRF token posted from another browser (no page cookie) and a forged token', async () => {
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const csrf = browser.csrfToken();

    const forged = await browser.submit({ csrf_token: 'csr_forged', email: EMAIL, password: PASSWORD, decision: 'approve' });
    expect(forged.statusCode).toBe(403);

    browser.forgetCookie();
    const crossSite = await browser.submit({ csrf_token: csrf, email: EMAIL, password: PASSWORD, decision: 'approve' });
    expect(crossSite.statusCode).toBe(403);
  });

  it('honours a page once: submitting it again after Approve is refused', async () => {
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const csrf = browser.csrfToken();
    expect((await browser.approve()).statusCode).toBe(303);
    const again = await browser.submit({ csrf_token: csrf, email: EMAIL, password: PASSWORD, decision: 'approve' });
    expect(again.statusCode).toBe(403);
  });

  it('does not let a user of another studio approve this studio’s app', async () => {
    addStudio(provider.db, 'std_elsewhere', 'Elsewhere Studio', 'owner@elsewhere.test');
    const browser = new Browser(provider);
    await browser.open(authorizeUrl({ client_id: provider.confidential.client_id }));
    const response = await browser.approve('owner@elsewhere.test', PASSWORD);
    expect(response.statusCode).toBe(403);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('registered to a different studio');
  });
});

describe('exchanging the code for tokens', () => {
  it('a confidential client without PKCE (as `zapier invoke auth start` does) gets working tokens', async () => {
    const code = await codeFromConfidentialFlow(provider);
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...provider.confidential,
    });

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^sat_/),
      refresh_token: expect.stringMatching(/^srt_/),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      scope: OAUTH_SCOPES.join(' '),
    });
    expect(response.body.expires_in).toBe(3600);
    const me = await whoami(provider, response.body.access_token);
    expect(me).toEqual({
      status: 200,
      body: { studioId: provider.studioId, userId: 'usr_northlight', clientId: provider.confidential.client_id, scopes: [...OAUTH_SCOPES] },
    });
  });

  it('accepts the client credentials through HTTP Basic too', async () => {
    const code = await codeFromConfidentialFlow(provider);
    const basic = Buffer.from(`${provider.confidential.client_id}:${provider.confidential.client_secret}`).toString('base64');
    const response = await token(
      provider,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
  });

  it('decodes form-urlencoded HTTP Basic credentials (RFC 6749 §2.3.1), as strict clients send them', async () => {
    const code = await codeFromConfidentialFlow(provider);
    // A strict client form-encodes every character outside [A-Za-z0-9] before base64: _ - . ~ too.
    const strictEncode = (text: string) =>
      text.replace(/[^A-Za-z0-9]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    const { client_id, client_secret } = provider.confidential;
    expect(strictEncode(client_id + client_secret)).toMatch(/%5F/); // the ids and secrets do carry such characters
    const basic = Buffer.from(`${strictEncode(client_id)}:${strictEncode(client_secret)}`).toString('base64');
    const response = await token(
      provider,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
  });

  it('answers unsupported_grant_type for the grants it does not offer (password, client_credentials)', async () => {
    for (const grant_type of ['password', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']) {
      const response = await token(provider, { grant_type, username: EMAIL, password: 'x', ...provider.confidential });
      expect({ grant_type, status: response.status, error: response.body.error }).toEqual({
        grant_type,
        status: 400,
        error: 'unsupported_grant_type',
      });
    }
  });

  it('never puts a double quote or a backslash in an error_description (RFC 6749 §5.2)', async () => {
    const attempts = [
      { grant_type: 'authorization_code', code: 'nope', redirect_uri: REDIRECT_URI, ...provider.confidential },
      { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, ...provider.confidential },
      { grant_type: 'refresh_token', refresh_token: '"quoted\\"', ...provider.confidential },
      {
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: REDIRECT_URI,
        client_id: provider.confidential.client_id,
        client_secret: 'wrong',
      },
      { grant_type: '' },
    ];
    for (const form of attempts) {
      const response = await token(provider, form);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(String(response.body.error_description)).toMatch(/^[\x20\x21\x23-\x5B\x5D-\x7E]*$/);
    }
  });

  it('a public client with PKCE S256 exchanges the code with its verifier and no secret', async () => {
    const { verifier, challenge } = pkcePair();
    const redirect = await approvedRedirect(provider, {
      client_id: provider.publicClientId,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      client_id: provider.publicClientId,
      code_verifier: verifier,
    });
    expect(response.status).toBe(200);
    expect((await whoami(provider, response.body.access_token)).status).toBe(200);
  });

  it('a confidential client that sent a challenge must send the matching verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFromConfidentialFlow(provider, { code_challenge: challenge, code_challenge_method: 'S256' });
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      ...provider.confidential,
    });
    expect(response.status).toBe(200);
  });

  it('PKCE downgrade: a code issued for a challenge is refused without the verifier', async () => {
    const { challenge } = pkcePair();
    const code = await codeFromConfidentialFlow(provider, { code_challenge: challenge, code_challenge_method: 'S256' });
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...provider.confidential,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('a wrong verifier is refused, and the code cannot be tried again', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFromConfidentialFlow(provider, { code_challenge: challenge, code_challenge_method: 'S256' });
    const wrong = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
      ...provider.confidential,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid grant: code verifier is invalid' });

    const right = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      ...provider.confidential,
    });
    expect(right.status).toBe(400);
    expect(right.body.error).toBe('invalid_grant');
  });

  it('a verifier for a code that had no challenge is refused', async () => {
    const code = await codeFromConfidentialFlow(provider);
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
      ...provider.confidential,
    });
    expect(response.body.error).toBe('invalid_grant');
  });

  it.each([
    ['a different redirect_uri', `${REDIRECT_URI}x`],
    ['an empty redirect_uri', ''],
  ])('refuses %s at token time, and the code is spent', async (_case, redirectUri) => {
    const code = await codeFromConfidentialFlow(provider);
    const mismatch = await token(provider, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...provider.confidential });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe('invalid_grant');
    const retry = await token(provider, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...provider.confidential });
    expect(retry.body.error).toBe('invalid_grant');
  });

  it('a code works once; replaying it also revokes the tokens it produced', async () => {
    const code = await codeFromConfidentialFlow(provider);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...provider.confidential };
    const first = await token(provider, form);
    expect(first.status).toBe(200);
    expect((await whoami(provider, first.body.access_token)).status).toBe(200);

    const replay = await token(provider, form);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await whoami(provider, first.body.access_token)).status).toBe(401);
    const refresh = await token(provider, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      ...provider.confidential,
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('an expired code is refused', async () => {
    const code = await codeFromConfidentialFlow(provider);
    provider.db.prepare('UPDATE oauth_authorization_codes SET expires_at = ?').run(new Date(Date.now() - 1000).toISOString());
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...provider.confidential,
    });
    expect(response.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid grant: authorization code has expired' });
  });

  it('a code can only be redeemed by the client it was issued to', async () => {
    const other = createOAuthClient(provider.db, {
      studioId: provider.studioId,
      name: 'Other',
      redirectUris: [REDIRECT_URI],
      confidential: true,
    });
    const code = await codeFromConfidentialFlow(provider);
    const response = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: other.client_id,
      client_secret: other.client_secret!,
    });
    expect(response.body.error).toBe('invalid_grant');
  });

  it('a confidential client must authenticate: a wrong or missing secret is invalid_client', async () => {
    const code = await codeFromConfidentialFlow(provider);
    const wrongSecret = await token(provider, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: provider.confidential.client_id,
      client_secret: 'scs_wrong',
    });
    expect(wrongSecret).toMatchObject({ status: 400, body: { error: 'invalid_client' } });

    const { verifier, challenge } = pkcePair();
    const pkceCode = await codeFromConfidentialFlow(provider, { code_challenge: challenge, code_challenge_method: 'S256' });
    const verifierOnly = await token(provider, {
      grant_type: 'authorization_code',
      code: pkceCode,
      redirect_uri: REDIRECT_URI,
      client_id: provider.confidential.client_id,
      code_verifier: verifier,
    });
    expect(verifierOnly).toMatchObject({ status: 400, body: { error: 'invalid_client' } });

    const basic = Buffer.from(`${provider.confidential.client_id}:scs_wrong`).toString('base64');
    const wrongBasic = await token(
      provider,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: `Basic ${basic}` },
    );
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('answers malformed requests with RFC 6749 errors', async () => {
    expect(await token(provider, { grant_type: 'urn:example:magic', ...provider.confidential })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token(provider, { grant_type: 'password', username: EMAIL, password: PASSWORD, ...provider.confidential })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token(provider, { grant_type: 'client_credentials', ...provider.confidential })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token(provider, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, ...provider.confidential })).toMatchObject(
      {
        status: 400,
        body: { error: 'invalid_request', error_description: 'Missing parameter: `code`' },
      },
    );

    const repeated = await provider.send({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=authorization_code&code=a&code=b',
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toMatchObject({ error: 'invalid_request' });

    const json = await provider.send({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'authorization_code' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ error: 'invalid_request' });

    const xml = await provider.send({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error: 'invalid_request' });

    const text = await provider.send({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('never echoes a secret, code or verifier in an error', async () => {
    const { challenge } = pkcePair();
    const code = await codeFromConfidentialFlow(provider, { code_challenge: challenge, code_challenge_method: 'S256' });
    const badVerifier = pkcePair().verifier;
    const responses = [
      await token(provider, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: badVerifier,
        ...provider.confidential,
      }),
      await token(provider, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: provider.confidential.client_id,
        client_secret: 'scs_leak_me',
      }),
      await token(provider, { grant_type: 'refresh_token', refresh_token: 'srt_leak_me', ...provider.confidential }),
    ];
    const malformedJson = await provider.send({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"client_secret": "scs_leak_me", "refresh_token": srt_leak_me}',
    });
    expect(malformedJson.json()).toMatchObject({ error: 'invalid_request' });
    responses.push({ status: malformedJson.statusCode, raw: malformedJson.body } as (typeof responses)[number]);
    for (const response of responses) {
      expect(response.status).toBe(400);
      for (const secret of [code, badVerifier, provider.confidential.client_secret, 'scs_leak_me', 'srt_leak_me'])
        expect(response.raw).not.toContain(secret);
    }
  });
});

describe('refresh tokens', () => {
  it('rotate on every use: each refresh returns a new pair that works', async () => {
    const first = await tokensFor(provider);
    const second = await token(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...provider.confidential });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect((await whoami(provider, second.body.access_token)).status).toBe(200);

    const third = await token(provider, {
      grant_type: 'refresh_token',
      refresh_token: String(second.body.refresh_token),
      ...provider.confidential,
    });
    expect(third.status).toBe(200);
  });

  it('two refreshes with the same token at the same moment both get working tokens (the grace period)', async () => {
    const first = await tokensFor(provider);
    const refresh = () => token(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...provider.confidential });
    const [a, b] = await Promise.all([refresh(), refresh()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // And one a moment later (a Zap run that read the old token before the rotation landed).
    const c = await refresh();
    expect(c.status).toBe(200);
    for (const pair of [a, b, c]) expect((await whoami(provider, String(pair.body.access_token))).status).toBe(200);
    const next = await token(provider, {
      grant_type: 'refresh_token',
      refresh_token: String(a.body.refresh_token),
      ...provider.confidential,
    });
    expect(next.status).toBe(200);
  });

  it('reusing a refresh token after its grace period revokes the whole family', async () => {
    const first = await tokensFor(provider);
    const second = await token(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...provider.confidential });
    expect(second.status).toBe(200);
    agePastGrace(provider.db, first.refresh_token);

    const replay = await token(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...provider.confidential });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    expect((await whoami(provider, first.access_token)).status).toBe(401);
    expect((await whoami(provider, second.body.access_token)).status).toBe(401);
    const latest = await token(provider, {
      grant_type: 'refresh_token',
      refresh_token: String(second.body.refresh_token),
      ...provider.confidential,
    });
    expect(latest).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('with no grace period, a second use at once is already reuse', async () => {
    const strict = await startProvider(3600, 0);
    try {
      const first = await tokensFor(strict);
      const refresh = () => token(strict, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...strict.confidential });
      expect((await refresh()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await refresh()).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    } finally {
      await strict.app.close();
      strict.db.close();
    }
  });

  it('revoking one family leaves the studio’s other connections working', async () => {
    const victim = await tokensFor(provider);
    const bystander = await tokensFor(provider);
    await token(provider, { grant_type: 'refresh_token', refresh_token: victim.refresh_token, ...provider.confidential });
    await token(provider, { grant_type: 'refresh_token', refresh_token: victim.refresh_token, ...provider.confidential });
    expect((await whoami(provider, bystander.access_token)).status).toBe(200);
  });

  it('belong to the client they were issued to, which must authenticate', async () => {
    const first = await tokensFor(provider);
    const other = createOAuthClient(provider.db, {
      studioId: provider.studioId,
      name: 'Other',
      redirectUris: [REDIRECT_URI],
      confidential: true,
    });
    expect(
      await token(provider, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: other.client_id,
        client_secret: other.client_secret!,
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(
      await token(provider, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: provider.confidential.client_id,
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_client' },
    });
    // Neither failed attempt used the token up.
    expect(
      (await token(provider, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...provider.confidential })).status,
    ).toBe(200);
  });

  it('a public client refreshes with its client_id alone', async () => {
    const { verifier, challenge } = pkcePair();
    const redirect = await approvedRedirect(provider, {
      client_id: provider.publicClientId,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const issued = await token(provider, {
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      client_id: provider.publicClientId,
      code_verifier: verifier,
    });
    const refreshed = await token(provider, {
      grant_type: 'refresh_token',
      refresh_token: String(issued.body.refresh_token),
      client_id: provider.publicClientId,
    });
    expect(refreshed.status).toBe(200);
  });
});

describe('access tokens', () => {
  it('expire after the configured lifetime, and the refresh token then gets a new one', async () => {
    await provider.app.close();
    provider.db.close();
    provider = await startProvider(1);
    const tokens = await tokensFor(provider);
    expect(tokens.expires_in).toBe(1);
    expect((await whoami(provider, tokens.access_token)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await whoami(provider, tokens.access_token)).status).toBe(401);

    const refreshed = await token(provider, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...provider.confidential });
    expect(refreshed.status).toBe(200);
    expect((await whoami(provider, refreshed.body.access_token)).status).toBe(200);
  });

  it('are stored only as hashes', async () => {
    const tokens = await tokensFor(provider);
    const dump = JSON.stringify([
      provider.db.prepare('SELECT * FROM oauth_access_tokens').all(),
      provider.db.prepare('SELECT * FROM oauth_refresh_tokens').all(),
      provider.db.prepare('SELECT * FROM oauth_authorization_codes').all(),
      provider.db.prepare('SELECT * FROM oauth_clients').all(),
    ]);
    for (const secret of [tokens.access_token, tokens.refresh_token, provider.confidential.client_secret])
      expect(dump).not.toContain(secret);
  });
});
