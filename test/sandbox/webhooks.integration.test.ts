// Webhooks as a receiver sees them: each event POSTed to every subscription of its type,
// signed over "timestamp.body" with the subscription's secret, the body identical to what
// GET /v1/events lists; failures retried with backoff; a 410 ends the subscription.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { StudioEvent } from '../../src/contract/index.js';
import { Webhook } from 'standardwebhooks';
import { verifyDelivery } from '../../src/hooks/signature.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { useSandbox } from '../support/index.js';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver on 127.0.0.1: records each delivery and answers with the scripted statuses (then 200). */
class Receiver {
  readonly deliveries: Delivery[] = [];
  private readonly scripts = new Map<string, Array<number | { status: number; headers: Record<string, string> }>>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.deliveries.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const next = this.scripts.get(path)?.shift() ?? 200;
        const { status, headers } = typeof next === 'number' ? { status: next, headers: {} } : next;
        response.writeHead(status, { 'Content-Type': 'text/plain', ...headers }).end(status < 300 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(path: string, ...statuses: Array<number | { status: number; headers: Record<string, string> }>): void {
    this.scripts.set(path, statuses);
  }

  at(path: string): Delivery[] {
    return this.deliveries.filter((d) => d.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The Standard Webhooks headers of a delivery, as verifyDelivery takes them. */
const signed = (delivery: Delivery) => ({
  id: delivery.headers['webhook-id'] as string,
  signature: delivery.headers['webhook-signature'] as string,
  timestamp: delivery.headers['webhook-timestamp'] as string,
});

const sandbox = useSandbox({ webhookRetryDelaysMs: [20, 40, 80] });
const receiver = new Receiver();
beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});
afterEach(async () => {
  await sandbox.webhooksIdle();
});

async function subscribe(path: string, event: string): Promise<{ id: string; secret: string }> {
  const response = await sandbox.api('POST', '/v1/hooks', { target_url: `${receiver.url}${path}`, event });
  expect(response.status).toBe(201);
  return response.body;
}

const order = {
  gallery_id: DEMO_IDS.galleries.hartEngagement,
  currency: 'GBP',
  prices_include_tax: true,
  payment_status: 'paid',
  client: { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart', phone: null },
  lines: [{ description: 'Canvas', quantity: 1, unit_price: 18000, tax_rate: '10' }],
};

describe('webhook deliveries', () => {
  it('a placed order is delivered signed, with the body GET /v1/events lists', async () => {
    const hook = await subscribe('/orders', 'order.created');
    const placed = await sandbox.api('POST', '/_sandbox/orders', order);
    await sandbox.webhooksIdle();

    const [delivery] = receiver.at('/orders');
    expect(delivery).toBeDefined();
    expect(delivery!.headers['content-type']).toBe('application/json');
    const check = verifyDelivery({ secret: hook.secret, rawBody: delivery!.body, ...signed(delivery!) });
    expect(check).toEqual({ ok: true });
    // Another secret, or a body changed by one character, does not verify.
    expect(verifyDelivery({ secret: 'whsec_d3Jvbmcgd3Jvbmcgd3Jvbmc=', rawBody: delivery!.body, ...signed(delivery!) }).ok).toBe(false);
    expect(verifyDelivery({ secret: hook.secret, rawBody: delivery!.body.replace('18000', '18001'), ...signed(delivery!) }).ok).toBe(false);
    // Standard Webhooks: the secret is whsec_ + base64, and webhook-id is the event's id.
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(delivery!.headers['webhook-id']).toBe(JSON.parse(delivery!.body).id);
    // The reference library, which nobody on this project wrote, accepts the delivery as sent.
    expect(new Webhook(hook.secret).verify(delivery!.body, delivery!.headers as Record<string, string>)).toEqual(
      JSON.parse(delivery!.body),
    );

    const event = StudioEvent.parse(JSON.parse(delivery!.body));
    expect(event.type).toBe('order.created');
    // The order, with its gallery embedded as it was when the order was placed.
    const gallery = (await sandbox.api('GET', `/v1/galleries/${placed.body.gallery_id}`)).body;
    expect(event.data).toEqual({ ...placed.body, gallery });
    const listed = (await sandbox.api('GET', '/v1/events?type=order.created&limit=1')).body.data[0];
    expect(JSON.stringify(listed)).toBe(delivery!.body);
  });

  it('every subscription of the event type gets its own signed copy; other types get nothing', async () => {
    const first = await subscribe('/published-a', 'gallery.published');
    const second = await subscribe('/published-b', 'gallery.published');
    await subscribe('/payments-only', 'payment.received');
    await sandbox.api('POST', `/_sandbox/galleries/${DEMO_IDS.galleries.hartWedding}/publish`);
    await sandbox.webhooksIdle();

    const a = receiver.at('/published-a');
    const b = receiver.at('/published-b');
    expect([a.length, b.length, receiver.at('/payments-only').length]).toEqual([1, 1, 0]);
    expect(a[0]!.body).toBe(b[0]!.body);
    expect(a[0]!.headers['webhook-signature']).not.toBe(b[0]!.headers['webhook-signature']);
    for (const [delivery, hook] of [
      [a[0]!, first],
      [b[0]!, second],
    ] as const) {
      expect(verifyDelivery({ secret: hook.secret, rawBody: delivery.body, ...signed(delivery) }).ok).toBe(true);
    }
  });

  it('a failed delivery is retried with backoff until the receiver accepts it', async () => {
    await subscribe('/flaky', 'payment.received');
    receiver.answer('/flaky', 500, 503);
    const started = Date.now();
    await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.shahMaternity, amount: 4000 });
    await sandbox.webhooksIdle();

    const attempts = receiver.at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((d) => d.body)).size).toBe(1); // the same event each time
    expect(new Set(attempts.map((d) => d.headers['webhook-id'])).size).toBe(1); // so a receiver drops repeats
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40);
    const log = (await sandbox.api('GET', '/_sandbox/deliveries')).body.data.slice(0, 3).reverse();
    expect(log.map((d: { attempt: number; status: number; outcome: string }) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 503, 'retrying'],
      [3, 200, 'delivered'],
    ]);
  });

  it('waits at least as long as a 429 or 503 Retry-After asks, and the log shows when the next try is due', async () => {
    await subscribe('/busy', 'payment.received');
    receiver.answer('/busy', { status: 429, headers: { 'Retry-After': '1' } }, { status: 503, headers: { 'Retry-After': '1' } });
    await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.shahMaternity, amount: 4100 });
    await sandbox.webhooksIdle();

    const log = (await sandbox.api('GET', '/_sandbox/deliveries')).body.data.slice(0, 3).reverse() as Array<{
      attempt: number;
      status: number;
      outcome: string;
      created_at: string;
      next_retry_at: string | null;
      duration_ms: number;
    }>;
    expect(log.map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 429, 'retrying'],
      [2, 503, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    // The schedule says 20 ms and 40 ms; the receiver said one second, and got it.
    for (const [before, after] of [
      [log[0]!, log[1]!],
      [log[1]!, log[2]!],
    ] as const) {
      expect(Date.parse(before.next_retry_at!) - Date.parse(before.created_at)).toBeGreaterThanOrEqual(1000);
      expect(Date.parse(after.created_at) - Date.parse(before.created_at)).toBeGreaterThanOrEqual(990);
    }
    expect(log[2]!.next_retry_at).toBeNull();
    for (const entry of log) expect(entry.duration_ms).toEqual(expect.any(Number));
  });

  it('gives up after the last retry, and an unreachable receiver counts as a failure', async () => {
    await subscribe('/down', 'payment.received');
    receiver.answer('/down', 500, 500, 500, 500);
    const unreachable = await sandbox.api('POST', '/v1/hooks', {
      target_url: 'http://127.0.0.1:9/nobody-listens',
      event: 'payment.received',
    });
    await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.shahMaternity, amount: 1000 });
    await sandbox.webhooksIdle();

    expect(receiver.at('/down')).toHaveLength(4); // first attempt + 3 retries
    const log = (await sandbox.api('GET', '/_sandbox/deliveries?limit=100')).body.data;
    const toNobody = log.filter((d: { hook_id: string }) => d.hook_id === unreachable.body.id);
    expect(toNobody).toHaveLength(4);
    expect(toNobody[0]).toMatchObject({ outcome: 'failed', status: null });
    expect(toNobody[0].error).toEqual(expect.any(String));
    await sandbox.api('DELETE', `/v1/hooks/${unreachable.body.id}`);
  });

  it('a 410 Gone from the receiver removes the subscription', async () => {
    const hook = await subscribe('/gone', 'order.created');
    receiver.answer('/gone', 410);
    await sandbox.api('POST', '/_sandbox/orders', order);
    await sandbox.webhooksIdle();
    expect(receiver.at('/gone')).toHaveLength(1); // no retry after 410
    expect((await sandbox.api('DELETE', `/v1/hooks/${hook.id}`)).status).toBe(404);

    await sandbox.api('POST', '/_sandbox/orders', order);
    await sandbox.webhooksIdle();
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  it('an unsubscribed hook receives nothing more', async () => {
    const hook = await subscribe('/unsubscribed', 'order.created');
    expect((await sandbox.api('DELETE', `/v1/hooks/${hook.id}`)).status).toBe(204);
    await sandbox.api('POST', '/_sandbox/orders', order);
    await sandbox.webhooksIdle();
    expect(receiver.at('/unsubscribed')).toHaveLength(0);
  });
});
