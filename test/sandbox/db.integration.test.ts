// The database: migrations apply in order exactly once (core, then OAuth), the tables the
// OAuth provider relies on have the agreed shape, and every list query the API runs is an
// index search, never a scan of a whole table or a sort of a studio's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { SQLInputValue } from 'node:sqlite';
import { migrations, openDatabase } from '../../sandbox/store/db.js';
import { startSandbox } from '../../sandbox/server.js';
import type { DatabaseSync } from '../../sandbox/store/sqlite.js';
import { createTestStudio } from '../support/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function columns(db: DatabaseSync, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

describe('migrations', () => {
  it('apply in order once, core before OAuth, and reopening a database changes nothing', () => {
    const path = join(dir, 'nested', 'studio.db');
    const first = openDatabase(path);
    const applied = (first.prepare('SELECT name FROM schema_migrations ORDER BY rowid').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    expect(applied).toEqual(migrations().map((m) => m.name));
    expect(applied[0]).toBe('core:001');
    expect(applied.findIndex((n) => n.startsWith('oauth:'))).toBeGreaterThan(applied.findLastIndex((n) => n.startsWith('core:')));
    first
      .prepare(
        "INSERT INTO studios (id, name, country, currency, timezone, created_at) VALUES ('std_keep', 'Keep', 'GB', 'GBP', 'UTC', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    first.close();

    const again = openDatabase(path);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(applied.length);
    expect(again.prepare("SELECT name FROM studios WHERE id = 'std_keep'").get()).toEqual({ name: 'Keep' });
    again.close();
  });

  it('studios and users have exactly the agreed columns; emails are unique whatever their case', () => {
    const db = openDatabase(':memory:');
    expect(columns(db, 'studios')).toEqual(['id', 'name', 'country', 'currency', 'timezone', 'created_at']);
    expect(columns(db, 'users')).toEqual(['id', 'studio_id', 'email', 'name', 'password_hash', 'created_at']);
    db.prepare("INSERT INTO studios VALUES ('std_a', 'A', 'GB', 'GBP', 'UTC', 'now')").run();
    db.prepare("INSERT INTO users VALUES ('usr_a', 'std_a', 'Owner@Example.com', 'A', 'x', 'now')").run();
    expect(() => db.prepare("INSERT INTO users VALUES ('usr_b', 'std_a', 'owner@example.COM', 'B', 'x', 'now')").run()).toThrow(/UNIQUE/);
    // Foreign keys are enforced: a user of no studio cannot exist.
    expect(() => db.prepare("INSERT INTO users VALUES ('usr_c', 'std_missing', 'c@example.com', 'C', 'x', 'now')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });
});

describe('every list query is an index search', () => {
  it('no list endpoint scans a table or sorts a studio’s rows', async () => {
    const sandbox = await startSandbox();
    // Record each SELECT the API prepares (statements are prepared on first use).
    const db = sandbox.context.db;
    const selects = new Set<string>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      if (/^\s*SELECT/i.test(sql) && /ORDER BY/i.test(sql)) selects.add(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      const studio = await createTestStudio(sandbox.url, { seed: 'demo' });
      const first = await studio.api('GET', '/v1/contacts?limit=1');
      const cursor = encodeURIComponent(first.body.next_cursor);
      const paths = [
        `/v1/contacts?cursor=${cursor}`,
        '/v1/contacts?email=a@example.com',
        '/v1/contacts?phone=%2B447700900101',
        '/v1/contacts?name=James%20Wilson',
        '/v1/contacts?q=wil',
        '/v1/jobs',
        '/v1/jobs?contact_id=con_amelia_hart',
        '/v1/jobs?q=wedding',
        '/v1/jobs/job_hart_wedding',
        '/v1/jobs/job_hart_wedding/shoots',
        '/v1/jobs/job_hart_wedding/payments',
        '/v1/shoots',
        '/v1/shoots?contact_id=con_amelia_hart&status=confirmed&before=2026-11-01T00:00:00Z',
        '/v1/shoots?status=confirmed,completed',
        '/v1/galleries',
        '/v1/galleries?status=online',
        '/v1/galleries?job_id=job_hart_wedding',
        '/v1/galleries?slug=zoe-bronte-portraits',
        '/v1/galleries?q=portraits',
        '/v1/brands',
        '/v1/gallery-presets',
        '/v1/gallery-presets?brand_id=brd_northlight',
        '/v1/orders',
        '/v1/orders?since=2026-10-01T00:00:00Z',
        '/v1/orders?gallery_id=gal_bennett_family',
        '/v1/orders?payment_status=paid',
        '/v1/invoices',
        '/v1/invoices?order_id=ord_hart_album_canvas',
        '/v1/invoices?job_id=job_hart_wedding',
        '/v1/invoices?contact_id=con_amelia_hart',
        '/v1/payments',
        '/v1/payments?job_id=job_hart_wedding',
        '/v1/events',
        '/v1/events?type=order.created',
      ];
      for (const path of paths) expect({ path, status: (await studio.api('GET', path)).status }).toEqual({ path, status: 200 });

      expect(selects.size).toBeGreaterThanOrEqual(25);
      for (const sql of selects) {
        const placeholders = (sql.match(/\?/g) ?? []).length;
        const plan = (
          prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<SQLInputValue>(placeholders).fill('x')) as Array<{ detail: string }>
        ).map((r) => r.detail);
        const scans = plan.filter((detail) => /^SCAN /.test(detail));
        // Sorting is only acceptable for a job's galleries: there are at most 10 of them.
        const sorts = plan.filter((detail) => /TEMP B-TREE/.test(detail) && !/FROM job_galleries/.test(sql));
        expect({ sql, scans, sorts }).toEqual({ sql, scans: [], sorts: [] });
      }
    } finally {
      db.prepare = prepare;
      await sandbox.stop();
    }
  });
});
