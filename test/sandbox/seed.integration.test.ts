// The demo studio is the same every time, shows what the integration is for, and adds up;
// --scale N adds N contacts and 10 × N orders quickly.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { OAUTH_SCOPES } from '../../src/api/config.js';
import { Order, Page } from '../../src/contract/index.js';
import { splitOrder } from '../../src/domain/tax-split.js';
import { openDatabase } from '../../sandbox/store/db.js';
import { DEMO_IDS, DEMO_STUDIO, seedDemo, seedScale } from '../../sandbox/world/seed.js';
import { createStudio } from '../../sandbox/store/studios.js';
import { type TestStudio, useSandbox } from '../support/index.js';

const sandbox = useSandbox();
let twin: TestStudio;
beforeAll(async () => {
  twin = await sandbox.newStudio({ name: 'Northlight Photography', seed: 'demo' });
});

const LISTS = [
  '/v1/contacts',
  '/v1/jobs',
  '/v1/shoots',
  '/v1/galleries',
  '/v1/brands',
  '/v1/gallery-presets',
  '/v1/orders',
  '/v1/payments',
  '/v1/events',
];

async function everything(studio: TestStudio): Promise<Record<string, unknown>> {
  const lists: Record<string, unknown> = {};
  for (const path of LISTS) lists[path] = (await studio.api('GET', `${path}?limit=100`)).body;
  return lists;
}

describe('the demo seed', () => {
  it('is deterministic: two demo studios hold identical data, ids and timestamps included', async () => {
    const a = await everything(sandbox);
    expect(await everything(twin)).toEqual(a);
    expect(JSON.stringify(a)).toContain(DEMO_IDS.orders.hartAlbumCanvas);
  });

  it('is Northlight Photography in GBP, every order priced including tax', async () => {
    const me = (await sandbox.api('GET', '/v1/me')).body;
    expect(me.studio).toMatchObject({ name: DEMO_STUDIO.name, currency: 'GBP', country: 'GB' });
    const orders = (await sandbox.api('GET', '/v1/orders?limit=100')).body.data as Order[];
    expect(orders.every((o) => o.currency === 'GBP' && o.prices_include_tax)).toBe(true);
  });

  it('has two contacts with the same name, and contacts reachable only by phone', async () => {
    expect((await sandbox.api('GET', '/v1/contacts?name=james%20wilson')).body.data).toHaveLength(2);
    const priya = (await sandbox.api('GET', `/v1/contacts/${DEMO_IDS.contacts.priya}`)).body;
    expect(priya.email).toBeNull();
  });

  it('has confirmed, completed, enquiry and cancelled shoots, and galleries online and offline', async () => {
    const shoots = (await sandbox.api('GET', '/v1/shoots?limit=100')).body.data as Array<{ status: string }>;
    expect(new Set(shoots.map((s) => s.status))).toEqual(new Set(['confirmed', 'completed', 'enquiry', 'cancelled']));
    const galleries = (await sandbox.api('GET', '/v1/galleries?limit=100')).body.data as Array<{
      status: string;
      image_count: number;
      published_at: string | null;
    }>;
    expect(new Set(galleries.map((g) => g.status))).toEqual(new Set(['online', 'offline']));
    for (const g of galleries.filter((g) => g.status === 'online')) expect(g.published_at).not.toBeNull();
  });

  it('has orders at several tax rates, including the album 5% + canvas 10% order, and each order adds up', async () => {
    const orders = Page(Order).parse((await sandbox.api('GET', '/v1/orders?limit=100')).body).data;
    const rates = new Set(orders.flatMap((o) => o.lines.map((l) => l.tax_rate)));
    expect(rates).toEqual(new Set(['0', '5', '10', '20']));
    const albumCanvas = orders.find((o) => o.id === DEMO_IDS.orders.hartAlbumCanvas)!;
    expect(albumCanvas.lines.map((l) => l.tax_rate)).toEqual(['5', '10']);
    for (const order of orders) {
      const drafts = splitOrder(order);
      expect(order.totals.total).toBe(drafts.reduce((sum, d) => sum + d.total, 0));
      expect(order.totals.total).toBe(order.totals.goods - order.totals.discount + order.totals.shipping);
    }
    expect(orders.map((o) => o.number).sort()).toEqual(['ORD-1001', 'ORD-1002', 'ORD-1003', 'ORD-1004', 'ORD-1005']);
  });

  it('has one event per seeded order, publish, payment, visitor and invite', async () => {
    const events = (await sandbox.api('GET', '/v1/events?limit=100')).body.data as Array<{ type: string }>;
    const count = (type: string) => events.filter((e) => e.type === type).length;
    // Four publishes: three galleries online now, and James Wilson's, published then taken offline.
    expect([count('order.created'), count('gallery.published'), count('payment.received')]).toEqual([5, 4, 5]);
    // Four visitors of the online galleries; four invites, Amelia's twice.
    expect([count('gallery.visitor_registered'), count('gallery.invite_sent')]).toEqual([4, 4]);
  });

  it('embeds each past event’s related records (a payment’s job and contact, an order’s gallery)', async () => {
    const events = (await sandbox.api('GET', '/v1/events?limit=100')).body.data as Array<{ type: string; data: Record<string, unknown> }>;
    for (const event of events.filter((e) => e.type === 'payment.received')) {
      expect(event.data.job).toMatchObject({ id: event.data.job_id });
      expect(event.data.contact).toMatchObject({ id: event.data.contact_id });
    }
    for (const event of events.filter((e) => ['order.created', 'gallery.visitor_registered', 'gallery.invite_sent'].includes(e.type))) {
      expect(event.data.gallery).toMatchObject({ id: event.data.gallery_id });
    }
  });

  it('embeds the records as they were at the time of each past event', async () => {
    const event = async (id: string) => (await sandbox.api('GET', `/v1/events/${id}`)).body as { data: Record<string, any> };
    // Amelia's deposit came months before her galleries were linked to the job.
    expect((await event(`evt_${DEMO_IDS.payments.hartDeposit}`)).data.job).toMatchObject({ id: DEMO_IDS.jobs.hartWedding, galleries: [] });
    expect((await sandbox.api('GET', `/v1/jobs/${DEMO_IDS.jobs.hartWedding}`)).body.galleries).toHaveLength(2);
    // James Wilson's gallery is offline now, but was online when it was published.
    expect((await event(`evt_${DEMO_IDS.galleries.wilsonHeadshots}_published`)).data).toMatchObject({
      status: 'online',
      job_ids: [DEMO_IDS.jobs.wilsonHeadshots],
    });
  });

  it('has the jobs’ past in the pipeline: each came in as an Inquiry, and its last move is the stage it is in', async () => {
    const events = (await sandbox.api('GET', '/v1/events?limit=100')).body.data as Array<{
      type: string;
      data: { id: string; stage: { id: string } | null; change?: { from_stage: { id: string } | null; to_stage: { id: string } } };
    }>;
    const contacts = events.filter((e) => e.type === 'contact.created');
    expect(contacts.map((e) => e.data.id).sort()).toEqual(Object.values(DEMO_IDS.contacts).sort());
    for (const id of Object.values(DEMO_IDS.jobs)) {
      const job = (await sandbox.api('GET', `/v1/jobs/${id}`)).body as { stage: { id: string } };
      const created = events.filter((e) => e.type === 'job.created' && e.data.id === id);
      expect(created.map((e) => e.data.stage?.id)).toEqual(['stg_inquiry']);
      // Newest first: each move starts where the one before it (or the inquiry) ended.
      const moves = events.filter((e) => e.type === 'job.stage_changed' && e.data.id === id).reverse();
      let at = 'stg_inquiry';
      for (const move of moves) {
        expect(move.data.change!.from_stage?.id).toBe(at);
        at = move.data.change!.to_stage.id;
      }
      expect([id, at]).toEqual([id, job.stage.id]);
    }
  });
});

describe('scale seeding', () => {
  it('adds N contacts and 10 × N orders in one fast transaction, and they page like any other', () => {
    const db = openDatabase(':memory:');
    try {
      const studio = createStudio(db, { ...DEMO_STUDIO, seed: 'demo' }, { tokenTtlSeconds: 60, fill: (id) => seedDemo(db, id) });
      expect(studio.access_token).toBeTruthy();
      const started = performance.now();
      const added = seedScale(db, studio.studio_id, 2000);
      const elapsedMs = performance.now() - started;
      expect(added).toEqual({ contacts: 2000, orders: 20000 });
      // 20,000 orders in well under two seconds even on a busy machine (100,000 take ~3 s).
      expect(elapsedMs).toBeLessThan(4000);

      const count = (table: string) =>
        (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE studio_id = ?`).get(studio.studio_id) as { n: number }).n;
      expect(count('contacts')).toBe(2000 + 8);
      expect(count('orders')).toBe(20000 + 5);
      // Every scale order was placed, so each has its order.created event for New Order polls.
      const orderEvents = db
        .prepare("SELECT COUNT(*) AS n FROM events WHERE studio_id = ? AND type = 'order.created' AND id LIKE 'evt_ord_scale_%'")
        .get(studio.studio_id) as { n: number };
      expect(orderEvents.n).toBe(20000);
      const sample = db.prepare('SELECT body FROM orders WHERE studio_id = ? ORDER BY seq DESC LIMIT 50').all(studio.studio_id) as Array<{
        body: string;
      }>;
      for (const row of sample) {
        const order = Order.parse(JSON.parse(row.body));
        expect(order.totals.total).toBe(splitOrder(order).reduce((sum, d) => sum + d.total, 0));
      }
      // Order numbers continue after the scale block.
      const numbers = db.prepare("SELECT value FROM counters WHERE studio_id = ? AND name = 'order'").get(studio.studio_id) as {
        value: number;
      };
      expect(numbers.value).toBe(1000 + 5 + 20000);
    } finally {
      db.close();
    }
  });

  it('is deterministic too', () => {
    const dump = () => {
      const db = openDatabase(':memory:');
      const studio = createStudio(db, { ...DEMO_STUDIO }, { tokenTtlSeconds: 60, fill: (id) => seedScale(db, id, 30) });
      const rows = db.prepare('SELECT id, body FROM orders WHERE studio_id = ? ORDER BY id').all(studio.studio_id);
      db.close();
      return rows;
    };
    expect(dump()).toEqual(dump());
  });

  it('a demo studio created over HTTP can ask for scale, and gets every scope', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Bench Studio', country: 'GB', currency: 'GBP', seed: 'demo', scale: 20 }),
    });
    expect(response.status).toBe(201);
    const studio = (await response.json()) as { access_token: string };
    const me = (await (await fetch(`${sandbox.url}/v1/me`, { headers: { Authorization: `Bearer ${studio.access_token}` } })).json()) as {
      scopes: string[];
    };
    expect(me.scopes).toEqual([...OAUTH_SCOPES]);
    const page = (await (
      await fetch(`${sandbox.url}/v1/orders?limit=100`, { headers: { Authorization: `Bearer ${studio.access_token}` } })
    ).json()) as { data: unknown[]; next_cursor: string | null };
    expect(page.data).toHaveLength(100);
    expect(page.next_cursor).not.toBeNull();
  });
});
