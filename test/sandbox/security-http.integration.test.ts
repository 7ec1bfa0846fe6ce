// The sandbox's security rules over HTTP, each as the attack that found it: guessing a
// password through fresh consent pages and the console, sign-ins hammered while the API must
// keep answering, a login CSRF and a session swap from a page on another port of 127.0.0.1,
// subscriptions past the cap and deliveries past the concurrency bound, a body trickled a
// byte at a time, studio creation in production mode, and a forged Host header on the OAuth
// metadata. Every server is on 127.0.0.1 port 0; nothing is sent anywhere else.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_FAILED_SIGN_INS } from '../../sandbox/console/sign-in-limit.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { DEFAULT_REDIRECT_URI } from '../../sandbox/store/studios.js';
import { MAX_CONCURRENT_DELIVERIES, MAX_HOOKS_PER_STUDIO } from '../../sandbox/events/webhooks.js';
import { createTestStudio } from '../support/index.js';

const started: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});
async function sandboxWith(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  started.push(sandbox);
  return sandbox;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const csrfOf = (html: string) => /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (response: Response) => response.headers.getSetCookie()[0]?.split(';')[0] ?? '';

/** One consent page: its cookie and CSRF token. */
async function consentPage(url: string, clientId: string) {
  const query = new URLSearchParams({ client_id: clientId, redirect_uri: DEFAULT_REDIRECT_URI, response_type: 'code', state: 's' });
  const page = await fetch(`${url}/oauth/authorize?${query}`, { redirect: 'manual' });
  expect(page.status).toBe(200);
  return { cookie: cookieOf(page), csrf: csrfOf(await page.text()) };
}

async function approve(url: string, page: { cookie: string; csrf: string }, email: string, password: string) {
  return fetch(`${url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie },
    body: form({ csrf_token: page.csrf, email, password, decision: 'approve' }),
  });
}

async function consoleSignIn(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  const page = await fetch(`${url}/console/sign-in`, { redirect: 'manual' });
  const cookie = cookieOf(page);
  const answer = await fetch(`${url}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: form({ csrf_token: csrfOf(await page.text()), email, password }),
  });
  return { answer, cookie: cookieOf(answer) || cookie };
}

describe('password guessing', () => {
  it('a fresh consent page buys no more guesses: after the limit even the right password is refused, and the console shares the count', async () => {
    const sandbox = await sandboxWith();
    const studio = await createTestStudio(sandbox.url);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt += 1) {
      // A new page (one unauthenticated GET) for every guess.
      const wrong = await approve(
        sandbox.url,
        await consentPage(sandbox.url, studio.client_id),
        studio.user_email.toUpperCase(),
        `wrong-${attempt}`,
      );
      expect(wrong.status).toBe(400);
    }
    const right = await approve(sandbox.url, await consentPage(sandbox.url, studio.client_id), studio.user_email, studio.user_password);
    expect(right.status).toBe(429);
    expect(right.headers.get('location')).toBeNull();
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The console sees the same pause for the same account.
    const console = await consoleSignIn(sandbox.url, ` ${studio.user_email} `, studio.user_password);
    expect(console.answer.status).toBe(429);
  });

  it('guesses spread over the console and the consent page add up to one limit', async () => {
    const sandbox = await sandboxWith();
    const studio = await createTestStudio(sandbox.url);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS - 2; attempt += 1) {
      expect((await consoleSignIn(sandbox.url, studio.user_email, `wrong-${attempt}`)).answer.status).toBe(400);
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(
        (await approve(sandbox.url, await consentPage(sandbox.url, studio.client_id), studio.user_email, `wrong-${attempt}`)).status,
      ).toBe(400);
    }
    expect(
      (await approve(sandbox.url, await consentPage(sandbox.url, studio.client_id), studio.user_email, studio.user_password)).status,
    ).toBe(429);
  });

  it('the API keeps answering while sign-ins are hammered, and sign-ins past the queue are told when to come back', async () => {
    const sandbox = await sandboxWith({ signInQueue: { maxConcurrent: 1, maxQueued: 4 } });
    const studio = await createTestStudio(sandbox.url);
    const finished: string[] = [];
    const guesses = Array.from({ length: 12 }, (_, i) =>
      consoleSignIn(sandbox.url, `guess${i}@example.com`, 'guess').then(({ answer }) => {
        finished.push('sign-in');
        return answer;
      }),
    );
    // Once the guesses are queued on the server, /v1/me goes ahead of the hashes still waiting.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const me = await studio.api('GET', '/v1/me');
    finished.push('me');
    const answers = await Promise.all(guesses);
    expect(me.status).toBe(200);
    expect(finished.indexOf('me')).toBeLessThan(finished.length - 2);
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status === 400).length).toBeGreaterThan(0);
  });
});

describe('console sessions against a page on another port of 127.0.0.1', () => {
  let attacker: Server;
  let attackerOrigin: string;
  beforeAll(async () => {
    // Stands for the other site: only its origin is used (the browser would send it as Origin).
    attacker = createServer((_request, response) => response.end('<form method="post"></form>'));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  it('a login form posted from the other port is refused, even with a cookie and token of its own', async () => {
    const sandbox = await sandboxWith();
    const studio = await createTestStudio(sandbox.url);
    // The other page got a real sign-in form (its own GET) and posts it into the victim's browser.
    const page = await fetch(`${sandbox.url}/console/sign-in`);
    const body = form({ csrf_token: csrfOf(await page.text()), email: studio.user_email, password: studio.user_password });
    const answer = await fetch(`${sandbox.url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieOf(page),
        origin: attackerOrigin,
        'sec-fetch-site': 'same-site',
      },
      body,
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.getSetCookie()).toEqual([]);
  });

  it('a session id the client chose is never honoured, and the CSRF token cannot be derived from the cookie', async () => {
    const sandbox = await sandboxWith();
    const studio = await createTestStudio(sandbox.url);
    const chosen = `studio_console=css_${'A'.repeat(43)}`;
    const page = await fetch(`${sandbox.url}/console/sign-in`, { headers: { cookie: chosen } });
    const issued = cookieOf(page);
    expect(issued).toMatch(/^studio_console=css_/);
    expect(issued).not.toBe(chosen);
    // Signing in with the planted value and any token: refused.
    const { createHmac } = await import('node:crypto');
    const derived = createHmac('sha256', chosen.split('=')[1]!).update('studio-console-csrf').digest('base64url');
    const planted = await fetch(`${sandbox.url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: chosen },
      body: form({ csrf_token: derived, email: studio.user_email, password: studio.user_password }),
    });
    expect(planted.status).toBe(403);
    // The real sign-in rotates the id: the one before sign-in is worth nothing after it.
    const signedIn = await consoleSignIn(sandbox.url, studio.user_email, studio.user_password);
    expect(signedIn.answer.status).toBe(303);
    expect(csrfOf(await (await fetch(`${sandbox.url}/console/jobs`, { headers: { cookie: signedIn.cookie } })).text())).not.toBe(
      createHmac('sha256', signedIn.cookie.split('=')[1]!).update('studio-console-csrf').digest('base64url'),
    );
  });

  it('a second session cookie planted for a narrower path switches nobody: the request is refused and the cookie cleared', async () => {
    const sandbox = await sandboxWith();
    const victim = await createTestStudio(sandbox.url, { name: 'Victim Studio' });
    const other = await createTestStudio(sandbox.url, { name: 'Attacker Studio' });
    const victimSession = (await consoleSignIn(sandbox.url, victim.user_email, victim.user_password)).cookie;
    const attackerSession = (await consoleSignIn(sandbox.url, other.user_email, other.user_password)).cookie;
    // The browser sends the cookie set for the longer path (/console/jobs, by the other port) first.
    const page = await fetch(`${sandbox.url}/console/jobs`, {
      redirect: 'manual',
      headers: { cookie: `${attackerSession}; ${victimSession}` },
    });
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).not.toContain('Attacker Studio');
    expect(text).not.toContain('Victim Studio');
    // Expired for every path it can have been planted for, not only the console's own.
    const cleared = page.headers.getSetCookie();
    for (const path of ['/', '/console', '/console/jobs'])
      expect(cleared).toContainEqual(expect.stringMatching(new RegExp(`^studio_console=; Path=${path};.*Max-Age=0`)));
  });
});

describe('webhook subscriptions', () => {
  it(`are capped at ${MAX_HOOKS_PER_STUDIO} per studio, with a code that says so`, async () => {
    const sandbox = await sandboxWith();
    const studio = await createTestStudio(sandbox.url);
    for (let i = 0; i < MAX_HOOKS_PER_STUDIO; i += 1) {
      expect((await studio.api('POST', '/v1/hooks', { target_url: `http://127.0.0.1:9/hook-${i}`, event: 'order.created' })).status).toBe(
        201,
      );
    }
    const over = await studio.api('POST', '/v1/hooks', { target_url: 'http://127.0.0.1:9/one-more', event: 'order.created' });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('subscription_limit_reached');
    expect(over.body.error.message).toContain(String(MAX_HOOKS_PER_STUDIO));
  });

  it(`one event to every subscription opens at most ${MAX_CONCURRENT_DELIVERIES} connections at once`, async () => {
    let open = 0;
    let peak = 0;
    let received = 0;
    const receiver = createServer((request, response) => {
      open += 1;
      peak = Math.max(peak, open);
      request.resume();
      setTimeout(() => {
        open -= 1;
        received += 1;
        response.writeHead(204).end();
      }, 150);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    started.push({ stop: () => new Promise<void>((resolve) => receiver.close(() => resolve())) });
    const sandbox = await sandboxWith({ webhookRetryDelaysMs: [] });
    const studio = await createTestStudio(sandbox.url, { seed: 'demo' });
    const port = (receiver.address() as AddressInfo).port;
    for (let i = 0; i < MAX_HOOKS_PER_STUDIO; i += 1)
      await studio.api('POST', '/v1/hooks', { target_url: `http://127.0.0.1:${port}/hook-${i}`, event: 'payment.received' });
    const { DEMO_IDS } = await import('../../sandbox/world/seed.js');
    expect((await studio.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: 1000 })).status).toBe(201);
    await sandbox.webhooksIdle();
    expect(received).toBe(MAX_HOOKS_PER_STUDIO);
    expect(peak).toBeLessThanOrEqual(MAX_CONCURRENT_DELIVERIES);
    expect(peak).toBeGreaterThan(1);
  });

  it('production mode refuses every private target by its address, without connecting', async () => {
    const sandbox = await sandboxWith({ mode: 'production' });
    const studio = await createTestStudio(sandbox.url).catch(() => null);
    // Studio creation is off in production mode: make one directly.
    expect(studio).toBeNull();
    const { createStudio } = await import('../../sandbox/store/studios.js');
    const made = createStudio(sandbox.context.db, { name: 'Prod', country: 'GB', currency: 'GBP' }, { tokenTtlSeconds: 600 });
    for (const target of [
      'https://[::127.0.0.1]/',
      'https://[::a9fe:a9fe]/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://[2002:a00:1::]/',
      'https://0x7f.1/',
      'https://localhost./',
    ]) {
      const answer = await fetch(`${sandbox.url}/v1/hooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${made.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ target_url: target, event: 'order.created' }),
      });
      expect(answer.status).toBe(422);
    }
  });
});

/** A raw connection to the sandbox; resolves with what it received once the server closes it (or after `limitMs`). */
function rawExchange(
  url: string,
  write: (socket: Socket) => void,
  limitMs: number,
): Promise<{ text: string; closedAfterMs: number | null }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const began = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedAfterMs: closed ? Date.now() - began : null });
    };
    const timer = setTimeout(() => finish(false), limitMs);
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => write(socket));
  });
}

describe('slow clients', () => {
  const timeouts = { headersMs: 800, requestMs: 1_500, checkEveryMs: 100 };

  it('a body trickled one byte at a time is cut off with a 408 when the request time is up', async () => {
    const sandbox = await sandboxWith({ timeouts });
    let timer: NodeJS.Timeout | undefined;
    const result = await rawExchange(
      sandbox.url,
      (socket) => {
        socket.write(
          'POST /_sandbox/studios HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
        );
        timer = setInterval(() => socket.writable && socket.write(' '), 300);
      },
      6_000,
    );
    clearInterval(timer);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(4_000);
    expect(result.text).toMatch(/^HTTP\/1\.1 408/);
  });

  it('headers that never finish are cut off too', async () => {
    const sandbox = await sandboxWith({ timeouts });
    let timer: NodeJS.Timeout | undefined;
    const result = await rawExchange(
      sandbox.url,
      (socket) => {
        socket.write('GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
      },
      6_000,
    );
    clearInterval(timer);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(4_000);
  });

  it('only a bounded number of bodies may be arriving at once; one more is told to come back', async () => {
    const sandbox = await sandboxWith({ timeouts: { ...timeouts, requestMs: 5_000, maxPendingBodies: 3 } });
    const { port } = new URL(sandbox.url);
    const slow = Array.from({ length: 3 }, () => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('POST /_sandbox/studios HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
      return socket;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const extra = await fetch(`${sandbox.url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'X', country: 'GB', currency: 'GBP' }),
    });
    // The pages' routes too: the same busy answer, not their "something went wrong".
    const page = await fetch(`${sandbox.url}/console/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a&password=b',
    });
    for (const socket of slow) socket.destroy();
    expect(page.status).toBe(503);
    expect(extra.status).toBe(503);
    expect(extra.headers.get('retry-after')).toBeTruthy();
    expect(((await extra.json()) as { error: { code: string } }).error.code).toBe('server_busy');
    // Once they are gone, bodies are accepted again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      (
        await fetch(`${sandbox.url}/_sandbox/studios`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Y', country: 'GB', currency: 'GBP' }),
        })
      ).status,
    ).toBe(201);
  });
});

describe('sandbox controls in production mode', () => {
  const create = (url: string, headers: Record<string, string> = {}, body: Record<string, unknown> = {}) =>
    fetch(`${url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name: 'P', country: 'GB', currency: 'GBP', ...body }),
    });

  it('studio creation is off without an admin token, needs it when there is one, and tells nobody else which emails exist', async () => {
    const off = await sandboxWith({ mode: 'production' });
    const refused = await create(off.url, {}, { user_email: 'owner@example.com' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sandbox_control_disabled');

    const adminToken = `adm_${'k'.repeat(40)}`;
    const on = await sandboxWith({ mode: 'production', adminToken });
    expect((await create(on.url, { authorization: `Bearer ${adminToken}` }, { user_email: 'owner@example.com' })).status).toBe(201);
    const guess = await create(on.url, {}, { user_email: 'owner@example.com' });
    expect(guess.status).toBe(401);
    expect(await guess.text()).not.toContain('email_taken');
    expect((await create(on.url, { authorization: 'Bearer wrong' }, { user_email: 'owner@example.com', scale: 100_000 })).status).toBe(401);
  });

  it('a large scale is seeded in steps: the API answers other requests meanwhile', async () => {
    const sandbox = await sandboxWith();
    const studio = await createTestStudio(sandbox.url);
    const order: string[] = [];
    const big = create(sandbox.url, {}, { scale: 1_500 }).then((answer) => {
      order.push('scale');
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const me = await studio.api('GET', '/v1/me');
    order.push('me');
    expect(me.status).toBe(200);
    expect((await big).status).toBe(201);
    expect(order).toEqual(['me', 'scale']);
  });
});

describe('the OAuth metadata', () => {
  function metadataWithHost(url: string, host: string): Promise<{ issuer: string; token_endpoint: string }> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: Number(port), path: '/.well-known/oauth-authorization-server', headers: { host } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(JSON.parse(text)));
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  it('names the configured issuer whatever Host the request carries', async () => {
    const configured = await sandboxWith({ issuer: 'https://studio.example.com' });
    const forged = await metadataWithHost(configured.url, 'evil.example');
    expect(forged.issuer).toBe('https://studio.example.com');
    expect(forged.token_endpoint).toBe('https://studio.example.com/oauth/token');
    const plain = await sandboxWith();
    expect((await metadataWithHost(plain.url, 'evil.example')).issuer).toBe(plain.url);
  });
});
