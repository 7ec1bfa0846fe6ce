// The storage model @node-oauth/oauth2-server drives. The library runs the protocol (client
// authentication, code checks, PKCE verification, redirect_uri comparison, rotation); this
// model answers its questions from SQLite and adds the sandbox's own rules:
// - PKCE is required for public clients, and only S256 is accepted;
// - a replayed authorization code revokes every token of its family, and so does a refresh
//   token used again after its grace period (within it, a concurrent refresh gets tokens too);
// - every token is bound to the one studio of the user who approved it.
import { transaction, type DatabaseSync } from '../store/sqlite.js';
import OAuth2Server from '@node-oauth/oauth2-server';
import { authenticateClient, findClient, type OAuthClient } from './clients.js';
import {
  attachFamilyToCode,
  createFamily,
  familyIsRevoked,
  findAuthorizationCode,
  findRefreshToken,
  findValidAccessToken,
  markAuthorizationCodeUsed,
  markRefreshTokenUsed,
  newAccessToken,
  newAuthorizationCode,
  newRefreshToken,
  pruneExpiredGrants,
  revokeFamily,
  REVOCATION_REASONS,
  storeAccessToken,
  storeAuthorizationCode,
  storeRefreshToken,
} from './grants.js';
import { grantableScopes } from './scopes.js';

type Model = OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel;

/** The `user` the library carries between model calls. */
export interface SandboxUser {
  id: string;
  studioId: string;
  /** Set when the grant continues an existing family (refresh_token grant). */
  familyId?: string;
}

const GRANTS = ['authorization_code', 'refresh_token'];
/** base64url(SHA-256(verifier)) without padding is always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function toLibraryClient(client: OAuthClient): OAuth2Server.Client {
  return {
    id: client.id,
    name: client.name,
    studioId: client.studioId,
    confidential: client.confidential,
    redirectUris: client.redirectUris,
    grants: GRANTS,
  };
}

/**
 * `clientAuthentication: 'token'` (the token endpoint) requires confidential clients to
 * present their secret; `'none'` (the authorize endpoint) only identifies the client.
 */
export function createModel(db: DatabaseSync, clientAuthentication: 'token' | 'none', refreshGraceSeconds = 0): Model {
  /** A used refresh token still inside its grace period: a concurrent refresh, not theft. */
  const withinGrace = (usedAt: Date | null) => usedAt !== null && Date.now() - usedAt.getTime() <= refreshGraceSeconds * 1000;
  const bareClient = (id: string): OAuth2Server.Client => ({ id, grants: GRANTS });

  return {
    async getClient(clientId, clientSecret) {
      const client = clientAuthentication === 'token' ? authenticateClient(db, clientId, clientSecret) : findClient(db, clientId);
      return client ? toLibraryClient(client) : false;
    },

    async validateRedirectUri(redirectUri, client) {
      const registered = Array.isArray(client.redirectUris) ? client.redirectUris : [client.redirectUris];
      return registered.includes(redirectUri);
    },

    async validateScope(_user, _client, scope) {
      return grantableScopes(scope) ?? false;
    },

    async generateAuthorizationCode() {
      return newAuthorizationCode();
    },
    async generateAccessToken() {
      return newAccessToken();
    },
    async generateRefreshToken() {
      return newRefreshToken();
    },

    async saveAuthorizationCode(code, client, user) {
      const subject = user as SandboxUser;
      if (!client.confidential && !code.codeChallenge) {
        throw new OAuth2Server.InvalidRequestError(
          'Invalid request: this app is a public client, so it must send a PKCE `code_challenge` (S256)',
        );
      }
      if (code.codeChallenge && (code.codeChallengeMethod !== 'S256' || !S256_CHALLENGE.test(code.codeChallenge))) {
        throw new OAuth2Server.InvalidRequestError('Invalid request: `code_challenge` must be an S256 challenge');
      }
      if (subject.studioId !== client.studioId) {
        throw new OAuth2Server.AccessDeniedError('Access denied: the account belongs to another studio');
      }
      pruneExpiredGrants(db);
      storeAuthorizationCode(db, code.authorizationCode, {
        clientId: client.id,
        userId: subject.id,
        studioId: subject.studioId,
        scopes: code.scope ?? [],
        redirectUri: code.redirectUri,
        codeChallenge: code.codeChallenge ?? null,
        codeChallengeMethod: code.codeChallenge ? 'S256' : null,
        expiresAt: code.expiresAt,
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(authorizationCode) {
      const stored = findAuthorizationCode(db, authorizationCode);
      if (!stored) return false;
      if (stored.usedAt !== null) {
        // RFC 6749 §4.1.2: a code used twice is a stolen code; kill what it produced.
        if (stored.familyId) revokeFamily(db, stored.familyId, REVOCATION_REASONS.codeReused);
        return false;
      }
      const user: SandboxUser = { id: stored.userId, studioId: stored.studioId };
      return {
        authorizationCode,
        expiresAt: stored.expiresAt,
        redirectUri: stored.redirectUri,
        scope: stored.scopes,
        client: bareClient(stored.clientId),
        user,
        ...(stored.codeChallenge ? { codeChallenge: stored.codeChallenge, codeChallengeMethod: stored.codeChallengeMethod ?? 'S256' } : {}),
      };
    },

    async revokeAuthorizationCode(code) {
      if (markAuthorizationCodeUsed(db, code.authorizationCode)) return true;
      // Lost a race with another exchange of the same code: treat it as a replay.
      const stored = findAuthorizationCode(db, code.authorizationCode);
      if (stored?.familyId) revokeFamily(db, stored.familyId, REVOCATION_REASONS.codeReused);
      return false;
    },

    async getRefreshToken(refreshToken) {
      const stored = findRefreshToken(db, refreshToken);
      if (!stored || stored.revoked) return false;
      if (stored.usedAt !== null && !withinGrace(stored.usedAt)) {
        // An old refresh token came back: whoever holds the family may be an attacker.
        revokeFamily(db, stored.familyId, REVOCATION_REASONS.refreshTokenReused);
        return false;
      }
      const user: SandboxUser = { id: stored.userId, studioId: stored.studioId, familyId: stored.familyId };
      return {
        refreshToken,
        refreshTokenExpiresAt: stored.expiresAt,
        scope: stored.scopes,
        client: bareClient(stored.clientId),
        user,
      };
    },

    async revokeToken(token) {
      if (markRefreshTokenUsed(db, token.refreshToken)) return true;
      const stored = findRefreshToken(db, token.refreshToken);
      // Used meanwhile by a refresh running at the same moment: fine within the grace period.
      if (stored && !stored.revoked && withinGrace(stored.usedAt)) return true;
      if (stored) revokeFamily(db, stored.familyId, REVOCATION_REASONS.refreshTokenReused);
      return false;
    },

    async saveToken(token, client, user) {
      const subject = user as SandboxUser;
      if (client.studioId !== subject.studioId) {
        throw new OAuth2Server.InvalidGrantError('Invalid grant: the grant belongs to another studio');
      }
      const grant = { clientId: client.id, userId: subject.id, studioId: subject.studioId, scopes: token.scope ?? [] };
      transaction(db, () => {
        let familyId = subject.familyId;
        if (familyId === undefined) {
          familyId = createFamily(db, grant);
          if (typeof token.authorizationCode === 'string') attachFamilyToCode(db, token.authorizationCode, familyId);
        } else if (familyIsRevoked(db, familyId)) {
          throw new OAuth2Server.InvalidGrantError('Invalid grant: refresh token is invalid');
        }
        storeAccessToken(db, token.accessToken, familyId, grant, token.accessTokenExpiresAt ?? new Date());
        if (token.refreshToken) {
          storeRefreshToken(db, token.refreshToken, familyId, grant, token.refreshTokenExpiresAt ?? new Date());
        }
      });
      return { ...token, client, user };
    },

    async getAccessToken(accessToken) {
      const grant = findValidAccessToken(db, accessToken);
      if (!grant) return false;
      const user: SandboxUser = { id: grant.userId, studioId: grant.studioId, familyId: grant.familyId };
      return {
        accessToken,
        accessTokenExpiresAt: grant.expiresAt,
        scope: grant.scopes,
        client: bareClient(grant.clientId),
        user,
      };
    },
  };
}
