// Filters the integration searches with: contact matching (email, phone, name), the latest
// confirmed shoot (status list, `before` inclusive), and the filters its dropdowns and
// lookups use. Each check either makes the record it looks for, or takes one the studio has.
import { fail, skip, verdict, type Check } from '../check.js';
import type { Context } from '../context.js';
import { existing, filterContact, page } from '../fixtures.js';

type Item = Record<string, any>;

interface FilterCase {
  id: string;
  expected: string;
  path: string;
  /** The record to find and the query that must find it. */
  target(ctx: Context): Promise<{ item: Item | null; query: Record<string, string> }>;
  /** true: the target must be in the result; false: it must not be. */
  found: boolean;
  /** What every returned item must satisfy (given the target). */
  each?: (item: Item, target: Item) => boolean;
  /** The order the list promises, when the check looks at it. */
  sortedBy?: string;
}

const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** A record from the middle of a list (so a `before`/`since` filter has records on both sides). */
async function middle(ctx: Context, path: string, what: string): Promise<Item> {
  const items = await existing(ctx, path, what, 25);
  return items[Math.floor(items.length / 2)]!;
}

const CASES: FilterCase[] = [
  {
    id: 'filters.contacts-email',
    expected: '?email= is exact, case-insensitive and trimmed: "  ZOE.KIT+<tag>@example.com " finds the contact made as Zoe.Kit+<tag>@Example.COM',
    path: '/v1/contacts',
    async target(ctx) {
      const contact = await filterContact(ctx);
      return { item: contact, query: { email: `  ${contact.email!.toUpperCase().replace('EXAMPLE', 'example')} ` } };
    },
    found: true,
    each: (item, target) => lower(item.email) === lower(target.email),
  },
  {
    id: 'filters.contacts-email-exact',
    expected: '?email= with the address cut short ("…@example.co") does not find it (exact, not a substring)',
    path: '/v1/contacts',
    async target(ctx) {
      const contact = await filterContact(ctx);
      return { item: contact, query: { email: contact.email!.toLowerCase().slice(0, -1) } };
    },
    found: false,
  },
  {
    id: 'filters.contacts-phone',
    expected: '?phone=<E.164> finds the contact with that phone, and only contacts with it',
    path: '/v1/contacts',
    async target(ctx) {
      const contact = await filterContact(ctx);
      return { item: contact, query: { phone: contact.phone! } };
    },
    found: true,
    each: (item, target) => item.phone === target.phone,
  },
  {
    id: 'filters.contacts-name',
    expected: '?name= is folded: "zoe   KIT-<tag>" finds "Zoë Kit-<tag>" (case, accents, white space)',
    path: '/v1/contacts',
    async target(ctx) {
      const contact = await filterContact(ctx);
      return { item: contact, query: { name: `zoe   ${contact.last_name.toUpperCase()}` } };
    },
    found: true,
  },
  {
    id: 'filters.contacts-q',
    expected: '?q= is a substring of name or email: the run tag finds the contact',
    path: '/v1/contacts',
    async target(ctx) {
      const contact = await filterContact(ctx);
      return { item: contact, query: { q: ctx.tag } };
    },
    found: true,
  },
  {
    id: 'filters.shoots-status',
    expected: '?status=confirmed,completed → only confirmed and completed shoots, starts_at newest first',
    path: '/v1/shoots',
    async target(ctx) {
      const shoots = await existing(ctx, '/v1/shoots', 'shoots', 100);
      return { item: shoots.find((s) => s.status === 'confirmed' || s.status === 'completed') ?? null, query: { status: 'confirmed,completed', limit: '100' } };
    },
    found: true,
    each: (item) => item.status === 'confirmed' || item.status === 'completed',
    sortedBy: 'starts_at',
  },
  {
    id: 'filters.shoots-before',
    expected: '?before=<a shoot’s starts_at> includes that shoot (inclusive) and nothing later, newest first',
    path: '/v1/shoots',
    async target(ctx) {
      const shoot = await middle(ctx, '/v1/shoots', 'shoots');
      return { item: shoot, query: { before: shoot.starts_at, limit: '100' } };
    },
    found: true,
    each: (item, target) => Date.parse(item.starts_at) <= Date.parse(target.starts_at),
    sortedBy: 'starts_at',
  },
  {
    id: 'filters.shoots-contact',
    expected: '?contact_id= → only that contact’s shoots',
    path: '/v1/shoots',
    async target(ctx) {
      const shoot = await middle(ctx, '/v1/shoots', 'shoots');
      return { item: shoot, query: { contact_id: shoot.contact_id, limit: '100' } };
    },
    found: true,
    each: (item, target) => item.contact_id === target.contact_id,
  },
  {
    id: 'filters.jobs-contact',
    expected: '?contact_id= → only that contact’s jobs',
    path: '/v1/jobs',
    async target(ctx) {
      const job = await middle(ctx, '/v1/jobs', 'jobs');
      return { item: job, query: { contact_id: job.contact_id, limit: '100' } };
    },
    found: true,
    each: (item, target) => item.contact_id === target.contact_id,
  },
  {
    id: 'filters.galleries-slug',
    expected: '?slug= → the gallery with that slug, and only it',
    path: '/v1/galleries',
    async target(ctx) {
      const gallery = await middle(ctx, '/v1/galleries', 'galleries');
      return { item: gallery, query: { slug: gallery.slug } };
    },
    found: true,
    each: (item, target) => item.slug === target.slug,
  },
  {
    id: 'filters.galleries-status',
    expected: '?status=<a gallery’s status> → only galleries with it',
    path: '/v1/galleries',
    async target(ctx) {
      const gallery = await middle(ctx, '/v1/galleries', 'galleries');
      return { item: gallery, query: { status: gallery.status, limit: '100' } };
    },
    found: true,
    each: (item, target) => item.status === target.status,
  },
  {
    id: 'filters.orders-since',
    expected: '?since=<an order’s placed_at> includes it and nothing earlier',
    path: '/v1/orders',
    async target(ctx) {
      const order = await middle(ctx, '/v1/orders', 'orders');
      return { item: order, query: { since: order.placed_at, limit: '100' } };
    },
    found: true,
    each: (item, target) => Date.parse(item.placed_at) >= Date.parse(target.placed_at),
    sortedBy: 'placed_at',
  },
  {
    id: 'filters.orders-payment-status',
    expected: '?payment_status=<an order’s> → only orders with it',
    path: '/v1/orders',
    async target(ctx) {
      const order = await middle(ctx, '/v1/orders', 'orders');
      return { item: order, query: { payment_status: order.payment_status, limit: '100' } };
    },
    found: true,
    each: (item, target) => item.payment_status === target.payment_status,
  },
  {
    id: 'filters.invoices-order',
    expected: '?order_id= → only that order’s invoices',
    path: '/v1/invoices',
    async target(ctx) {
      const invoices = await existing(ctx, '/v1/invoices', 'invoices', 100);
      const invoice = invoices.find((i) => i.order_id) ?? null;
      return { item: invoice, query: { order_id: invoice?.order_id ?? '' } };
    },
    found: true,
    each: (item, target) => item.order_id === target.order_id,
  },
  {
    id: 'filters.payments-job',
    expected: '?job_id= → only that job’s payments',
    path: '/v1/payments',
    async target(ctx) {
      const payment = await middle(ctx, '/v1/payments', 'payments');
      return { item: payment, query: { job_id: payment.job_id, limit: '100' } };
    },
    found: true,
    each: (item, target) => item.job_id === target.job_id,
  },
  {
    id: 'filters.events-type',
    expected: '?type=<an event’s type> → only events of that type',
    path: '/v1/events',
    async target(ctx) {
      const event = await middle(ctx, '/v1/events', 'events');
      return { item: event, query: { type: event.type, limit: '100' } };
    },
    found: true,
    each: (item, target) => item.type === target.type,
  },
];

export const filterChecks: Check[] = CASES.map(
  (c): Check => ({
    group: 'filters',
    id: c.id,
    expected: c.expected,
    async run(ctx) {
      const { item: target, query } = await c.target(ctx);
      if (!target) return skip('the studio has no record this filter could find');
      const found = await page(ctx, ctx.main, c.path, query);
      const ids = found.data.map((item) => item.id);
      const shown = `GET ${c.path}?${new URLSearchParams(query).toString().slice(0, 80)}`;
      if (c.found && !ids.includes(target.id)) return fail(`${shown} → ${ids.length} items without ${target.id}`);
      if (!c.found && ids.includes(target.id)) return fail(`${shown} → found ${target.id}`);
      const wrong = c.each ? found.data.find((item) => !c.each!(item, target)) : undefined;
      if (wrong) return fail(`${shown} → ${wrong.id}, which does not match`);
      if (c.sortedBy) {
        const times = found.data.map((item) => Date.parse(item[c.sortedBy!]));
        const up = times.findIndex((time, index) => index > 0 && time > times[index - 1]!);
        if (up !== -1) return fail(`${c.sortedBy} goes up at item ${up}`);
      }
      return verdict(true, `${ids.length} item${ids.length === 1 ? '' : 's'}${c.found ? `, ${target.id} among them` : `, without ${target.id}`}`);
    },
  }),
);
