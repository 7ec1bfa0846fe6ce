// Where the Studio API lives. Read on every call (not at import) so `zapier-platform env:set`,
// `.env` for `invoke`, and tests that start a sandbox on a random port all take effect.
//
// There is no default host: whatever answers at the URL receives the OAuth client secret and
// every user's tokens, so it is always the one the integration's developer configured, and
// only over https (plain http only to this machine, for the sandbox).

/** The integration is not set up to reach a Studio API; the message says how to fix it. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function apiBaseUrl(): string {
  const configured = process.env.STUDIO_API_URL?.trim() ?? '';
  if (configured === '') {
    throw new ConfigurationError(
      'This integration is not configured: STUDIO_API_URL is not set, so it does not know which Studio API to use. ' +
        'Contact the integration’s developer, who sets it with `zapier-platform env:set <version> STUDIO_API_URL=https://…` ' +
        '(or in .env for `zapier-platform invoke`).',
    );
  }
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new ConfigurationError(
      `STUDIO_API_URL is not a URL (${JSON.stringify(configured.slice(0, 80))}). Set it to the Studio API's https:// address with \`zapier-platform env:set\`.`,
    );
  }
  const local = LOOPBACK_HOST.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new ConfigurationError(
      `STUDIO_API_URL must be an https:// address (plain http:// only for this machine, such as the local sandbox), not ${url.protocol}//${url.host}. ` +
        'Tokens and the client secret travel to it. Fix it with `zapier-platform env:set`.',
    );
  }
  return configured.replace(/\/+$/, '');
}

export function apiUrl(path: string): string {
  return `${apiBaseUrl()}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Zapier stops a step after 30 s without saying why; a request still unanswered after this long
 *  is abandoned first, so the step fails with a clear "temporary, try again" error. */
export const DEFAULT_API_TIMEOUT_MS = 25_000;

/** The per-request timeout: STUDIO_API_TIMEOUT_MS (tests shorten it), else the default. */
export function apiTimeoutMs(): number {
  const configured = Number(process.env.STUDIO_API_TIMEOUT_MS?.trim());
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_API_TIMEOUT_MS;
}

/** The OAuth2 scopes the integration asks for, in the order the consent page lists them. */
export const OAUTH_SCOPES = [
  'studio:read',
  'contacts:write',
  'jobs:write',
  'galleries:write',
  'orders:read',
  'invoices:write',
  'hooks:write',
] as const;
