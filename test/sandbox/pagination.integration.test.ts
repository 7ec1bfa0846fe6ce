// Lists are newest first with keyset pagination: following next_cursor visits every item
// exactly once, even while new items arrive, and a tampered cursor is a 422.
import { describe, expect, it } from '@jest/globals';
import { useSandbox } from '../support/index.js';

const sandbox = useSandbox();

async function allPages(path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await sandbox.api('GET', `${path}${path.includes('?') ? '&' : '?'}${query}`);
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeLessThanOrEqual(limit);
    ids.push(...response.body.data.map((item: { id: string }) => item.id));
    cursor = response.body.next_cursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe('keyset pagination', () => {
  it('walks every contact once, newest first, including ones created in the same millisecond', async () => {
    const created: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      created.push((await sandbox.api('POST', '/v1/contacts', { first_name: `Page${i}`, email: `page${i}@example.com` })).body.id);
    }
    const whole = await sandbox.api('GET', '/v1/contacts?limit=100');
    const { ids, pages } = await allPages('/v1/contacts', 5);
    expect(ids).toEqual(whole.body.data.map((c: { id: string }) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 23)).toEqual([...created].reverse());
    expect(pages).toBe(Math.ceil(ids.length / 5));
  });

  it('items added while paging do not shift the pages already handed out', async () => {
    const first = await sandbox.api('GET', '/v1/orders?limit=2');
    await sandbox.api('POST', '/_sandbox/orders', {
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'paid',
      client: { email: 'late@example.com', first_name: 'Late', last_name: 'Comer', phone: null },
      lines: [{ description: 'Print', quantity: 1, unit_price: 500, tax_rate: '20' }],
    });
    const second = await sandbox.api('GET', `/v1/orders?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    const ids = [...first.body.data, ...second.body.data].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual(['ord_wilson_prints', 'ord_hart_album_canvas', 'ord_bronte_downloads', 'ord_bennett_wall_art']);
  });

  it('pages filtered lists and the shoots list (ordered by start time)', async () => {
    const shoots = await allPages('/v1/shoots', 3);
    const starts = (await sandbox.api('GET', '/v1/shoots?limit=100')).body.data.map((s: { starts_at: string }) => s.starts_at);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(shoots.ids).toHaveLength(starts.length);
    const events = await allPages('/v1/events?type=order.created', 2);
    const whole = (await sandbox.api('GET', '/v1/events?type=order.created&limit=100')).body.data.map((e: { id: string }) => e.id);
    expect(events.ids).toEqual(whole);
    expect(events.ids.length).toBeGreaterThanOrEqual(5);
  });

  it('the last page has next_cursor null', async () => {
    const response = await sandbox.api('GET', '/v1/brands?limit=100');
    expect(response.body.next_cursor).toBeNull();
  });

  it('limit must be 1 to 100 and the cursor must be one the API gave', async () => {
    for (const limit of ['0', '101', 'ten', '-1', '2.5']) {
      const response = await sandbox.api('GET', `/v1/contacts?limit=${limit}`);
      expect({ limit, status: response.status, field: response.body.error.details[0].field }).toEqual({
        limit,
        status: 422,
        field: 'limit',
      });
    }
    for (const cursor of ['garbage', Buffer.from('{"x":1}').toString('base64url'), Buffer.from('["a"]').toString('base64url')]) {
      const response = await sandbox.api('GET', `/v1/contacts?cursor=${cursor}`);
      expect({ status: response.status, field: response.body.error.details[0].field }).toEqual({ status: 422, field: 'cursor' });
    }
    const repeated = await sandbox.api('GET', '/v1/contacts?limit=1&limit=2');
    expect(repeated.status).toBe(422);
  });
});
