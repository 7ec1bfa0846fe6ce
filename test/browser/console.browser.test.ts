// The sandbox console in a real browser: a person signs in with the studio's user, places an
// order through the form, sees its event and its signed delivery to a local receiver, runs
// Import Order through the real app (Zapier's handler), and sees on the order's page that the
// invoices add up. Every page loads without a console error or a CSP violation, a form
// another site posts without the page's CSRF token is refused, and a contact named <script> is only text.
//
// Each page's screenshot is saved under test-results/console/ (git-ignored; CI keeps the
// workspace of a failed run). Needs the Debian `chromium` package; without it this file skips
// itself with one clear line, unless REQUIRE_BROWSER=1 (CI), where a missing browser fails.
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import importOrder from '../../src/orders/import_order.js';
import { insertContact } from '../../sandbox/contacts.js';
import { startHookInbox, type HookInbox } from '../../sandbox/hook-inbox.js';
import { insertJob } from '../../sandbox/jobs.js';
import { DEMO_IDS } from '../../sandbox/seed.js';
import { escapeHtml } from '../../sandbox/web/html.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const SCREENSHOTS = resolve('test-results/console');
const appTester = zapier.createAppTester(App);

describeInBrowser('the sandbox console in a real browser', () => {
  let sandbox: TestSandbox;
  let inbox: HookInbox;
  let launched: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: BrowserContext;
  /** Console errors (CSP violations among them) and uncaught errors of every page opened. */
  let problems: string[];

  beforeAll(async () => {
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    sandbox = await startTestSandbox();
    inbox = await startHookInbox();
    const hook = await sandbox.api('POST', '/v1/hooks', { target_url: inbox.url, event: 'order.created' });
    expect(hook.status).toBe(201);
    launched = await launchBrowser();
    browser = launched.context;
  }, 60_000);

  // Each test starts signed out, with no page open: none leans on what another left.
  beforeEach(async () => {
    problems = [];
    await browser.clearCookies();
    await Promise.all(browser.pages().map((page) => page.close()));
  });

  afterAll(async () => {
    await launched?.close();
    await inbox?.close();
    await sandbox?.stop();
    process.stderr.write(`Console screenshots: ${SCREENSHOTS}/\n`);
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`${page.url()}: a script opened a ${dialog.type()} dialog`);
      void dialog.dismiss();
    });
    return page;
  }

  /** Opens the console at / and signs in as the demo studio's user. */
  async function signIn(page: Page): Promise<void> {
    await page.goto(`${sandbox.url}/`);
    await page.waitForURL(/\/console\/sign-in/);
    await page.getByLabel('Email').fill(sandbox.studio.user_email);
    await page.getByLabel('Password').fill(sandbox.studio.user_password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/jobs$/);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  }

  it('signs in with the studio’s user, and every page loads without a console error or a CSP violation', async () => {
    const page = await newPage();
    await page.goto(`${sandbox.url}/`);
    await page.waitForURL(/\/console\/sign-in/);
    await shoot(page, 'sign-in');
    // A typo first: the same words as the consent page, the email kept.
    await page.getByLabel('Email').fill(sandbox.studio.user_email);
    await page.getByLabel('Password').fill(`${sandbox.studio.user_password}x`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('That email and password don’t match a Studio account.');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(sandbox.studio.user_email);
    // The refused sign-in is a 400, which Chromium logs as a failed load: expected, and the only one.
    expect(problems).toEqual([expect.stringContaining('status of 400')]);
    problems = [];
    await page.getByLabel('Password').fill(sandbox.studio.user_password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/jobs$/);

    const pages = [
      { name: 'jobs', path: '/console/jobs', heading: 'Jobs' },
      { name: 'orders', path: '/console/orders', heading: 'Orders' },
      { name: 'order', path: `/console/orders/${DEMO_IDS.orders.bennettPrints}`, heading: /^Order ORD-/ },
      { name: 'events', path: '/console/events', heading: 'Events & webhooks' },
      { name: 'connections', path: '/console/connections', heading: 'Connections' },
    ];
    for (const { name, path, heading } of pages) {
      const response = await page.goto(`${sandbox.url}${path}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: heading }).isVisible()).resolves.toBe(true);
      // The stylesheet applied (served from the sandbox under style-src 'self').
      await expect(page.evaluate('getComputedStyle(document.body).margin')).resolves.toBe('0px');
      await shoot(page, name);
    }
    await expect(page.getByText('Sandbox console').first().isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);

  it('places an order through the form, delivers its event to a local receiver, and shows Import Order’s invoices adding up', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${sandbox.url}/console/orders`);
    await page.getByLabel('Gallery', { exact: true }).selectOption(DEMO_IDS.galleries.hartEngagement);
    await page.getByLabel('Line 3 description').fill('Canvas 60×40 cm');
    await page.getByLabel('Line 3 unit price').fill('85.00');
    await page.getByLabel('Line 3 tax rate (%)').fill('10');
    await page.getByLabel('Discount').fill('10.00');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/console\/orders\/ord_/);
    const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const flash = await page.getByRole('status').first().textContent();
    expect(flash).toMatch(/^Placed order ORD-\d+ \(ord_[0-9a-f]+\)\. Fired order\.created \(evt_[0-9a-f]+\)\.$/);
    await expect(page.locator('.check').textContent()).resolves.toBe('No invoices booked from this order yet.');

    // The event went to the receiver, signed, and the console shows the attempt.
    const delivery = await inbox.waitFor((body) => (body as { data?: { id?: string } }).data?.id === orderId);
    expect(delivery.rawRequest.headers['Http-Webhook-Signature']).toMatch(/^v1,/);
    await sandbox.webhooksIdle();
    const eventId = /\((evt_[0-9a-f]+)\)/.exec(flash!)![1]!;
    await page.goto(`${sandbox.url}/console/events`);
    const attempt = page.locator('tr', { hasText: eventId }).filter({ hasText: inbox.url });
    await expect(attempt.count()).resolves.toBe(1);
    await expect(attempt.textContent()).resolves.toMatch(/delivered.*200.*✓ present/s);
    await expect(page.locator('tr', { hasText: eventId }).filter({ hasText: 'order.created' }).count()).resolves.toBeGreaterThanOrEqual(2);

    // Resend: a second attempt, to the same receiver.
    await attempt.getByRole('button', { name: 'Resend' }).click();
    await page.waitForURL(/\/console\/events$/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(`Resending ${eventId}`);
    await sandbox.webhooksIdle();
    await page.reload();
    await expect(page.locator('tr', { hasText: eventId }).filter({ hasText: inbox.url }).count()).resolves.toBe(2);
    expect(inbox.deliveries.filter((d) => (d.cleanedRequest as { id?: string }).id === eventId)).toHaveLength(2);

    // The app books the invoices, through Zapier's handler, while the console is open.
    const imported = (await appTester(importOrder.operation.perform as never, { authData: sandbox.authData, inputData: { order_id: orderId } })) as Record<string, any>;
    expect(imported.invoice_count).toBe(3);
    await page.goto(`${sandbox.url}/console/orders/${orderId}`);
    const check = await page.locator('.check').textContent();
    expect(check).toMatch(/^✓ The 3 invoices add up to the order: GBP [\d,.]+ \(tax GBP [\d,.]+\)\.$/);
    expect(check).toContain(`GBP ${(imported.invoices_total / 100).toFixed(2)}`);
    for (const rate of ['0', '10', '20']) await expect(page.getByRole('heading', { name: `At ${rate}%` }).isVisible()).resolves.toBe(true);
    await shoot(page, 'order-invoiced');
    await page.goto(`${sandbox.url}/console/orders`);
    await expect(page.locator('tr', { hasText: orderId }).textContent()).resolves.toContain('✓ 3');
    expect(problems).toEqual([]);
  }, 90_000);

  it('refuses a form another site posts without the page’s CSRF token, signed in or not', async () => {
    const page = await newPage();
    await signIn(page);
    const ordersBefore = (await sandbox.api('GET', '/v1/orders?limit=100')).body.data.length;
    const order = { client_first_name: 'Mallory', client_email: 'mallory@example.com', payment_status: 'paid', line1_description: 'Print', line1_quantity: '1', line1_unit_price: '1.00', line1_tax_rate: '20' };
    const forms: Array<[string, Record<string, string>]> = [
      ['/console/orders', order],
      ['/console/orders', { ...order, csrf_token: 'forged-token-forged-token-forged-token-1234' }],
      ['/console/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: '1.00' }],
      ['/console/sign-out', {}],
    ];
    // Another origin on the same machine (the same site, so the browser does send the cookie).
    const attacker = await startAttacker(sandbox.url);
    try {
      for (const [path, fields] of forms) {
        await expect(attacker.submit(page, path, fields)).resolves.toBe(403);
        // Refused as a form from another site (another port is another origin), before its token is even read.
        await expect(page.getByRole('heading', { name: 'This form came from another site' }).isVisible()).resolves.toBe(true);
      }
      expect((await sandbox.api('GET', '/v1/orders?limit=100')).body.data.length).toBe(ordersBefore);
      // Still signed in: the refused sign-out did nothing.
      await expect(page.goto(`${sandbox.url}/console/jobs`).then((response) => response?.status())).resolves.toBe(200);
      expect(page.url()).toMatch(/\/console\/jobs$/);

      await browser.clearCookies();
      await expect(attacker.submit(page, '/console/sign-in', { email: sandbox.studio.user_email, password: sandbox.studio.user_password })).resolves.toBe(403);
    } finally {
      await attacker.close();
    }
    // The refusals are 403s, which Chromium logs as failed loads; nothing else went wrong.
    expect(problems.filter((problem) => !problem.includes('status of 403'))).toEqual([]);
  }, 60_000);

  it('shows a contact named <script> as text, running nothing', async () => {
    const { db } = sandbox.sandbox.context;
    const studioId = sandbox.studio.studio_id;
    const contact = insertContact(db, studioId, { first_name: '<script>alert(1)</script>', last_name: '<img src=x onerror=alert(2)>', email: null, phone: null });
    insertJob(db, studioId, { name: '"><b>Bold job</b>', contact_id: contact.id, status: 'lead', job_type: null, event_date: null });
    const page = await newPage();
    await signIn(page);
    await expect(page.getByText('<script>alert(1)</script> <img src=x onerror=alert(2)>', { exact: true }).count()).resolves.toBe(2); // the index and the job's card
    await expect(page.getByRole('heading', { name: '"><b>Bold job</b>' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('main b').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});

/** A page on another origin whose one button posts the given fields to the console (no script). */
async function startAttacker(consoleUrl: string): Promise<{ submit(page: Page, path: string, fields: Record<string, string>): Promise<number | undefined>; close(): Promise<void> }> {
  let form = '';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Win a prize</title>${form}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    async submit(page, path, fields) {
      const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
      form = `<form method="post" action="${escapeHtml(consoleUrl + path)}">${inputs.join('')}<button>Claim</button></form>`;
      await page.goto(`http://127.0.0.1:${port}/`);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url() === consoleUrl + path), page.getByRole('button', { name: 'Claim' }).click()]);
      await page.waitForLoadState();
      return response.status();
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections(); // the browser keeps its connection alive
      }),
  };
}
