// The console-session attacks the red team ran in Chromium, from a page on another port of
// 127.0.0.1 (another origin, the same site: the browser sends and accepts the console's
// cookies for it). The page plants cookies with its own Set-Cookie and posts forms with no
// script. (1) Login CSRF: it plants a sign-in session it got from the console itself, with that
// session's real CSRF token, and posts its own studio's credentials into a fresh browser.
// (2) Session swap: it plants its own signed-in session for a narrower path in a browser that
// is signed in, so the browser sends its cookie first. Neither signs anybody in or switches
// anybody's studio.
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { escapeHtml } from '../../sandbox/web/html.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { createTestStudio, startTestSandbox, type TestSandbox } from '../support/index.js';

const csrfOf = (html: string) => /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** What the attacker's server hands out next: a Set-Cookie to plant and a page. */
interface Bait {
  setCookie: string | null;
  html: string;
}

describeInBrowser('console sessions against a page on another port', () => {
  let sandbox: TestSandbox;
  let attackerStudio: Awaited<ReturnType<typeof createTestStudio>>;
  let launched: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: BrowserContext;
  let server: Server;
  let attackerUrl: string;
  let bait: Bait = { setCookie: null, html: '' };

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    attackerStudio = await createTestStudio(sandbox.url, { name: 'Attacker Studio' });
    server = createServer((request, response) => {
      // The cookie is planted once, with the page: Chromium asks for /favicon.ico on its own
      // time, and a cookie set again by that answer (after the console cleared it) would look
      // like a session the console failed to clear.
      if (request.url !== '/') {
        response.writeHead(404).end();
        return;
      }
      const plant = bait.setCookie;
      bait = { ...bait, setCookie: null };
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(plant ? { 'set-cookie': plant } : {}) });
      response.end(`<!doctype html><title>Win a prize</title>${bait.html}`);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    attackerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    launched = await launchBrowser();
    browser = launched.context;
  }, 60_000);

  beforeEach(async () => {
    await browser.clearCookies();
    await Promise.all(browser.pages().map((page) => page.close()));
  });

  afterAll(async () => {
    await launched?.close();
    await new Promise<void>((done) => {
      server?.close(() => done());
      server?.closeAllConnections();
    });
    await sandbox?.stop();
  });

  /** The attacker's own sign-in session on the console, got server to server. */
  async function attackerSignInForm(): Promise<{ cookie: string; csrf: string }> {
    const page = await fetch(`${sandbox.url}/console/sign-in`);
    return { cookie: page.headers.getSetCookie()[0]!.split(';')[0]!, csrf: csrfOf(await page.text()) };
  }

  it('login CSRF: a planted sign-in session with its real token, posted from the other port, signs the browser into nothing', async () => {
    const form = await attackerSignInForm();
    const fields = {
      csrf_token: form.csrf,
      email: attackerStudio.user_email,
      password: attackerStudio.user_password,
      next: '/console/jobs',
    };
    bait = {
      setCookie: `${form.cookie}; Path=/; HttpOnly; SameSite=Lax`,
      html: `<form method="post" action="${escapeHtml(`${sandbox.url}/console/sign-in`)}">${Object.entries(fields)
        .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
        .join('')}<button>Claim</button></form>`,
    };
    const page = await browser.newPage();
    await page.goto(attackerUrl);
    // The plant took: the browser now holds the attacker's cookie for the console's host.
    expect((await browser.cookies(sandbox.url)).map((c) => `${c.name}=${c.value}`)).toContain(form.cookie);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${sandbox.url}/console/sign-in`),
      page.getByRole('button', { name: 'Claim' }).click(),
    ]);
    expect(answer.status()).toBe(403);
    // Not signed in as anybody: the console asks to sign in.
    await page.goto(`${sandbox.url}/console/jobs`);
    expect(page.url()).toMatch(/\/console\/sign-in/);
    await expect(page.content()).resolves.not.toContain('Attacker Studio');
  }, 60_000);

  it('session swap: a second, signed-in session cookie planted for a narrower path switches nobody to the other studio', async () => {
    const page = await browser.newPage();
    // The victim signs in as themself.
    await page.goto(`${sandbox.url}/console/sign-in`);
    await page.getByLabel('Email').fill(sandbox.studio.user_email);
    await page.getByLabel('Password').fill(sandbox.studio.user_password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/jobs$/);
    // The attacker signs in to its own studio and plants that session for /console/jobs.
    const form = await attackerSignInForm();
    const signedIn = await fetch(`${sandbox.url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
      body: new URLSearchParams({
        csrf_token: form.csrf,
        email: attackerStudio.user_email,
        password: attackerStudio.user_password,
      }).toString(),
    });
    expect(signedIn.status).toBe(303);
    const attackerSession = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    bait = { setCookie: `${attackerSession}; Path=/console/jobs; HttpOnly; SameSite=Lax`, html: '<p>Nothing to see</p>' };
    await page.goto(attackerUrl);
    expect((await browser.cookies(`${sandbox.url}/console/jobs`)).filter((c) => c.name === 'studio_console')).toHaveLength(2);

    const answer = await page.goto(`${sandbox.url}/console/jobs`);
    expect(answer?.status()).toBe(400);
    const html = await page.content();
    expect(html).not.toContain('Attacker Studio');
    await expect(page.getByRole('heading', { name: 'This browser holds two console sessions' }).isVisible()).resolves.toBe(true);
    // Both cookies are gone, the planted one too: the next visit asks to sign in, in no studio.
    // (Chromium applies a response's Set-Cookie headers to its store on its own time: under
    // load a read straight after the navigation can still see the old ones, so it is polled.)
    const liveSessions = async () =>
      (await browser.cookies(`${sandbox.url}/console/jobs`)).filter((c) => c.name === 'studio_console' && c.value !== '');
    for (let waited = 0; (await liveSessions()).length > 0 && waited < 5_000; waited += 100)
      await new Promise((done) => setTimeout(done, 100));
    expect(await liveSessions()).toEqual([]);
    await page.goto(`${sandbox.url}/console/jobs`);
    expect(page.url()).toMatch(/\/console\/sign-in/);
    await expect(page.content()).resolves.not.toContain('Attacker Studio');
  }, 60_000);
});
