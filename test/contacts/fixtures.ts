// Contacts, shoots and the studio as the Studio API returns them, and a recorder of every
// request a step makes, for the nock tests of the contact, shoot and import steps.
import { afterEach, beforeEach } from '@jest/globals';
import nock from 'nock';
import type { Contact } from '../../src/contacts/schema.js';
import type { Me } from '../../src/me/schema.js';
import type { Shoot } from '../../src/shoots/schema.js';

export const API = 'https://api.studio.test';
export const authData = { access_token: 'at-contacts', refresh_token: 'rt-contacts' };

let nextId = 0;
export function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: `con_t${++nextId}`,
    first_name: 'Emma',
    last_name: 'Harper',
    email: 'emma.harper@example.com',
    phone: '+447700900123',
    created_at: '2026-01-14T09:30:00Z',
    ...overrides,
  };
}

export function aShoot(overrides: Partial<Shoot> = {}): Shoot {
  return {
    id: `sht_t${++nextId}`,
    job_id: 'job_5Rt7Wq2e',
    contact_id: 'con_8f2k1Hx4',
    title: 'Wedding day',
    status: 'confirmed',
    starts_at: '2026-06-20T13:00:00Z',
    ends_at: '2026-06-20T22:00:00Z',
    location: 'Kew Gardens, London',
    created_at: '2026-01-14T09:45:10Z',
    ...overrides,
  };
}

export const gbStudio: Me = {
  studio: { id: 'std_n0rth', name: 'Northlight Photography', country: 'GB', currency: 'GBP', timezone: 'Europe/London' },
  user: { id: 'usr_ava', email: 'ava@northlight.example', name: 'Ava Hart' },
  scopes: ['studio:read', 'contacts:write'],
};

export const page = <T>(data: T[]) => ({ data, next_cursor: null });

/**
 * Every request the step makes, as "METHOD /path?query"; requests nock has no answer for are
 * recorded too (and fail), so a test sees an unexpected call instead of a network error.
 */
export function recordRequests() {
  const log = { sent: [] as string[], unmatched: [] as string[] };
  // nock 15 hands listeners the fetch Request: method and full url.
  const describe = (req: { method: string; url: string }) => {
    const url = new URL(req.url);
    return `${req.method} ${decodeURIComponent(url.pathname + url.search)}`;
  };
  const onRequest = (req: { method: string; url: string }) => log.sent.push(describe(req));
  const onNoMatch = (req: { method: string; url: string }) => log.unmatched.push(describe(req));
  beforeEach(() => {
    log.sent.length = 0;
    log.unmatched.length = 0;
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });
  /** A nock scope on the API whose every answered request is logged. */
  const api = () => nock(API).on('request', onRequest);
  return { ...log, api };
}

export { failureOf } from '../support/step-error.js';
