// Idempotency-Key records: per studio and key, the fingerprint of the request that reserved
// it, then (once it succeeded) the response kept for replays. The request hooks that use them
// are api/idempotency.ts.
import { oneRow, prepared, type DatabaseSync } from './sqlite.js';

export interface IdempotencyRecord {
  fingerprint: string;
  /** null while the first request is still running. */
  status: number | null;
  body: string | null;
}

export function findIdempotencyKey(db: DatabaseSync, studioId: string, key: string): IdempotencyRecord | undefined {
  return oneRow<IdempotencyRecord>(
    prepared(db, 'SELECT fingerprint, status, body FROM idempotency_keys WHERE studio_id = ? AND key = ?'),
    studioId,
    key,
  );
}

/** Reserves a key for a request that is now running. */
export function insertIdempotencyKey(db: DatabaseSync, studioId: string, key: string, fingerprint: string, createdAt: string): void {
  prepared(db, 'INSERT INTO idempotency_keys (studio_id, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, NULL, NULL, ?)').run(
    studioId,
    key,
    fingerprint,
    createdAt,
  );
}

/** Keeps the response a reserved key's request answered with. */
export function completeIdempotencyKey(db: DatabaseSync, studioId: string, key: string, status: number, body: string): void {
  prepared(db, 'UPDATE idempotency_keys SET status = ?, body = ? WHERE studio_id = ? AND key = ?').run(status, body, studioId, key);
}

/** Forgets a key (its request failed); `onlyRunning` leaves a completed one alone. */
export function deleteIdempotencyKey(db: DatabaseSync, studioId: string, key: string, onlyRunning = false): void {
  const sql = onlyRunning
    ? 'DELETE FROM idempotency_keys WHERE studio_id = ? AND key = ? AND status IS NULL'
    : 'DELETE FROM idempotency_keys WHERE studio_id = ? AND key = ?';
  prepared(db, sql).run(studioId, key);
}

/** Forgets one studio key created at or before `expired`, or (with no key) every such key. */
export function deleteExpiredIdempotencyKeys(db: DatabaseSync, expired: string, only?: { studioId: string; key: string }): void {
  if (only) {
    prepared(db, 'DELETE FROM idempotency_keys WHERE studio_id = ? AND key = ? AND created_at <= ?').run(only.studioId, only.key, expired);
  } else {
    prepared(db, 'DELETE FROM idempotency_keys WHERE created_at <= ?').run(expired);
  }
}
