// Studio users: the people who sign in on the consent page. Passwords are stored as
// `scrypt$<salt hex>$<hash hex>` (scrypt, 16-byte salt, 32-byte key) and compared in constant time.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { prepared, type DatabaseSync } from './sqlite.js';

const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), KEY_LENGTH);
  return timingSafeEqual(actual, expected);
}

/** The user and their studio when the email (case-insensitive) and password match; else null. */
export function verifyUserPassword(db: DatabaseSync, email: string, password: string): { user_id: string; studio_id: string } | null {
  const row = prepared(db, 'SELECT id, studio_id, password_hash FROM users WHERE email = ?').get(email.trim()) as
    | { id: string; studio_id: string; password_hash: string }
    | undefined;
  if (!row || !passwordMatches(password, row.password_hash)) return null;
  return { user_id: row.id, studio_id: row.studio_id };
}

/** A password a person can type: 16 characters from an unambiguous alphabet. */
export function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export interface UserRow {
  id: string;
  studio_id: string;
  email: string;
  name: string;
}

export function findUser(db: DatabaseSync, studioId: string, userId: string): UserRow | null {
  return (
    (prepared(db, 'SELECT id, studio_id, email, name FROM users WHERE studio_id = ? AND id = ?').get(studioId, userId) as UserRow | undefined) ??
    null
  );
}
