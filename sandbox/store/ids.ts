// Resource ids ("con_3f9a…", prefixed per resource), the sandbox's clock format, and each studio's
// numbered series (order and invoice numbers: the counters table).
import { randomBytes } from 'node:crypto';
import { prepared, type DatabaseSync } from './sqlite.js';

export type IdPrefix =
  | 'std'
  | 'usr'
  | 'con'
  | 'job'
  | 'sht'
  | 'gal'
  | 'brd'
  | 'pst'
  | 'ord'
  | 'oli'
  | 'inv'
  | 'pay'
  | 'hook'
  | 'evt'
  | 'vis'
  | 'ginv';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/** Now, as the API writes timestamps: ISO 8601 UTC with milliseconds (sorts as text). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Any ISO 8601 timestamp with an offset, normalised to the stored form; null if unreadable. */
export function normaliseTimestamp(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return null;
  const time = Date.parse(text.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The next human-readable number of a per-studio series (order numbers, invoice numbers). */
export function nextNumber(db: DatabaseSync, studioId: string, series: string, first: number): number {
  const row = prepared(
    db,
    `INSERT INTO counters (studio_id, name, value) VALUES (?, ?, ?)
     ON CONFLICT (studio_id, name) DO UPDATE SET value = value + 1 RETURNING value`,
  ).get(studioId, series, first) as { value: number };
  return row.value;
}

/** Reserves `count` consecutive numbers of a series; returns the first. */
export function reserveNumbers(db: DatabaseSync, studioId: string, series: string, count: number, first: number): number {
  const row = prepared(db, 'SELECT value FROM counters WHERE studio_id = ? AND name = ?').get(studioId, series) as
    | { value: number }
    | undefined;
  const start = row ? row.value + 1 : first;
  if (count > 0) {
    prepared(
      db,
      'INSERT INTO counters (studio_id, name, value) VALUES (?, ?, ?) ON CONFLICT (studio_id, name) DO UPDATE SET value = excluded.value',
    ).run(studioId, series, start + count - 1);
  }
  return start;
}
