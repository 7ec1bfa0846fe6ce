// The provider's functions the rest of the sandbox calls directly: registering clients,
// issuing tokens for a new sandbox studio, reading the bearer header of every API request,
// expiring a studio's tokens on demand, and housekeeping.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { OAUTH_SCOPES } from '../../src/api/config.js';
import { openDatabase } from '../../sandbox/store/db.js';
import { pruneExpiredGrants } from '../../sandbox/oauth/grants.js';
import { authenticateBearer, createOAuthClient, expireAccessTokens, issueTokens } from '../../sandbox/oauth/index.js';
import { SCOPE_DESCRIPTIONS } from '../../sandbox/oauth/scopes.js';
import { hashCredential } from '../../sandbox/oauth/secrets.js';
import type { DatabaseSync } from '../../sandbox/store/sqlite.js';

let db: DatabaseSync;

function addStudio(id: string): { studioId: string; userId: string; clientId: string } {
  const now = new Date().toISOString();
  db.prepare('INSERT INTO studios (id, name, country, currency, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    id,
    'GB',
    'GBP',
    'Europe/London',
    now,
  );
  const userId = `usr_${id.slice(4)}`;
  db.prepare('INSERT INTO users (id, studio_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    userId,
    id,
    `${userId}@example.test`,
    'Owner',
    'scrypt$00$00',
    now,
  );
  const client = createOAuthClient(db, { studioId: id, name: 'Zapier', redirectUris: ['https://zapier.com/return/'], confidential: true });
  return { studioId: id, userId, clientId: client.client_id };
}

function issue(subject: { studioId: string; userId: string; clientId: string }, tokenTtlSeconds = 3600) {
  return issueTokens(db, { ...subject, scopes: [...OAUTH_SCOPES], tokenTtlSeconds });
}

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('createOAuthClient', () => {
  it('registers a confidential client with a secret it stores only as a hash', () => {
    const { studioId } = addStudio('std_a');
    const client = createOAuthClient(db, { studioId, name: 'Zapier', redirectUris: ['https://zapier.com/return/'], confidential: true });
    expect(client.client_id).toMatch(/^cli_[0-9a-f]{24}$/);
    expect(client.client_secret).toMatch(/^scs_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(db.prepare('SELECT * FROM oauth_clients').all());
    expect(stored).not.toContain(client.client_secret);
  });

  it('registers a public client without a secret', () => {
    const { studioId } = addStudio('std_a');
    const client = createOAuthClient(db, { studioId, name: 'Mobile', redirectUris: ['http://127.0.0.1:8123/cb'], confidential: false });
    expect(client.client_secret).toBeNull();
  });

  it.each([
    ['a relative URI', '/callback', /not an absolute URL/],
    ['a fragment', 'https://zapier.com/return/#frag', /fragment/],
    ['plain http off this machine', 'http://zapier.com/return/', /https/],
  ])('refuses a redirect URI that is %s', (_case, uri, message) => {
    const { studioId } = addStudio('std_a');
    expect(() => createOAuthClient(db, { studioId, name: 'Zapier', redirectUris: [uri], confidential: true })).toThrow(message);
  });

  it('allows http for loopback redirect URIs (the CLI’s local receiver)', () => {
    const { studioId } = addStudio('std_a');
    for (const uri of ['http://localhost:9000/oauth/callback', 'http://127.0.0.1:9000/cb', 'http://[::1]:9000/cb']) {
      expect(() => createOAuthClient(db, { studioId, name: 'CLI', redirectUris: [uri], confidential: true })).not.toThrow();
    }
  });
});

describe('authenticateBearer', () => {
  it('names the studio, user, client and scopes behind an issued token', () => {
    const subject = addStudio('std_a');
    const tokens = issue(subject);
    expect(tokens.expires_in).toBe(3600);
    expect(authenticateBearer(db, `Bearer ${tokens.access_token}`)).toEqual({
      studioId: 'std_a',
      userId: 'usr_a',
      clientId: subject.clientId,
      scopes: [...OAUTH_SCOPES],
    });
  });

  it('accepts the scheme in any case (RFC 6750)', () => {
    const tokens = issue(addStudio('std_a'));
    expect(authenticateBearer(db, `bearer ${tokens.access_token}`)?.studioId).toBe('std_a');
    expect(authenticateBearer(db, `BEARER  ${tokens.access_token}`)?.studioId).toBe('std_a');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a token alone', 'sat_abc'],
    ['an unknown token', 'Bearer sat_unknown'],
    ['two tokens', 'Bearer sat_a sat_b'],
  ])('refuses %s', (_case, header) => {
    issue(addStudio('std_a'));
    expect(authenticateBearer(db, header)).toBeNull();
  });

  it('refuses a refresh token used as an access token', () => {
    const tokens = issue(addStudio('std_a'));
    expect(authenticateBearer(db, `Bearer ${tokens.refresh_token}`)).toBeNull();
  });

  it('keeps every token bound to its own studio', () => {
    const a = issue(addStudio('std_a'));
    const b = issue(addStudio('std_b'));
    expect(authenticateBearer(db, `Bearer ${a.access_token}`)?.studioId).toBe('std_a');
    expect(authenticateBearer(db, `Bearer ${b.access_token}`)?.studioId).toBe('std_b');
  });
});

describe('expireAccessTokens', () => {
  it('expires every live access token of one studio now, and only that studio’s', () => {
    const studioA = addStudio('std_a');
    const first = issue(studioA);
    const second = issue(studioA);
    const other = issue(addStudio('std_b'));

    expect(expireAccessTokens(db, 'std_a')).toBe(2);
    expect(authenticateBearer(db, `Bearer ${first.access_token}`)).toBeNull();
    expect(authenticateBearer(db, `Bearer ${second.access_token}`)).toBeNull();
    expect(authenticateBearer(db, `Bearer ${other.access_token}`)?.studioId).toBe('std_b');
    expect(expireAccessTokens(db, 'std_a')).toBe(0);
  });

  it('leaves the refresh tokens usable', () => {
    const tokens = issue(addStudio('std_a'));
    expireAccessTokens(db, 'std_a');
    expect(db.prepare('SELECT used_at, revoked FROM oauth_refresh_tokens').all()).toEqual([{ used_at: null, revoked: 0 }]);
    expect(tokens.refresh_token).toMatch(/^srt_/);
  });
});

describe('pruneExpiredGrants', () => {
  it('deletes access tokens a day past expiry and expired refresh tokens, and keeps live ones', () => {
    const subject = addStudio('std_a');
    const stale = issue(subject);
    const live = issue(subject);
    const longAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
    const staleFamily = (
      db.prepare('SELECT family_id FROM oauth_access_tokens WHERE token_hash = ?').get(hashCredential(stale.access_token)) as {
        family_id: string;
      }
    ).family_id;
    db.prepare('UPDATE oauth_access_tokens SET expires_at = ? WHERE family_id = ?').run(longAgo, staleFamily);
    db.prepare('UPDATE oauth_refresh_tokens SET expires_at = ? WHERE family_id = ?').run(longAgo, staleFamily);
    pruneExpiredGrants(db);
    expect(db.prepare('SELECT COUNT(*) AS n FROM oauth_access_tokens').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM oauth_refresh_tokens').get()).toEqual({ n: 1 });
    expect(authenticateBearer(db, `Bearer ${live.access_token}`)).not.toBeNull();
    expect(authenticateBearer(db, `Bearer ${stale.access_token}`)).toBeNull();
  });
});

describe('the consent page’s words for scopes', () => {
  it('has a sentence for every scope the integration asks for', () => {
    for (const scope of OAUTH_SCOPES) expect(SCOPE_DESCRIPTIONS[scope]).toMatch(/^[A-Z].{20,}[a-z]$/);
  });
});
