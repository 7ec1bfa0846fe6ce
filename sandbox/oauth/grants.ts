// Storage of authorization codes, token families, access tokens and refresh tokens. Only
// hashes are stored; the plain values exist in the response to the client and nowhere else.
import { prepared, transaction, type DatabaseSync } from '../store/sqlite.js';
import { joinScopes, splitScopes } from './scopes.js';
import { hashCredential, newCredential, newId, PREFIX } from './secrets.js';

/** Codes are exchanged at once by the client's server; a minute is plenty. */
export const AUTHORIZATION_CODE_TTL_SECONDS = 60;
/** Each use rotates the refresh token, so this bounds only an unused connection. */
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
/**
 * How long a just-rotated refresh token still works (as Okta's grace period and Auth0's
 * rotation overlap): two Zap runs that refresh at the same moment both get tokens, instead of
 * the second being taken for theft. Reuse after it revokes the family.
 */
export const DEFAULT_REFRESH_GRACE_SECONDS = 30;

/** Who a token speaks for: one user of one studio, through one client. */
export interface GrantSubject {
  clientId: string;
  userId: string;
  studioId: string;
  scopes: string[];
}

export interface AccessGrant extends GrantSubject {
  familyId: string;
  expiresAt: Date;
}

export interface StoredCode extends GrantSubject {
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: Date;
  usedAt: string | null;
  familyId: string | null;
}

export interface StoredRefreshToken extends GrantSubject {
  familyId: string;
  expiresAt: Date;
  /** When it was exchanged for a new pair; null while unused. */
  usedAt: Date | null;
  revoked: boolean;
}

const nowIso = () => new Date().toISOString();
const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);

export const newAccessToken = () => newCredential(PREFIX.accessToken);
export const newRefreshToken = () => newCredential(PREFIX.refreshToken);
export const newAuthorizationCode = () => newCredential(PREFIX.code);

// ---- families -------------------------------------------------------------------------------

export function createFamily(db: DatabaseSync, subject: GrantSubject): string {
  const id = newId(PREFIX.family);
  prepared(db, `INSERT INTO oauth_token_families (id, client_id, user_id, studio_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    id,
    subject.clientId,
    subject.userId,
    subject.studioId,
    joinScopes(subject.scopes),
    nowIso(),
  );
  return id;
}

/** Why a family is revoked, as the console shows it. */
export const REVOCATION_REASONS = {
  codeReused: 'its authorization code was used a second time',
  refreshTokenReused: 'a refresh token it had already rotated was used again',
} as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[keyof typeof REVOCATION_REASONS];

/** Revokes every access and refresh token of the family (a replayed code or refresh token). */
export function revokeFamily(db: DatabaseSync, familyId: string, reason: RevocationReason): void {
  const at = nowIso();
  transaction(db, () => {
    prepared(db, `UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL`).run(
      at,
      reason,
      familyId,
    );
    prepared(db, `UPDATE oauth_access_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`).run(at, familyId);
    prepared(db, `UPDATE oauth_refresh_tokens SET revoked = 1 WHERE family_id = ?`).run(familyId);
  });
}

export function familyIsRevoked(db: DatabaseSync, familyId: string): boolean {
  const row = prepared(db, `SELECT revoked_at FROM oauth_token_families WHERE id = ?`).get(familyId) as
    | { revoked_at: string | null }
    | undefined;
  return !row || row.revoked_at !== null;
}

// ---- tokens ---------------------------------------------------------------------------------

/** Stores a token (only its hash) of one family; access and refresh tokens share the shape. */
function storeToken(
  table: 'oauth_access_tokens' | 'oauth_refresh_tokens',
  db: DatabaseSync,
  token: string,
  familyId: string,
  subject: GrantSubject,
  expiresAt: Date,
): void {
  prepared(
    db,
    `INSERT INTO ${table} (token_hash, family_id, client_id, user_id, studio_id, scopes, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashCredential(token),
    familyId,
    subject.clientId,
    subject.userId,
    subject.studioId,
    joinScopes(subject.scopes),
    expiresAt.toISOString(),
    nowIso(),
  );
}

export const storeAccessToken = storeToken.bind(null, 'oauth_access_tokens');
export const storeRefreshToken = storeToken.bind(null, 'oauth_refresh_tokens');

/** Issues a fresh token pair as its own family, without a consent page (sandbox studios). */
export function issueTokens(
  db: DatabaseSync,
  input: GrantSubject & { tokenTtlSeconds: number },
): { access_token: string; refresh_token: string; expires_in: number } {
  const accessToken = newAccessToken();
  const refreshToken = newRefreshToken();
  transaction(db, () => {
    const familyId = createFamily(db, input);
    storeAccessToken(db, accessToken, familyId, input, secondsFromNow(input.tokenTtlSeconds));
    storeRefreshToken(db, refreshToken, familyId, input, secondsFromNow(REFRESH_TOKEN_TTL_SECONDS));
  });
  return { access_token: accessToken, refresh_token: refreshToken, expires_in: input.tokenTtlSeconds };
}

/** The grant behind an access token that is known, unrevoked and unexpired; otherwise null. */
export function findValidAccessToken(db: DatabaseSync, token: string): AccessGrant | null {
  const row = prepared(
    db,
    `SELECT family_id, client_id, user_id, studio_id, scopes, expires_at FROM oauth_access_tokens
       WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`,
  ).get(hashCredential(token), nowIso()) as
    | { family_id: string; client_id: string; user_id: string; studio_id: string; scopes: string; expires_at: string }
    | undefined;
  if (!row) return null;
  return {
    familyId: row.family_id,
    clientId: row.client_id,
    userId: row.user_id,
    studioId: row.studio_id,
    scopes: splitScopes(row.scopes),
    expiresAt: new Date(row.expires_at),
  };
}

/** Expires one access token of the studio now; returns 1, or 0 when it is not the studio's. */
export function expireAccessToken(db: DatabaseSync, studioId: string, token: string): number {
  const result = prepared(db, 'UPDATE oauth_access_tokens SET expires_at = ? WHERE token_hash = ? AND studio_id = ?').run(
    new Date(Date.now() - 1000).toISOString(),
    hashCredential(token),
    studioId,
  );
  return Number(result.changes);
}

/** Expires every live access token of the studio now; returns how many. Refresh still works. */
export function expireAccessTokens(db: DatabaseSync, studioId: string): number {
  const now = new Date();
  const result = prepared(
    db,
    `UPDATE oauth_access_tokens SET expires_at = ? WHERE studio_id = ? AND revoked_at IS NULL AND expires_at > ?`,
  ).run(new Date(now.getTime() - 1000).toISOString(), studioId, now.toISOString());
  return Number(result.changes);
}

export function findRefreshToken(db: DatabaseSync, token: string): StoredRefreshToken | null {
  const row = prepared(
    db,
    `SELECT family_id, client_id, user_id, studio_id, scopes, expires_at, used_at, revoked
       FROM oauth_refresh_tokens WHERE token_hash = ?`,
  ).get(hashCredential(token)) as
    | {
        family_id: string;
        client_id: string;
        user_id: string;
        studio_id: string;
        scopes: string;
        expires_at: string;
        used_at: string | null;
        revoked: number;
      }
    | undefined;
  if (!row) return null;
  return {
    familyId: row.family_id,
    clientId: row.client_id,
    userId: row.user_id,
    studioId: row.studio_id,
    scopes: splitScopes(row.scopes),
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at === null ? null : new Date(row.used_at),
    revoked: row.revoked === 1,
  };
}

/** Marks a refresh token used; false when it already was (or was revoked) meanwhile. */
export function markRefreshTokenUsed(db: DatabaseSync, token: string): boolean {
  const result = prepared(db, `UPDATE oauth_refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked = 0`).run(
    nowIso(),
    hashCredential(token),
  );
  return Number(result.changes) === 1;
}

/**
 * Deletes what can no longer be used. A spent code or refresh token is kept a while after it
 * expires (a day for codes, until expiry for refresh tokens) so that replaying it still
 * revokes its family; after that, a replay is merely refused.
 */
export function pruneExpiredGrants(db: DatabaseSync): void {
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
  prepared(db, `DELETE FROM oauth_authorization_codes WHERE expires_at < ?`).run(dayAgo);
  prepared(db, `DELETE FROM oauth_access_tokens WHERE expires_at < ?`).run(dayAgo);
  prepared(db, `DELETE FROM oauth_refresh_tokens WHERE expires_at < ?`).run(now.toISOString());
}

// ---- authorization codes --------------------------------------------------------------------

export function storeAuthorizationCode(
  db: DatabaseSync,
  code: string,
  input: GrantSubject & {
    redirectUri: string;
    codeChallenge: string | null;
    codeChallengeMethod: string | null;
    expiresAt: Date;
  },
): void {
  prepared(
    db,
    `INSERT INTO oauth_authorization_codes
       (code_hash, client_id, user_id, studio_id, redirect_uri, scopes, code_challenge, code_challenge_method, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashCredential(code),
    input.clientId,
    input.userId,
    input.studioId,
    input.redirectUri,
    joinScopes(input.scopes),
    input.codeChallenge,
    input.codeChallengeMethod,
    input.expiresAt.toISOString(),
    nowIso(),
  );
}

export function findAuthorizationCode(db: DatabaseSync, code: string): StoredCode | null {
  const row = prepared(
    db,
    `SELECT client_id, user_id, studio_id, redirect_uri, scopes, code_challenge, code_challenge_method,
              expires_at, used_at, family_id
       FROM oauth_authorization_codes WHERE code_hash = ?`,
  ).get(hashCredential(code)) as
    | {
        client_id: string;
        user_id: string;
        studio_id: string;
        redirect_uri: string;
        scopes: string;
        code_challenge: string | null;
        code_challenge_method: string | null;
        expires_at: string;
        used_at: string | null;
        family_id: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    clientId: row.client_id,
    userId: row.user_id,
    studioId: row.studio_id,
    redirectUri: row.redirect_uri,
    scopes: splitScopes(row.scopes),
    codeChallenge: row.code_challenge,
    codeChallengeMethod: row.code_challenge_method,
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at,
    familyId: row.family_id,
  };
}

/** Consumes a code; false when it was consumed already (a concurrent exchange won). */
export function markAuthorizationCodeUsed(db: DatabaseSync, code: string): boolean {
  const result = prepared(db, `UPDATE oauth_authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL`).run(
    nowIso(),
    hashCredential(code),
  );
  return Number(result.changes) === 1;
}

/** Remembers which family a code produced, so replaying the code can revoke it. */
export function attachFamilyToCode(db: DatabaseSync, code: string, familyId: string): void {
  prepared(db, `UPDATE oauth_authorization_codes SET family_id = ? WHERE code_hash = ?`).run(familyId, hashCredential(code));
}
