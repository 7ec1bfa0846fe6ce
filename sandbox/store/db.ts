// The sandbox's SQLite database: opened once per server, migrated in order (the core tables
// below, then the OAuth provider's, then the console's), each migration applied once and recorded.
//
// Conventions of the core tables:
// - every resource row belongs to one studio; its public id is unique within the studio
//   (UNIQUE (studio_id, id)), so the demo seed can give every demo studio the same readable ids;
// - `seq` (the rowid) breaks ties between equal timestamps, and every list is a keyset scan
//   over an index (studio_id, [filter,] <sort column> DESC, seq DESC): newest first;
// - timestamps are ISO 8601 UTC with milliseconds (Date#toISOString), which sort as text.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONSOLE_MIGRATIONS } from '../console/schema.js';
import { OAUTH_MIGRATIONS } from '../oauth/schema.js';
import { sqlite, transaction, type DatabaseSync } from './sqlite.js';

export const CORE_MIGRATIONS: string[] = [
  `CREATE TABLE studios (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, currency TEXT NOT NULL, timezone TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE TABLE users (id TEXT PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE INDEX users_by_studio ON users (studio_id)`,

  // Per-studio counters for human-readable numbers (orders, invoices).
  `CREATE TABLE counters (studio_id TEXT NOT NULL REFERENCES studios(id), name TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (studio_id, name))`,

  `CREATE TABLE brands (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    name TEXT NOT NULL, domain TEXT, created_at TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX brands_list ON brands (studio_id, created_at DESC, seq DESC)`,

  `CREATE TABLE gallery_presets (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    name TEXT NOT NULL, description TEXT, brand_id TEXT, created_at TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX gallery_presets_list ON gallery_presets (studio_id, created_at DESC, seq DESC)`,
  `CREATE INDEX gallery_presets_by_brand ON gallery_presets (studio_id, brand_id, created_at DESC, seq DESC)`,

  `CREATE TABLE contacts (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT, phone TEXT,
    email_key TEXT, name_key TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX contacts_list ON contacts (studio_id, created_at DESC, seq DESC)`,
  `CREATE INDEX contacts_by_email ON contacts (studio_id, email_key, created_at DESC, seq DESC)`,
  `CREATE INDEX contacts_by_phone ON contacts (studio_id, phone, created_at DESC, seq DESC)`,
  `CREATE INDEX contacts_by_name ON contacts (studio_id, name_key, created_at DESC, seq DESC)`,

  `CREATE TABLE jobs (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    name TEXT NOT NULL, contact_id TEXT NOT NULL, status TEXT NOT NULL, job_type TEXT, event_date TEXT,
    created_at TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX jobs_list ON jobs (studio_id, created_at DESC, seq DESC)`,
  `CREATE INDEX jobs_by_contact ON jobs (studio_id, contact_id, created_at DESC, seq DESC)`,

  `CREATE TABLE shoots (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    job_id TEXT NOT NULL, contact_id TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
    starts_at TEXT NOT NULL, ends_at TEXT, location TEXT, created_at TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX shoots_list ON shoots (studio_id, starts_at DESC, seq DESC)`,
  `CREATE INDEX shoots_by_contact ON shoots (studio_id, contact_id, starts_at DESC, seq DESC)`,
  `CREATE INDEX shoots_by_job ON shoots (studio_id, job_id, starts_at DESC, seq DESC)`,

  `CREATE TABLE galleries (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    name TEXT NOT NULL, slug TEXT NOT NULL, status TEXT NOT NULL, image_count INTEGER NOT NULL,
    brand_id TEXT NOT NULL, preset_id TEXT NOT NULL, event_date TEXT, client_email TEXT,
    published_at TEXT, created_at TEXT NOT NULL, UNIQUE (studio_id, id), UNIQUE (studio_id, slug))`,
  `CREATE INDEX galleries_list ON galleries (studio_id, created_at DESC, seq DESC)`,
  `CREATE INDEX galleries_by_status ON galleries (studio_id, status, created_at DESC, seq DESC)`,

  `CREATE TABLE job_galleries (
    studio_id TEXT NOT NULL REFERENCES studios(id), job_id TEXT NOT NULL, gallery_id TEXT NOT NULL,
    linked_at TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (studio_id, job_id, gallery_id))`,
  `CREATE INDEX job_galleries_by_gallery ON job_galleries (studio_id, gallery_id)`,

  `CREATE TABLE orders (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    number TEXT NOT NULL, gallery_id TEXT, payment_status TEXT NOT NULL, placed_at TEXT NOT NULL,
    body TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX orders_list ON orders (studio_id, placed_at DESC, seq DESC)`,
  `CREATE INDEX orders_by_gallery ON orders (studio_id, gallery_id, placed_at DESC, seq DESC)`,
  `CREATE INDEX orders_by_payment_status ON orders (studio_id, payment_status, placed_at DESC, seq DESC)`,

  `CREATE TABLE invoices (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    number TEXT NOT NULL, order_id TEXT, contact_id TEXT, job_id TEXT, created_at TEXT NOT NULL,
    body TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX invoices_list ON invoices (studio_id, created_at DESC, seq DESC)`,
  `CREATE INDEX invoices_by_order ON invoices (studio_id, order_id, created_at DESC, seq DESC)`,
  `CREATE INDEX invoices_by_job ON invoices (studio_id, job_id, created_at DESC, seq DESC)`,
  `CREATE INDEX invoices_by_contact ON invoices (studio_id, contact_id, created_at DESC, seq DESC)`,

  `CREATE TABLE payments (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    job_id TEXT NOT NULL, contact_id TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
    method TEXT, received_at TEXT NOT NULL, is_first_payment INTEGER NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX payments_list ON payments (studio_id, received_at DESC, seq DESC)`,
  `CREATE INDEX payments_by_job ON payments (studio_id, job_id, received_at DESC, seq DESC)`,

  `CREATE TABLE hooks (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    event TEXT NOT NULL, target_url TEXT NOT NULL, secret TEXT NOT NULL, created_at TEXT NOT NULL,
    UNIQUE (studio_id, id))`,
  `CREATE INDEX hooks_by_event ON hooks (studio_id, event)`,

  // Events are stored exactly as GET /v1/events lists them and as webhooks deliver them.
  `CREATE TABLE events (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    type TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (studio_id, id))`,
  `CREATE INDEX events_list ON events (studio_id, created_at DESC, seq DESC)`,
  `CREATE INDEX events_by_type ON events (studio_id, type, created_at DESC, seq DESC)`,

  // One row per delivery attempt, for GET /_sandbox/deliveries (what the sandbox sent, and what came back).
  `CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), hook_id TEXT NOT NULL,
    event_id TEXT NOT NULL, attempt INTEGER NOT NULL, outcome TEXT NOT NULL, status INTEGER,
    error TEXT, created_at TEXT NOT NULL)`,
  `CREATE INDEX deliveries_list ON deliveries (studio_id, seq DESC)`,

  // The first response to each Idempotency-Key, per studio. status NULL: still being answered.
  `CREATE TABLE idempotency_keys (
    studio_id TEXT NOT NULL REFERENCES studios(id), key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER, body TEXT, created_at TEXT NOT NULL, PRIMARY KEY (studio_id, key))`,

  // How the studio's gallery rounds the tax of an order's totals (sandbox/world/order-totals.ts);
  // a studio without a row rounds per line.
  `CREATE TABLE studio_tax_rounding (studio_id TEXT PRIMARY KEY REFERENCES studios(id), tax_rounding TEXT NOT NULL)`,

  // Each delivery attempt's duration and when the next one is due (null: none), for the log.
  `ALTER TABLE deliveries ADD COLUMN duration_ms INTEGER`,
  `ALTER TABLE deliveries ADD COLUMN next_retry_at TEXT`,

  // The studio's pipeline (sandbox/store/job-stages.ts), in order; a job is in one of its stages.
  `CREATE TABLE job_stages (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    name TEXT NOT NULL, position INTEGER NOT NULL, status TEXT NOT NULL,
    UNIQUE (studio_id, id), UNIQUE (studio_id, position))`,
  `ALTER TABLE jobs ADD COLUMN stage_id TEXT`,
  // The job's name folded (case, accents, white space) for GET /v1/jobs?name=; rows from before
  // this column get a plain lower-cased name.
  `ALTER TABLE jobs ADD COLUMN name_key TEXT`,
  `UPDATE jobs SET name_key = lower(trim(name))`,
  `CREATE INDEX jobs_by_name ON jobs (studio_id, name_key, created_at DESC, seq DESC)`,
  `CREATE INDEX orders_by_number ON orders (studio_id, number COLLATE NOCASE)`,
  // Whether the attempt went out with its webhook-signature header (0: refused before sending).
  `ALTER TABLE deliveries ADD COLUMN signed INTEGER`,
  // The order in another app an invoice was booked from (GET /v1/invoices?source_app=&source_reference=).
  `ALTER TABLE invoices ADD COLUMN source_app TEXT`,
  `ALTER TABLE invoices ADD COLUMN source_reference TEXT`,
  `CREATE INDEX invoices_by_source ON invoices (studio_id, source_app, source_reference, created_at DESC, seq DESC)`,
  // Who a gallery is shown to, from outside the CRM (sandbox/world/visitors.ts): visitors who
  // registered to view it (once per email) and invites of its main client (each one kept).
  `CREATE TABLE gallery_visitors (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    gallery_id TEXT NOT NULL, email TEXT NOT NULL, email_key TEXT NOT NULL, first_name TEXT, last_name TEXT,
    registered_at TEXT NOT NULL, UNIQUE (studio_id, id), UNIQUE (studio_id, gallery_id, email_key))`,
  `CREATE TABLE gallery_invites (
    seq INTEGER PRIMARY KEY, studio_id TEXT NOT NULL REFERENCES studios(id), id TEXT NOT NULL,
    gallery_id TEXT NOT NULL, email TEXT NOT NULL, first_name TEXT, last_name TEXT,
    sent_at TEXT NOT NULL, UNIQUE (studio_id, id))`,
  // A contact's postal address and the studio's notes on them.
  `ALTER TABLE contacts ADD COLUMN street TEXT`,
  `ALTER TABLE contacts ADD COLUMN city TEXT`,
  `ALTER TABLE contacts ADD COLUMN region TEXT`,
  `ALTER TABLE contacts ADD COLUMN postal_code TEXT`,
  `ALTER TABLE contacts ADD COLUMN country TEXT`,
  `ALTER TABLE contacts ADD COLUMN notes TEXT`,
  // A payment taken by a provider outside the CRM (POST /v1/payments), found by its reference
  // there (GET /v1/payments?provider=&provider_reference=); one payment per provider reference.
  `ALTER TABLE payments ADD COLUMN provider TEXT`,
  `ALTER TABLE payments ADD COLUMN provider_reference TEXT`,
  `ALTER TABLE payments ADD COLUMN provider_key TEXT`,
  `CREATE UNIQUE INDEX payments_by_provider ON payments (studio_id, provider_key) WHERE provider_key IS NOT NULL`,
];

/** Migrations in the order they apply; each name is recorded once applied. */
export function migrations(): Array<{ name: string; sql: string }> {
  return [
    ...CORE_MIGRATIONS.map((sql, i) => ({ name: `core:${String(i + 1).padStart(3, '0')}`, sql })),
    ...OAUTH_MIGRATIONS.map((sql, i) => ({ name: `oauth:${String(i + 1).padStart(3, '0')}`, sql })),
    ...CONSOLE_MIGRATIONS.map((sql, i) => ({ name: `console:${String(i + 1).padStart(3, '0')}`, sql })),
  ];
}

/** Opens (creating when needed) the database at `path` (or ':memory:') and migrates it. */
export function openDatabase(path: string): DatabaseSync {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new sqlite.DatabaseSync(path);
  db.exec('PRAGMA foreign_keys = ON');
  if (path !== ':memory:') {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
  }
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT name FROM schema_migrations').all() as Array<{ name: string }>).map((row) => row.name));
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const migration of migrations()) {
    if (applied.has(migration.name)) continue;
    transaction(db, () => {
      db.exec(migration.sql);
      record.run(migration.name, new Date().toISOString());
    });
  }
}
