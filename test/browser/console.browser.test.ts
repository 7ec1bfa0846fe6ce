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
import importOrder from '../../src/orders/import_order.js';
import { insertContact } from '../../sandbox/store/contacts.js';
import { startHookInbox, type HookInbox } from '../../sandbox/world/hook-inbox.js';
import { insertJob } from '../../sandbox/store/jobs.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { escapeHtml } from '../../sandbox/web/html.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startTestSandbox, type TestSandbox, runOperation } from '../support/index.js';

const SCREENSHOTS = resolve('test-results/console');

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
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
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
    const imported = (await runOperation(importOrder.operation.perform, {
      authData: sandbox.authData,
      inputData: { order_id: orderId },
    })) as Record<string, any>;
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

  it('says what each of the eight kinds of event was, in the studio’s time zone, with Resend in view at 1280 px', async () => {
    // One event of each type, now, so all eight lead the stream.
    const api = sandbox.api;
    const ok = async (answer: Promise<{ status: number; body: any }>) => {
      const { status, body } = await answer;
      expect([200, 201]).toContain(status);
      return body;
    };
    const contact = await ok(
      api('POST', '/v1/contacts', { first_name: 'Ines', last_name: 'Whatley', email: `ines.${Date.now()}@example.com` }),
    );
    const job = await ok(api('POST', '/v1/jobs', { contact_id: contact.id, name: 'Whatley Portraits', job_type: 'Portrait' }));
    await ok(api('PATCH', `/v1/jobs/${job.id}`, { stage_id: 'stg_booked' }));
    await ok(api('POST', '/_sandbox/payments', { job_id: job.id, amount: 12000 }));
    const gallery = DEMO_IDS.galleries.hartEngagement;
    await ok(api('POST', `/_sandbox/galleries/${gallery}/unpublish`));
    await ok(api('POST', `/_sandbox/galleries/${gallery}/publish`));
    await ok(
      api('POST', `/_sandbox/galleries/${gallery}/visitors`, {
        email: `grandma.${Date.now()}@example.com`,
        first_name: 'Rose',
        last_name: 'Hart',
      }),
    );
    await ok(api('POST', `/_sandbox/galleries/${gallery}/invites`, {}));
    const order = await ok(
      api('POST', '/_sandbox/orders', {
        gallery_id: gallery,
        currency: 'GBP',
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart', phone: null },
        lines: [{ description: 'Print', quantity: 1, unit_price: 1500, tax_rate: '20' }],
      }),
    );
    await sandbox.webhooksIdle();

    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page);
    await page.goto(`${sandbox.url}/console/events`);
    const stream = page.locator('section[aria-labelledby="events-title"] tbody tr');
    type Cells = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
    const rows = await stream.evaluateAll((trs: unknown[]) =>
      (trs as Cells[]).map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')),
    );
    const what = (type: string) => rows.find((cells) => cells[1] === type)?.[2];
    expect({
      'order.created': what('order.created'),
      'payment.received': what('payment.received'),
      'gallery.published': what('gallery.published'),
      'gallery.visitor_registered': what('gallery.visitor_registered'),
      'gallery.invite_sent': what('gallery.invite_sent'),
      'contact.created': what('contact.created'),
      'job.created': what('job.created'),
      'job.stage_changed': what('job.stage_changed'),
    }).toEqual({
      'order.created': `order ${order.number}, GBP 15.00, paid`,
      'payment.received': 'GBP 120.00 on job "Whatley Portraits" (first payment)',
      'gallery.published': expect.stringMatching(/^"Amelia & Tom – Engagement" online with \d+ images$/),
      'gallery.visitor_registered': expect.stringMatching(
        /^Rose Hart \(grandma\.\d+@example\.com\) registered to view "Amelia & Tom – Engagement"$/,
      ),
      'gallery.invite_sent': expect.stringMatching(/ invited to view "Amelia & Tom – Engagement"$/),
      'contact.created': `contact Ines Whatley (${contact.email})`,
      'job.created': `job "Whatley Portraits" (lead, Inquiry) for Ines Whatley (${contact.email})`,
      'job.stage_changed': 'job "Whatley Portraits" moved from Inquiry to Booked',
    });
    // Times in the studio's zone (Europe/London), never raw UTC.
    for (const cells of rows) expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (GMT|BST)$/);

    // Resend: inside the window and inside the table's scroll area, without scrolling it.
    const resend = page.getByRole('button', { name: 'Resend' }).first();
    const [button, wrap] = await Promise.all([
      resend.boundingBox(),
      page.locator('section[aria-labelledby="deliveries-title"] .table-wrap').boundingBox(),
    ]);
    expect(button!.x + button!.width).toBeLessThanOrEqual(Math.min(1280, wrap!.x + wrap!.width));
    await expect(
      page.locator('section[aria-labelledby="deliveries-title"] .table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth),
    ).resolves.toBe(true);
    await shoot(page, 'events-1280');
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows another studio’s events in its own time zone (Asia/Tokyo)', async () => {
    const tokyo = await sandbox.newStudio({ name: 'Shibuya Light', country: 'JP', currency: 'JPY', timezone: 'Asia/Tokyo' });
    const contact = (await tokyo.api('POST', '/v1/contacts', { first_name: 'Yui', last_name: 'Sato', email: 'yui.sato@example.jp' })).body;
    const [event] = (await tokyo.api('GET', '/v1/events?type=contact.created&limit=1')).body.data;
    expect(event.data.id).toBe(contact.id);
    const tokyoTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(event.created_at),
    );
    const page = await newPage();
    await page.goto(`${sandbox.url}/console/sign-in`);
    await page.getByLabel('Email').fill(tokyo.user_email);
    await page.getByLabel('Password').fill(tokyo.user_password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/jobs$/);
    await page.goto(`${sandbox.url}/console/events`);
    const row = page.locator('tr', { hasText: event.id });
    await expect(row.locator('td').first().textContent()).resolves.toBe(`${tokyoTime} GMT+9`);
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('contact Yui Sato (yui.sato@example.jp)');
    await shoot(page, 'events-tokyo');
    expect(problems).toEqual([]);
  }, 60_000);

  it('gives an order form it refuses back with what was typed and each problem in words', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${sandbox.url}/console/orders`);
    await page.getByLabel('First name').fill('Zoë');
    await page.getByLabel('Last name').fill('Brontë');
    await page.getByLabel('Email').fill('zoe.bronte@example.com');
    for (const n of [1, 2, 3, 4]) await page.getByLabel(`Line ${n} description`).fill('');
    await page.getByLabel('Discount').fill('2.50');
    await page.getByLabel('Payment').selectOption('awaiting_payment');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/console/orders') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Place order' }).click(),
    ]);
    expect(response.status()).toBe(422);
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(
      /The order was not placed\. Correct this field and place it again \(what you typed is kept\):\s*Lines: give at least one line a description/,
    );
    await expect(alert.textContent()).resolves.not.toMatch(/Too small|expected array|>=1/);
    // What was typed is still there, and the field to fix is marked.
    await expect(page.getByLabel('First name').inputValue()).resolves.toBe('Zoë');
    await expect(page.getByLabel('Last name').inputValue()).resolves.toBe('Brontë');
    await expect(page.getByLabel('Discount').inputValue()).resolves.toBe('2.50');
    await expect(page.getByLabel('Payment').inputValue()).resolves.toBe('awaiting_payment');
    await expect(page.getByLabel('Line 1 description').getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot(page, 'order-form-refused');
    // Chromium logs the 422 as a failed load: expected, and the only problem.
    expect(problems.filter((problem) => !problem.includes('status of 422'))).toEqual([]);
  }, 60_000);

  it('refuses a form another site posts without the page’s CSRF token, signed in or not', async () => {
    const page = await newPage();
    await signIn(page);
    const ordersBefore = (await sandbox.api('GET', '/v1/orders?limit=100')).body.data.length;
    const order = {
      client_first_name: 'Mallory',
      client_email: 'mallory@example.com',
      payment_status: 'paid',
      line1_description: 'Print',
      line1_quantity: '1',
      line1_unit_price: '1.00',
      line1_tax_rate: '20',
    };
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
      await expect(
        attacker.submit(page, '/console/sign-in', { email: sandbox.studio.user_email, password: sandbox.studio.user_password }),
      ).resolves.toBe(403);
    } finally {
      await attacker.close();
    }
    // The refusals are 403s, which Chromium logs as failed loads; nothing else went wrong.
    expect(problems.filter((problem) => !problem.includes('status of 403'))).toEqual([]);
  }, 60_000);

  it('shows a contact named <script> as text, running nothing', async () => {
    const { db } = sandbox.sandbox.context;
    const studioId = sandbox.studio.studio_id;
    const contact = insertContact(db, studioId, {
      first_name: '<script>alert(1)</script>',
      last_name: '<img src=x onerror=alert(2)>',
      email: null,
      phone: null,
    });
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
async function startAttacker(
  consoleUrl: string,
): Promise<{ submit(page: Page, path: string, fields: Record<string, string>): Promise<number | undefined>; close(): Promise<void> }> {
  let form = '';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Win a prize</title>${form}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    async submit(page, path, fields) {
      const inputs = Object.entries(fields).map(
        ([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
      );
      form = `<form method="post" action="${escapeHtml(consoleUrl + path)}">${inputs.join('')}<button>Claim</button></form>`;
      await page.goto(`http://127.0.0.1:${port}/`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === consoleUrl + path),
        page.getByRole('button', { name: 'Claim' }).click(),
      ]);
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
