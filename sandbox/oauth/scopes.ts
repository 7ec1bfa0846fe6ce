// The scopes the Studio API grants, and how the consent page says each one in plain words.
// They are the integration's own (src/api/config.ts) plus read-only ones other clients may ask
// for; a scope without a sentence here is a type error. A `:write` scope includes its `:read`.
import { OAUTH_SCOPES } from '../../src/api/config.js';

/** Every scope the API knows, in the consent page's order. */
export const API_SCOPES = [
  'studio:read',
  'contacts:write',
  'jobs:write',
  'galleries:write',
  'orders:read',
  'invoices:read',
  'invoices:write',
  'hooks:write',
] as const;

export type Scope = (typeof API_SCOPES)[number];

/** True when the granted scopes allow what an endpoint needs (a `:write` grant includes `:read`). */
export function scopeAllows(granted: readonly string[], needed: string): boolean {
  if (granted.includes(needed)) return true;
  return needed.endsWith(':read') && granted.includes(`${needed.slice(0, -':read'.length)}:write`);
}

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'studio:read': 'See your studio’s name and settings, and your name and email',
  'contacts:write': 'See your studio’s contacts, add new ones and update them',
  'jobs:write': 'See your jobs with their shoots and payments, create jobs, move them through your pipeline, and link galleries to them',
  'galleries:write': 'See and create client galleries, with your brands and gallery presets',
  'orders:read': 'See the orders clients place in your galleries',
  'invoices:read': 'See your invoices',
  'invoices:write': 'See your invoices, and create invoices for orders',
  'hooks:write':
    'Be notified when an order is placed, a gallery is published, a payment arrives, or a contact or job is created or a job moves stage',
};

export function isScope(value: string): value is Scope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/**
 * The scopes a request asked for, de-duplicated and in the consent page's order; every scope
 * when none was named. Null when any requested scope is unknown.
 */
export function grantableScopes(requested: readonly string[] | undefined): Scope[] | null {
  if (!requested || requested.length === 0) return [...OAUTH_SCOPES];
  if (!requested.every(isScope)) return null;
  return API_SCOPES.filter((scope) => requested.includes(scope));
}

export function joinScopes(scopes: readonly string[]): string {
  return scopes.join(' ');
}

export function splitScopes(stored: string): string[] {
  return stored.split(' ').filter((scope) => scope.length > 0);
}
