// Where the Studio API lives. Read on every call (not at import) so `zapier-platform env:set`,
// `.env` for `invoke`, and tests that start a sandbox on a random port all take effect.

/** The studio platform's production API. */
export const PRODUCTION_API_URL = 'https://api.studioplatform.app';

export function apiBaseUrl(): string {
  const configured = process.env.STUDIO_API_URL?.trim();
  return (configured && configured.length > 0 ? configured : PRODUCTION_API_URL).replace(/\/+$/, '');
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
