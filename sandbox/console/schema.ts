// Tables of the sandbox console. Applied by sandbox/store/db.ts after the OAuth provider's; append
// new migrations at the end (each is recorded by its position once applied).
export const CONSOLE_MIGRATIONS: string[] = [
  // One signed-in browser: the SHA-256 of its cookie's secret, whom it is signed in as, and the
  // one-time message the next page shows (what the last button did).
  `CREATE TABLE console_sessions (
    token_hash TEXT PRIMARY KEY,
    studio_id TEXT NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    flash TEXT,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at)`,
  // Server-held sessions: each has its own random CSRF token (never derived from the cookie),
  // and a browser that has not signed in yet gets a sign-in session of its own (user_id NULL,
  // short-lived) issued by the server, so no cookie value a client chose is ever honoured.
  `CREATE TABLE console_browser_sessions (
    token_hash TEXT PRIMARY KEY,
    studio_id TEXT REFERENCES studios(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    flash TEXT,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX console_browser_sessions_by_expiry ON console_browser_sessions (expires_at)`,
  `DROP TABLE console_sessions`,
];
