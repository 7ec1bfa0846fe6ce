// Matching a gallery client to a CRM contact: email first, then phone, then (for a client who
// gave nothing else) name. A link rests on positive evidence the client gave and the contact
// holds, and nothing said against it: a name that disagrees rules out a contact whose email
// or phone fits (a couple's email, a family landline and a switchboard are shared by people
// the studio may not have recorded), and an email that disagrees rules out a phone or name
// match. Several contacts linked by one step are told apart only by positive evidence (one
// holds the client's phone or name and the others do not); ruling the others out is never a
// reason to choose the one left. Two or more left equal are never chosen between: the match
// is ambiguous and lists them.
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
  /** For a stop on evidence that conflicts (the phone and name fit, the email is another): the
   *  values of the client that differ from the candidates'; empty for candidates equally fitting. */
  differing: MatchedBy[];
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
  if (!parsed?.isPossible()) return null;
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
  return parsed?.isPossible() ? { e164: parsed.number, ext: parsed.ext ?? null } : null;
}

/** A phone as the API stores it: E.164, and ";ext=12" for an extension (RFC 3966). */
export function phoneText(phone: PhoneNumber): string {
  return phone.ext === null ? phone.e164 : `${phone.e164};ext=${phone.ext}`;
}

/** One number: the same E.164 and the same extension (none and none, or "12" and "12"). */
export function samePhone(a: PhoneNumber, b: PhoneNumber): boolean {
  return a.e164 === b.e164 && a.ext === b.ext;
}

/** Letters folding does not decompose, written as a reader without the key would type them. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ı: 'i',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ς: 'σ',
  ĸ: 'k',
};
/** Apostrophes and their look-alikes (’ ‘ ʼ ʻ ` ´ ′ ＇), which people type interchangeably: dropped. */
const APOSTROPHES = /['\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07]/g;
/** Hyphens, dashes and dots between the parts of a name (- ‐ ‑ ‒ – — ― ・ .): a space. */
const SEPARATORS = /[-\u2010-\u2015\u2212\u30fb\u00b7.,]/g;

/**
 * A name as compared, the one folding used by the matching and by the API's name search:
 * compatibility forms unified (NFKC: full-width and half-width letters, ligatures), Turkish
 * İ and ı read as i, case folded (ß and ẞ as ss, final ς as σ), accents removed (é, ç, ş, ö; kana keep their voicing marks),
 * letters without a decomposition spelt out (ø o, ł l, æ ae), apostrophe variants dropped
 * (O’Brien, O'Brien and OBrien are one name), hyphens and dots spaced, whitespace collapsed.
 */
export function foldName(raw: string | null | undefined): string {
  return (
    (raw ?? '')
      .normalize('NFKC')
      .replace(/\u0130/g, 'i')
      .toLowerCase()
      .normalize('NFD')
      // Accents go; the kana voicing marks (ダ is not タ) are letters of their own and stay.
      .replace(/(?![\u3099\u309a])\p{M}/gu, '')
      .normalize('NFC')
      .replace(/[ßıøłđðþæœςĸ]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
      .replace(APOSTROPHES, '')
      .replace(SEPARATORS, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
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
  name: { first: string; last: string } | null;
}

export function matchKeys(client: ClientIdentity, defaultCountry?: string | null): MatchKeys {
  const first = foldName(client.first_name);
  const last = foldName(client.last_name);
  return {
    email: normalizeEmail(client.email),
    phone: readPhone(client.phone, defaultCountry),
    name: first === '' && last === '' ? null : { first, last },
  };
}

/** How a contact's value compares with the client's: the same, different, or the contact has none. */
export type Evidence = 'fits' | 'differs' | 'unknown';
/** A phone can also fit in part: the same number, an extension on one side only (a switchboard). */
export type PhoneEvidence = Evidence | 'same_line';
/**
 * How two names compare. same: the same name (order of the parts aside); compatible: could be
 * one person written two ways (a middle name, an initial, "Alex" for "Alexander", a changed
 * last name, two scripts); differs: another person (another first name).
 */
export type NameRelation = 'same' | 'compatible' | 'differs';

const tokens = (name: { first: string; last: string }) => `${name.first} ${name.last}`.split(' ').filter(Boolean);
const isLatin = (text: string) => /[a-z]/.test(text);
const isOtherScript = (text: string) => /[^\sa-z0-9]/.test(text);

/** Short forms that are not a prefix of the name ("kate" for "katherine"), by group. */
const SHORT_FORMS: ReadonlyArray<readonly string[]> = [
  ['katherine', 'catherine', 'kathryn', 'kate', 'katie', 'kathy', 'cathy', 'kat'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['william', 'bill', 'billy', 'will', 'liam'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'lisa'],
  ['margaret', 'peggy', 'maggie', 'meg', 'marge'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['richard', 'dick', 'rick', 'ricky', 'rich'],
  ['anthony', 'tony'],
  ['michael', 'mike', 'mick', 'mikey'],
  ['thomas', 'tom', 'tommy'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['henry', 'harry', 'hal'],
  ['john', 'jack', 'johnny'],
  ['joseph', 'joe', 'joey'],
  ['andrew', 'andy', 'drew'],
  ['rebecca', 'becky', 'becca'],
  ['abigail', 'abby', 'gail'],
  ['charles', 'charlie', 'chuck'],
  ['charlotte', 'charlie', 'lottie'],
  ['susan', 'sue', 'susie'],
  ['patricia', 'pat', 'patty', 'trish'],
  ['stephen', 'steven', 'steve'],
  ['alexander', 'alexandra', 'sasha', 'sandy', 'alex'],
  ['josé', 'jose', 'pepe'],
  ['francisco', 'paco', 'pancho'],
  ['christopher', 'kit', 'chris'],
  ['nicholas', 'nick', 'nicky'],
  ['pyotr', 'petr', 'peter'],
];

/** Two first names one person answers to: initial ("j" for "james"), prefix ("alex", "chris"), short form ("kate"), the same word. */
function firstNamesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (SHORT_FORMS.some((group) => group.includes(a) && group.includes(b))) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length === 1 ? long.startsWith(short) : short.length >= 3 && long.startsWith(short);
}

/** How the client's folded name compares with a contact's (null when either has none). */
export function compareNames(client: { first: string; last: string }, contact: { first: string; last: string }): NameRelation | null {
  const mine = tokens(client);
  const theirs = tokens(contact);
  if (mine.length === 0 || theirs.length === 0) return null;
  // German transliteration: "Mueller" is "Müller" written without the umlaut.
  const plain = (list: string[]) => list.map((part) => part.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'));
  const sorted = (list: string[]) => [...plain(list)].sort().join(' ');
  if (sorted(mine) === sorted(theirs) || plain(mine).join('') === plain(theirs).join('')) return 'same';
  // The same last name and a first name the person answers to ("Kate Moore", "Katherine Moore").
  const lastOf = (name: { first: string; last: string }) => plain([name.last])[0] ?? '';
  if (client.first !== '' && contact.first !== '' && client.last !== '' && lastOf(client) === lastOf(contact)) {
    const firstWord = (first: string) => first.split(' ')[0] ?? '';
    const [a, b] = [firstWord(client.first), firstWord(contact.first)];
    if (a.length > 1 && b.length > 1 && SHORT_FORMS.some((group) => group.includes(a) && group.includes(b))) return 'same';
  }
  // Written in two scripts ("Hanako Yamada", "山田 花子"): neither for nor against.
  const mineText = mine.join(' ');
  const theirText = theirs.join(' ');
  if ((isLatin(mineText) && !isOtherScript(mineText)) !== (isLatin(theirText) && !isOtherScript(theirText))) return 'compatible';
  const [fewer, more] = mine.length <= theirs.length ? [mine, theirs] : [theirs, mine];
  const rest = [...more];
  if (
    fewer.every((part) => {
      const at = rest.indexOf(part);
      if (at < 0) return false;
      rest.splice(at, 1);
      return true;
    })
  )
    return 'compatible';
  // The first names decide: another first name is another person; a first name in agreement
  // with another last name is one person whose last name changed (or was written in full).
  const myFirst = (client.first.split(' ')[0] ?? '') || (client.last.split(' ')[0] ?? '');
  const theirFirst = (contact.first.split(' ')[0] ?? '') || (contact.last.split(' ')[0] ?? '');
  if (client.first === '' || contact.first === '') return client.last === contact.last || contact.first === '' ? 'compatible' : 'differs';
  return firstNamesAgree(myFirst, theirFirst) ? 'compatible' : 'differs';
}

/** What `contact` says about each value the client gave: null for a value the client did not give. */
export interface ContactEvidence {
  email: Evidence | null;
  phone: PhoneEvidence | null;
  name: NameRelation | null;
}

/** Each contact's evidence for a client's keys, worked out once: every step and rule asks for it again. */
const evidenceMemo = new WeakMap<MatchKeys, WeakMap<MatchableContact, ContactEvidence>>();

export function evidenceFor(keys: MatchKeys, contact: MatchableContact): ContactEvidence {
  let forKeys = evidenceMemo.get(keys);
  if (forKeys === undefined) {
    forKeys = new WeakMap();
    evidenceMemo.set(keys, forKeys);
  }
  let evidence = forKeys.get(contact);
  if (evidence === undefined) {
    evidence = workOutEvidence(keys, contact);
    forKeys.set(contact, evidence);
  }
  return evidence;
}

function workOutEvidence(keys: MatchKeys, contact: MatchableContact): ContactEvidence {
  const email = normalizeEmail(contact.email);
  const phone = storedPhone(contact.phone);
  const name = { first: foldName(contact.first_name), last: foldName(contact.last_name) };
  return {
    email: keys.email === null ? null : email === null ? 'unknown' : email === keys.email ? 'fits' : 'differs',
    phone:
      keys.phone === null
        ? null
        : phone === null
          ? 'unknown'
          : phone.e164 !== keys.phone.e164
            ? 'differs'
            : phone.ext === keys.phone.ext
              ? 'fits'
              : phone.ext === null || keys.phone.ext === null
                ? 'same_line'
                : 'differs',
    name: keys.name === null ? null : (compareNames(keys.name, name) ?? 'compatible'),
  };
}

/** True when `contact` satisfies the rule of `step` for the client's keys. */
export function fitsRule(step: MatchedBy, keys: MatchKeys, contact: MatchableContact): boolean {
  const evidence = evidenceFor(keys, contact);
  if (step === 'email') return evidence.email === 'fits';
  if (step === 'phone') return evidence.phone === 'fits' || evidence.phone === 'same_line';
  return evidence.name === 'same';
}

/**
 * What a contact found by `step` is for this client:
 * - link: positive evidence the client gave and the contact holds, and nothing against it;
 * - conflict: the phone and the name are theirs but the email is another (one person with a
 *   second address, or a namesake relative on one landline): not decidable, so a stop;
 * - out: someone else, or nothing but a shared point and no word on who.
 * A name that disagrees rules a contact out whatever else fits (an email, a landline or a
 * switchboard may be shared by people the studio has not recorded); an email that disagrees
 * rules it out too. A name alone links only when the client gave nothing else (a client who
 * gave an email or phone the contact lacks may be another person of the same name).
 */
export function verdict(step: MatchedBy, keys: MatchKeys, contact: MatchableContact): 'link' | 'conflict' | 'out' {
  const e = evidenceFor(keys, contact);
  if (e.email === 'differs') return (e.phone === 'fits' || e.phone === 'same_line') && e.name === 'same' ? 'conflict' : 'out';
  if (e.name === 'differs') return 'out';
  if (step === 'email') return e.email === 'fits' ? 'link' : 'out';
  if (step === 'phone') return e.phone === 'fits' || (e.phone === 'same_line' && e.name === 'same') ? 'link' : 'out';
  return e.name === 'same' && keys.email === null && keys.phone === null ? 'link' : 'out';
}

/** Positive evidence: the values the client gave that the contact holds too. */
function support(keys: MatchKeys, contact: MatchableContact): MatchedBy[] {
  const e = evidenceFor(keys, contact);
  return MATCH_ORDER.filter((key) => (key === 'name' ? e.name === 'same' : e[key] === 'fits'));
}

/** Each contact once (an API may list one twice). */
function unique<C extends { id?: string }>(list: readonly C[]): C[] {
  const seen = new Set<string>();
  return list.filter((contact) => {
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
 * What one step decides from the contacts it links: nothing (none: the next step runs), the
 * one contact, or, when several are linked, the one with more positive evidence than every
 * other (the client's phone or name is its own). Ruling the others out is never enough: two
 * or more equally supported are ambiguous, whatever the others' values.
 */
function decideStep<C extends MatchableContact & { id?: string }>(
  step: MatchedBy,
  keys: MatchKeys,
  returned: readonly C[],
): StepDecision<C> {
  const fitting = unique(returned).filter((contact) => fitsRule(step, keys, contact));
  const linked = fitting.filter((contact) => verdict(step, keys, contact) === 'link');
  if (linked.length === 0) return null;
  if (linked.length === 1 && fitting.length === 1) return { contact: linked[0]!, narrowed_by: [] };
  const score = (contact: C) => support(keys, contact).length;
  const best = Math.max(...linked.map(score));
  const top = linked.filter((contact) => score(contact) === best);
  if (top.length > 1) return { candidates: top };
  const winner = top[0]!;
  // A contact this step found but did not link (a same line without the same name), which
  // nothing rules out and which holds as much of what the client gave (the client's own email)
  // is as likely the client: the link would rest on elimination, so the step stops.
  const rivals = fitting.filter((contact) => {
    if (contact === winner || linked.includes(contact)) return false;
    const e = evidenceFor(keys, contact);
    return e.email !== 'differs' && e.name !== 'differs' && score(contact) >= score(winner);
  });
  if (rivals.length > 0) return { candidates: [winner, ...rivals] };
  // A point several contacts hold (a family's email, a landline, a switchboard) is no evidence
  // for one of them: the one linked by it needs more (its phone or name is the client's), not
  // merely the others ruled out.
  const holders = fitting.filter((contact) => support(keys, contact).includes(step));
  if (holders.length > 1 && holders.includes(winner) && score(winner) < 2) return { candidates: holders };
  const mine = evidenceFor(keys, winner);
  const narrowed_by = MATCH_ORDER.filter(
    (key) => key !== step && keys[key] !== null && fitting.some((other) => other !== winner && evidenceFor(keys, other)[key] !== mine[key]),
  );
  return { contact: winner, narrowed_by };
}

function outcome<C>(
  base: { checked: MatchedBy[]; unreadable: MatchedBy[]; given: MatchedBy[] },
  step: MatchedBy | null,
  decision: StepDecision<C>,
  conflicts: C[] = [],
): ContactMatch<C> {
  const none = { contact: null, matched_by: null, narrowed_by: [], ambiguous: false, ambiguous_by: null, candidates: [], differing: [] };
  if (step && decision && 'contact' in decision)
    return { ...base, ...none, contact: decision.contact, matched_by: step, narrowed_by: decision.narrowed_by };
  if (step && decision && 'candidates' in decision)
    return { ...base, ...none, ambiguous: true, ambiguous_by: step, candidates: decision.candidates };
  if (conflicts.length > 0)
    return { ...base, ...none, ambiguous: true, ambiguous_by: 'phone', candidates: conflicts, differing: ['email'] };
  return { ...base, ...none };
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
 * the phone step, or to tell apart several contacts sharing the email). The name is looked up
 * only for a client who gave nothing else readable. One definition for every caller.
 */
function* matching<C extends MatchableContact & { id?: string }>(client: ClientIdentity): Generator<Need, ContactMatch<C>, unknown> {
  let keys = matchKeys(client, null);
  let phoneRead = !phoneNeedsCountry(client.phone);
  const checked: MatchedBy[] = [];
  const unreadable: MatchedBy[] = [];
  const conflicts: C[] = [];
  function* readThePhone(): Generator<Need, void, unknown> {
    if (!phoneRead) {
      keys = { ...keys, phone: readPhone(client.phone, (yield { need: 'country' }) as string | null) };
      phoneRead = true;
    }
    if (keys.phone === null && isGiven(client.phone) && !unreadable.includes('phone')) unreadable.push('phone');
  }
  const base = () => ({ checked, unreadable, given: givenKeys(keys) });
  for (const step of MATCH_ORDER) {
    if (step !== 'email') yield* readThePhone();
    if (keys[step] === null) continue;
    if (step === 'name' && (keys.email !== null || keys.phone !== null)) continue;
    checked.push(step);
    const value = step === 'email' ? keys.email! : step === 'phone' ? keys.phone!.e164 : displayName(client);
    const returned = (yield { need: 'list', step, value }) as readonly C[];
    if (step === 'email' && unique(returned).filter((contact) => fitsRule(step, keys, contact)).length > 1) yield* readThePhone();
    const decision = decideStep(step, keys, returned);
    if (decision) return outcome(base(), step, decision);
    for (const contact of unique(returned)) {
      if (
        fitsRule(step, keys, contact) &&
        verdict(step, keys, contact) === 'conflict' &&
        !conflicts.some((known) => known.id === contact.id)
      )
        conflicts.push(contact);
    }
  }
  return outcome<C>(base(), null, null, conflicts);
}

/** How the caller fetches each step's candidates; each is called only if the step runs. */
export interface ContactLookups<C> {
  /** `name` ("first last" as written, or null): for narrowing a crowded address the caller cannot list whole. */
  byEmail(email: string, name: string | null): Promise<readonly C[]>;
  /** `e164` without any extension (every line of the number; the matcher compares extensions itself); `name` as for byEmail. */
  byPhone(e164: string, name: string | null): Promise<readonly C[]>;
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
  const lookup = { email: lookups.byEmail, phone: lookups.byPhone };
  const steps = matching<C>(client);
  let next = steps.next();
  while (!next.done) {
    const need = next.value;
    if (need.need === 'country') next = steps.next(await lookups.defaultCountry());
    else if (need.step === 'name') next = steps.next(await lookups.byName(need.value));
    else next = steps.next(await lookup[need.step].call(lookups, need.value, displayName(client) || null));
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
