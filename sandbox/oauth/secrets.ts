// Random credentials and their stored form. Every credential is 32 random bytes, so a plain
// SHA-256 is enough to store it (no password-style stretching needed); comparisons are
// constant-time. Prefixes make a leaked value recognisable (and greppable by secret scanners).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const PREFIX = {
  client: 'cli_',
  clientSecret: 'scs_',
  code: 'sac_',
  accessToken: 'sat_',
  refreshToken: 'srt_',
  consent: 'csr_',
  browser: 'brw_',
  family: 'fam_',
  consoleSession: 'css_',
} as const;

export function newCredential(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function newId(prefix: string): string {
  return prefix + randomBytes(12).toString('hex');
}

export function hashCredential(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function credentialMatches(value: string, storedHash: string): boolean {
  const actual = Buffer.from(hashCredential(value), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
