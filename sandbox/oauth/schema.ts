// Tables of the sandbox's OAuth2 provider. Applied by sandbox/store/db.ts after the core migrations
// (studios, users). Secrets, codes and tokens are stored only as SHA-256 hashes: a copy of the
// database never lets anyone call the API. Timestamps are ISO-8601 UTC strings
// (Date#toISOString), which compare correctly as text. Append new migrations at the end: each
// is recorded by its position once applied.

export const OAUTH_MIGRATIONS: string[] = [
  // A registered app. Public clients (no secret) must use PKCE; confidential ones authenticate
  // with their secret. Each client belongs to one studio and only that studio's users can
  // approve it, so every grant stays inside one studio.
  `CREATE TABLE oauth_clients (
    id TEXT PRIMARY KEY,
    studio_id TEXT NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    confidential INTEGER NOT NULL CHECK (confidential IN (0, 1)),
    secret_hash TEXT,
    created_at TEXT NOT NULL,
    CHECK ((confidential = 1 AND secret_hash IS NOT NULL) OR (confidential = 0 AND secret_hash IS NULL))
  )`,
  `CREATE INDEX oauth_clients_by_studio ON oauth_clients (studio_id)`,

  // Redirect URIs are matched exactly (no prefix or wildcard matching).
  `CREATE TABLE oauth_client_redirect_uris (
    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    PRIMARY KEY (client_id, redirect_uri)
  )`,

  // One consent page shown to one browser: the page's CSRF token (hashed) and the authorize
  // request it was shown for, so the POST cannot change what the person saw.
  `CREATE TABLE oauth_consent_requests (
    token_hash TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scopes TEXT NOT NULL,
    state TEXT,
    code_challenge TEXT,
    code_challenge_method TEXT CHECK (code_challenge_method IS NULL OR code_challenge_method = 'S256'),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    completed_at TEXT,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX oauth_consent_requests_by_expiry ON oauth_consent_requests (expires_at)`,

  // One grant: everything issued from one authorization code (or one direct issue). Reusing a
  // code or an old refresh token revokes the whole family.
  `CREATE TABLE oauth_token_families (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    studio_id TEXT NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    revoked_at TEXT,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX oauth_token_families_by_studio ON oauth_token_families (studio_id)`,

  `CREATE TABLE oauth_authorization_codes (
    code_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    studio_id TEXT NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_challenge TEXT,
    code_challenge_method TEXT CHECK (code_challenge_method IS NULL OR code_challenge_method = 'S256'),
    expires_at TEXT NOT NULL,
    used_at TEXT,
    family_id TEXT REFERENCES oauth_token_families(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    CHECK ((code_challenge IS NULL) = (code_challenge_method IS NULL))
  )`,
  `CREATE INDEX oauth_authorization_codes_by_expiry ON oauth_authorization_codes (expires_at)`,

  `CREATE TABLE oauth_access_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL REFERENCES oauth_token_families(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    studio_id TEXT NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX oauth_access_tokens_by_family ON oauth_access_tokens (family_id)`,
  `CREATE INDEX oauth_access_tokens_by_studio_expiry ON oauth_access_tokens (studio_id, expires_at)`,

  // Rotation: each use marks the token used and issues a successor in the same family.
  `CREATE TABLE oauth_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL REFERENCES oauth_token_families(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    studio_id TEXT NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX oauth_refresh_tokens_by_family ON oauth_refresh_tokens (family_id)`,

  // Housekeeping (pruneExpiredGrants) deletes by expiry.
  `CREATE INDEX oauth_access_tokens_by_expiry ON oauth_access_tokens (expires_at)`,
  `CREATE INDEX oauth_refresh_tokens_by_expiry ON oauth_refresh_tokens (expires_at)`,

  // Why a family was revoked (REVOCATION_REASONS in grants.ts), for the console's Connections page.
  `ALTER TABLE oauth_token_families ADD COLUMN revoked_reason TEXT`,
];
