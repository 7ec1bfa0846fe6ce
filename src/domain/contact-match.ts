// Matching a gallery client to a CRM contact (DESIGN.md, "Matching"): email first, then
// phone, then name, and a step matches only when exactly one contact fits it. Two or more
// fitting contacts are never chosen between: the match is "not found" and lists them.
// Pure logic: the lookups are passed in, so callers decide how (and whether) to fetch.
// The core build with its metadata passed explicitly: the same code path under Node and
// under jest (whose ".js" module mapping breaks the default build's metadata import).
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

export type MatchedBy = 'email' | 'phone' | 'name';
export const MATCH_ORDER: readonly MatchedBy[] = ['email', 'phone', 'name'];

/** The parts of a contact the rules look at. */
export interface MatchableContact {
  email: string | null;
  phone: string | null;
  first_name: string;
  last_name: string;
}

/** Who we are looking for: a gallery client, or what a Zap builder typed. */
export interface ClientIdentity {
  email?: string | null;
  phone?: string | null;
  first_name?: string | null;
  last_name?: string | null;
}

export interface ContactMatch<C> {
  /** The one contact that fits, or null (none fits, or more than one does). */
  contact: C | null;
  matched_by: MatchedBy | null;
  /** True when a step found two or more fitting contacts and matching stopped there. */
  ambiguous: boolean;
  /** The step that was ambiguous, when ambiguous. */
  ambiguous_by: MatchedBy | null;
  /** The fitting contacts of the ambiguous step (empty otherwise). */
  candidates: C[];
  /** The steps that ran, in order (a step without a value to look for is skipped). */
  checked: MatchedBy[];
  /** Steps skipped because the client's value could not be read (a phone that is no number). */
  unreadable: MatchedBy[];
}

/** Email as compared: trimmed and lower-cased; null when blank. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase() ?? '';
  return email === '' ? null : email;
}

/** True when reading `raw` needs a default country (it is not written with "+country code"). */
export function phoneNeedsCountry(raw: string | null | undefined): boolean {
  const trimmed = raw?.trim() ?? '';
  return trimmed !== '' && !trimmed.startsWith('+');
}

/**
 * A phone number in E.164 ("+447700900123"), reading national numbers ("07700 900123")
 * with `defaultCountry` (ISO 3166 alpha-2). Null when it is blank or cannot be a phone
 * number (wrong length for the country, letters, a national number without a country).
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  const trimmed = raw?.trim() ?? '';
  if (trimmed === '' || /[a-z]/i.test(trimmed.replace(/(?:extension|ext\.?|x|#)\s*\d+$/i, ''))) return null;
  const country = defaultCountry?.toUpperCase();
  const known = country !== undefined && isSupportedCountry(country as CountryCode, metadata) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, { defaultCountry: known }, metadata);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** A name as compared: case, accents (NFD, marks removed) and whitespace folded. */
export function foldName(raw: string | null | undefined): string {
  return (raw ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "first last", folded; null when both are blank. */
export function foldFullName(first: string | null | undefined, last: string | null | undefined): string | null {
  const folded = foldName(`${first ?? ''} ${last ?? ''}`);
  return folded === '' ? null : folded;
}

/** What the client is looked up by at each step (null: the step is skipped). */
export interface MatchKeys {
  email: string | null;
  phone: string | null;
  name: string | null;
}

export function matchKeys(client: ClientIdentity, defaultCountry?: string | null): MatchKeys {
  return {
    email: normalizeEmail(client.email),
    phone: normalizePhone(client.phone, defaultCountry),
    name: foldFullName(client.first_name, client.last_name),
  };
}

/** True when `contact` satisfies the rule of `step` for the key `key`. */
export function fitsRule(step: MatchedBy, key: string, contact: MatchableContact): boolean {
  switch (step) {
    case 'email':
      return normalizeEmail(contact.email) === key;
    case 'phone':
      // Stored phones are E.164, so they need no country to read.
      return normalizePhone(contact.phone) === key;
    case 'name':
      return foldFullName(contact.first_name, contact.last_name) === key;
  }
}

/** The contacts of `returned` that really fit (an API filter is re-checked, never trusted), each once. */
export function fittingContacts<C extends MatchableContact & { id?: string }>(step: MatchedBy, key: string, returned: readonly C[]): C[] {
  const seen = new Set<string>();
  return returned.filter((contact) => {
    if (!fitsRule(step, key, contact)) return false;
    if (contact.id === undefined) return true;
    if (seen.has(contact.id)) return false;
    seen.add(contact.id);
    return true;
  });
}

function outcome<C>(checked: MatchedBy[], unreadable: MatchedBy[], step: MatchedBy | null, fitting: C[]): ContactMatch<C> {
  const base = { checked, unreadable };
  if (step && fitting.length === 1) {
    return { ...base, contact: fitting[0]!, matched_by: step, ambiguous: false, ambiguous_by: null, candidates: [] };
  }
  if (step && fitting.length > 1) {
    return { ...base, contact: null, matched_by: null, ambiguous: true, ambiguous_by: step, candidates: fitting };
  }
  return { ...base, contact: null, matched_by: null, ambiguous: false, ambiguous_by: null, candidates: [] };
}

function isGiven(value: string | null | undefined): boolean {
  return (value?.trim() ?? '') !== '';
}

/** The contacts each step's lookup returned (before re-checking). */
export interface CandidateLists<C> {
  byEmail: readonly C[];
  byPhone: readonly C[];
  byName: readonly C[];
}

/** Matches with every step's candidates already at hand. */
export function matchContact<C extends MatchableContact & { id?: string }>(
  client: ClientIdentity,
  candidates: CandidateLists<C>,
  defaultCountry?: string | null,
): ContactMatch<C> {
  const keys = matchKeys(client, defaultCountry);
  const lists: Record<MatchedBy, readonly C[]> = { email: candidates.byEmail, phone: candidates.byPhone, name: candidates.byName };
  const checked: MatchedBy[] = [];
  const unreadable: MatchedBy[] = [];
  for (const step of MATCH_ORDER) {
    const key = keys[step];
    if (key === null) {
      if (step === 'phone' && isGiven(client.phone)) unreadable.push(step);
      continue;
    }
    checked.push(step);
    const fitting = fittingContacts(step, key, lists[step]);
    if (fitting.length > 0) return outcome(checked, unreadable, step, fitting);
  }
  return outcome<C>(checked, unreadable, null, []);
}

/** How the caller fetches each step's candidates; each is called only if the step runs. */
export interface ContactLookups<C> {
  byEmail(email: string): Promise<readonly C[]>;
  byPhone(e164: string): Promise<readonly C[]>;
  /** `name` is "first last" as the client wrote it (trimmed); the caller's filter folds it. */
  byName(name: string): Promise<readonly C[]>;
  /** The country national phone numbers are read with; asked only when a phone needs it. */
  defaultCountry(): Promise<string | null>;
}

/**
 * Matches step by step, fetching lazily: the phone lookup runs only when no contact fits
 * the email, the name lookup only when none fits the phone either.
 */
export async function findContactMatch<C extends MatchableContact & { id?: string }>(
  client: ClientIdentity,
  lookups: ContactLookups<C>,
): Promise<ContactMatch<C>> {
  const checked: MatchedBy[] = [];
  const unreadable: MatchedBy[] = [];
  const steps: Array<[MatchedBy, () => Promise<string | null>, (key: string) => Promise<readonly C[]>]> = [
    ['email', async () => normalizeEmail(client.email), (key) => lookups.byEmail(key)],
    [
      'phone',
      async () => normalizePhone(client.phone, phoneNeedsCountry(client.phone) ? await lookups.defaultCountry() : null),
      (key) => lookups.byPhone(key),
    ],
    ['name', async () => foldFullName(client.first_name, client.last_name), () => lookups.byName(displayName(client))],
  ];
  for (const [step, keyOf, lookup] of steps) {
    const key = await keyOf();
    if (key === null) {
      if (step === 'phone' && isGiven(client.phone)) unreadable.push(step);
      continue;
    }
    checked.push(step);
    const fitting = fittingContacts(step, key, await lookup(key));
    if (fitting.length > 0) return outcome(checked, unreadable, step, fitting);
  }
  return outcome<C>(checked, unreadable, null, []);
}

/** "First Last" as written, whitespace tidied (for lookups and messages). */
export function displayName(person: { first_name?: string | null; last_name?: string | null }): string {
  return `${person.first_name ?? ''} ${person.last_name ?? ''}`.replace(/\s+/g, ' ').trim();
}
