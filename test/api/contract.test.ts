// The contract itself: realistic Studio API payloads parse, malformed ones are refused with
// the field named. (The sandbox's contract tests prove its responses parse with these too.)
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ApiErrorBody,
  Contact,
  Email,
  Gallery,
  HookSubscription,
  Invoice,
  Job,
  Me,
  Order,
  Page,
  Payment,
  readStudioEvent,
  Shoot,
  StudioEvent,
  TaxRate,
  CurrencyCode,
} from '../../src/contract/index.js';
import { describeIssues, readRecords } from '../../src/api/client.js';
import { normalizeEmail } from '../../src/domain/contact-match.js';
import { sampleJob } from '../../src/jobs/samples.js';

const at = '2026-05-01T10:00:00Z';
const gallery = {
  id: 'gal_smith_wedding',
  name: 'Smith Wedding',
  slug: 'smith-wedding',
  status: 'online',
  image_count: 412,
  brand_id: 'brd_northlight',
  preset_id: 'pst_wedding',
  event_date: '2026-04-18',
  client_email: 'emma.smith@example.com',
  admin_url: 'https://northlight.example/admin/galleries/gal_smith_wedding',
  client_url: 'https://northlight.example/g/smith-wedding',
  job_ids: ['job_smith_wedding'],
  published_at: at,
  created_at: at,
};
const order = {
  id: 'ord_1042',
  number: 'PT-1042',
  gallery_id: 'gal_smith_wedding',
  placed_at: at,
  currency: 'GBP',
  prices_include_tax: true,
  payment_status: 'paid',
  client: { email: 'emma.smith@example.com', first_name: 'Emma', last_name: 'Smith', phone: '07700 900123' },
  lines: [
    { id: 'orl_1', description: 'Heirloom album 30×30', quantity: 1, unit_price: 42000, tax_rate: '5', tax: null },
    { id: 'orl_2', description: 'Canvas 60×40', quantity: 2, unit_price: 8500, tax_rate: '10', tax: null },
  ],
  discount: 2500,
  shipping: { amount: 1200, tax_rate: null, tax: null },
  tax_total: null,
  totals: { goods: 59000, discount: 2500, shipping: 1200, tax: 3571, total: 57700 },
};

describe('Studio API v1 contract', () => {
  it('parses realistic payloads of every resource', () => {
    expect(() =>
      Me.parse({
        studio: { id: 'std_1', name: 'Northlight Photography', country: 'GB', currency: 'GBP', timezone: 'Europe/London' },
        user: { id: 'usr_1', email: 'ava@northlight.example', name: 'Ava Hart' },
        scopes: ['studio:read'],
      }),
    ).not.toThrow();
    expect(() =>
      Contact.parse({
        id: 'con_emma',
        first_name: 'Emma',
        last_name: 'Smith',
        email: 'emma.smith@example.com',
        phone: '+447700900123',
        created_at: at,
      }),
    ).not.toThrow();
    expect(() => Gallery.parse(gallery)).not.toThrow();
    expect(() =>
      Job.parse({
        id: 'job_smith_wedding',
        name: 'Smith Wedding',
        contact_id: 'con_emma',
        status: 'booked',
        job_type: 'Wedding',
        event_date: '2026-04-18',
        created_at: at,
        galleries: [gallery],
      }),
    ).not.toThrow();
    expect(() =>
      Shoot.parse({
        id: 'sht_1',
        job_id: 'job_smith_wedding',
        contact_id: 'con_emma',
        title: 'Wedding day',
        status: 'confirmed',
        starts_at: at,
        ends_at: null,
        location: 'Bath',
        created_at: at,
      }),
    ).not.toThrow();
    expect(() => Order.parse(order)).not.toThrow();
    expect(() =>
      Invoice.parse({
        id: 'inv_1',
        number: 'INV-0001',
        order_id: 'ord_1042',
        contact_id: 'con_emma',
        job_id: null,
        tax_rate: '5',
        currency: 'GBP',
        prices_include_tax: true,
        net: 38000,
        tax: 1900,
        total: 39900,
        status: 'paid',
        lines: [{ kind: 'goods', description: 'Heirloom album 30×30', quantity: 1, amount: 39900, tax: 1900 }],
        created_at: at,
      }),
    ).not.toThrow();
    expect(() =>
      Payment.parse({
        id: 'pay_1',
        job_id: 'job_smith_wedding',
        contact_id: 'con_emma',
        amount: 50000,
        currency: 'GBP',
        method: 'card',
        received_at: at,
        is_first_payment: true,
      }),
    ).not.toThrow();
    expect(() =>
      HookSubscription.parse({
        id: 'hook_1',
        event: 'order.created',
        target_url: 'https://hooks.zapier.com/hooks/standard/1/abc',
        secret: 'whsec_0123456789abcdef',
        created_at: at,
      }),
    ).not.toThrow();
    expect(StudioEvent.parse({ id: 'evt_1', type: 'order.created', created_at: at, data: { ...order, gallery } }).type).toBe(
      'order.created',
    );
    expect(Page(Contact).parse({ data: [], next_cursor: null }).data).toEqual([]);
    expect(() =>
      ApiErrorBody.parse({ error: { code: 'validation_failed', message: 'Invalid', details: [{ field: 'email', message: 'bad' }] } }),
    ).not.toThrow();
  });

  it('refuses money that is not an integer of minor units', () => {
    const result = Order.safeParse({ ...order, discount: 25.5 });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/^discount: /);
  });

  it('refuses an unknown currency and a float tax rate', () => {
    expect(CurrencyCode.safeParse('GBP').success).toBe(true);
    expect(CurrencyCode.safeParse('XYZ').success).toBe(false);
    expect(CurrencyCode.safeParse('gbp').success).toBe(false);
    expect(TaxRate.safeParse('7.25').success).toBe(true);
    expect(TaxRate.safeParse('0').success).toBe(true);
    expect(TaxRate.safeParse(7.25).success).toBe(false);
    expect(TaxRate.safeParse('7,25').success).toBe(false);
    expect(TaxRate.safeParse('-5').success).toBe(false);
    expect(TaxRate.safeParse('101').success).toBe(false);
  });

  it('takes tax rates from 0 to 100 with at most four decimals, and nothing above 100', () => {
    for (const rate of ['0', '0.5', '5.0', '05.50', '7.25', '19.6', '99.9999', '100', '100.0', '100.0000'])
      expect([rate, TaxRate.safeParse(rate).success]).toEqual([rate, true]);
    for (const rate of ['100.5', '100.0001', '100.00001', '100.', '.5', '7.25000', '1000', '200', '-0', ' 20', '20 '])
      expect([rate, TaxRate.safeParse(rate).success]).toEqual([rate, false]);
  });

  it('names the nested field that is wrong', () => {
    const result = Order.safeParse({ ...order, lines: [{ ...order.lines[0], quantity: 0 }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/^lines\.0\.quantity: /);
  });

  it('refuses an event whose data does not match its type', () => {
    expect(StudioEvent.safeParse({ id: 'evt_2', type: 'gallery.published', created_at: at, data: order }).success).toBe(false);
  });

  it('reads a job from a backend without stages as a job in no stage', () => {
    const { stage: _stage, ...stageless } = sampleJob;
    expect(Job.parse(stageless).stage).toBeNull();
  });

  it('reads a job event’s embedded contact that is missing or unreadable as null, never refusing the event', () => {
    const event = {
      id: 'evt_j',
      type: 'job.created',
      created_at: at,
      data: { ...sampleJob, contact: { id: 'con_1', email: 'not an email' } },
    };
    const parsed = readStudioEvent(event);
    expect(parsed.success && parsed.data.type === 'job.created' && parsed.data.data.contact).toBeNull();
    expect(parsed.success && parsed.unreadable.map((record) => record.field)).toEqual(['contact']);
    const none = StudioEvent.parse({ ...event, data: { ...sampleJob, contact: null } });
    expect(none.type === 'job.created' && none.data.contact).toBeNull();
  });

  it('requires an event to embed its related records (null when there is none)', () => {
    expect(StudioEvent.safeParse({ id: 'evt_3', type: 'order.created', created_at: at, data: { ...order, gallery: null } }).success).toBe(
      true,
    );
    expect(StudioEvent.safeParse({ id: 'evt_3', type: 'order.created', created_at: at, data: order }).success).toBe(false);
  });

  it('reads an event whose embedded record is missing or unreadable, without that record, and says which', () => {
    const missing = readStudioEvent({ id: 'evt_4', type: 'order.created', created_at: at, data: order });
    expect(missing.success && missing.data.type === 'order.created' && missing.data.data.gallery).toBeNull();
    expect(missing.success && missing.unreadable.map((record) => record.field)).toEqual(['gallery']);
    const odd = readStudioEvent({
      id: 'evt_5',
      type: 'order.created',
      created_at: at,
      data: { ...order, gallery: { ...gallery, slug: 'Not A Slug' } },
    });
    expect(odd.success && odd.unreadable.map((record) => describeIssues(record.error))).toEqual([expect.stringMatching(/^slug: /)]);
    // Anything else wrong with the event still fails it.
    const broken = readStudioEvent({ id: 'evt_6', type: 'order.created', created_at: at, data: { ...order, discount: 2.5 } });
    expect(broken.success).toBe(false);
    expect(
      readStudioEvent({ id: 'evt_7', type: 'order.created', created_at: at, data: { ...order, gallery, discount: 2.5 } }).success,
    ).toBe(false);
    for (const junk of [null, undefined, 'text', { type: 'order.created' }]) expect(readStudioEvent(junk).success).toBe(false);
  });

  it('refuses a gallery with an invalid slug or status', () => {
    expect(Gallery.safeParse({ ...gallery, slug: 'Smith Wedding' }).success).toBe(false);
    expect(Gallery.safeParse({ ...gallery, status: 'published' }).success).toBe(false);
  });
});

describe('email addresses, as real mail systems accept them (RFC 5321, RFC 6531)', () => {
  const real = [
    'ivan@example.xn--p1ai',
    'josé@example.com',
    'user@bücher.de',
    'o&neil@example.com',
    "o'brien+prints@example.co.uk",
    'emma.stone@example.com',
    '用户@例子.广告',
    'δοκιμή@παράδειγμα.δοκιμή',
    'ivan@пример.рф',
    'अजय@डाटा.भारत',
    'taro..yamada@docomo.ne.jp', // dots some mail providers allow anywhere
    'hanako.@ezweb.ne.jp',
    '#!$%*/=?^`{|}~@example.org',
    'user@[192.0.2.1]',
    'user@[IPv6:2001:db8::1]',
  ];
  it.each(real)('accepts %s', (address) => {
    expect(Email.safeParse(address).success).toBe(true);
    expect(Order.safeParse({ ...order, client: { ...order.client, email: address } }).success).toBe(true);
  });

  const notAddresses = [
    'emma.stone.example.com', // no @
    'emma stone@example.com', // a space
    'emma@exa mple.com',
    ' emma@example.com',
    '@example.com', // empty local part
    'emma@', // empty domain
    'emma@example', // one label
    'emma@.example.com', // empty labels
    'emma@example..com',
    'emma@example.com.',
    'emma@-example.com',
    'emma@@example.com',
    'emma@one@example.com',
    'emma@example,com',
    'emma\u0000@example.com',
    'emma@example.com\nBcc: x@example.com',
    '',
  ];
  it.each(notAddresses)('refuses %j', (text) => {
    expect(Email.safeParse(text).success).toBe(false);
  });

  it('accepts every RFC 5322 address fast-check generates', () => {
    fc.assert(fc.property(fc.emailAddress(), (address) => Email.safeParse(address).success));
  });

  // Characters of local parts and labels: ASCII letters and digits, letters of other scripts,
  // and (local part only) RFC 5322 atext symbols and emoji.
  const letter = fc.oneof(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    fc
      .integer({ min: 0xc0, max: 0xffff })
      .map((code) => String.fromCodePoint(code))
      .filter((char) => /^[\p{L}\p{N}]$/u.test(char)),
  );
  const localChar = fc.oneof(letter, fc.constantFrom(..."!#$%&'*+-/=?^_`{|}~"), fc.constantFrom('😀', '📸', 'ß', 'é', 'ø'));
  const localPart = fc
    .array(
      fc.array(localChar, { minLength: 1, maxLength: 12 }).map((chars) => chars.join('')),
      { minLength: 1, maxLength: 3 },
    )
    .map((atoms) => atoms.join('.'));
  const uLabel = fc
    .array(
      fc.array(letter, { minLength: 1, maxLength: 8 }).map((chars) => chars.join('')),
      { minLength: 1, maxLength: 3 },
    )
    .map((parts) => parts.join('-'));
  const aLabel = fc.stringMatching(/^[a-z0-9]{2,12}$/).map((tail) => `xn--${tail}`);
  const label = fc.oneof(uLabel, aLabel);
  const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));
  const internationalised = fc.tuple(localPart, domain).map(([local, host]) => `${local}@${host}`);

  it('accepts generated internationalised addresses (UTF-8 local parts, U-labels, punycode), also once normalised for matching', () => {
    fc.assert(
      fc.property(internationalised, (address) => {
        expect(Email.safeParse(address).success).toBe(true);
        expect(Email.safeParse(normalizeEmail(address)).success).toBe(true);
        expect(
          Contact.safeParse({ id: 'con_1', first_name: 'A', last_name: 'B', email: address, phone: null, created_at: at }).success,
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any generated address with white space in it, or without an @', () => {
    fc.assert(
      fc.property(internationalised, fc.nat(), fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), (address, at, space) => {
        const position = at % (address.length + 1);
        expect(Email.safeParse(address.slice(0, position) + space + address.slice(position)).success).toBe(false);
        expect(Email.safeParse(address.replace('@', '')).success).toBe(false);
      }),
    );
  });
});

describe('reading a list record by record', () => {
  const orderId = fc.stringMatching(/^[A-Za-z0-9]{1,10}$/).map((tail) => `ord_${tail}`);
  const goodOrder = orderId.map((id) => ({ ...order, id }));
  // A good order with one top-level field replaced by anything at all (refused by the contract).
  const oddOrder = fc
    .tuple(goodOrder, fc.constantFrom(...Object.keys(order)), fc.anything())
    .map(([good, key, value]) => ({ ...good, [key]: value }))
    .filter((candidate) => !Order.safeParse(candidate).success);
  const notAnOrder = fc.anything().filter((candidate) => !Order.safeParse(candidate).success);

  it('never fails a page for one bad record: every good one comes through, in order, and the bad one is named', () => {
    fc.assert(
      fc.property(fc.array(goodOrder, { maxLength: 8 }), fc.oneof(oddOrder, notAnOrder), fc.nat(), (good, bad, at) => {
        const position = at % (good.length + 1);
        const page = [...good.slice(0, position), bad, ...good.slice(position)];
        const { records, problems } = readRecords(Order, page);
        expect(records.map((record) => record.id)).toEqual(good.map((record) => record.id));
        expect(problems).toHaveLength(1);
        expect(problems[0]!.index).toBe(position);
        const badId = (bad as { id?: unknown } | null)?.id;
        expect(problems[0]!.id).toBe(typeof badId === 'string' && badId !== '' ? badId : null);
        expect(problems[0]!.problem.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps exactly the records the contract accepts, whatever the page holds, and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(goodOrder, oddOrder, fc.anything()), { maxLength: 10 }), (page) => {
        const { records, problems } = readRecords(Order, page);
        const accepted = page.filter((entry) => Order.safeParse(entry).success);
        expect(records).toEqual(accepted.map((entry) => Order.parse(entry)));
        expect(records.length + problems.length).toBe(page.length);
      }),
      { numRuns: 200 },
    );
  });
});
