// Contacts, shoots and the studio as the Studio API returns them, for the nock tests of the
// contact, shoot and import steps (the request recorder is test/support/api-mock.ts).
import type { Contact } from '../../src/contract/contacts.js';
import type { Me } from '../../src/contract/me.js';
import type { Shoot } from '../../src/contract/shoots.js';

export { API, authData, page, recordRequests } from '../support/api-mock.js';

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

export { failureOf } from '../support/index.js';
