// The sandbox's OAuth2 provider: what the rest of the sandbox uses.
import type { DatabaseSync } from '../store/sqlite.js';
import { findValidAccessToken } from './grants.js';

export { OAUTH_MIGRATIONS } from './schema.js';
export { registerOAuth, type OAuthDeps } from './routes.js';
export { createOAuthClient } from './clients.js';
export { issueTokens, expireAccessToken, expireAccessTokens } from './grants.js';
export { SCOPE_DESCRIPTIONS } from './scopes.js';

export interface BearerIdentity {
  studioId: string;
  userId: string;
  clientId: string;
  scopes: string[];
}

/** RFC 6750 §2.1: `Bearer` (any case), one space or more, then the b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Who an `Authorization: Bearer …` header speaks for, or null when the token is missing,
 * malformed, unknown, revoked or expired (the API answers 401 either way).
 */
export function authenticateBearer(db: DatabaseSync, authorizationHeader: string | undefined): BearerIdentity | null {
  const token = BEARER.exec(authorizationHeader ?? '')?.[1];
  if (!token) return null;
  const grant = findValidAccessToken(db, token);
  if (!grant) return null;
  return { studioId: grant.studioId, userId: grant.userId, clientId: grant.clientId, scopes: grant.scopes };
}
