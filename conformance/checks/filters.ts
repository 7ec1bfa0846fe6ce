// Filters the integration searches with: contact matching (email, phone, name), the latest
// confirmed shoot (status list, `before` inclusive), and the filters its dropdowns and
// lookups use: a phone's extension, and a job by contact, folded name and date (what Create
// Job looks up before it makes one). Each check either makes the record it looks for, or takes
// one the studio has.
import { defineChecks, fail, skip, verdict, type CheckSpec } from '../check.js';
import type { Context } from '../context.js';
import { brief } from '../http.js';
import {
  createContact,
  detailFields,
  envelopeProblem,
  existing,
  filterContact,
  invoiceBody,
  page,
  risesAt,
  studioCurrency,
} from '../fixtures.js';

type Item = Record<string, any>;
type Query = Record<string, string>;
type Contact = Awaited<ReturnType<typeof filterContact>>;

interface FilterCase {
  id: string;
  expected: string;
  path: string;
  /** The record to find and the query that must find it. */
  target(ctx: Context): Promise<{ item: Item | null; query: Query }>;
  /** true: the target must be in the result; false: it must not be. */
  found: boolean;
  /** What every returned item must satisfy (given the target). */
  each?: (item: Item, target: Item) => boolean;
  /** The order the list promises, when the check looks at it. */
  sortedBy?: string;
}

type Matcher = NonNullable<FilterCase['each']>;
type Options = Partial<Pick<FilterCase, 'found' | 'each' | 'sortedBy'>>;

const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const same =
  (field: string, fold = (value: unknown) => value): Matcher =>
  (item, target) =>
    fold(item[field]) === fold(target[field]);
const notLater =
  (field: string): Matcher =>
  (item, target) =>
    Date.parse(item[field]) <= Date.parse(target[field]);
const notEarlier =
  (field: string): Matcher =>
  (item, target) =>
    Date.parse(item[field]) >= Date.parse(target[field]);

/** "/v1/shoots" → "shoots": how a skip names what the studio lacks. */
const what = (path: string) => path.slice('/v1/'.length);

/** The contact made for the filters (every field a filter can find), and the query made of it. */
const contactCase = (
  id: string,
  expected: string,
  query: (contact: Contact, ctx: Context) => Query,
  options: Options = {},
): FilterCase => ({
  id,
  expected,
  path: '/v1/contacts',
  found: true,
  ...options,
  async target(ctx) {
    const contact = await filterContact(ctx);
    return { item: contact, query: query(contact, ctx) };
  },
});

/** A record from the middle of a list (so a `before`/`since` filter has records on both sides), and `param` set to its `field`. */
const middleCase = (
  id: string,
  expected: string,
  path: string,
  param: string,
  field = param,
  options: Options & { limit?: boolean } = {},
): FilterCase => ({
  id,
  expected,
  path,
  found: true,
  each: same(field),
  ...options,
  async target(ctx) {
    const items = await existing(ctx, path, what(path), 25);
    const item = items[Math.floor(items.length / 2)]!;
    return { item, query: { [param]: item[field], ...(options.limit === false ? {} : { limit: '100' }) } };
  },
});

/** The first of a list's records that `matches`, and the query made of it. */
const firstCase = (
  id: string,
  expected: string,
  path: string,
  matches: (item: Item) => boolean,
  query: (item: Item | null) => Query,
  options: Options = {},
): FilterCase => ({
  id,
  expected,
  path,
  found: true,
  ...options,
  async target(ctx) {
    const item = (await existing(ctx, path, what(path), 100)).find(matches) ?? null;
    return { item, query: query(item) };
  },
});

/** An invoice booked from another app's order (made for the run, with a reference of its own), and the query by its source. */
const sourceCase: FilterCase = {
  id: 'filters.invoices-source',
  expected: '?source_app=&source_reference= → only the invoices booked from that order in that app, with their source returned',
  path: '/v1/invoices',
  found: true,
  each: (item, target) => item.source?.app === target.source?.app && item.source?.reference === target.source?.reference,
  async target(ctx) {
    const source = { app: 'conformance', reference: `#${ctx.tag}` };
    const body = {
      ...invoiceBody(await studioCurrency(ctx), { taxRate: '20', net: 1000, tax: 200, total: 1200, description: 'Conformance print' }),
      source,
    };
    const created = await ctx.api('POST', '/v1/invoices', { json: body });
    // A decoy of the same app with another reference must not be listed.
    await ctx.api('POST', '/v1/invoices', { json: { ...body, source: { ...source, reference: `${source.reference}-other` } } });
    // Compared with the source sent, so an API that drops it fails rather than matching nothing to nothing.
    const item = created.status === 201 ? { ...(created.body as Item), source } : null;
    return { item, query: { source_app: source.app, source_reference: source.reference } };
  },
};

const confirmedOrCompleted = (shoot: Item) => shoot.status === 'confirmed' || shoot.status === 'completed';

const CASES: FilterCase[] = [
  contactCase(
    'filters.contacts-email',
    '?email= is exact, case-insensitive and trimmed: "  ZOE.KIT+<tag>@example.com " finds the contact made as Zoe.Kit+<tag>@Example.COM',
    (contact) => ({ email: `  ${contact.email!.toUpperCase().replace('EXAMPLE', 'example')} ` }),
    { each: same('email', lower) },
  ),
  contactCase(
    'filters.contacts-email-exact',
    '?email= with the address cut short ("…@example.co") does not find it (exact, not a substring)',
    (contact) => ({ email: contact.email!.toLowerCase().slice(0, -1) }),
    { found: false },
  ),
  contactCase(
    'filters.contacts-phone',
    '?phone=<E.164> finds the contact with that phone, and only contacts with it',
    (contact) => ({ phone: contact.phone! }),
    { each: same('phone') },
  ),
  contactCase(
    'filters.contacts-phone-formatted',
    '?phone= written with spaces, hyphens or brackets ("+44 7700-9…") is read as the E.164 number: it finds the contact',
    (contact) => ({ phone: `${contact.phone!.slice(0, 3)} ${contact.phone!.slice(3, 7)}-${contact.phone!.slice(7)}` }),
    { each: same('phone') },
  ),
  contactCase(
    'filters.contacts-name',
    '?name= is folded: "zoe   KIT-<tag>" finds "Zoë Kit-<tag>" (case, accents, white space)',
    (contact) => ({ name: `zoe   ${contact.last_name.toUpperCase()}` }),
  ),
  contactCase('filters.contacts-q', '?q= is a substring of name or email: the run tag finds the contact', (_contact, ctx) => ({
    q: ctx.tag,
  })),
  firstCase(
    'filters.shoots-status',
    '?status=confirmed,completed → only confirmed and completed shoots, starts_at newest first',
    '/v1/shoots',
    confirmedOrCompleted,
    () => ({ status: 'confirmed,completed', limit: '100' }),
    {
      each: confirmedOrCompleted,
      sortedBy: 'starts_at',
    },
  ),
  middleCase(
    'filters.shoots-before',
    '?before=<a shoot’s starts_at> includes that shoot (inclusive) and nothing later, newest first',
    '/v1/shoots',
    'before',
    'starts_at',
    { each: notLater('starts_at'), sortedBy: 'starts_at' },
  ),
  middleCase('filters.shoots-contact', '?contact_id= → only that contact’s shoots', '/v1/shoots', 'contact_id'),
  middleCase('filters.jobs-contact', '?contact_id= → only that contact’s jobs', '/v1/jobs', 'contact_id'),
  middleCase('filters.galleries-slug', '?slug= → the gallery with that slug, and only it', '/v1/galleries', 'slug', 'slug', {
    limit: false,
  }),
  middleCase('filters.galleries-status', '?status=<a gallery’s status> → only galleries with it', '/v1/galleries', 'status'),
  middleCase('filters.orders-since', '?since=<an order’s placed_at> includes it and nothing earlier', '/v1/orders', 'since', 'placed_at', {
    each: notEarlier('placed_at'),
    sortedBy: 'placed_at',
  }),
  middleCase('filters.orders-payment-status', '?payment_status=<an order’s> → only orders with it', '/v1/orders', 'payment_status'),
  firstCase(
    'filters.invoices-order',
    '?order_id= → only that order’s invoices',
    '/v1/invoices',
    (invoice) => Boolean(invoice.order_id),
    (invoice) => ({ order_id: invoice?.order_id ?? '' }),
    { each: same('order_id') },
  ),
  sourceCase,
  middleCase('filters.payments-job', '?job_id= → only that job’s payments', '/v1/payments', 'job_id'),
  middleCase('filters.events-type', '?type=<an event’s type> → only events of that type', '/v1/events', 'type'),
];

/** GET `path` with `query` must be a 422 naming `field`. */
const refusedQuery = (id: string, expected: string, fix: string, path: string, query: Query, field: string): CheckSpec => ({
  id,
  expected,
  fix,
  async run(ctx) {
    const response = await ctx.api('GET', path, { query });
    const fields = detailFields(response) ?? [];
    const problem = envelopeProblem(response, null);
    return verdict(
      response.status === 422 && !problem && fields.includes(field),
      `${brief(response)}${fields.length ? `, details name ${fields.join(', ')}` : ''}`,
    );
  },
});

const REFUSED: CheckSpec[] = [
  refusedQuery(
    'filters.contacts-phone-malformed',
    '?phone=not-a-phone → 422 naming phone (never an empty list: the app would take "no match" and create a duplicate contact)',
    'Read ?phone= as E.164 after dropping spaces, hyphens, dots and brackets; refuse anything else with a 422 naming phone.',
    '/v1/contacts',
    { phone: 'not-a-phone' },
    'phone',
  ),
  refusedQuery(
    'filters.invoices-source-pair',
    '?source_app= without ?source_reference= → 422 naming source_reference (the two filter together)',
    'Filter invoices by source_app and source_reference only together; refuse one without the other with a 422 naming the missing one.',
    '/v1/invoices',
    { source_app: 'conformance' },
    'source_reference',
  ),
];

/** Which of `ids` a list found, for a report ("found ct_1, not ct_2"). */
async function idsFound(ctx: Context, path: string, query: Query): Promise<string[]> {
  return (await page(ctx, ctx.main, path, { ...query, limit: '100' })).data.map((item) => item.id);
}

/**
 * Each query of `asked` that found the record `id` when it should not have, or missed it when
 * it should have, as a line for the report (`shown` writes the query).
 */
async function wrongAnswers(
  ctx: Context,
  path: string,
  id: string,
  asked: Array<[query: Query, wanted: boolean]>,
  shown: (query: Query) => string,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [query, wanted] of asked) {
    const found = (await idsFound(ctx, path, query)).includes(id);
    if (found !== wanted) wrong.push(`${shown(query)} ${found ? 'found' : 'did not find'} it`);
  }
  return wrong;
}

const MATCHING: CheckSpec[] = [
  {
    id: 'filters.contacts-phone-extension',
    expected:
      'a phone with ";ext=12" is kept as written; ?phone=<the number> finds it (the switchboard and its lines), ?phone=<number>;ext=12 finds it, ?phone=<number>;ext=13 does not',
    fix: 'Store a contact’s phone with its ";ext=" extension. In ?phone=, match a number without an extension to that number with any extension, and one with an extension to that extension only.',
    async run(ctx) {
      const digits = String(Math.floor(Math.random() * 1e4)).padStart(4, '0');
      const line = `+44207946${digits}`;
      const created = await ctx.api('POST', '/v1/contacts', {
        json: { first_name: 'Ext', last_name: ctx.tag, email: `ext.${ctx.tag}@conformance.example.com`, phone: `${line};ext=12` },
      });
      if (created.status !== 201) return fail(`POST /v1/contacts with phone ${line};ext=12 → ${brief(created)}`);
      const contact = created.body as Item;
      const problems: string[] = [];
      if (contact.phone !== `${line};ext=12`) problems.push(`it was stored as ${JSON.stringify(contact.phone)}`);
      const asked: Array<[Query, boolean]> = [
        [{ phone: line }, true],
        [{ phone: `${line};ext=12` }, true],
        [{ phone: `${line};ext=13` }, false],
      ];
      problems.push(...(await wrongAnswers(ctx, '/v1/contacts', contact.id, asked, (query) => `?phone=${query.phone}`)));
      return verdict(
        problems.length === 0,
        problems.length === 0 ? 'kept, found by the number and by its extension only' : problems.join('; '),
      );
    },
  },
  {
    id: 'filters.contacts-name-folded',
    expected:
      '?name= folds as the integration does: "siobhan o\'brien strauss" finds "Siobhán O’Brien-Strauß" (apostrophe variants dropped, hyphens as spaces, ß as ss); "ipek yildiz" finds "İpek Yıldız"; "ｊｏｈｎ" (full-width) finds "John"',
    fix: 'Compare ?name= with the stored "first last" both folded as docs/studio-api.md says: NFKC, Turkish İ and ı as i, case folded (ß as ss), accents removed, apostrophe variants dropped, hyphens and dots as spaces, white space collapsed. A name the filter misses is a client the integration creates a second time.',
    async run(ctx) {
      const people: Array<[first: string, last: string, query: string]> = [
        ['Siobhán', `O’Brien-Strauß ${ctx.tag}`, `siobhan o'brien strauss ${ctx.tag}`],
        ['İpek', `Yıldız ${ctx.tag}`, `ipek yildiz ${ctx.tag}`],
        ['John', `Folded ${ctx.tag}`, `ｊｏｈｎ ｆｏｌｄｅｄ ${ctx.tag}`],
      ];
      const problems: string[] = [];
      for (const [first, last, query] of people) {
        const contact = await createContact(ctx, { first_name: first, last_name: last });
        if (!(await idsFound(ctx, '/v1/contacts', { name: query })).includes(contact.id))
          problems.push(`?name=${query.replace(` ${ctx.tag}`, ' <tag>')} did not find ${first} ${last.replace(` ${ctx.tag}`, ' <tag>')}`);
      }
      return verdict(problems.length === 0, problems.length === 0 ? 'each found by its folded name' : problems.join('; '));
    },
  },
  {
    id: 'filters.jobs-name-date',
    expected:
      '?contact_id=&name=&event_date= finds a contact’s job by its whole name folded ("ELOISE & MARC WEDDING" finds "Éloïse & Marc Wedding") on that date, and not on another date',
    fix: 'Filter jobs by name compared folded (case, accents, white space, as for contacts) and by event_date exactly; the integration finds the job it made this way before making another.',
    async run(ctx) {
      const contact = await createContact(ctx, {
        first_name: 'Éloïse',
        last_name: `Jobs-${ctx.tag}`,
        email: `eloise.${ctx.tag}@conformance.example.com`,
      });
      const created = await ctx.api('POST', '/v1/jobs', {
        json: { contact_id: contact.id, name: 'Éloïse & Marc Wedding', event_date: '2027-06-19' },
      });
      if (created.status !== 201) return fail(`POST /v1/jobs → ${brief(created)}`);
      const job = created.body as Item;
      const asked: Array<[Query, boolean]> = [
        [{ contact_id: contact.id, name: 'ELOISE  &  MARC WEDDING', event_date: '2027-06-19' }, true],
        [{ contact_id: contact.id, name: 'Éloïse & Marc Wedding', event_date: '2027-06-20' }, false],
        [{ contact_id: contact.id, name: 'Éloïse & Marc', event_date: '2027-06-19' }, false],
      ];
      const problems = await wrongAnswers(ctx, '/v1/jobs', job.id, asked, (query) => `?name=${query.name}&event_date=${query.event_date}`);
      return verdict(problems.length === 0, problems.length === 0 ? 'found by its folded name on its date only' : problems.join('; '));
    },
  },
];

export const filterChecks = defineChecks('filters', [
  ...CASES.map(
    (c): CheckSpec => ({
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
        const up = c.sortedBy ? risesAt(found.data, c.sortedBy) : -1;
        if (up !== -1) return fail(`${c.sortedBy} goes up at item ${up}`);
        return verdict(
          true,
          `${ids.length} item${ids.length === 1 ? '' : 's'}${c.found ? `, ${target.id} among them` : `, without ${target.id}`}`,
        );
      },
    }),
  ),
  ...REFUSED,
  ...MATCHING,
]);
