// What the console's pages show, read from the sandbox's database through the same functions
// the API answers with (resources in the contract's shapes), plus what only the sandbox
// knows: delivery attempts, subscriptions, OAuth clients and token families. Nothing here
// ever selects a secret, a token or a hash.
import type { Contact } from '../../src/contract/contacts.js';
import type { StudioEvent } from '../../src/contract/hooks.js';
import type { Invoice } from '../../src/contract/invoices.js';
import type { Job } from '../../src/contract/jobs.js';
import type { Order } from '../../src/contract/orders.js';
import type { Payment } from '../../src/contract/payments.js';
import type { Shoot } from '../../src/contract/shoots.js';
import { findContact } from '../store/contacts.js';
import { JOB_COLUMNS, jobResource, type JobRow } from '../store/jobs.js';
import { findOrder } from '../store/orders.js';
import { paymentResource, type PaymentRow } from '../store/payments.js';
import { shootResource, type ShootRow } from '../store/shoots.js';
import { prepared, type DatabaseSync, allRows } from '../store/sqlite.js';

/** How many of the newest rows a page lists (it says so when there are more). */
export const PAGE_ROWS = 50;

export interface Listing<T> {
  rows: T[];
  total: number;
}

function count(db: DatabaseSync, table: string, studioId: string): number {
  return (prepared(db, `SELECT COUNT(*) AS n FROM ${table} WHERE studio_id = ?`).get(studioId) as { n: number }).n;
}

export interface JobView {
  job: Job;
  contact: Contact | null;
  shoots: Shoot[];
  payments: Payment[];
}

export function jobsOf(db: DatabaseSync, studioId: string): Listing<JobView> {
  const rows = allRows<JobRow>(
    prepared(db, `SELECT ${JOB_COLUMNS} FROM jobs WHERE studio_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?`),
    studioId,
    PAGE_ROWS,
  );
  return {
    total: count(db, 'jobs', studioId),
    rows: rows.map((row) => ({
      job: jobResource(db, studioId, row),
      contact: findContact(db, studioId, row.contact_id),
      shoots: allRows<ShootRow>(
        prepared(
          db,
          'SELECT id, job_id, contact_id, title, status, starts_at, ends_at, location, created_at FROM shoots WHERE studio_id = ? AND job_id = ? ORDER BY starts_at DESC, seq DESC',
        ),
        studioId,
        row.id,
      ).map(shootResource),
      payments: allRows<PaymentRow>(
        prepared(
          db,
          'SELECT id, job_id, contact_id, amount, currency, method, received_at, is_first_payment FROM payments WHERE studio_id = ? AND job_id = ? ORDER BY received_at DESC, seq DESC',
        ),
        studioId,
        row.id,
      ).map(paymentResource),
    })),
  };
}

export function invoicesOfOrder(db: DatabaseSync, studioId: string, orderId: string): Invoice[] {
  const rows = prepared(db, 'SELECT body FROM invoices WHERE studio_id = ? AND order_id = ? ORDER BY created_at, seq').all(
    studioId,
    orderId,
  ) as Array<{ body: string }>;
  return rows.map((row) => JSON.parse(row.body) as Invoice);
}

export interface OrderView {
  order: Order;
  invoices: Invoice[];
}

export function ordersOf(db: DatabaseSync, studioId: string): Listing<OrderView> {
  const rows = prepared(db, 'SELECT body FROM orders WHERE studio_id = ? ORDER BY placed_at DESC, seq DESC LIMIT ?').all(
    studioId,
    PAGE_ROWS,
  ) as Array<{ body: string }>;
  return {
    total: count(db, 'orders', studioId),
    rows: rows.map((row) => {
      const order = JSON.parse(row.body) as Order;
      return { order, invoices: invoicesOfOrder(db, studioId, order.id) };
    }),
  };
}

/** An order from another app, as the invoices booked from it name it (their `source`). */
export interface SourcedOrderView {
  app: string;
  reference: string;
  /** Lowest rate first. */
  invoices: Invoice[];
}

/** The orders from other apps the studio booked invoices for, most recent first. */
export function ordersFromOtherAppsOf(db: DatabaseSync, studioId: string): SourcedOrderView[] {
  const rows = prepared(
    db,
    'SELECT body FROM invoices WHERE studio_id = ? AND source_app IS NOT NULL ORDER BY created_at DESC, seq DESC LIMIT ?',
  ).all(studioId, PAGE_ROWS * 4) as Array<{
    body: string;
  }>;
  const orders = new Map<string, SourcedOrderView>();
  for (const row of rows) {
    const invoice = JSON.parse(row.body) as Invoice;
    if (!invoice.source) continue;
    const key = JSON.stringify([invoice.source.app, invoice.source.reference]);
    const order = orders.get(key) ?? { app: invoice.source.app, reference: invoice.source.reference, invoices: [] };
    order.invoices.push(invoice);
    orders.set(key, order);
  }
  for (const order of orders.values()) order.invoices.sort((a, b) => Number(a.tax_rate) - Number(b.tax_rate));
  return [...orders.values()].slice(0, PAGE_ROWS);
}

export function orderOf(db: DatabaseSync, studioId: string, orderId: string): OrderView | null {
  const order = findOrder(db, studioId, orderId);
  return order ? { order, invoices: invoicesOfOrder(db, studioId, order.id) } : null;
}

export function eventsOf(db: DatabaseSync, studioId: string): Listing<StudioEvent> {
  const rows = prepared(db, 'SELECT body FROM events WHERE studio_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?').all(
    studioId,
    PAGE_ROWS,
  ) as Array<{ body: string }>;
  return { total: count(db, 'events', studioId), rows: rows.map((row) => JSON.parse(row.body) as StudioEvent) };
}

export interface SubscriptionView {
  id: string;
  event: string;
  target_url: string;
  created_at: string;
}

export function subscriptionsOf(db: DatabaseSync, studioId: string): SubscriptionView[] {
  return allRows<SubscriptionView>(
    prepared(db, 'SELECT id, event, target_url, created_at FROM hooks WHERE studio_id = ? ORDER BY seq DESC'),
    studioId,
  );
}

export interface DeliveryView {
  hook_id: string;
  event_id: string;
  event_type: string | null;
  /** The subscription's target, null once it was removed. */
  target_url: string | null;
  attempt: number;
  outcome: string;
  status: number | null;
  error: string | null;
  duration_ms: number | null;
  next_retry_at: string | null;
  /** 1 when the attempt went out with its webhook-signature header; null for attempts logged before it was recorded. */
  signed: number | null;
  created_at: string;
}

export function deliveryAttemptsOf(db: DatabaseSync, studioId: string): Listing<DeliveryView> {
  const rows = allRows<DeliveryView>(
    prepared(
      db,
      `SELECT d.hook_id, d.event_id, e.type AS event_type, h.target_url, d.attempt, d.outcome, d.status, d.error, d.duration_ms,
            d.next_retry_at, d.signed, d.created_at
       FROM deliveries d
       LEFT JOIN events e ON e.studio_id = d.studio_id AND e.id = d.event_id
       LEFT JOIN hooks h ON h.studio_id = d.studio_id AND h.id = d.hook_id
      WHERE d.studio_id = ? ORDER BY d.seq DESC LIMIT ?`,
    ),
    studioId,
    PAGE_ROWS,
  );
  return { rows, total: count(db, 'deliveries', studioId) };
}

export interface ClientView {
  id: string;
  name: string;
  confidential: number;
  created_at: string;
  redirect_uris: string[];
}

export function clientsOf(db: DatabaseSync, studioId: string): ClientView[] {
  const rows = allRows<Omit<ClientView, 'redirect_uris'>>(
    prepared(db, 'SELECT id, name, confidential, created_at FROM oauth_clients WHERE studio_id = ? ORDER BY created_at, id'),
    studioId,
  );
  return rows.map((row) => ({
    ...row,
    redirect_uris: (
      prepared(db, 'SELECT redirect_uri FROM oauth_client_redirect_uris WHERE client_id = ? ORDER BY redirect_uri').all(row.id) as Array<{
        redirect_uri: string;
      }>
    ).map((r) => r.redirect_uri),
  }));
}

export interface FamilyView {
  id: string;
  client_id: string;
  client_name: string;
  user_email: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  /** Refresh tokens of the family already exchanged for a new pair. */
  rotations: number;
  /** Access tokens still valid (unrevoked, unexpired). */
  live_access_tokens: number;
  /** When its newest access token expires. */
  access_expires_at: string | null;
}

export function tokenFamiliesOf(db: DatabaseSync, studioId: string): FamilyView[] {
  const now = new Date().toISOString();
  return allRows<FamilyView>(
    prepared(
      db,
      `SELECT f.id, f.client_id, c.name AS client_name, u.email AS user_email, f.scopes, f.created_at, f.revoked_at, f.revoked_reason,
            (SELECT COUNT(*) FROM oauth_refresh_tokens r WHERE r.family_id = f.id AND r.used_at IS NOT NULL) AS rotations,
            (SELECT COUNT(*) FROM oauth_access_tokens a WHERE a.family_id = f.id AND a.revoked_at IS NULL AND a.expires_at > ?) AS live_access_tokens,
            (SELECT MAX(a.expires_at) FROM oauth_access_tokens a WHERE a.family_id = f.id) AS access_expires_at
       FROM oauth_token_families f
       JOIN oauth_clients c ON c.id = f.client_id
       JOIN users u ON u.id = f.user_id
      WHERE f.studio_id = ? ORDER BY f.created_at DESC, f.id`,
    ),
    now,
    studioId,
  );
}

/** Galleries to place an order in (the order form's choice), newest first. */
export function galleryChoicesOf(db: DatabaseSync, studioId: string): Array<{ id: string; name: string }> {
  return prepared(db, 'SELECT id, name FROM galleries WHERE studio_id = ? ORDER BY created_at DESC, seq DESC LIMIT 200').all(
    studioId,
  ) as Array<{ id: string; name: string }>;
}
