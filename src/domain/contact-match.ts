// Matching a gallery client to a CRM contact: email first, then phone, then name, and a step
// matches only when exactly one contact fits it. Evidence against a match vetoes it: a phone
// or name match is no match when both sides have an email and the emails differ, and a name
// match is no match when both have a phone and the phones differ (a phone with an extension
// fits only the same extension). Several contacts fitting one step (a family sharing an
// email) are narrowed by what else the client gave: one whose phone or name differs is ruled
// out, and the one that fits the most of the rest wins. Two or more left equal are never
// chosen between: the match is ambiguous and lists them.
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
  /** The one contact that fits, or null (none fits, or several do and nothing given tells them apart). */
  contact: C | null;
  matched_by: MatchedBy | null;
  /** What told the contact apart from others fitting the same step (a family's shared email
   *  narrowed by the phone or name); empty when it was the only one. */
  narrowed_by: MatchedBy[];
  /** True when a step found two or more fitting contacts and matching stopped there. */
  ambiguous: boolean;
  /** The step that was ambiguous, when ambiguous. */
  ambiguous_by: MatchedBy | null;
  /** The contacts of the ambiguous step left after narrowing (all that fit, if it ruled every one out); empty otherwise. */
  candidates: C[];
  /** The steps that ran, in order (a step without a value to look for is skipped). */
  checked: MatchedBy[];
  /** Steps skipped because the client's value could not be read (a phone that is no number). */
  unreadable: MatchedBy[];
  /** What the client gave that could be read, in matching order (whether or not it was looked up). */
  given: MatchedBy[];
}

/** Email as compared: trimmed, lower-cased and in Unicode NFC ("josé" typed either way); null when blank. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase().normalize('NFC') ?? '';
  return email === '' ? null : email;
}

/** True when reading `raw` needs a default country (it is not written with "+country code"). */
export function phoneNeedsCountry(raw: string | null | undefined): boolean {
  const trimmed = raw?.trim() ?? '';
  return trimmed !== '' && !trimmed.startsWith('+');
}

/** A phone number as compared: E.164 and its extension, if any. */
export interface PhoneNumber {
  /** "+442079460018" */
  e164: string;
  /** "12" for "020 7946 0018 ext. 12"; null without one. */
  ext: string | null;
}

/** An extension at the end of a typed number: "ext. 12", "extension 12", "x12", "#12", ";ext=12". */
const EXTENSION = /(?:;\s*ext=|extension|ext\.?|x|#)\s*\d+$/i;

/**
 * Ranges a regulator reserves for drama and documentation, which libphonenumber (rightly, for
 * numbers in use) calls invalid: Ofcom's 07700 900000–900999 and 01632 960000–960999. They are
 * the examples of this app's help texts and samples, so they are read like numbers in use.
 */
const FICTIONAL_RANGES: Readonly<Record<string, RegExp>> = { '44': /^(?:7700900|1632960)\d{3}$/ };

/**
 * A typed phone number in E.164 with its extension, reading national numbers ("07700 900123")
 * with `defaultCountry` (ISO 3166 alpha-2). A number written without "+" must be a number of
 * that country (or of the one its 00 prefix names) as that country writes it: valid there,
 * and with its national prefix where the country writes one ("0" in GB). So "(415) 555-0132"
 * or "(207) 946-0018" typed in a GB studio, US numbers without their +1, are not read as
 * +44 4155 550132 or London's +44 20 7946 0018: they are not read at all.
 * Null when it is blank or cannot be a phone number (wrong length, letters, a national number
 * without a country, not a number of the country it is read with).
 */
export function readPhone(raw: string | null | undefined, defaultCountry?: string | null): PhoneNumber | null {
  const trimmed = raw?.trim() ?? '';
  const number = trimmed.replace(EXTENSION, '');
  if (trimmed === '' || /[a-z]/i.test(number)) return null;
  const country = defaultCountry?.toUpperCase();
  const known = country !== undefined && isSupportedCountry(country as CountryCode, metadata) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, { defaultCountry: known }, metadata);
  if (!parsed || !parsed.isPossible()) return null;
  if (!trimmed.startsWith('+')) {
    if (!parsed.isValid() && !FICTIONAL_RANGES[parsed.countryCallingCode]?.test(parsed.nationalNumber)) return null;
    const digits = (text: string) => text.replace(EXTENSION, '').replace(/\D/g, '');
    const typedBare = digits(number) === parsed.nationalNumber;
    if (typedBare && digits(parsed.formatNational()) !== parsed.nationalNumber) return null;
  }
  return { e164: parsed.number, ext: parsed.ext ?? null };
}

/**
 * A typed phone number in E.164 ("+447700900123"), read as `readPhone` reads it. Null when
 * `readPhone` cannot read it, and for a number with an extension, which E.164 cannot hold.
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  const phone = readPhone(raw, defaultCountry);
  return phone !== null && phone.ext === null ? phone.e164 : null;
}

/** A contact's phone as stored (E.164, so read without a country); null when it has none or it is unreadable. */
export function storedPhone(raw: string | null | undefined): PhoneNumber | null {
  const trimmed = raw?.trim() ?? '';
  if (trimmed === '') return null;
  const parsed = parsePhoneNumberFromString(trimmed, {}, metadata);
  return parsed && parsed.isPossible() ? { e164: parsed.number, ext: parsed.ext ?? null } : null;
}

/** One number: the same E.164 and the same extension (none and none, or "12" and "12"). */
export function samePhone(a: PhoneNumber, b: PhoneNumber): boolean {
  return a.e164 === b.e164 && a.ext === b.ext;
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
  phone: PhoneNumber | null;
  name: string | null;
}

export function matchKeys(client: ClientIdentity, defaultCountry?: string | null): MatchKeys {
  return {
    email: normalizeEmail(client.email),
    phone: readPhone(client.phone, defaultCountry),
    name: foldFullName(client.first_name, client.last_name),
  };
}

/** How a contact's value compares with the client's: the same, different, or the contact has none. */
export type Evidence = 'fits' | 'differs' | 'unknown';

/** The evidence `contact` gives on `key`; null when the client gave no (readable) value for it. */
export function evidenceOf(key: MatchedBy, keys: MatchKeys, contact: MatchableContact): Evidence | null {
  const compare = <T>(mine: T | null, theirs: T | null, same: (a: T, b: T) => boolean): Evidence | null =>
    mine === null ? null : theirs === null ? 'unknown' : same(mine, theirs) ? 'fits' : 'differs';
  switch (key) {
    case 'email':
      return compare(keys.email, normalizeEmail(contact.email), (a, b) => a === b);
    case 'phone':
      return compare(keys.phone, storedPhone(contact.phone), samePhone);
    case 'name':
      return compare(keys.name, foldFullName(contact.first_name, contact.last_name), (a, b) => a === b);
  }
}

/** True when `contact` satisfies the rule of `step` for the client's keys. */
export function fitsRule(step: MatchedBy, keys: MatchKeys, contact: MatchableContact): boolean {
  return evidenceOf(step, keys, contact) === 'fits';
}

/** Evidence against: a contact fitting a step is ruled out when one of these differs. */
export const VETOED_BY: Readonly<Record<MatchedBy, readonly MatchedBy[]>> = { email: [], phone: ['email'], name: ['email', 'phone'] };

/** True when the client and `contact` both have a value of a vetoing key and the values differ. */
export function vetoed(step: MatchedBy, keys: MatchKeys, contact: MatchableContact): boolean {
  return VETOED_BY[step].some((key) => evidenceOf(key, keys, contact) === 'differs');
}

/**
 * The contacts of `returned` that really fit `step` and are not vetoed (an API filter is
 * re-checked, never trusted), each once.
 */
export function fittingContacts<C extends MatchableContact & { id?: string }>(step: MatchedBy, keys: MatchKeys, returned: readonly C[]): C[] {
  const seen = new Set<string>();
  return returned.filter((contact) => {
    if (!fitsRule(step, keys, contact) || vetoed(step, keys, contact)) return false;
    if (contact.id === undefined) return true;
    if (seen.has(contact.id)) return false;
    seen.add(contact.id);
    return true;
  });
}

function givenKeys(keys: MatchKeys): MatchedBy[] {
  return MATCH_ORDER.filter((key) => keys[key] !== null);
}

type StepDecision<C> = { contact: C; narrowed_by: MatchedBy[] } | { candidates: C[] } | null;

/**
 * What one step decides from the contacts fitting it: nothing (none fits: the next step
 * runs), the one contact, or, when several fit, the one the later keys tell apart. A contact
 * one of whose later values differs from the client's is ruled out; of the rest, the one that
 * fits the most later keys wins (its phone is the client's, the other has none on record).
 * Several left equal are ambiguous: the ones left are the candidates (all that fit, when the
 * later keys ruled every one out).
 */
function decideStep<C extends MatchableContact & { id?: string }>(step: MatchedBy, keys: MatchKeys, returned: readonly C[]): StepDecision<C> {
  const fitting = fittingContacts(step, keys, returned);
  if (fitting.length === 0) return null;
  if (fitting.length === 1) return { contact: fitting[0]!, narrowed_by: [] };
  const later = MATCH_ORDER.slice(MATCH_ORDER.indexOf(step) + 1).filter((key) => keys[key] !== null);
  const consistent = fitting.filter((contact) => later.every((key) => evidenceOf(key, keys, contact) !== 'differs'));
  if (consistent.length === 0) return { candidates: fitting };
  const support = (contact: C) => later.filter((key) => evidenceOf(key, keys, contact) === 'fits').length;
  const best = Math.max(...consistent.map(support));
  const left = consistent.filter((contact) => support(contact) === best);
  if (left.length > 1) return { candidates: left };
  const winner = left[0]!;
  const narrowed_by = later.filter((key) => fitting.some((other) => other !== winner && evidenceOf(key, keys, other) !== evidenceOf(key, keys, winner)));
  return { contact: winner, narrowed_by };
}

function outcome<C>(checked: MatchedBy[], unreadable: MatchedBy[], given: MatchedBy[], step: MatchedBy | null, decision: StepDecision<C>): ContactMatch<C> {
  const base = { checked, unreadable, given };
  if (step && decision && 'contact' in decision) {
    return { ...base, contact: decision.contact, matched_by: step, narrowed_by: decision.narrowed_by, ambiguous: false, ambiguous_by: null, candidates: [] };
  }
  if (step && decision && 'candidates' in decision) {
    return { ...base, contact: null, matched_by: null, narrowed_by: [], ambiguous: true, ambiguous_by: step, candidates: decision.candidates };
  }
  return { ...base, contact: null, matched_by: null, narrowed_by: [], ambiguous: false, ambiguous_by: null, candidates: [] };
}

function isGiven(value: string | null | undefined): boolean {
  return (value?.trim() ?? '') !== '';
}

/** What the matching needs next: the studio's country (to read a national phone), or the
 *  candidates of a step, looked up by `value` (the email, the E.164 phone, the name as written). */
type Need = { need: 'country' } | { need: 'list'; step: MatchedBy; value: string };

/**
 * The matching, step by step, asking for what it needs only when it needs it: a step's
 * candidates when the step runs, the country when a national phone is first looked at (by
 * the phone step, or to narrow several contacts sharing the email). One definition for
 * `matchContact` (answers at hand) and `findContactMatch` (answers fetched).
 */
function* matching<C extends MatchableContact & { id?: string }>(client: ClientIdentity): Generator<Need, ContactMatch<C>, unknown> {
  let keys = matchKeys(client, null);
  let phoneRead = !phoneNeedsCountry(client.phone);
  const checked: MatchedBy[] = [];
  const unreadable: MatchedBy[] = [];
  function* readThePhone(): Generator<Need, void, unknown> {
    if (!phoneRead) {
      keys = { ...keys, phone: readPhone(client.phone, (yield { need: 'country' }) as string | null) };
      phoneRead = true;
    }
    if (keys.phone === null && isGiven(client.phone) && !unreadable.includes('phone')) unreadable.push('phone');
  }
  for (const step of MATCH_ORDER) {
    if (step !== 'email') yield* readThePhone();
    if (keys[step] === null) continue;
    checked.push(step);
    const value = step === 'email' ? keys.email! : step === 'phone' ? keys.phone!.e164 : displayName(client);
    const returned = (yield { need: 'list', step, value }) as readonly C[];
    if (step === 'email' && fittingContacts(step, keys, returned).length > 1) yield* readThePhone();
    const decision = decideStep(step, keys, returned);
    if (decision) return outcome(checked, unreadable, givenKeys(keys), step, decision);
  }
  return outcome<C>(checked, unreadable, givenKeys(keys), null, null);
}

/** How the caller fetches each step's candidates; each is called only if the step runs. */
export interface ContactLookups<C> {
  byEmail(email: string): Promise<readonly C[]>;
  /** `e164` without any extension: the API stores and filters E.164; the matcher compares extensions itself. */
  byPhone(e164: string): Promise<readonly C[]>;
  /** `name` is "first last" as the client wrote it (trimmed); the caller's filter folds it. */
  byName(name: string): Promise<readonly C[]>;
  /** The country national phone numbers are read with; asked only when a phone needs it. */
  defaultCountry(): Promise<string | null>;
}

/**
 * Matches step by step, fetching lazily: the phone lookup runs only when no contact fits
 * the email, the name lookup only when none fits the phone either. The candidates come back
 * whole (with their emails and phones), which is what the vetoes and the narrowing look at.
 */
export async function findContactMatch<C extends MatchableContact & { id?: string }>(
  client: ClientIdentity,
  lookups: ContactLookups<C>,
): Promise<ContactMatch<C>> {
  const lookup = { email: lookups.byEmail, phone: lookups.byPhone, name: lookups.byName };
  const steps = matching<C>(client);
  let next = steps.next();
  while (!next.done) {
    const need = next.value;
    next = steps.next(need.need === 'country' ? await lookups.defaultCountry() : await lookup[need.step].call(lookups, need.value));
  }
  return next.value;
}

/**
 * True when filling in `key` would tell `candidates` apart: each has a different value of it
 * (at most one has none), so the value of any one of them rules all the others out.
 */
export function tellsApart(key: MatchedBy, candidates: readonly MatchableContact[]): boolean {
  const values = candidates.map((contact) => {
    if (key === 'email') return normalizeEmail(contact.email);
    if (key === 'name') return foldFullName(contact.first_name, contact.last_name);
    const phone = storedPhone(contact.phone);
    return phone && `${phone.e164};ext=${phone.ext ?? ''}`;
  });
  const known = values.filter((value) => value !== null);
  return candidates.length > 1 && values.length - known.length <= 1 && new Set(known).size === known.length;
}

/** "First Last" as written, whitespace tidied (for lookups and messages). */
export function displayName(person: { first_name?: string | null; last_name?: string | null }): string {
  return `${person.first_name ?? ''} ${person.last_name ?? ''}`.replace(/\s+/g, ' ').trim();
}
