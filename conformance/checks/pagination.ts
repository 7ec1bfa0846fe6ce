// Lists: `limit` (default 25, max 100), `next_cursor` walks without duplicates or gaps, newest
// first. The integration's dropdowns and polling triggers depend on all of it: a gap loses an
// order, a duplicate fires a Zap twice, an order other than newest first breaks Zapier's dedupe.
import { fail, pass, skip, verdict, type Check } from '../check.js';
import type { Context } from '../context.js';
import { brief } from '../http.js';
import { detailFields, envelopeProblem, newestContacts, page, type Page } from '../fixtures.js';

/** Walks `path` with `limit` until next_cursor is null or `maxPages` pages were read. */
async function walk(ctx: Context, path: string, query: Record<string, string | number>, maxPages: number): Promise<{ ids: string[]; pages: Page[]; ended: boolean }> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const found = await page(ctx, ctx.main, path, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(found);
    if (found.next_cursor === null) return { ids: pages.flatMap((p) => p.data.map((item) => item.id)), pages, ended: true };
    cursor = found.next_cursor;
  }
  return { ids: pages.flatMap((p) => p.data.map((item) => item.id)), pages, ended: false };
}

const duplicates = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) !== index);

/** Lists ordered by another field than created_at, and how to read it. */
const ORDERED_LISTS: Array<{ path: string; field: string }> = [
  { path: '/v1/orders', field: 'placed_at' },
  { path: '/v1/shoots', field: 'starts_at' },
  { path: '/v1/payments', field: 'received_at' },
  { path: '/v1/events', field: 'created_at' },
  { path: '/v1/jobs', field: 'created_at' },
  { path: '/v1/galleries', field: 'created_at' },
  { path: '/v1/invoices', field: 'created_at' },
];

export const paginationChecks: Check[] = [
  {
    group: 'pagination',
    id: 'pagination.limit',
    expected: 'GET /v1/contacts?limit=2 → exactly 2 items and a next_cursor (the studio has more)',
    async run(ctx) {
      await newestContacts(ctx);
      const found = await page(ctx, ctx.main, '/v1/contacts', { limit: 2 });
      return verdict(found.data.length === 2 && typeof found.next_cursor === 'string' && found.next_cursor !== '', `${found.data.length} items, next_cursor ${JSON.stringify(found.next_cursor)?.slice(0, 40)}`);
    },
  },
  {
    group: 'pagination',
    id: 'pagination.newest-first',
    expected: 'the 5 contacts the kit just made are the first 5 of GET /v1/contacts, newest first; created_at never increases',
    async run(ctx) {
      const made = await newestContacts(ctx);
      const found = await page(ctx, ctx.main, '/v1/contacts', { limit: 10 });
      const first = found.data.slice(0, 5).map((item) => item.id);
      const wanted = made.map((contact) => contact.id).reverse();
      const times = found.data.map((item) => Date.parse(item.created_at));
      const increasing = times.findIndex((time, index) => index > 0 && time > times[index - 1]!);
      if (first.join() !== wanted.join()) return fail(`first five ${first.join(', ')}; made newest first ${wanted.join(', ')}`);
      return verdict(increasing === -1, increasing === -1 ? 'newest first' : `created_at goes up at item ${increasing}`);
    },
  },
  {
    group: 'pagination',
    id: 'pagination.cursor-walk',
    expected: 'walking 2 at a time by next_cursor gives the first 12 items of one page of limit=100, in order: no duplicates, no gaps, no early end',
    async run(ctx) {
      await newestContacts(ctx);
      const whole = (await page(ctx, ctx.main, '/v1/contacts', { limit: 100 })).data.slice(0, 12).map((item) => item.id);
      const walked = await walk(ctx, '/v1/contacts', { limit: 2 }, 6);
      const dup = duplicates(walked.ids);
      if (dup.length > 0) return fail(`${dup[0]} came twice in ${walked.pages.length} pages`);
      if (walked.ids.join() === whole.join()) return pass(`${walked.ids.length} items in ${walked.pages.length} pages, the same as one page`);
      const missing = whole.filter((id) => !walked.ids.includes(id));
      if (walked.ended && walked.ids.length < whole.length) return fail(`next_cursor was null after ${walked.ids.length} items; one page has ${whole.length}`);
      return fail(missing.length > 0 ? `the walk missed ${missing.slice(0, 3).join(', ')}` : `the walk's order differs: ${walked.ids.slice(0, 4).join(', ')}…`);
    },
  },
  {
    group: 'pagination',
    id: 'pagination.walk-to-end',
    expected: 'GET /v1/contacts?q=<run tag>&limit=2, walked to next_cursor null: exactly the 5 contacts made, pages of 2, 2, 1',
    async run(ctx) {
      const made = await newestContacts(ctx);
      const walked = await walk(ctx, '/v1/contacts', { limit: 2, q: ctx.tag }, 10);
      if (!walked.ended) return fail(`next_cursor still set after ${walked.pages.length} pages`);
      const sizes = walked.pages.map((p) => p.data.length).join(', ');
      const wanted = made.map((contact) => contact.id).reverse();
      return verdict(walked.ids.join() === wanted.join() && sizes === '2, 2, 1', `pages of ${sizes}; ${walked.ids.length} items${walked.ids.join() === wanted.join() ? ', the 5 made' : `: ${walked.ids.join(', ')}`}`);
    },
  },
  {
    group: 'pagination',
    id: 'pagination.default-limit',
    expected: 'no limit → 25 items when there are more (next_cursor set), else all of them with next_cursor null',
    async run(ctx) {
      await newestContacts(ctx);
      const plain = await page(ctx, ctx.main, '/v1/contacts');
      const more = await page(ctx, ctx.main, '/v1/contacts', { limit: 26 });
      if (more.data.length === 26) return verdict(plain.data.length === 25 && plain.next_cursor !== null, `${plain.data.length} items, next_cursor ${plain.next_cursor === null ? 'null' : 'set'} (the studio has over 25)`);
      return verdict(plain.data.length === more.data.length && plain.next_cursor === null, `${plain.data.length} items, next_cursor ${plain.next_cursor === null ? 'null' : 'set'} (the studio has ${more.data.length})`);
    },
  },
  {
    group: 'pagination',
    id: 'pagination.max-limit',
    expected: 'limit=100 → 200 with at most 100 items; limit=101 → 422 naming limit (or at most 100 items)',
    async run(ctx) {
      const hundred = await ctx.api('GET', '/v1/contacts', { query: { limit: 100 } });
      if (hundred.status !== 200 || !Array.isArray(hundred.body?.data)) return fail(`limit=100: ${brief(hundred)}`);
      if (hundred.body.data.length > 100) return fail(`limit=100 gave ${hundred.body.data.length} items`);
      const over = await ctx.api('GET', '/v1/contacts', { query: { limit: 101 } });
      if (over.status === 200) return verdict(Array.isArray(over.body?.data) && over.body.data.length <= 100, `limit=101 → 200 with ${over.body?.data?.length} items`);
      const fields = detailFields(over);
      const problem = envelopeProblem(over, null);
      return verdict(over.status === 422 && !problem && fields !== null && fields.includes('limit'), `limit=101 → ${brief(over)}${fields ? ` naming ${fields.join(', ')}` : ''}${problem ? `; ${problem}` : ''}`);
    },
  },
  ...ORDERED_LISTS.map(
    (list): Check => ({
      group: 'pagination',
      id: `pagination.order${list.path.slice(3)}`,
      expected: `GET ${list.path}: two pages of 3 by cursor are the first 6 items of one page, ${list.field} never increasing`,
      async run(ctx) {
        const reference = (await page(ctx, ctx.main, list.path, { limit: 6 })).data;
        if (reference.length < 4) return skip(`fewer than 4 items in ${list.path} (${reference.length})`);
        const walked = await walk(ctx, list.path, { limit: 3 }, 2);
        const dup = duplicates(walked.ids);
        if (dup.length > 0) return fail(`${dup[0]} on both pages`);
        const expected = reference.map((item) => item.id);
        if (walked.ids.join() !== expected.join()) {
          return fail(walked.ended && walked.ids.length < expected.length ? `next_cursor was null after ${walked.ids.length} items; one page has ${expected.length}` : `the pages differ from one page of 6: ${walked.ids.join(', ')}`);
        }
        const times = reference.map((item) => Date.parse(item[list.field]));
        const up = times.findIndex((time, index) => index > 0 && time > times[index - 1]!);
        return verdict(up === -1, up === -1 ? `${walked.ids.length} items, newest first` : `${list.field} goes up at item ${up} (${reference[up - 1][list.field]} → ${reference[up][list.field]})`);
      },
    }),
  ),
];
