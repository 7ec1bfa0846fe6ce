// The sandbox console over HTTP, without a browser: sign-in with the studio's user, the session
// cookie and the CSRF token on every form, the pages' protections (CSP, no script, escaped
// output), and each button doing what its /_sandbox endpoint does and saying which event it fired.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatMoney } from '../../src/domain/currency.js';
import { splitOrder } from '../../src/domain/tax-split.js';
import { insertContact } from '../../sandbox/store/contacts.js';
import { startHookInbox, type HookInbox } from '../../sandbox/world/hook-inbox.js';
import { insertJob } from '../../sandbox/store/jobs.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { SIGN_IN_MISMATCH } from '../../sandbox/web/html.js';
import { useSandbox } from '../support/index.js';

const CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

interface Answer {
  status: number;
  location: string | null;
  headers: Headers;
  text: string;
}

/** A browser without a browser: one cookie jar, redirects not followed. */
function browser(base: string) {
  let cookie = '';
  const request = async (method: string, path: string, form?: Record<string, string>): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
    return { status: response.status, location: response.headers.get('location'), headers: response.headers, text: await response.text() };
  };
  return {
    get: (path: string) => request('GET', path),
    post: (path: string, form: Record<string, string>) => request('POST', path, form),
    cookie: () => cookie,
    forget: () => {
      cookie = '';
    },
  };
}
type Browser = ReturnType<typeof browser>;

const csrfOf = (page: Answer) => /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
/** Text as a browser shows it (the pages escape what they show). */
const unescapeHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const shown = (pattern: RegExp) => (page: Answer) => pattern.exec(page.text)?.slice(1).map(unescapeHtml) ?? null;
const flashOf = shown(/<div class="flash (\w+)" role="status">([^<]*)<\/div>/);
const checkOf = shown(/<div class="check (\w+)" role="status">([^<]*)<\/div>/);

describe('the sandbox console', () => {
  const sandbox = useSandbox();

  async function signedIn(): Promise<Browser & { csrf: string }> {
    const b = browser(sandbox.url);
    const form = await b.get('/console/sign-in');
    const answer = await b.post('/console/sign-in', {
      csrf_token: csrfOf(form),
      email: sandbox.studio.user_email,
      password: sandbox.studio.user_password,
      next: '/console/jobs',
    });
    expect(answer.status).toBe(303);
    return { ...b, csrf: csrfOf(await b.get('/console/jobs')) };
  }

  /** Presses a button: posts the form with the page's token, then follows to the page it lands on. */
  async function press(b: Browser & { csrf: string }, path: string, form: Record<string, string>): Promise<Answer> {
    const answer = await b.post(path, { csrf_token: b.csrf, ...form });
    expect(answer.status).toBe(303);
    return b.get(answer.location!.split('#')[0]!);
  }

  it('sends a signed-out visitor to sign in, and back to the page asked for after', async () => {
    const b = browser(sandbox.url);
    expect((await b.get('/')).location).toBe('/console/sign-in');
    const asked = await b.get('/console/orders');
    expect(asked.status).toBe(303);
    expect(asked.location).toBe('/console/sign-in?next=%2Fconsole%2Forders');

    const form = await b.get(asked.location!);
    expect(form.status).toBe(200);
    const anonymous = b.cookie();
    // A sign-in session of its own, issued by the server, for half an hour.
    expect(form.headers.get('set-cookie')).toMatch(/^studio_console=css_[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1800$/);

    const wrong = await b.post('/console/sign-in', {
      csrf_token: csrfOf(form),
      email: sandbox.studio.user_email,
      password: 'not-it',
      next: '/console/orders',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(SIGN_IN_MISMATCH);
    expect(wrong.text).toContain(`value="${sandbox.studio.user_email}"`);

    const right = await b.post('/console/sign-in', {
      csrf_token: csrfOf(wrong),
      email: sandbox.studio.user_email.toUpperCase(),
      password: sandbox.studio.user_password,
      next: '/console/orders',
    });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/console/orders');
    // Signing in replaces the browser's secret: one planted before sign-in is worth nothing.
    expect(b.cookie()).not.toBe(anonymous);
    expect((await b.get('/')).location).toBe('/console/jobs');
    expect((await b.get('/console/orders')).status).toBe(200);
  });

  it('pauses sign-in for an email after five wrong passwords, even with the right one, and says why and for how long', async () => {
    // Another studio's user, so the pause leaves this file's other sign-ins alone.
    const other = await sandbox.newStudio({ name: 'Paused Sign-In Studio' });
    const b = browser(sandbox.url);
    let page = await b.get('/console/sign-in');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      page = await b.post('/console/sign-in', { csrf_token: csrfOf(page), email: other.user_email, password: `wrong-${attempt}` });
      expect(page.status).toBe(400);
    }
    expect(page.text).toContain('0 attempts left before sign-in pauses.');
    const refused = await b.post('/console/sign-in', {
      csrf_token: csrfOf(page),
      email: other.user_email.toUpperCase(),
      password: other.user_password,
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(refused.text).toContain('Too many wrong passwords for');
    expect(refused.text).toContain('sign-in is paused for 15 more minutes');
    expect(refused.headers.get('set-cookie') ?? '').not.toMatch(/css_/);
  });

  it('never redirects a sign-in anywhere but a console page', async () => {
    const b = browser(sandbox.url);
    for (const next of ['https://evil.example/', '//evil.example/console/jobs', '/v1/me', '/console/../oauth/authorize']) {
      const form = await b.get(`/console/sign-in?next=${encodeURIComponent(next)}`);
      expect(form.text).toContain('name="next" value="/console/jobs"');
    }
  });

  it('refuses every form without the page’s CSRF token, and the sign-in without the cookie it was shown with', async () => {
    const b = await signedIn();
    const ordersBefore = (await sandbox.api('GET', '/v1/orders?limit=100')).body.data.length;
    const galleryBefore = (await sandbox.api('GET', `/v1/galleries/${DEMO_IDS.galleries.hartWedding}`)).body;
    const forms: Array<[string, Record<string, string>]> = [
      [
        '/console/orders',
        {
          client_first_name: 'Mallory',
          client_email: 'm@example.com',
          payment_status: 'paid',
          line1_description: 'Print',
          line1_unit_price: '1',
          line1_tax_rate: '20',
        },
      ],
      ['/console/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: '1.00' }],
      [`/console/galleries/${DEMO_IDS.galleries.hartWedding}/publish`, {}],
      [`/console/galleries/${DEMO_IDS.galleries.hartWedding}/images`, { count: '3' }],
      [`/console/galleries/${DEMO_IDS.galleries.hartEngagement}/visitors`, { email: 'mallory@example.com' }],
      [`/console/galleries/${DEMO_IDS.galleries.hartEngagement}/invites`, {}],
      ['/console/deliveries/resend', { hook_id: 'hook_x', event_id: 'evt_x' }],
      ['/console/sign-out', {}],
    ];
    for (const [path, form] of forms) {
      for (const token of [undefined, '', 'forged-token-forged-token-forged-token-1234']) {
        const refused = await b.post(path, token === undefined ? form : { ...form, csrf_token: token });
        expect([path, refused.status]).toEqual([path, 403]);
        expect(refused.text).toContain('This form has expired');
      }
    }
    expect((await sandbox.api('GET', '/v1/orders?limit=100')).body.data.length).toBe(ordersBefore);
    expect((await sandbox.api('GET', `/v1/galleries/${DEMO_IDS.galleries.hartWedding}`)).body).toEqual(galleryBefore);
    expect((await b.get('/console/jobs')).status).toBe(200); // the refused sign-out did nothing

    // Another browser's token is not this browser's.
    const other = await signedIn();
    expect((await b.post('/console/payments', { csrf_token: other.csrf, job_id: DEMO_IDS.jobs.hartWedding, amount: '1.00' })).status).toBe(
      403,
    );
    // A sign-in form's token only works with the cookie it was shown with.
    const shown = await browser(sandbox.url).get('/console/sign-in');
    const elsewhere = browser(sandbox.url);
    expect(
      (
        await elsewhere.post('/console/sign-in', {
          csrf_token: csrfOf(shown),
          email: sandbox.studio.user_email,
          password: sandbox.studio.user_password,
        })
      ).status,
    ).toBe(403);
  });

  it('serves every page under a strict CSP, with no script, no inline style, and its stylesheet from the sandbox', async () => {
    const b = await signedIn();
    for (const path of [
      '/console/sign-in',
      '/console/jobs',
      '/console/orders',
      `/console/orders/${DEMO_IDS.orders.hartAlbumCanvas}`,
      '/console/events',
      '/console/connections',
    ]) {
      const page = path === '/console/sign-in' ? await browser(sandbox.url).get(path) : await b.get(path);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.headers.get('content-security-policy')).toBe(CSP);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.text).not.toMatch(/<script|<style|<[^>]*\s(style|on\w+)=/i);
      expect(page.text).toContain('<link rel="stylesheet" href="/console/style.css">');
      // Every form carries the token.
      const forms = page.text.match(/<form /g)?.length ?? 0;
      expect(page.text.match(/name="csrf_token"/g)?.length ?? 0).toBe(forms);
    }
    const css = await b.get('/console/style.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('.check.ok');
    expect((await b.get('/console/orders/ord_nothing_here')).status).toBe(404);
  });

  it('shows a contact named <script> as text wherever it appears', async () => {
    const { db } = sandbox.sandbox.context;
    const contact = insertContact(db, sandbox.studio.studio_id, {
      first_name: '<script>alert(1)</script>',
      last_name: '"&\'',
      email: null,
      phone: null,
    });
    insertJob(db, sandbox.studio.studio_id, {
      name: '<img src=x onerror=alert(2)>',
      contact_id: contact.id,
      status: 'lead',
      job_type: null,
      event_date: null,
    });
    const b = await signedIn();
    const jobs = await b.get('/console/jobs');
    expect(jobs.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;');
    expect(jobs.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(jobs.text).not.toMatch(/<script>alert|<img src=x/);
  });

  it('shows "10 of 10 galleries" on a job at the limit', async () => {
    const jobId = DEMO_IDS.jobs.clarkeNewborn;
    for (let i = 1; i <= 10; i += 1) {
      const created = await sandbox.api('POST', '/v1/galleries', {
        name: `Clarke proofs ${i}`,
        brand_id: DEMO_IDS.brands.family,
        preset_id: DEMO_IDS.presets.proofing,
        job_id: jobId,
      });
      expect(created.status).toBe(201);
    }
    const page = await (await signedIn()).get('/console/jobs');
    const card = page.text.slice(page.text.indexOf(`id="${jobId}"`));
    expect(card.slice(0, card.indexOf('</section>'))).toContain('10 of 10 galleries');
  });

  it('records a payment, uploads images and publishes a gallery through the /_sandbox functions, saying which event each fired', async () => {
    const b = await signedIn();
    const paid = await press(b, '/console/payments', {
      job_id: DEMO_IDS.jobs.wilsonEngagement,
      amount: '450.00',
      method: 'bank_transfer',
      return_to: `/console/jobs#${DEMO_IDS.jobs.wilsonEngagement}`,
    });
    const [kind, text] = flashOf(paid)!;
    expect(kind).toBe('done');
    const eventId = /Fired payment\.received \((evt_\w+)\)\.$/.exec(text!)?.[1];
    expect(eventId).toBeDefined();
    const event = (await sandbox.api('GET', `/v1/events/${eventId}`)).body;
    expect(event.data).toMatchObject({
      job_id: DEMO_IDS.jobs.wilsonEngagement,
      amount: 45000,
      method: 'bank_transfer',
      is_first_payment: true,
    });
    expect(flashOf(await b.get('/console/jobs'))).toBeNull(); // shown once

    const gallery = DEMO_IDS.galleries.hartWedding;
    const returnTo = `/console/jobs#${DEMO_IDS.jobs.hartWedding}`;
    expect(flashOf(await press(b, `/console/galleries/${gallery}/images`, { count: '24', return_to: returnTo }))![1]).toBe(
      'Uploaded 24 images to "Amelia & Tom – Wedding": it has 24. Fired no event.',
    );
    const published = flashOf(await press(b, `/console/galleries/${gallery}/publish`, { return_to: returnTo }))![1]!;
    expect(published).toMatch(/^Published "Amelia & Tom – Wedding"\. Fired gallery\.published \(evt_\w+\)\.$/);
    expect((await sandbox.api('GET', `/v1/galleries/${gallery}`)).body).toMatchObject({ status: 'online', image_count: 24 });
    expect(flashOf(await press(b, `/console/galleries/${gallery}/publish`, { return_to: returnTo }))![1]).toBe(
      '"Amelia & Tom – Wedding" was already online. Fired no event.',
    );
  });

  it('registers a gallery visitor (once per email) and sends the client an invite, through the /_sandbox functions, saying which event each fired', async () => {
    const b = await signedIn();
    const gallery = DEMO_IDS.galleries.hartEngagement;
    const returnTo = `/console/jobs#${DEMO_IDS.jobs.hartWedding}`;
    const jobs = await b.get('/console/jobs');
    expect(jobs.text).toContain(`action="/console/galleries/${gallery}/visitors"`);
    expect(jobs.text).toContain('Send invite to amelia.hart@example.com');

    const registered = flashOf(
      await press(b, `/console/galleries/${gallery}/visitors`, { email: 'Grandma.Hart@example.com', return_to: returnTo }),
    )![1]!;
    const visitorEvent = new RegExp(
      `^Registered Grandma\\.Hart@example\\.com as a visitor of gallery ${gallery} \\(vis_\\w+\\)\\. Fired gallery\\.visitor_registered \\((evt_\\w+)\\)\\.$`,
    ).exec(registered)?.[1];
    expect(visitorEvent).toBeDefined();
    expect((await sandbox.api('GET', `/v1/events/${visitorEvent}`)).body.data).toMatchObject({
      gallery_id: gallery,
      email: 'Grandma.Hart@example.com',
      gallery: { id: gallery },
    });
    expect(
      flashOf(await press(b, `/console/galleries/${gallery}/visitors`, { email: 'grandma.hart@example.com', return_to: returnTo }))![1],
    ).toBe(`Grandma.Hart@example.com had already registered for gallery ${gallery}. Fired no event.`);

    const invited = flashOf(await press(b, `/console/galleries/${gallery}/invites`, { return_to: returnTo }))![1]!;
    expect(invited).toMatch(
      new RegExp(
        `^Invited amelia\\.hart@example\\.com to gallery ${gallery} \\(ginv_\\w+\\)\\. Fired gallery\\.invite_sent \\(evt_\\w+\\)\\.$`,
      ),
    );
  });

  it('places an order from the form as POST /_sandbox/orders would, and says what is wrong with one it refuses', async () => {
    const b = await signedIn();
    const form = {
      client_first_name: 'Oliver',
      client_last_name: 'Bennett',
      client_email: 'oliver.bennett@example.co.uk',
      client_phone: '',
      gallery_id: DEMO_IDS.galleries.bennettFamily,
      payment_status: 'awaiting_payment',
      prices_include_tax: 'false',
      tax_rounding: 'per_order',
      line1_description: 'Print 5×7',
      line1_quantity: '3',
      line1_unit_price: '3.33',
      line1_tax_rate: '20',
      line2_description: '',
      line2_unit_price: 'ignored: no description',
      discount: '1,000.00',
      shipping_amount: '',
    };
    // Refused: the page again (422), with what was typed and what to correct, nothing placed.
    const refused = await b.post('/console/orders', { csrf_token: b.csrf, ...form });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/The order was not placed\. Correct this field and place it again/);
    expect(refused.text).toMatch(/<a href="#discount">Discount<\/a>: .*more than the goods/);
    expect(refused.text).toContain('id="discount" name="discount" value="1,000.00" aria-invalid="true"');
    expect(refused.text).toContain('value="Print 5×7"');

    const page = await press(b, '/console/orders', { ...form, discount: '0.99', shipping_amount: '2.50', shipping_tax_rate: '0' });
    const orderId = /<span class="mono">(ord_\w+)<\/span>/.exec(page.text)![1]!;
    expect(flashOf(page)![1]).toMatch(new RegExp(`^Placed order ORD-\\d+ \\(${orderId}\\)\\. Fired order\\.created \\(evt_\\w+\\)\\.$`));
    const order = (await sandbox.api('GET', `/v1/orders/${orderId}`)).body;
    expect(order).toMatchObject({
      gallery_id: DEMO_IDS.galleries.bennettFamily,
      currency: 'GBP',
      prices_include_tax: false,
      payment_status: 'awaiting_payment',
      client: { first_name: 'Oliver', last_name: 'Bennett', email: 'oliver.bennett@example.co.uk', phone: null },
      lines: [{ description: 'Print 5×7', quantity: 3, unit_price: 333, tax_rate: '20', tax: null }],
      discount: 99,
      shipping: { amount: 250, tax_rate: '0', tax: null },
      totals: { goods: 999, discount: 99, shipping: 250, tax: 180, total: 1330 },
    });
    expect(page.text).toContain('GBP 13.30');
  });

  it('lists the orders booked from other apps by source app and reference, with their invoices', async () => {
    const b = await signedIn();
    const reference = `#console-${Date.now()}`;
    const invoice = {
      tax_rate: '20',
      currency: 'GBP',
      prices_include_tax: true,
      net: 7200,
      tax: 1440,
      total: 8640,
      status: 'paid',
      lines: [{ kind: 'goods', description: `Order ${reference}`, quantity: 1, amount: 8640, tax: 1440 }],
    };
    const booked = await sandbox.api('POST', '/v1/invoices', { ...invoice, source: { app: 'pic-time', reference } });
    expect(booked.status).toBe(201);
    const orders = await b.get('/console/orders');
    expect(orders.text).toContain('Orders from other apps');
    const row = orders.text.split('<tr>').find((r) => r.includes(reference))!;
    expect(row).toContain('pic-time');
    expect(row).toContain(`${booked.body.number} (20%: GBP 86.40, paid)`);
  });

  it('checks on the order’s page that its invoices add up to it: ✓, or the difference', async () => {
    const b = await signedIn();
    const orderId = DEMO_IDS.orders.hartAlbumCanvas;
    expect(checkOf(await b.get(`/console/orders/${orderId}`))).toEqual(['none', 'No invoices booked from this order yet.']);
    const order = (await sandbox.api('GET', `/v1/orders/${orderId}`)).body;
    for (const draft of splitOrder(order))
      expect((await sandbox.api('POST', '/v1/invoices', { ...draft, order_id: orderId })).status).toBe(201);
    const booked = await b.get(`/console/orders/${orderId}`);
    const tax = formatMoney(order.totals.tax, 'GBP');
    expect(checkOf(booked)).toEqual(['ok', `✓ The 2 invoices add up to the order: GBP 645.00 (tax ${tax}).`]);
    expect(booked.text).toContain('<h3>At 5%</h3>');
    expect(booked.text).toContain('<h3>At 10%</h3>');

    const extra = {
      tax_rate: '0',
      currency: 'GBP',
      prices_include_tax: true,
      net: 1,
      tax: 0,
      total: 1,
      status: 'open',
      lines: [{ kind: 'goods', description: 'Extra', quantity: 1, amount: 1, tax: 0 }],
      order_id: orderId,
    };
    expect((await sandbox.api('POST', '/v1/invoices', extra)).status).toBe(201);
    expect(checkOf(await b.get(`/console/orders/${orderId}`))).toEqual([
      'bad',
      `✗ The invoices come to GBP 645.01 (tax ${tax}), the order to GBP 645.00 (tax ${tax}): a difference of GBP 0.01 (tax GBP 0.00).`,
    ]);
  });

  it('shows the tax per rate with the rounding line of a gallery that rounds once per order', async () => {
    const placed = await sandbox.api('POST', '/_sandbox/orders', {
      currency: 'GBP',
      prices_include_tax: false,
      payment_status: 'paid',
      tax_rounding: 'per_order',
      client: { email: 'r@example.com', first_name: 'R' },
      lines: [
        { description: 'A', quantity: 1, unit_price: 5, tax_rate: '10' },
        { description: 'B', quantity: 1, unit_price: 5, tax_rate: '10' },
      ],
    });
    // Per line: 0.5 → 1 each, 2 in all; once per order: 1.0 → 1.
    expect(placed.body.totals.tax).toBe(1);
    const page = await (await signedIn()).get(`/console/orders/${placed.body.id}`);
    expect(page.text).toContain(
      '<tr class="rounding"><td>rounding (as charged)</td><td class="num">GBP 0.00</td><td class="num">GBP -0.01</td><td class="num">GBP -0.01</td></tr>',
    );
  });

  describe('events and webhooks', () => {
    let inbox: HookInbox;
    beforeAll(async () => {
      inbox = await startHookInbox();
    });
    afterAll(async () => {
      await inbox?.close();
    });

    it('lists the subscription and each signed attempt, and Resend delivers the event once more', async () => {
      expect((await sandbox.api('POST', '/v1/hooks', { target_url: inbox.url, event: 'payment.received' })).status).toBe(201);
      const b = await signedIn();
      const paid = await press(b, '/console/payments', {
        job_id: DEMO_IDS.jobs.shahMaternity,
        amount: '10.00',
        return_to: '/console/jobs',
      });
      const eventId = /\((evt_\w+)\)\.$/.exec(flashOf(paid)![1]!)![1]!;
      await sandbox.webhooksIdle();
      const events = await b.get('/console/events');
      expect(events.text).toContain(`<td class="mono">${inbox.url}</td>`);
      const attempts = (page: Answer) => page.text.split('<tr>').filter((row) => row.includes(eventId) && row.includes(inbox.url));
      expect(attempts(events)).toHaveLength(1);
      expect(attempts(events)[0]).toMatch(/delivered.*<td class="num">200<\/td>.*✓ present/s);
      expect(events.text).not.toContain('whsec_');

      const resent = await press(b, '/console/deliveries/resend', {
        hook_id: /name="hook_id" value="(hook_\w+)"/.exec(attempts(events)[0]!)![1]!,
        event_id: eventId,
      });
      expect(flashOf(resent)![1]).toContain(`Resending ${eventId}`);
      await sandbox.webhooksIdle();
      const after = attempts(await b.get('/console/events'));
      expect(after).toHaveLength(2);
      expect(after[0]).toMatch(/<td class="num">2<\/td>/);
      const received = inbox.deliveries.filter((d) => (d.cleanedRequest as { id: string }).id === eventId);
      expect(received).toHaveLength(2);
      expect(received[1]!.rawRequest.headers['Http-Webhook-Signature']).toMatch(/^v1,/);

      expect(flashOf(await press(b, '/console/deliveries/resend', { hook_id: 'hook_gone', event_id: eventId }))).toEqual([
        'error',
        expect.stringContaining('nothing to resend'),
      ]);
    });

    it('sums up a contact’s change (the fields it changed) and a new invoice in the event list', async () => {
      expect(
        (await sandbox.api('PATCH', `/v1/contacts/${DEMO_IDS.contacts.priya}`, { city: 'Leeds', notes: 'Prefers mornings.' })).status,
      ).toBe(200);
      const invoice = await sandbox.api('POST', '/v1/invoices', {
        contact_id: DEMO_IDS.contacts.priya,
        tax_rate: '20',
        currency: 'GBP',
        prices_include_tax: true,
        net: 1000,
        tax: 200,
        total: 1200,
        status: 'open',
        lines: [{ kind: 'goods', description: 'Print', quantity: 1, amount: 1200, tax: 200 }],
      });
      expect(invoice.status).toBe(201);
      const events = await (await signedIn()).get('/console/events');
      expect(events.text).toMatch(/<code>contact\.updated<\/code><\/td><td>Priya Shah: city, notes changed<\/td>/);
      expect(events.text).toContain(`<code>invoice.created</code></td><td>invoice ${invoice.body.number}, GBP 12.00 at 20%, open</td>`);
    });
  });

  it('shows the OAuth clients and token families with their state, and never a secret or a token', async () => {
    const studio = await sandbox.newStudio({ name: 'Connections Studio' });
    const refresh = (token: string) =>
      fetch(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: studio.client_id,
          client_secret: studio.client_secret,
        }).toString(),
      });
    const rotated = (await (await refresh(studio.refresh_token)).json()) as { access_token: string; refresh_token: string };
    expect(rotated.refresh_token).toBeDefined();

    const b = browser(sandbox.url);
    const form = await b.get('/console/sign-in');
    await b.post('/console/sign-in', { csrf_token: csrfOf(form), email: studio.user_email, password: studio.user_password });
    const active = await b.get('/console/connections');
    expect(active.text).toContain(studio.client_id);
    expect(active.text).toContain('confidential (secret stored as a hash)');
    expect(active.text).toMatch(/badge ok">active<\/span> <span class="badge ">rotated 1×/);

    // The first refresh token again, long after its grace period: the family is revoked.
    const db = sandbox.sandbox.context.db;
    db.prepare('UPDATE oauth_refresh_tokens SET used_at = ? WHERE used_at IS NOT NULL').run('2000-01-01T00:00:00.000Z');
    expect((await refresh(studio.refresh_token)).status).toBe(400);
    const revoked = await b.get('/console/connections');
    expect(revoked.text).toContain('a refresh token it had already rotated was used again');
    for (const secret of [
      studio.client_secret,
      studio.access_token,
      studio.refresh_token,
      rotated.access_token,
      rotated.refresh_token,
      studio.user_password,
    ]) {
      expect(revoked.text).not.toContain(secret);
    }
    // Only this studio's connections.
    expect(revoked.text).not.toContain(sandbox.studio.client_id);
  });

  it('signs out only with the page’s token, and then every page asks to sign in again', async () => {
    const b = await signedIn();
    const out = await b.post('/console/sign-out', { csrf_token: b.csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^studio_console=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect((await b.get('/console/jobs')).location).toMatch(/^\/console\/sign-in/);
  });
});
