// Studio users: the people who sign in on the consent page and in the console. Passwords are
// stored as `scrypt$<salt hex>$<hash hex>` (scrypt, 16-byte salt, 32-byte key) and compared in
// constant time. Checking one costs tens of milliseconds of CPU, so it never runs on the
// request thread: SignIns hashes on libuv's thread pool (crypto.scrypt), at most
// MAX_CONCURRENT_HASHES at a time with MAX_QUEUED_HASHES waiting; past that a sign-in is told
// to come back (503 + Retry-After) and the API's other requests are untouched. An unknown
// email costs one hash of a dummy password, so neither the answer nor its timing says which
// emails have accounts; every email, known or not, shares one guess limit (SignInLimit).
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { emailKey, SignInLimit } from '../console/sign-in-limit.js';
import { prepared, type DatabaseSync } from './sqlite.js';

const KEY_LENGTH = 32;

/** Password hashes running at once (libuv's pool has 4 threads; the rest stay free for other work). */
export const MAX_CONCURRENT_HASHES = 2;
/** Sign-ins waiting for a hash; one more is refused with Retry-After. */
export const MAX_QUEUED_HASHES = 32;
/** The Retry-After (seconds) of a sign-in refused because the queue is full. */
export const SIGN_IN_BUSY_RETRY_SECONDS = 2;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Stored hash → salt and expected key; null when it is not one of ours. */
function parseStored(stored: string): { salt: Buffer; expected: Buffer } | null {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return null;
  const expected = Buffer.from(hashHex, 'hex');
  return expected.length === KEY_LENGTH ? { salt: Buffer.from(saltHex, 'hex'), expected } : null;
}

/** hashPassword on the thread pool, for code that can wait (creating a studio over HTTP). */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

const scryptAsync = (password: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key))));

export interface SignedInUser {
  user_id: string;
  studio_id: string;
}

/** What a sign-in came to: the user, a mismatch (never saying which of the two was wrong), a pause, or a full queue. */
export type SignInOutcome =
  | { kind: 'signed_in'; user: SignedInUser }
  | { kind: 'mismatch'; attemptsLeft: number }
  | { kind: 'paused'; retryAfterSeconds: number }
  | { kind: 'busy'; retryAfterSeconds: number };

/** Every password check of the sandbox: the guess limit, the bounded hash queue, uniform answers. */
export class SignIns {
  readonly limit: SignInLimit;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** A real scrypt hash of a random password: what an unknown email is checked against. */
  private readonly dummy = parseStored(hashPassword(randomBytes(16).toString('hex')))!;

  constructor(
    private readonly db: DatabaseSync,
    options: { limit?: SignInLimit; maxConcurrent?: number; maxQueued?: number } = {},
  ) {
    this.limit = options.limit ?? new SignInLimit();
    this.maxConcurrent = options.maxConcurrent ?? MAX_CONCURRENT_HASHES;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED_HASHES;
  }

  private readonly maxConcurrent: number;
  private readonly maxQueued: number;

  /** Hashes running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async verify(email: string, password: string): Promise<SignInOutcome> {
    const paused = this.limit.pausedFor(email);
    if (paused > 0) return { kind: 'paused', retryAfterSeconds: paused };
    if (this.running >= this.maxConcurrent && this.waiting.length >= this.maxQueued) {
      return { kind: 'busy', retryAfterSeconds: SIGN_IN_BUSY_RETRY_SECONDS };
    }
    const row = prepared(this.db, 'SELECT id, studio_id, password_hash FROM users WHERE email = ?').get(email.trim()) as
      | { id: string; studio_id: string; password_hash: string }
      | undefined;
    const stored = (row && parseStored(row.password_hash)) || this.dummy;
    const actual = await this.hash(password, stored.salt);
    const matches = timingSafeEqual(actual, stored.expected) && row !== undefined && stored !== this.dummy;
    if (!matches) return { kind: 'mismatch', attemptsLeft: this.limit.failed(email) };
    this.limit.succeeded(email);
    return { kind: 'signed_in', user: { user_id: row.id, studio_id: row.studio_id } };
  }

  /** One scrypt on the thread pool, after a place in the bounded queue. */
  private async hash(password: string, salt: Buffer): Promise<Buffer> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await scryptAsync(password, salt);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

export { emailKey };

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
    (prepared(db, 'SELECT id, studio_id, email, name FROM users WHERE studio_id = ? AND id = ?').get(studioId, userId) as
      | UserRow
      | undefined) ?? null
  );
}
