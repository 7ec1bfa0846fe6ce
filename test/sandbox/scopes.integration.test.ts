// Scopes: an endpoint that only reads needs only the read scope, and a `:write` scope includes
// its `:read` (so a token of the integration, which asks for invoices:write, reads invoices too).
import { describe, expect, it } from '@jest/globals';
import { issueTokens } from '../../sandbox/oauth/index.js';
import { scopeAllows } from '../../sandbox/oauth/scopes.js';
import { apiAs, placePrintOrder, useSandbox } from '../support/index.js';

const sandbox = useSandbox();

/** A token of the demo studio carrying exactly these scopes. */
function tokenWith(scopes: string[]): string {
  const db = sandbox.sandbox.context.db;
  const { user_id, client_id } = db
    .prepare(
      'SELECT u.id AS user_id, c.id AS client_id FROM users u JOIN oauth_clients c ON c.studio_id = u.studio_id WHERE u.studio_id = ? LIMIT 1',
    )
    .get(sandbox.studio.studio_id) as { user_id: string; client_id: string };
  return issueTokens(db, { studioId: sandbox.studio.studio_id, userId: user_id, clientId: client_id, scopes, tokenTtlSeconds: 600 })
    .access_token;
}

describe('scopes', () => {
  it('invoices:read alone lists and reads invoices, and cannot create one', async () => {
    const orderId = await placePrintOrder(sandbox.api, { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart' });
    const created = await sandbox.api('POST', '/v1/invoices', {
      order_id: orderId,
      tax_rate: '0',
      currency: 'GBP',
      prices_include_tax: true,
      net: 1000,
      tax: 0,
      total: 1000,
      status: 'paid',
      lines: [{ kind: 'goods', description: 'Print', quantity: 1, amount: 1000, tax: 0 }],
    });
    expect(created.status).toBe(201);
    const reader = tokenWith(['invoices:read']);
    const listed = await apiAs(sandbox.url, reader, 'GET', `/v1/invoices?order_id=${orderId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((invoice: { id: string }) => invoice.id)).toEqual([created.body.id]);
    expect((await apiAs(sandbox.url, reader, 'GET', `/v1/invoices/${created.body.id}`)).status).toBe(200);
    const write = await apiAs(sandbox.url, reader, 'POST', '/v1/invoices', {});
    expect(write).toMatchObject({ status: 403, body: { error: { code: 'insufficient_scope' } } });
  });

  it('a token without any invoices scope cannot read them', async () => {
    const response = await apiAs(sandbox.url, tokenWith(['orders:read']), 'GET', '/v1/invoices');
    expect(response).toMatchObject({ status: 403, body: { error: { code: 'insufficient_scope' } } });
    // RFC 6750 §3: the challenge names the error and the scope that would do.
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="studio-api", error="insufficient_scope", scope="invoices:read"');
  });

  it('a :write scope includes its :read, never another resource’s', () => {
    expect(scopeAllows(['invoices:write'], 'invoices:read')).toBe(true);
    expect(scopeAllows(['invoices:read'], 'invoices:write')).toBe(false);
    expect(scopeAllows(['contacts:write'], 'invoices:read')).toBe(false);
    expect(scopeAllows(['orders:read'], 'orders:read')).toBe(true);
  });
});
