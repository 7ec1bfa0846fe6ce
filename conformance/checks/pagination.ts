// Lists: `limit` (default 25, max 100), `next_cursor` walks without duplicates or gaps, newest
// first. The integration's dropdowns and polling triggers depend on all of it: a gap loses an
// order, a duplicate fires a Zap twice, an order other than newest first breaks Zapier's dedupe.
import { defineChecks, fail, pass, skip, verdict, type CheckSpec } from '../check.js';
import type { Context } from '../context.js';
import { brief } from '../http.js';
import { detailFields, envelopeProblem, newestContacts, page, risesAt, type Page } from '../fixtures.js';
import { LIST_ORDER } from '../lists.js';

/** Walks `path` with `limit` until next_cursor is null or `maxPages` pages were read. */
async function walk(
  ctx: Context,
  path: string,
  query: Record<string, string | number>,
  maxPages: number,
): Promise<{ ids: string[]; pages: Page[]; ended: boolean }> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const found = await page(ctx, ctx.main, path, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(found);
    if (found.next_cursor === null) break;
    cursor = found.next_cursor;
  }
  return { ids: pages.flatMap((p) => p.data.map((item) => item.id)), pages, ended: pages.at(-1)?.next_cursor === null };
}

const duplicates = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) !== index);

export const paginationChecks = defineChecks('pagination', [
  {
    id: 'pagination.limit',
    expected: 'GET /v1/contacts?limit=2 → exactly 2 items and a next_cursor (the studio has more)',
    async run(ctx) {
      await newestContacts(ctx);
      const found = await page(ctx, ctx.main, '/v1/contacts', { limit: 2 });
      return verdict(
        found.data.length === 2 && typeof found.next_cursor === 'string' && found.next_cursor !== '',
        `${found.data.length} items, next_cursor ${JSON.stringify(found.next_cursor)?.slice(0, 40)}`,
      );
    },
  },
  {
    id: 'pagination.newest-first',
    expected: 'the 5 contacts the kit just made are the first 5 of GET /v1/contacts, newest first; created_at never increases',
    async run(ctx) {
      const made = await newestContacts(ctx);
      const found = await page(ctx, ctx.main, '/v1/contacts', { limit: 10 });
      const first = found.data.slice(0, 5).map((item) => item.id);
      const wanted = made.map((contact) => contact.id).reverse();
      const increasing = risesAt(found.data, 'created_at');
      if (first.join() !== wanted.join()) return fail(`first five ${first.join(', ')}; made newest first ${wanted.join(', ')}`);
      return verdict(increasing === -1, increasing === -1 ? 'newest first' : `created_at goes up at item ${increasing}`);
    },
  },
  {
    id: 'pagination.cursor-walk',
    expected:
      'walking 2 at a time by next_cursor gives the first 12 items of one page of limit=100, in order: no duplicates, no gaps, no early end',
    async run(ctx) {
      await newestContacts(ctx);
      const whole = (await page(ctx, ctx.main, '/v1/contacts', { limit: 100 })).data.slice(0, 12).map((item) => item.id);
      const walked = await walk(ctx, '/v1/contacts', { limit: 2 }, 6);
      const dup = duplicates(walked.ids);
      if (dup.length > 0) return fail(`${dup[0]} came twice in ${walked.pages.length} pages`);
      if (walked.ids.join() === whole.join())
        return pass(`${walked.ids.length} items in ${walked.pages.length} pages, the same as one page`);
      const missing = whole.filter((id) => !walked.ids.includes(id));
      if (walked.ended && walked.ids.length < whole.length)
        return fail(`next_cursor was null after ${walked.ids.length} items; one page has ${whole.length}`);
      return fail(
        missing.length > 0
          ? `the walk missed ${missing.slice(0, 3).join(', ')}`
          : `the walk's order differs: ${walked.ids.slice(0, 4).join(', ')}…`,
      );
    },
  },
  {
    id: 'pagination.walk-to-end',
    expected: 'GET /v1/contacts?q=<run tag>&limit=2, walked to next_cursor null: exactly the 5 contacts made, pages of 2, 2, 1',
    async run(ctx) {
      const made = await newestContacts(ctx);
      const walked = await walk(ctx, '/v1/contacts', { limit: 2, q: ctx.tag }, 10);
      if (!walked.ended) return fail(`next_cursor still set after ${walked.pages.length} pages`);
      const sizes = walked.pages.map((p) => p.data.length).join(', ');
      const wanted = made.map((contact) => contact.id).reverse();
      return verdict(
        walked.ids.join() === wanted.join() && sizes === '2, 2, 1',
        `pages of ${sizes}; ${walked.ids.length} items${walked.ids.join() === wanted.join() ? ', the 5 made' : `: ${walked.ids.join(', ')}`}`,
      );
    },
  },
  {
    id: 'pagination.default-limit',
    expected: 'no limit → 25 items when there are more (next_cursor set), else all of them with next_cursor null',
    async run(ctx) {
      await newestContacts(ctx);
      const plain = await page(ctx, ctx.main, '/v1/contacts');
      const more = await page(ctx, ctx.main, '/v1/contacts', { limit: 26 });
      if (more.data.length === 26)
        return verdict(
          plain.data.length === 25 && plain.next_cursor !== null,
          `${plain.data.length} items, next_cursor ${plain.next_cursor === null ? 'null' : 'set'} (the studio has over 25)`,
        );
      return verdict(
        plain.data.length === more.data.length && plain.next_cursor === null,
        `${plain.data.length} items, next_cursor ${plain.next_cursor === null ? 'null' : 'set'} (the studio has ${more.data.length})`,
      );
    },
  },
  {
    id: 'pagination.max-limit',
    expected: 'limit=100 → 200 with at most 100 items; limit=101 → 422 naming limit (or at most 100 items)',
    async run(ctx) {
      const hundred = await ctx.api('GET', '/v1/contacts', { query: { limit: 100 } });
      if (hundred.status !== 200 || !Array.isArray(hundred.body?.data)) return fail(`limit=100: ${brief(hundred)}`);
      if (hundred.body.data.length > 100) return fail(`limit=100 gave ${hundred.body.data.length} items`);
      const over = await ctx.api('GET', '/v1/contacts', { query: { limit: 101 } });
      if (over.status === 200)
        return verdict(
          Array.isArray(over.body?.data) && over.body.data.length <= 100,
          `limit=101 → 200 with ${over.body?.data?.length} items`,
        );
      const fields = detailFields(over);
      const problem = envelopeProblem(over, null);
      return verdict(
        over.status === 422 && !problem && (fields?.includes('limit') ?? false),
        `limit=101 → ${brief(over)}${fields ? ` naming ${fields.join(', ')}` : ''}${problem ? `; ${problem}` : ''}`,
      );
    },
  },
  ...Object.entries(LIST_ORDER).map(
    ([path, field]): CheckSpec => ({
      id: `pagination.order${path.slice(3)}`,
      expected: `GET ${path}: two pages of 3 by cursor are the first 6 items of one page, ${field} never increasing`,
      async run(ctx) {
        const reference = (await page(ctx, ctx.main, path, { limit: 6 })).data;
        if (reference.length < 4) return skip(`fewer than 4 items in ${path} (${reference.length})`);
        const walked = await walk(ctx, path, { limit: 3 }, 2);
        const dup = duplicates(walked.ids);
        if (dup.length > 0) return fail(`${dup[0]} on both pages`);
        const expected = reference.map((item) => item.id);
        if (walked.ids.join() !== expected.join()) {
          return fail(
            walked.ended && walked.ids.length < expected.length
              ? `next_cursor was null after ${walked.ids.length} items; one page has ${expected.length}`
              : `the pages differ from one page of 6: ${walked.ids.join(', ')}`,
          );
        }
        const up = risesAt(reference, field);
        return verdict(
          up === -1,
          up === -1
            ? `${walked.ids.length} items, newest first`
            : `${field} goes up at item ${up} (${reference[up - 1][field]} → ${reference[up][field]})`,
        );
      },
    }),
  ),
]);
