// Studios (the tenant every row belongs to), their users (GET /v1/me is api/me.ts).
import * as z from 'zod';
import { OAUTH_SCOPES } from '../../src/api/config.js';
import { CountryCode, CurrencyCode, Email } from '../../src/contract/primitives.js';
import type { Studio } from '../../src/contract/me.js';
import { ApiError, invalidField } from '../errors.js';
import { newId, nowIso } from './ids.js';
import { insertDefaultStages } from './job-stages.js';
import { createOAuthClient, issueTokens } from '../oauth/index.js';
import { prepared, transaction, type DatabaseSync } from './sqlite.js';
import { hashPassword, newPassword } from './users.js';

export const TaxRounding = z.enum(['per_line', 'per_rate', 'per_order']);
export type TaxRounding = z.infer<typeof TaxRounding>;

/** Where Zapier's CLI (`invoke auth start`) and local demos receive the OAuth redirect. */
export const DEFAULT_REDIRECT_URI = 'http://localhost:9000/oauth/callback';

const DEFAULT_TIMEZONES: Record<string, string> = {
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  NL: 'Europe/Amsterdam',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
  US: 'America/New_York',
  CA: 'America/Toronto',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  JP: 'Asia/Tokyo',
  KW: 'Asia/Kuwait',
};

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const StudioCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  country: CountryCode,
  currency: CurrencyCode,
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/London"').optional(),
  seed: z.enum(['demo']).nullable().optional(),
  /** Extra contacts (N) and orders (10 × N) on top of the demo data, for benchmarks. */
  scale: z.number().int().min(0).max(100_000).optional(),
  redirect_uris: z.array(z.string().max(2000)).max(20).optional(),
  user_email: Email.max(254).optional(),
  user_name: z.string().trim().min(1).max(100).optional(),
  /** How the studio's gallery rounds the tax of its orders' totals: per line (default), per rate or once per order. */
  tax_rounding: TaxRounding.optional(),
});
export type StudioCreate = z.output<typeof StudioCreate>;

export interface StudioCredentials {
  studio_id: string;
  user_email: string;
  user_password: string;
  client_id: string;
  client_secret: string;
  access_token: string;
  refresh_token: string;
}

interface StudioRow {
  id: string;
  name: string;
  country: string;
  currency: string;
  timezone: string;
}

export function findStudio(db: DatabaseSync, studioId: string): Studio | null {
  const row = prepared(db, 'SELECT id, name, country, currency, timezone FROM studios WHERE id = ?').get(studioId) as StudioRow | undefined;
  return row ? { id: row.id, name: row.name, country: row.country, currency: row.currency, timezone: row.timezone } : null;
}

export function getStudio(db: DatabaseSync, studioId: string): Studio {
  const studio = findStudio(db, studioId);
  if (!studio) throw new ApiError(401, 'unauthorized', 'The studio of this access token no longer exists.');
  return studio;
}

/** "Northlight Photography" → "northlight-photography" (for the user's sign-in email). */
function emailDomainLabel(name: string): string {
  const label = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return label === '' ? 'studio' : label;
}

/**
 * A new, isolated studio with one user (random password), one confidential OAuth client and
 * tokens carrying every scope: everything a test or a demo needs to call the API at once.
 * `fill` runs in the same transaction (the demo seed), so a studio is never half-made.
 */
export function createStudio(
  db: DatabaseSync,
  input: StudioCreate,
  options: {
    tokenTtlSeconds: number;
    fill?: (studioId: string) => void;
    /** The user's password and its hash, made beforehand off the request thread (hashPasswordAsync); default made here. */
    password?: { plain: string; hash: string };
  },
): StudioCredentials {
  const studioId = newId('std');
  const userId = newId('usr');
  const password = options.password?.plain ?? newPassword();
  const email = input.user_email ?? `owner+${studioId.slice(4, 12)}@${emailDomainLabel(input.name)}.test`;
  const redirectUris = [...new Set([DEFAULT_REDIRECT_URI, ...(input.redirect_uris ?? [])])];
  const timezone = input.timezone ?? DEFAULT_TIMEZONES[input.country] ?? 'UTC';
  const createdAt = nowIso();
  const passwordHash = options.password?.hash ?? hashPassword(password);

  return transaction(db, () => {
    prepared(db, 'INSERT INTO studios (id, name, country, currency, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      studioId,
      input.name,
      input.country,
      input.currency,
      timezone,
      createdAt,
    );
    // Every studio starts with the photography pipeline its jobs move through.
    insertDefaultStages(db, studioId);
    if (input.tax_rounding)
      prepared(db, 'INSERT INTO studio_tax_rounding (studio_id, tax_rounding) VALUES (?, ?)').run(studioId, input.tax_rounding);
    const taken = prepared(db, 'SELECT 1 FROM users WHERE email = ?').get(email);
    if (taken) throw new ApiError(409, 'email_taken', `A sandbox user with the email ${email} already exists; choose another user_email.`);
    prepared(db, 'INSERT INTO users (id, studio_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      userId,
      studioId,
      email,
      input.user_name ?? `${input.name} Owner`,
      passwordHash,
      createdAt,
    );
    let client: { client_id: string; client_secret: string | null };
    try {
      client = createOAuthClient(db, { studioId, name: 'Zapier', redirectUris, confidential: true });
    } catch (error) {
      throw invalidField('redirect_uris', error instanceof Error ? error.message : 'contains an unusable redirect URI');
    }
    const tokens = issueTokens(db, {
      clientId: client.client_id,
      userId,
      studioId,
      scopes: [...OAUTH_SCOPES],
      tokenTtlSeconds: options.tokenTtlSeconds,
    });
    options.fill?.(studioId);
    return {
      studio_id: studioId,
      user_email: email,
      user_password: password,
      client_id: client.client_id,
      client_secret: client.client_secret ?? '',
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
    };
  });
}
