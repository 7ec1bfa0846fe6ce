// The authorize request behind each consent page. The page carries a random token (its CSRF
// token, in a hidden field) and the browser carries a random cookie; a POST is honoured only
// with both, within the page's lifetime, once. The POST acts on the stored request, never on
// parameters resent by the browser, so nobody can change what the person agreed to.
import { prepared, type DatabaseSync } from '../store/sqlite.js';
import { credentialMatches, hashCredential, newCredential, PREFIX } from './secrets.js';

import { MAX_FAILED_SIGN_INS } from '../console/sign-in-limit.js';

export { MAX_FAILED_SIGN_INS };
export const CONSENT_PAGE_TTL_SECONDS = 15 * 60;
/** Consent pages open at once (each costs one unauthenticated GET); past it the oldest is closed. */
export const MAX_OPEN_CONSENT_REQUESTS = 10_000;

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | null;
}

export interface ConsentRequest extends AuthorizeParams {
  failedAttempts: number;
}

interface ConsentRow {
  browser_hash: string;
  client_id: string;
  redirect_uri: string;
  scopes: string;
  state: string | null;
  code_challenge: string | null;
  code_challenge_method: 'S256' | null;
  failed_attempts: number;
}

export function newBrowserSecret(): string {
  return newCredential(PREFIX.browser);
}

export function createConsentRequest(db: DatabaseSync, browserSecret: string, params: AuthorizeParams): string {
  const token = newCredential(PREFIX.consent);
  const now = new Date();
  prepared(db, `DELETE FROM oauth_consent_requests WHERE expires_at < ?`).run(now.toISOString());
  const open = prepared(db, `SELECT COUNT(*) AS n FROM oauth_consent_requests`).get() as { n: number };
  if (open.n >= MAX_OPEN_CONSENT_REQUESTS) {
    prepared(db, `DELETE FROM oauth_consent_requests WHERE rowid IN (SELECT rowid FROM oauth_consent_requests ORDER BY rowid LIMIT ?)`).run(
      open.n - MAX_OPEN_CONSENT_REQUESTS + 1,
    );
  }
  prepared(
    db,
    `INSERT INTO oauth_consent_requests
       (token_hash, browser_hash, client_id, redirect_uri, scopes, state, code_challenge, code_challenge_method,
        expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashCredential(token),
    hashCredential(browserSecret),
    params.clientId,
    params.redirectUri,
    params.scopes.join(' '),
    params.state,
    params.codeChallenge,
    params.codeChallengeMethod,
    new Date(now.getTime() + CONSENT_PAGE_TTL_SECONDS * 1000).toISOString(),
    now.toISOString(),
  );
  return token;
}

/** The open request behind a page token, when this browser was shown that page; else null. */
export function findConsentRequest(db: DatabaseSync, token: string, browserSecret: string | undefined): ConsentRequest | null {
  if (!browserSecret) return null;
  const row = prepared(
    db,
    `SELECT browser_hash, client_id, redirect_uri, scopes, state, code_challenge, code_challenge_method, failed_attempts
       FROM oauth_consent_requests
       WHERE token_hash = ? AND completed_at IS NULL AND expires_at > ? AND failed_attempts < ?`,
  ).get(hashCredential(token), new Date().toISOString(), MAX_FAILED_SIGN_INS) as ConsentRow | undefined;
  if (!row || !credentialMatches(browserSecret, row.browser_hash)) return null;
  return {
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    scopes: row.scopes.split(' ').filter((s) => s.length > 0),
    state: row.state,
    codeChallenge: row.code_challenge,
    codeChallengeMethod: row.code_challenge_method,
    failedAttempts: row.failed_attempts,
  };
}

/** Counts a wrong password; returns the attempts left on this page. */
export function recordFailedSignIn(db: DatabaseSync, token: string): number {
  prepared(db, `UPDATE oauth_consent_requests SET failed_attempts = failed_attempts + 1 WHERE token_hash = ?`).run(hashCredential(token));
  const row = prepared(db, `SELECT failed_attempts FROM oauth_consent_requests WHERE token_hash = ?`).get(hashCredential(token)) as
    | { failed_attempts: number }
    | undefined;
  return Math.max(0, MAX_FAILED_SIGN_INS - (row?.failed_attempts ?? MAX_FAILED_SIGN_INS));
}

/** Closes the page; false when it was closed already (a double submit). */
export function completeConsentRequest(db: DatabaseSync, token: string): boolean {
  const result = prepared(db, `UPDATE oauth_consent_requests SET completed_at = ? WHERE token_hash = ? AND completed_at IS NULL`).run(
    new Date().toISOString(),
    hashCredential(token),
  );
  return Number(result.changes) === 1;
}
