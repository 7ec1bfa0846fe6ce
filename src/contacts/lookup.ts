// Finding the contact for a client through the API's filters (never the whole contact
// list), shared by Find Contact, Find Latest Confirmed Shoot and Import Order.
import type { ZObject } from 'zapier-platform-core';
import { callApi, listPage } from '../api/client.js';
import { brief, haltedError, studioError } from '../api/errors.js';
import { Me } from '../contract/me.js';
import {
  displayName,
  findContactMatch,
  MATCH_ORDER,
  tellsApart,
  type ClientIdentity,
  type ContactLookups,
  type ContactMatch,
  type MatchedBy,
} from '../domain/contact-match.js';
import { Contact } from '../contract/contacts.js';

/** Contacts per page of a lookup: one page for any real studio's client. */
const CANDIDATE_LIMIT = 20;
/**
 * At most this many pages per lookup. Every candidate is needed: the vetoes and the narrowing
 * could otherwise rule out the ones seen and miss the one that fits on a later page.
 */
const CANDIDATE_PAGES = 5;

/** The studio's country (GET /v1/me), fetched at most once and only when first asked for. */
export function studioCountryLoader(z: ZObject): () => Promise<string> {
  let country: Promise<string> | undefined;
  return () => {
    country ??= callApi(z, Me, { path: '/v1/me', describe: 'account (studio)' }).then((me) => me.studio.country);
    return country;
  };
}

/** Every contact the filter returns (following the pages), or null when there are too many to weigh. */
async function everyContactWhere(z: ZObject, query: Record<string, string>): Promise<Contact[] | null> {
  const contacts: Contact[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < CANDIDATE_PAGES; page += 1) {
    const found: { data: Contact[]; next_cursor: string | null } = await listPage(z, Contact, {
      path: '/v1/contacts',
      query,
      limit: CANDIDATE_LIMIT,
      cursor,
      describe: 'list of contacts',
      everyRecord: true,
    });
    contacts.push(...found.data);
    cursor = found.next_cursor;
    if (cursor === null) return contacts;
  }
  return null;
}

/**
 * The contacts with an email or phone. A crowded one (a venue's or a school's number, more
 * than can be weighed) is narrowed by the client's name: the contacts on it whose name is
 * not the client's could only be ruled out by it anyway (a name that disagrees is another
 * person), so a new client calling from the venue is not stopped for the others.
 */
async function contactsWhere(z: ZObject, query: Record<string, string>, name: string | null): Promise<Contact[]> {
  const all = await everyContactWhere(z, query);
  if (all !== null) return all;
  const named = name ? await everyContactWhere(z, { ...query, name }) : null;
  if (named !== null) return named;
  const [what, value] = Object.entries(query)[0] ?? ['value', ''];
  throw haltedError(
    z,
    `No contact was chosen and nothing was created: more than ${CANDIDATE_LIMIT * CANDIDATE_PAGES} contacts have the ${what} “${value}”${name ? ` (and the name “${name}”)` : ''}, too many to tell apart safely. ` +
      'Fill in a value that belongs to this client alone (their own email address, or their name with the shared number).',
    'ambiguous_contact',
  );
}

export function contactLookups(z: ZObject, defaultCountry: () => Promise<string | null>): ContactLookups<Contact> {
  return {
    byEmail: (email, name) => contactsWhere(z, { email }, name),
    byPhone: (phone, name) => contactsWhere(z, { phone }, name),
    byName: (name) => contactsWhere(z, { name }, null),
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

export const STEP_WORDS: Record<MatchedBy, string> = { email: 'email address', phone: 'phone number', name: 'name' };

/** "a, b or c" */
export function either(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** "con_1 (Emma Stone, emma@example.com); con_2 (…)", with each phone when the email is what they share. */
export function describeCandidates(candidates: readonly Contact[], withPhone = false): string {
  return candidates
    .map(
      (c) => `${c.id} (${[displayName(c) || 'no name', c.email ?? 'no email', ...(withPhone ? [c.phone ?? 'no phone'] : [])].join(', ')})`,
    )
    .join('; ');
}

/** The keys not in `given` that would tell the candidates apart if given (each has a different value). */
export function keysThatWouldTellApart(match: ContactMatch<Contact>, given: readonly MatchedBy[]): MatchedBy[] {
  return MATCH_ORDER.filter((key) => !given.includes(key) && tellsApart(key, match.candidates));
}

/**
 * The error for an ambiguous match. A search that returned nothing would let Zapier's
 * "create if not found" make yet another contact, and returning one of them would be a
 * guess; stopping the Zap with the candidates listed leaves the choice to a person.
 * `whatToDo` must name an action that would resolve it, with fields the caller's step has.
 * What to do comes first (Zapier shows a message's first 250 characters), the candidates after.
 */
export function ambiguousContactError(z: ZObject, match: ContactMatch<Contact>, whatToDo: string): Error {
  const step = match.ambiguous_by ?? 'name';
  const why =
    match.differing.length > 0
      ? `this client’s ${STEP_WORDS[step]} and name fit a contact whose ${match.differing.map((key) => STEP_WORDS[key]).join(' and ')} is another (maybe someone else)`
      : `${match.candidates.length} contacts fit this client’s ${STEP_WORDS[step]}`;
  // Halted: this client's data is ambiguous, the Zap is fine (the next client may match).
  return haltedError(
    z,
    `${why[0]!.toUpperCase()}${why.slice(1)}; none was chosen and nothing was created. ${whatToDo} ` +
      `Candidates: ${describeCandidates(match.candidates, step === 'email' || match.differing.length > 0)}.`,
    'ambiguous_contact',
  );
}

/** The API refused a contact id (deleted, mistyped, or another Studio account's). */
export function contactNotFoundError(z: ZObject, contactId: string, unchanged: string): Error {
  return studioError(
    z,
    `Studio has no contact ${brief(contactId, 60)} in the connected account: it may have been deleted, or it belongs to another Studio account. ` +
      `Choose the contact from the Contact dropdown, or map a contact ID from an earlier step (e.g. Find Contact). ${unchanged}`,
    'contact_not_found',
    404,
  );
}
