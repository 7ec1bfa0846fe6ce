// Test-only access to the sandbox's OAuth store, for what a test cannot wait for in real time.
import { DEFAULT_REFRESH_GRACE_SECONDS } from '../../sandbox/oauth/grants.js';
import { hashCredential } from '../../sandbox/oauth/secrets.js';
import type { DatabaseSync } from '../../sandbox/store/sqlite.js';

/** Moves a used refresh token's use back past the grace period, as if it happened long ago. */
export function agePastGrace(db: DatabaseSync, refreshToken: string, graceSeconds = DEFAULT_REFRESH_GRACE_SECONDS): void {
  const longAgo = new Date(Date.now() - (graceSeconds + 1) * 1000).toISOString();
  db.prepare('UPDATE oauth_refresh_tokens SET used_at = ? WHERE token_hash = ?').run(longAgo, hashCredential(refreshToken));
}
