// Updated Contact and New Invoice: instant triggers whose events carry everything an item shows
// (the contact after the change with its changed fields; the invoice with its lines, contact
// and job), so a delivery costs no request and a poll one.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { sampleContact, sampleContactUpdatedEvent } from '../../src/contacts/samples.js';
import type { ContactUpdatedEvent, InvoiceCreatedEvent } from '../../src/contract/hooks.js';
import { sampleInvoiceCreatedEvent } from '../../src/invoices/new_invoice.js';
import { delivery, operationsOf, runOperation } from '../support/index.js';
import { API } from '../support/api-mock.js';

const authData = { access_token: 'at-updates' };

afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

const events = (type: string, data: unknown[], limit = '100') =>
  nock(API).get('/v1/events').query({ type, limit }).reply(200, { data, next_cursor: null });

function change(id: string, changed_fields: string[], data: Partial<ContactUpdatedEvent['data']> = {}): ContactUpdatedEvent {
  return { ...sampleContactUpdatedEvent, id: `evt_${id}`, data: { ...sampleContactUpdatedEvent.data, ...data, changed_fields } };
}

describe('Updated Contact', () => {
  const updatedContact = operationsOf('updated_contact');

  it('delivers the contact after the change and which fields changed, keyed by the change, without a request', async () => {
    const items = await runOperation(updatedContact.perform, {
      authData,
      ...delivery(change('U1', ['email', 'city'], { email: 'emma@harper.example', city: 'Bath' })).bundle,
    });
    expect(items).toEqual([
      {
        ...sampleContact,
        id: 'evt_U1',
        contact_id: sampleContact.id,
        email: 'emma@harper.example',
        city: 'Bath',
        name: 'Emma Harper',
        changed_fields: ['email', 'city'],
        changed_at: sampleContactUpdatedEvent.created_at,
      },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('gives each change of one contact its own item id, so a poll lets every change through', async () => {
    const api = events('contact.updated', [change('U3', ['notes']), change('U2', ['phone'])]);
    const listed = (await runOperation(updatedContact.performList, { authData })) as Array<{ id: string; contact_id: string }>;
    expect(api.isDone()).toBe(true);
    expect(listed.map((item) => [item.id, item.contact_id])).toEqual([
      ['evt_U3', sampleContact.id],
      ['evt_U2', sampleContact.id],
    ]);
  });

  it('with Only When These Fields Change, triggers only for a change of one of them (deliveries and polls alike)', async () => {
    const watched = { watched_fields: ['email', 'phone'] };
    await expect(
      runOperation(updatedContact.perform, { authData, inputData: watched, ...delivery(change('U4', ['street', 'city'])).bundle }),
    ).resolves.toEqual([]);
    await expect(
      runOperation(updatedContact.perform, { authData, inputData: watched, ...delivery(change('U5', ['city', 'phone'])).bundle }),
    ).resolves.toHaveLength(1);
    // Zapier may hand a list field over as comma-joined text.
    events('contact.updated', [change('U7', ['notes']), change('U6', ['email'])]);
    const listed = (await runOperation(updatedContact.performList, { authData, inputData: { watched_fields: 'email,phone' } })) as Array<{
      id: string;
    }>;
    expect(listed.map((item) => item.id)).toEqual(['evt_U6']);
  });

  it('refuses a field it cannot watch, or a value that is no list, naming the option, before any request', async () => {
    await expect(runOperation(updatedContact.performList, { authData, inputData: { watched_fields: ['birthday'] } })).rejects.toThrow(
      /Only When These Fields Change: .*must be among/,
    );
    await expect(runOperation(updatedContact.performList, { authData, inputData: { watched_fields: { email: 'yes' } } })).rejects.toThrow(
      /Only When These Fields Change: must be a list/,
    );
  });

  it('reads a contact from an API without address fields as having none', async () => {
    const { street: _s, city: _c, region: _r, postal_code: _p, country: _n, notes: _o, ...bare } = sampleContact;
    const event = { ...sampleContactUpdatedEvent, id: 'evt_U8', data: { ...bare, changed_fields: ['email'] } };
    const [item] = (await runOperation(updatedContact.perform, { authData, ...delivery(event).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({
      street: null,
      city: null,
      region: null,
      postal_code: null,
      country: null,
      notes: null,
      changed_fields: ['email'],
    });
  });

  it('subscribes to contact.updated', async () => {
    const api = nock(API).post('/v1/hooks', { target_url: 'https://hooks.zapier.com/u', event: 'contact.updated' }).reply(201, {
      id: 'hook_U1',
      event: 'contact.updated',
      target_url: 'https://hooks.zapier.com/u',
      secret: 'whsec_abcdef0123456789',
      created_at: '2026-07-01T10:00:00Z',
    });
    await runOperation(updatedContact.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/u' });
    expect(api.isDone()).toBe(true);
  });
});

describe('New Invoice', () => {
  const newInvoice = operationsOf('new_invoice');
  const invoice = sampleInvoiceCreatedEvent.data;

  it('delivers the invoice with its lines as line items, its figures, contact and job, without a request', async () => {
    const [item] = (await runOperation(newInvoice.perform, { authData, ...delivery(sampleInvoiceCreatedEvent).bundle })) as Array<
      Record<string, any>
    >;
    expect(item).toMatchObject({
      id: invoice.id,
      number: invoice.number,
      tax_rate: invoice.tax_rate,
      status: invoice.status,
      total: invoice.total,
      source_app: null,
      source_reference: null,
      contact_id: sampleContact.id,
      job_id: invoice.job_id,
      contact: { name: 'Emma Harper', email: sampleContact.email },
      job: { name: expect.any(String) },
    });
    expect(item!.lines).toHaveLength(invoice.lines.length);
    expect(item!.lines[0]).toMatchObject({
      invoice_id: invoice.id,
      description: invoice.lines[0]!.description,
      amount: invoice.lines[0]!.amount,
    });
    // Every line's amount as a plain decimal, adding up (in minor units) to what the invoice says it is priced at.
    const sum = item!.lines.reduce((total: number, line: { amount: number }) => total + line.amount, 0);
    expect(sum).toBe(invoice.prices_include_tax ? invoice.total : invoice.net);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('shows the other app and its reference of an invoice booked from a Shopify order, and no contact or job when it has none', async () => {
    const event: InvoiceCreatedEvent = {
      ...sampleInvoiceCreatedEvent,
      id: 'evt_I2',
      data: {
        ...invoice,
        order_id: null,
        contact_id: null,
        job_id: null,
        source: { app: 'shopify', reference: '#1042' },
        contact: null,
        job: null,
      },
    };
    const [item] = (await runOperation(newInvoice.perform, { authData, ...delivery(event).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ source_app: 'shopify', source_reference: '#1042', contact: null, job: null });
  });

  it('lists recent invoices in one request, the same items deliveries give', async () => {
    const api = events('invoice.created', [sampleInvoiceCreatedEvent], '25');
    const listed = await runOperation(newInvoice.performList, { authData });
    expect(api.isDone()).toBe(true);
    expect(listed).toEqual(await runOperation(newInvoice.perform, { authData, ...delivery(sampleInvoiceCreatedEvent).bundle }));
  });

  it('keeps an invoice whose embedded contact cannot be read, without the contact', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const event = { ...sampleInvoiceCreatedEvent, id: 'evt_I3', data: { ...invoice, contact: { id: 'con_broken' } } };
    const [item] = (await runOperation(newInvoice.perform, { authData, ...delivery(event).bundle })) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({ id: invoice.id, job_id: invoice.job_id, contact: null, job: { name: expect.any(String) } });
    expect(log.mock.calls.flat().join('\n')).toMatch(/event evt_I3 came without a readable contact/);
    log.mockRestore();
  });
});
