// The scopes the Studio API grants, and how the consent page says each one in plain words.
// The list is the integration's own (src/api/config.ts): a scope without a sentence here is a
// type error.
import { OAUTH_SCOPES } from '../../src/api/config.js';

export type Scope = (typeof OAUTH_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'studio:read': 'See your studio’s name and settings, and your name and email',
  'contacts:write': 'See your studio’s contacts, and add new ones',
  'jobs:write': 'See your jobs with their shoots and payments, and link galleries to them',
  'galleries:write': 'See and create client galleries, with your brands and gallery presets',
  'orders:read': 'See the orders clients place in your galleries',
  'invoices:write': 'See your invoices, and create invoices for orders',
  'hooks:write': 'Be notified when an order is placed, a gallery is published or a payment arrives',
};

export function isScope(value: string): value is Scope {
  return (OAUTH_SCOPES as readonly string[]).includes(value);
}

/**
 * The scopes a request asked for, de-duplicated and in the consent page's order; every scope
 * when none was named. Null when any requested scope is unknown.
 */
export function grantableScopes(requested: readonly string[] | undefined): Scope[] | null {
  if (!requested || requested.length === 0) return [...OAUTH_SCOPES];
  if (!requested.every(isScope)) return null;
  return OAUTH_SCOPES.filter((scope) => requested.includes(scope));
}

export function joinScopes(scopes: readonly string[]): string {
  return scopes.join(' ');
}

export function splitScopes(stored: string): string[] {
  return stored.split(' ').filter((scope) => scope.length > 0);
}
