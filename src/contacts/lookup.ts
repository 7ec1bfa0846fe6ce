// Finding the contact for a client through the API's filters (never the whole contact
// list), shared by Find Contact, Find Latest Confirmed Shoot and Import Order.
import type { ZObject } from 'zapier-platform-core';
import { callApi, listPage } from '../api/client.js';
import { Me } from '../me/schema.js';
import {
  displayName,
  findContactMatch,
  type ClientIdentity,
  type ContactLookups,
  type ContactMatch,
  type MatchedBy,
} from '../domain/contact-match.js';
import { Contact } from './schema.js';

/** Enough to list every candidate of a real ambiguity, and to notice one. */
const CANDIDATE_LIMIT = 20;

/** The studio's country (GET /v1/me), fetched at most once and only when first asked for. */
export function studioCountryLoader(z: ZObject): () => Promise<string> {
  let country: Promise<string> | undefined;
  return () => {
    country ??= callApi(z, Me, { path: '/v1/me', describe: 'account (studio)' }).then((me) => me.studio.country);
    return country;
  };
}

function contactsWhere(z: ZObject, query: Record<string, string>): Promise<Contact[]> {
  return listPage(z, Contact, { path: '/v1/contacts', query, limit: CANDIDATE_LIMIT, describe: 'list of contacts' }).then((page) => page.data);
}

export function contactLookups(z: ZObject, defaultCountry: () => Promise<string | null>): ContactLookups<Contact> {
  return {
    byEmail: (email) => contactsWhere(z, { email }),
    byPhone: (phone) => contactsWhere(z, { phone }),
    byName: (name) => contactsWhere(z, { name }),
    defaultCountry,
  };
}

/** Email, then phone, then name; each lookup only when the step before found nobody. */
export function matchClientToContact(
  z: ZObject,
  client: ClientIdentity,
  defaultCountry: () => Promise<string | null> = studioCountryLoader(z),
): Promise<ContactMatch<Contact>> {
  return findContactMatch(client, contactLookups(z, defaultCountry));
}

const STEP_WORDS: Record<MatchedBy, string> = { email: 'email address', phone: 'phone number', name: 'name' };

/** "con_1 (Emma Stone, emma@example.com); con_2 (…)" */
export function describeCandidates(candidates: readonly Contact[]): string {
  return candidates.map((c) => `${c.id} (${[displayName(c) || 'no name', c.email ?? 'no email'].join(', ')})`).join('; ');
}

/**
 * The error for an ambiguous match. A search that returned nothing would let Zapier's
 * "create if not found" make yet another contact, and returning one of them would be a
 * guess; stopping the Zap with the candidates listed leaves the choice to a person.
 */
export function ambiguousContactError(z: ZObject, match: ContactMatch<Contact>, whatToDo: string): Error {
  const step = match.ambiguous_by ?? 'name';
  return new z.errors.Error(
    `${match.candidates.length} contacts have the same ${STEP_WORDS[step]} as this client: ${describeCandidates(match.candidates)}. ` +
      `None was chosen (a guess could book work to the wrong person) and nothing was created. ${whatToDo}`,
    'ambiguous_contact',
  );
}
