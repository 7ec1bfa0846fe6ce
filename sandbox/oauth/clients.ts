// Registered apps (OAuth clients): one studio each, exact redirect URIs, and either a secret
// (confidential) or none (public, which then must use PKCE).
import { prepared, transaction, type DatabaseSync } from '../store/sqlite.js';
import { credentialMatches, hashCredential, newCredential, newId, PREFIX } from './secrets.js';

export interface OAuthClient {
  id: string;
  studioId: string;
  name: string;
  confidential: boolean;
  redirectUris: string[];
}

interface ClientRow {
  id: string;
  studio_id: string;
  name: string;
  confidential: number;
  secret_hash: string | null;
}

export function createOAuthClient(
  db: DatabaseSync,
  input: { studioId: string; name: string; redirectUris: string[]; confidential: boolean },
): { client_id: string; client_secret: string | null } {
  if (input.redirectUris.length === 0) throw new Error('An OAuth client needs at least one redirect URI.');
  for (const uri of input.redirectUris) assertRegistrableRedirectUri(uri);

  const clientId = newId(PREFIX.client);
  const clientSecret = input.confidential ? newCredential(PREFIX.clientSecret) : null;
  const insertClient = prepared(
    db,
    `INSERT INTO oauth_clients (id, studio_id, name, confidential, secret_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertUri = prepared(db, `INSERT OR IGNORE INTO oauth_client_redirect_uris (client_id, redirect_uri) VALUES (?, ?)`);
  transaction(db, () => {
    insertClient.run(
      clientId,
      input.studioId,
      input.name,
      input.confidential ? 1 : 0,
      clientSecret === null ? null : hashCredential(clientSecret),
      new Date().toISOString(),
    );
    for (const uri of input.redirectUris) insertUri.run(clientId, uri);
  });
  return { client_id: clientId, client_secret: clientSecret };
}

export function findClient(db: DatabaseSync, clientId: string): OAuthClient | null {
  const row = prepared(db, `SELECT id, studio_id, name, confidential, secret_hash FROM oauth_clients WHERE id = ?`).get(clientId) as
    | ClientRow
    | undefined;
  if (!row) return null;
  return toClient(db, row);
}

/**
 * The client, when the presented credentials authenticate it at the token endpoint: a
 * confidential client must present its secret; a public client has none to present.
 */
export function authenticateClient(db: DatabaseSync, clientId: string, secret: string | null | undefined): OAuthClient | null {
  const row = prepared(db, `SELECT id, studio_id, name, confidential, secret_hash FROM oauth_clients WHERE id = ?`).get(clientId) as
    | ClientRow
    | undefined;
  if (!row) return null;
  if (row.confidential === 1) {
    if (!secret || row.secret_hash === null || !credentialMatches(secret, row.secret_hash)) return null;
  } else if (secret) {
    return null;
  }
  return toClient(db, row);
}

function toClient(db: DatabaseSync, row: ClientRow): OAuthClient {
  const uris = prepared(db, `SELECT redirect_uri FROM oauth_client_redirect_uris WHERE client_id = ? ORDER BY redirect_uri`).all(
    row.id,
  ) as Array<{ redirect_uri: string }>;
  return {
    id: row.id,
    studioId: row.studio_id,
    name: row.name,
    confidential: row.confidential === 1,
    redirectUris: uris.map((u) => u.redirect_uri),
  };
}

/** Absolute URI without a fragment (RFC 6749 §3.1.2); http only for loopback hosts. */
function assertRegistrableRedirectUri(uri: string): void {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new Error(`Redirect URI is not an absolute URL: ${uri}`);
  }
  if (parsed.hash !== '' || uri.includes('#')) throw new Error(`Redirect URI must not have a fragment: ${uri}`);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new Error(`Redirect URI must use https (http only for localhost): ${uri}`);
  }
}
