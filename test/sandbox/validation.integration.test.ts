// Bad input never crashes the sandbox or changes data: malformed JSON, wrong types, unknown
// fields, huge bodies and negative money are 4xx answers in the envelope, naming each field.
import { describe, expect, it } from '@jest/globals';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { type ApiResponse, useSandbox } from '../support/index.js';

const sandbox = useSandbox();

/** The raw request, for bodies the JSON helper would not send. */
async function raw(method: string, path: string, body: string | undefined, contentType: string | null): Promise<ApiResponse> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.authData.access_token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

function fieldsOf(response: ApiResponse): string[] {
  expect(response.status).toBe(422);
  expect(response.body.error.code).toBe('validation_failed');
  return response.body.error.details.map((d: { field: string }) => d.field);
}

const validOrder = {
  currency: 'GBP',
  prices_include_tax: true,
  payment_status: 'paid',
  client: { email: 'valid@example.com', first_name: 'Val', last_name: 'Id', phone: null },
  lines: [{ description: 'Print', quantity: 1, unit_price: 1000, tax_rate: '20' }],
};

const validInvoice = {
  tax_rate: '20',
  currency: 'GBP',
  prices_include_tax: true,
  net: 1000,
  tax: 200,
  total: 1200,
  status: 'paid',
  lines: [{ kind: 'goods', description: 'Print', quantity: 1, amount: 1200, tax: 200 }],
};

describe('unreadable bodies', () => {
  it('malformed JSON is a 400 invalid_json', async () => {
    const response = await raw('POST', '/v1/contacts', '{"first_name": "Ann",', 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
  });

  it('an empty JSON body is a 400, a missing body a 422', async () => {
    expect((await raw('POST', '/v1/contacts', '', 'application/json')).status).toBe(400);
    expect(fieldsOf(await raw('POST', '/v1/contacts', undefined, null))).toEqual(['body']);
  });

  it('JSON that is not an object is a 422 about the body', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      expect(fieldsOf(await raw('POST', '/v1/contacts', body, 'application/json'))).toEqual(['body']);
    }
  });

  it('a body that is not JSON is a 415', async () => {
    const form = await raw('POST', '/v1/contacts', 'first_name=Ann', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    expect((await raw('POST', '/v1/contacts', 'Ann', 'text/plain')).status).toBe(415);
  });

  it('a huge body is a 413 before it is read', async () => {
    const huge = JSON.stringify({ first_name: 'A'.repeat(2 * 1024 * 1024) });
    const response = await raw('POST', '/v1/contacts', huge, 'application/json');
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('prototype pollution attempts are refused', async () => {
    const response = await raw('POST', '/v1/contacts', '{"first_name":"Ann","__proto__":{"admin":true}}', 'application/json');
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('wrong types, unknown fields and bad values name each field', () => {
  it('contacts: wrong types, unknown fields, bad email and phone', async () => {
    expect(fieldsOf(await sandbox.api('POST', '/v1/contacts', { first_name: 42, nickname: 'Al', age: 3 })).sort()).toEqual([
      'age',
      'first_name',
      'nickname',
    ]);
    expect(
      fieldsOf(await sandbox.api('POST', '/v1/contacts', { first_name: 'Al', email: 'not-an-email', phone: '07700 900123' })).sort(),
    ).toEqual(['email', 'phone']);
    expect(fieldsOf(await sandbox.api('POST', '/v1/contacts', { first_name: ' ' }))).toEqual(['first_name']);
  });

  it('unknown fields are refused at any depth', async () => {
    expect(
      fieldsOf(await sandbox.api('POST', '/v1/invoices', { ...validInvoice, lines: [{ ...validInvoice.lines[0], colour: 'red' }] })),
    ).toEqual(['lines.0.colour']);
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/orders', { ...validOrder, client: { ...validOrder.client, vip: true } }))).toEqual(
      ['client.vip'],
    );
  });

  it('negative money is a 422: orders, payments, invoices', async () => {
    const negativeLine = { ...validOrder, lines: [{ ...validOrder.lines[0], unit_price: -1000 }] };
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/orders', negativeLine))).toEqual(['lines.0.unit_price']);
    expect(
      fieldsOf(
        await sandbox.api('POST', '/_sandbox/orders', { ...validOrder, discount: -5, shipping: { amount: -1, tax_rate: null } }),
      ).sort(),
    ).toEqual(['discount', 'shipping.amount']);
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: -500 }))).toEqual([
      'amount',
    ]);
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: 12.5 }))).toEqual([
      'amount',
    ]);
    const negativeInvoice = {
      ...validInvoice,
      net: -1200,
      tax: 0,
      total: -1200,
      lines: [{ kind: 'goods', description: 'Refund', quantity: 1, amount: -1200, tax: 0 }],
    };
    expect(fieldsOf(await sandbox.api('POST', '/v1/invoices', negativeInvoice)).sort()).toEqual(['lines.0.amount', 'net', 'total']);
  });

  it('money that does not add up: a discount larger than the goods, an inconsistent invoice', async () => {
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/orders', { ...validOrder, discount: 5000 }))).toEqual(['discount']);
    expect(
      fieldsOf(await sandbox.api('POST', '/_sandbox/orders', { ...validOrder, lines: [{ ...validOrder.lines[0], quantity: 1e20 }] })),
    ).toEqual(['lines.0.quantity']);
    const wrongTax = await sandbox.api('POST', '/v1/invoices', { ...validInvoice, tax: 150, net: 1050 });
    expect(fieldsOf(wrongTax)).toEqual(['tax']);
    expect(wrongTax.body.error.message).toContain("the lines' tax adds up to 200");
    expect(fieldsOf(await sandbox.api('POST', '/v1/invoices', { ...validInvoice, total: 1300 })).sort()).toEqual(['total', 'total']);
    expect(fieldsOf(await sandbox.api('POST', '/v1/invoices', { ...validInvoice, prices_include_tax: false }))).toEqual(['net']);
    expect(fieldsOf(await sandbox.api('POST', '/v1/invoices', { ...validInvoice, tax_rate: '20%', currency: 'XYZ' })).sort()).toEqual([
      'currency',
      'tax_rate',
    ]);
  });

  it('an invoice must point at records of this studio', async () => {
    expect(
      fieldsOf(
        await sandbox.api('POST', '/v1/invoices', { ...validInvoice, order_id: 'ord_nope', contact_id: 'con_nope', job_id: 'job_nope' }),
      ).sort(),
    ).toEqual(['contact_id', 'job_id', 'order_id']);
    expect(
      fieldsOf(await sandbox.api('POST', '/v1/invoices', { ...validInvoice, order_id: DEMO_IDS.orders.wilsonPrints, currency: 'EUR' })),
    ).toEqual(['currency']);
  });

  it('query parameters are checked too', async () => {
    expect(fieldsOf(await sandbox.api('GET', '/v1/shoots?status=confirmed,booked'))).toEqual(['status']);
    expect(fieldsOf(await sandbox.api('GET', '/v1/shoots?before=yesterday'))).toEqual(['before']);
    expect(fieldsOf(await sandbox.api('GET', '/v1/orders?since=2026-13-45'))).toEqual(['since']);
    expect(fieldsOf(await sandbox.api('GET', '/v1/orders?payment_status=refunded'))).toEqual(['payment_status']);
    expect(fieldsOf(await sandbox.api('GET', '/v1/galleries?status=hidden'))).toEqual(['status']);
    expect(fieldsOf(await sandbox.api('GET', '/v1/events?type=order.deleted'))).toEqual(['type']);
    expect(fieldsOf(await sandbox.api('GET', '/v1/contacts?phone=call-me'))).toEqual(['phone']);
  });

  it('faults and hooks validate their bodies', async () => {
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/faults', { count: 2 }))).toEqual(['status']);
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/faults', { status: 200, count: 0 })).sort()).toEqual(['count', 'status']);
    expect(fieldsOf(await sandbox.api('POST', '/v1/hooks', { target_url: 'ftp://example.com/x', event: 'order.updated' })).sort()).toEqual([
      'event',
      'target_url',
    ]);
    expect(fieldsOf(await sandbox.api('POST', '/_sandbox/galleries/gal_hart_wedding/images', { count: -3 }))).toEqual(['count']);
  });

  it('studios: bad country, currency, time zone and redirect URI', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'X', country: 'gb', currency: 'ABC', timezone: 'Mars/Olympus' }),
    });
    const body = (await response.json()) as { error: { details: Array<{ field: string }> } };
    expect(response.status).toBe(422);
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['country', 'currency', 'timezone']);
    const redirect = await fetch(`${sandbox.url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'X', country: 'GB', currency: 'GBP', redirect_uris: ['http://evil.example.com/cb'] }),
    });
    expect(redirect.status).toBe(422);
    expect(((await redirect.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]!.field).toBe('redirect_uris');
  });
});

describe('galleries: references, slugs and the 10-per-job limit', () => {
  const gallery = { name: 'Test Gallery', brand_id: DEMO_IDS.brands.northlight, preset_id: DEMO_IDS.presets.classic };

  it('unknown brand, preset and job are a 422 naming each', async () => {
    expect(
      fieldsOf(
        await sandbox.api('POST', '/v1/galleries', { ...gallery, brand_id: 'brd_nope', preset_id: 'pst_nope', job_id: 'job_nope' }),
      ).sort(),
    ).toEqual(['brand_id', 'job_id', 'preset_id']);
    // A preset of another brand does not fit either.
    expect(fieldsOf(await sandbox.api('POST', '/v1/galleries', { ...gallery, preset_id: DEMO_IDS.presets.weddingStory }))).toEqual([
      'preset_id',
    ]);
  });

  it('a taken slug is a 409 slug_taken, or the next free suffix when asked', async () => {
    const taken = await sandbox.api('POST', '/v1/galleries', { ...gallery, slug: 'zoe-bronte-portraits' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('slug_taken');
    const suffixed = await sandbox.api('POST', '/v1/galleries', { ...gallery, slug: 'zoe-bronte-portraits', on_slug_conflict: 'suffix' });
    expect(suffixed.status).toBe(201);
    expect(suffixed.body.slug).toBe('zoe-bronte-portraits-2');
    // A slug made from the name is ours to choose: never a conflict.
    const fromName = await sandbox.api('POST', '/v1/galleries', { ...gallery, name: 'Zoë Brontë Portraits' });
    expect(fromName.body.slug).toBe('zoe-bronte-portraits-3');
  });

  it('an 11th gallery on a job is a 409 that says the limit is 10, and creates nothing', async () => {
    const job = DEMO_IDS.jobs.clarkeNewborn;
    for (let i = 0; i < 10; i += 1) {
      expect((await sandbox.api('POST', '/v1/galleries', { ...gallery, name: `Newborn ${i}`, job_id: job })).status).toBe(201);
    }
    const galleriesBefore = (await sandbox.api('GET', '/v1/galleries?limit=100')).body.data.length;
    const eleventh = await sandbox.api('POST', '/v1/galleries', { ...gallery, name: 'Newborn 11', job_id: job });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.error.code).toBe('gallery_limit_reached');
    expect(eleventh.body.error.message).toMatch(/limit is 10/);
    expect((await sandbox.api('GET', '/v1/galleries?limit=100')).body.data.length).toBe(galleriesBefore);
    const link = await sandbox.api('POST', `/v1/jobs/${job}/galleries`, { gallery_id: DEMO_IDS.galleries.shahMaternity });
    expect(link.status).toBe(409);
    expect(link.body.error.code).toBe('gallery_limit_reached');
  });

  it('unknown ids in the path are 404 not_found', async () => {
    for (const path of [
      '/v1/contacts/con_x',
      '/v1/jobs/job_x',
      '/v1/jobs/job_x/shoots',
      '/v1/galleries/gal_x',
      '/v1/orders/ord_x',
      '/v1/invoices/inv_x',
      '/v1/payments/pay_x',
    ]) {
      const response = await sandbox.api('GET', path);
      expect({ path, status: response.status, code: response.body.error.code }).toEqual({ path, status: 404, code: 'not_found' });
    }
  });
});

describe('after all that', () => {
  it('the sandbox still answers and nothing bad was stored', async () => {
    const contacts = (await sandbox.api('GET', '/v1/contacts?limit=100')).body.data;
    expect(contacts.map((c: { first_name: string }) => c.first_name)).not.toContain('Al');
    const invoices = (await sandbox.api('GET', '/v1/invoices')).body.data;
    expect(invoices).toEqual([]);
    const payments = (await sandbox.api('GET', '/v1/payments?limit=100')).body.data;
    expect(payments.every((p: { amount: number }) => p.amount > 0)).toBe(true);
    expect((await sandbox.api('GET', '/v1/me')).status).toBe(200);
  });
});

describe('ids of any length', () => {
  it('answers an absurdly long id with the API’s own 404, not the framework’s 414', async () => {
    const response = await sandbox.api('GET', `/v1/galleries/${'g'.repeat(300)}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});
