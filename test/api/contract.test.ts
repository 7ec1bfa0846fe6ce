// The contract itself: realistic Studio API payloads parse, malformed ones are refused with
// the field named. (The sandbox's contract tests prove its responses parse with these too.)
import { describe, expect, it } from '@jest/globals';
import {
  ApiErrorBody, Contact, Gallery, HookSubscription, Invoice, Job, Me, Order, Page, Payment, Shoot, StudioEvent, TaxRate, CurrencyCode,
} from '../../src/api/contract.js';
import { describeIssues } from '../../src/api/client.js';

const at = '2026-05-01T10:00:00Z';
const gallery = {
  id: 'gal_smith_wedding', name: 'Smith Wedding', slug: 'smith-wedding', status: 'online', image_count: 412,
  brand_id: 'brd_northlight', preset_id: 'pst_wedding', event_date: '2026-04-18', client_email: 'emma.smith@example.com',
  admin_url: 'https://northlight.example/admin/galleries/gal_smith_wedding', client_url: 'https://northlight.example/g/smith-wedding',
  job_ids: ['job_smith_wedding'], published_at: at, created_at: at,
};
const order = {
  id: 'ord_1042', number: 'PT-1042', gallery_id: 'gal_smith_wedding', placed_at: at, currency: 'GBP', prices_include_tax: true,
  payment_status: 'paid', client: { email: 'emma.smith@example.com', first_name: 'Emma', last_name: 'Smith', phone: '07700 900123' },
  lines: [
    { id: 'orl_1', description: 'Heirloom album 30×30', quantity: 1, unit_price: 42000, tax_rate: '5', tax: null },
    { id: 'orl_2', description: 'Canvas 60×40', quantity: 2, unit_price: 8500, tax_rate: '10', tax: null },
  ],
  discount: 2500, shipping: { amount: 1200, tax_rate: null, tax: null }, tax_total: null,
  totals: { goods: 59000, discount: 2500, shipping: 1200, tax: 3571, total: 57700 },
};

describe('Studio API v1 contract', () => {
  it('parses realistic payloads of every resource', () => {
    expect(() => Me.parse({ studio: { id: 'std_1', name: 'Northlight Photography', country: 'GB', currency: 'GBP', timezone: 'Europe/London' }, user: { id: 'usr_1', email: 'ava@northlight.example', name: 'Ava Hart' }, scopes: ['studio:read'] })).not.toThrow();
    expect(() => Contact.parse({ id: 'con_emma', first_name: 'Emma', last_name: 'Smith', email: 'emma.smith@example.com', phone: '+447700900123', created_at: at })).not.toThrow();
    expect(() => Gallery.parse(gallery)).not.toThrow();
    expect(() => Job.parse({ id: 'job_smith_wedding', name: 'Smith Wedding', contact_id: 'con_emma', status: 'booked', job_type: 'Wedding', event_date: '2026-04-18', created_at: at, galleries: [gallery] })).not.toThrow();
    expect(() => Shoot.parse({ id: 'sht_1', job_id: 'job_smith_wedding', contact_id: 'con_emma', title: 'Wedding day', status: 'confirmed', starts_at: at, ends_at: null, location: 'Bath', created_at: at })).not.toThrow();
    expect(() => Order.parse(order)).not.toThrow();
    expect(() => Invoice.parse({ id: 'inv_1', number: 'INV-0001', order_id: 'ord_1042', contact_id: 'con_emma', job_id: null, tax_rate: '5', currency: 'GBP', prices_include_tax: true, net: 38000, tax: 1900, total: 39900, status: 'paid', lines: [{ kind: 'goods', description: 'Heirloom album 30×30', quantity: 1, amount: 39900, tax: 1900 }], created_at: at })).not.toThrow();
    expect(() => Payment.parse({ id: 'pay_1', job_id: 'job_smith_wedding', contact_id: 'con_emma', amount: 50000, currency: 'GBP', method: 'card', received_at: at, is_first_payment: true })).not.toThrow();
    expect(() => HookSubscription.parse({ id: 'hook_1', event: 'order.created', target_url: 'https://hooks.zapier.com/hooks/standard/1/abc', secret: 'whsec_0123456789abcdef', created_at: at })).not.toThrow();
    expect(StudioEvent.parse({ id: 'evt_1', type: 'order.created', created_at: at, data: order }).type).toBe('order.created');
    expect(Page(Contact).parse({ data: [], next_cursor: null }).data).toEqual([]);
    expect(() => ApiErrorBody.parse({ error: { code: 'validation_failed', message: 'Invalid', details: [{ field: 'email', message: 'bad' }] } })).not.toThrow();
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

  it('names the nested field that is wrong', () => {
    const result = Order.safeParse({ ...order, lines: [{ ...order.lines[0], quantity: 0 }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/^lines\.0\.quantity: /);
  });

  it('refuses an event whose data does not match its type', () => {
    expect(StudioEvent.safeParse({ id: 'evt_2', type: 'gallery.published', created_at: at, data: order }).success).toBe(false);
  });

  it('refuses a gallery with an invalid slug or status', () => {
    expect(Gallery.safeParse({ ...gallery, slug: 'Smith Wedding' }).success).toBe(false);
    expect(Gallery.safeParse({ ...gallery, status: 'published' }).success).toBe(false);
  });
});
