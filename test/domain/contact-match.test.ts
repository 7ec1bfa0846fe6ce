import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import {
  findContactMatch,
  foldName,
  normalizeEmail,
  normalizePhone,
  readPhone,
  tellsApart,
  type ClientIdentity,
  type ContactLookups,
  type ContactMatch,
  type MatchableContact,
  type MatchedBy,
} from '../../src/domain/contact-match.js';

interface TestContact {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
}

let nextId = 0;
function contact(fields: Partial<TestContact>): TestContact {
  return { id: `con_${++nextId}`, first_name: '', last_name: '', email: null, phone: null, ...fields };
}

const none = { byEmail: [], byPhone: [], byName: [] };


/** findContactMatch with every step's candidates already at hand. */
function matchContact<C extends MatchableContact & { id?: string }>(
  client: ClientIdentity,
  lists: { byEmail: readonly C[]; byPhone: readonly C[]; byName: readonly C[] },
  defaultCountry: string | null,
): Promise<ContactMatch<C>> {
  return findContactMatch(client, {
    byEmail: async () => lists.byEmail,
    byPhone: async () => lists.byPhone,
    byName: async () => lists.byName,
    defaultCountry: async () => defaultCountry,
  });
}

describe('normalising what a client typed', () => {
  it('compares emails without case or surrounding spaces', async () => {
    expect(normalizeEmail('  Emma.Stone@Example.COM ')).toBe('emma.stone@example.com');
    expect(normalizeEmail('   ')).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
  });

  it('reads national and international phone formats as the same E.164 number', async () => {
    expect(normalizePhone('07700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('+44 7700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('+44 (0)7700-900-123', 'US')).toBe('+447700900123');
    expect(normalizePhone('0044 7700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('(415) 555-0134', 'US')).toBe('+14155550134');
  });

  it('refuses what cannot be a phone number, and national numbers without a country', async () => {
    expect(normalizePhone('call me', 'GB')).toBeNull();
    expect(normalizePhone('123', 'GB')).toBeNull();
    expect(normalizePhone('07700 900123', null)).toBeNull();
    expect(normalizePhone('', 'GB')).toBeNull();
  });

  it('folds case, accents and whitespace in names', async () => {
    expect(foldName('  Zoë   ÅSTRÖM ')).toBe('zoe astrom');
    expect(foldName('Zoe Astrom')).toBe('zoe astrom');
    expect(foldName('José\tMaría')).toBe('jose maria');
  });
});

describe('matching a gallery client to a contact', () => {
  it('matches an email regardless of case and spaces', async () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Stone', email: 'emma.stone@example.com' });
    const result = await matchContact({ email: ' EMMA.Stone@example.com ' }, { ...none, byEmail: [emma] }, 'GB');
    expect(result).toMatchObject({ contact: emma, matched_by: 'email', ambiguous: false });
  });

  it('matches "07700 900123" to a contact stored as +447700900123 in a GB studio', async () => {
    const liam = contact({ first_name: 'Liam', phone: '+447700900123' });
    const result = await matchContact({ phone: '07700 900123' }, { ...none, byPhone: [liam] }, 'GB');
    expect(result).toMatchObject({ contact: liam, matched_by: 'phone' });
  });

  it('matches "Zoe" to "Zoë" by name', async () => {
    const zoe = contact({ first_name: 'Zoë', last_name: 'Martin' });
    const result = await matchContact({ first_name: 'zoe', last_name: ' MARTIN ' }, { ...none, byName: [zoe] }, 'GB');
    expect(result).toMatchObject({ contact: zoe, matched_by: 'name' });
  });

  it('never chooses between two contacts with the same name: not found, both listed', async () => {
    const first = contact({ first_name: 'Emma', last_name: 'Stone', email: 'emma@one.example' });
    const second = contact({ first_name: 'emma', last_name: 'STONE', email: 'emma@two.example' });
    const result = await matchContact({ first_name: 'Emma', last_name: 'Stone' }, { ...none, byName: [first, second] }, 'GB');
    expect(result).toEqual({
      contact: null,
      matched_by: null,
      narrowed_by: [],
      ambiguous: true,
      ambiguous_by: 'name',
      candidates: [first, second],
      checked: ['name'],
      unreadable: [],
      given: ['name'],
    });
  });

  it('lets the email win over a name that belongs to someone else', async () => {
    const byEmail = contact({ first_name: 'Emma', last_name: 'Hart', email: 'emma@example.com' });
    const byName = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = await matchContact({ email: 'emma@example.com', first_name: 'Emma', last_name: 'Stone' }, { ...none, byEmail: [byEmail], byName: [byName] }, 'GB');
    expect(result).toMatchObject({ contact: byEmail, matched_by: 'email' });
  });

  it('lets the phone win over the name, even when the name alone is ambiguous', async () => {
    const byPhone = contact({ first_name: 'Emma', last_name: 'Stone', phone: '+447700900123' });
    const twin = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = await matchContact(
      { email: 'new@example.com', phone: '07700 900123', first_name: 'Emma', last_name: 'Stone' },
      { byEmail: [], byPhone: [byPhone], byName: [byPhone, twin] },
      'GB',
    );
    expect(result).toMatchObject({ contact: byPhone, matched_by: 'phone', checked: ['email', 'phone'] });
  });

  // Was ambiguous before: a family's shared email is now narrowed by the name given.
  it('narrows a shared email (a family) by the name given, instead of calling it ambiguous', async () => {
    const a = contact({ first_name: 'Ann', email: 'family@example.com' });
    const b = contact({ first_name: 'Bob', email: 'Family@Example.com' });
    const result = await matchContact({ email: 'family@example.com', first_name: 'Ann' }, { ...none, byEmail: [a, b], byName: [a] }, 'GB');
    expect(result).toMatchObject({ contact: a, matched_by: 'email', narrowed_by: ['name'], ambiguous: false, checked: ['email'] });
  });

  it('stops at a shared email nothing given tells apart, instead of falling through to the name', async () => {
    const a = contact({ first_name: 'Ann', email: 'family@example.com' });
    const b = contact({ first_name: 'Ann', email: 'Family@Example.com' });
    const c = contact({ first_name: 'Ann', last_name: '', email: null });
    const result = await matchContact({ email: 'family@example.com', first_name: 'Ann' }, { ...none, byEmail: [a, b], byName: [c] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: true, ambiguous_by: 'email', candidates: [a, b], checked: ['email'] });
  });

  it('drops candidates the API returned that do not fit the rule', async () => {
    const wrong = contact({ first_name: 'Emma', last_name: 'Stoner', email: 'emma.stoner@example.com' });
    const right = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = await matchContact({ email: 'emma.stone@example.com', first_name: 'Emma', last_name: 'Stone' }, { byEmail: [wrong], byPhone: [], byName: [wrong, right] }, 'GB');
    expect(result).toMatchObject({ contact: right, matched_by: 'name' });
  });

  it('counts the same contact listed twice once', async () => {
    const emma = contact({ first_name: 'Emma', email: 'emma@example.com' });
    expect(await matchContact({ email: 'emma@example.com' }, { ...none, byEmail: [emma, { ...emma }] }, 'GB')).toMatchObject({ contact: emma, matched_by: 'email' });
  });

  it('reports a phone it could not read, and matches on without it', async () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = await matchContact({ phone: 'ask at reception', first_name: 'Emma', last_name: 'Stone' }, { ...none, byName: [emma] }, 'GB');
    expect(result).toMatchObject({ contact: emma, matched_by: 'name', checked: ['name'], unreadable: ['phone'] });
  });

  it('finds nothing for a client with nothing to look up by', async () => {
    expect(await matchContact({}, none, 'GB')).toMatchObject({ contact: null, matched_by: null, ambiguous: false, checked: [] });
  });
});

describe('reading phone numbers with the studio’s country', () => {
  it('does not read a US number typed without +1 in a GB studio as a GB number', async () => {
    expect(normalizePhone('(415) 555-0132', 'GB')).toBeNull();
    // Valid in GB once a leading 0 is assumed (London 020 7946 0018), but GB numbers are written with it.
    expect(normalizePhone('(207) 946-0018', 'GB')).toBeNull();
    expect(normalizePhone('7700 900123', 'GB')).toBeNull();
    expect(normalizePhone('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(normalizePhone('+1 (415) 555-0132', 'GB')).toBe('+14155550132');
    expect(normalizePhone('00 1 415 555 0134', 'GB')).toBe('+14155550134');
    expect(normalizePhone('(0)20 7946 0018', 'GB')).toBe('+442079460018');
  });

  it('reads an extension, which E.164 cannot hold', async () => {
    expect(readPhone('020 7946 0018 ext. 12', 'GB')).toEqual({ e164: '+442079460018', ext: '12' });
    expect(readPhone('+44 20 7946 0018 x12')).toEqual({ e164: '+442079460018', ext: '12' });
    expect(readPhone('020 7946 0018', 'GB')).toEqual({ e164: '+442079460018', ext: null });
    expect(normalizePhone('020 7946 0018 ext. 12', 'GB')).toBeNull();
  });

  it('lets no US number typed without its country code through a GB studio (any area code, any format)', async () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const usNumber = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 })).map(([first, rest]) => `${first}${rest.join('')}`);
    const written = fc.tuple(usNumber, fc.constantFrom('(a) b-c', 'a b c', 'a-b-c', 'a.b.c', 'abc')).map(([n, format]) =>
      format.replace('a', n.slice(0, 3)).replace('b', n.slice(3, 6)).replace('c', n.slice(6)),
    );
    fc.assert(fc.property(written, (typed) => expect(readPhone(typed, 'GB')).toBeNull()), { numRuns: 500 });
  });
});

describe('evidence against a match', () => {
  it('never matches by name a new client whose email differs (a second John Smith is a new contact)', async () => {
    const existing = contact({ first_name: 'John', last_name: 'Smith', email: 'john.smith@old.example' });
    const result = await matchContact({ email: 'john.smith@new.example', first_name: 'John', last_name: 'Smith' }, { ...none, byName: [existing] }, 'GB');
    expect(result).toMatchObject({ contact: null, matched_by: null, ambiguous: false, checked: ['email', 'name'] });
  });

  it('never matches by phone a contact whose email differs (a colleague calling from the office number)', async () => {
    const reception = contact({ first_name: 'Front', last_name: 'Desk', email: 'hello@office.example', phone: '+442079460018' });
    const result = await matchContact({ email: 'sam@office.example', phone: '020 7946 0018' }, { ...none, byPhone: [reception] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: false, checked: ['email', 'phone'] });
  });

  it('matches a number with an extension only to the same extension', async () => {
    const reception = contact({ first_name: 'Front', last_name: 'Desk', phone: '+442079460018' });
    const sam = contact({ first_name: 'Sam', last_name: 'Lee', phone: '+442079460018;ext=12' });
    expect(await matchContact({ phone: '020 7946 0018 ext. 12' }, { ...none, byPhone: [reception] }, 'GB')).toMatchObject({ contact: null, checked: ['phone'] });
    expect(await matchContact({ phone: '020 7946 0018 ext. 12' }, { ...none, byPhone: [reception, sam] }, 'GB')).toMatchObject({ contact: sam, matched_by: 'phone' });
    expect(await matchContact({ phone: '020 7946 0018' }, { ...none, byPhone: [reception, sam] }, 'GB')).toMatchObject({ contact: reception, matched_by: 'phone' });
  });

  it('never matches by name a contact whose phone differs, another extension included', async () => {
    const john = contact({ first_name: 'John', last_name: 'Smith', phone: '+442079460018' });
    for (const phone of ['07700 900456', '020 7946 0018 ext. 12']) {
      expect(await matchContact({ phone, first_name: 'John', last_name: 'Smith' }, { ...none, byName: [john] }, 'GB')).toMatchObject({ contact: null, ambiguous: false });
    }
  });

  it('takes a value the contact does not have as no evidence either way', async () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: null });
    const result = await matchContact({ email: 'emma.harper@example.com', phone: '07700 900123', first_name: 'Emma', last_name: 'Harper' }, { ...none, byName: [emma] }, 'GB');
    expect(result).toMatchObject({ contact: emma, matched_by: 'name' });
  });

  it('takes a phone it could not read as no evidence: a US number in a GB studio vetoes nothing', async () => {
    const john = contact({ first_name: 'John', last_name: 'Smith', phone: '+442079460018' });
    const result = await matchContact({ phone: '(207) 946-0018', first_name: 'John', last_name: 'Smith' }, { ...none, byPhone: [john], byName: [john] }, 'GB');
    expect(result).toMatchObject({ contact: john, matched_by: 'name', checked: ['name'], unreadable: ['phone'] });
  });

  it('leaves the one name fit the vetoes did not rule out, and lists only the ones they did not', async () => {
    const stranger = contact({ first_name: 'Emma', last_name: 'Harper', email: 'emma@one.example' });
    const a = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: null });
    const b = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: '+447700900999' });
    const client = { email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper' };
    expect(await matchContact(client, { ...none, byName: [stranger, a] }, 'GB')).toMatchObject({ contact: a, matched_by: 'name' });
    expect(await matchContact(client, { ...none, byName: [stranger, a, b] }, 'GB')).toMatchObject({ ambiguous: true, ambiguous_by: 'name', candidates: [a, b] });
  });
});

describe('narrowing several contacts that fit one step', () => {
  const family = (...members: Array<Partial<TestContact>>) => members.map((m) => contact({ last_name: 'Shah', email: 'shah.family@example.com', ...m }));

  it('narrows a shared email by the phone given', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: '+447700900108' });
    const result = await matchContact({ email: 'shah.family@example.com', phone: '07700 900108' }, { ...none, byEmail: [priya!, dev!] }, 'GB');
    expect(result).toMatchObject({ contact: dev, matched_by: 'email', narrowed_by: ['phone'] });
  });

  it('prefers the member with the client’s phone over one with no phone on record', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: null });
    expect(await matchContact({ email: 'shah.family@example.com', phone: '07700 900107' }, { ...none, byEmail: [priya!, dev!] }, 'GB')).toMatchObject({ contact: priya });
  });

  it('rules out the member whose phone differs', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: null });
    expect(await matchContact({ email: 'shah.family@example.com', phone: '07700 900321' }, { ...none, byEmail: [priya!, dev!] }, 'GB')).toMatchObject({
      contact: dev,
      narrowed_by: ['phone'],
    });
  });

  it('is ambiguous when the phone points at one member and the name at another', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: '+447700900108' });
    const result = await matchContact({ email: 'shah.family@example.com', phone: '07700 900108', first_name: 'Priya', last_name: 'Shah' }, { ...none, byEmail: [priya!, dev!] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: true, ambiguous_by: 'email', candidates: [priya, dev], given: ['email', 'phone', 'name'] });
  });

  it('is ambiguous, listing the members left, when what was given leaves several', async () => {
    const [a, b, c] = family({ first_name: 'Sam', phone: '+447700900107' }, { first_name: 'Sam', phone: '+447700900107' }, { first_name: 'Dev', phone: '+447700900108' });
    const result = await matchContact({ email: 'shah.family@example.com', phone: '07700 900107' }, { ...none, byEmail: [a!, b!, c!] }, 'GB');
    expect(result).toMatchObject({ ambiguous: true, ambiguous_by: 'email', candidates: [a, b] });
  });

  it('narrows a shared phone (a family landline) by the name given', async () => {
    const ann = contact({ first_name: 'Ann', last_name: 'Bell', phone: '+447700900123' });
    const bob = contact({ first_name: 'Bob', last_name: 'Bell', phone: '+447700900123' });
    const result = await matchContact({ phone: '07700 900123', first_name: 'bob', last_name: 'bell' }, { ...none, byPhone: [ann, bob] }, 'GB');
    expect(result).toMatchObject({ contact: bob, matched_by: 'phone', narrowed_by: ['name'] });
  });
});

describe('telling candidates apart', () => {
  it('says a field tells contacts apart only when each has a different value of it (one may have none)', async () => {
    const a = contact({ first_name: 'Emma', last_name: 'Harper', email: 'emma@one.example', phone: '+447700900123' });
    const b = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: '+447700900123' });
    const c = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: null });
    expect((['email', 'phone', 'name'] as const).filter((key) => tellsApart(key, [a, b]))).toEqual(['email']);
    expect((['email', 'phone', 'name'] as const).filter((key) => tellsApart(key, [a, b, c]))).toEqual([]);
    expect((['email', 'phone', 'name'] as const).filter((key) => tellsApart(key, [a, c]))).toEqual(['email', 'phone']);
  });
});

describe('matching lazily', () => {
  function lookups(lists: { byEmail?: TestContact[]; byPhone?: TestContact[]; byName?: TestContact[] }, country: string | null = 'GB') {
    return {
      byEmail: jest.fn(async (_email: string) => lists.byEmail ?? []),
      byPhone: jest.fn(async (_phone: string) => lists.byPhone ?? []),
      byName: jest.fn(async (_name: string) => lists.byName ?? []),
      defaultCountry: jest.fn(async () => country),
    } satisfies ContactLookups<TestContact>;
  }

  it('looks nothing else up once the email matches', async () => {
    const emma = contact({ email: 'emma@example.com' });
    const calls = lookups({ byEmail: [emma] });
    const result = await findContactMatch({ email: 'Emma@example.com', phone: '07700 900123', first_name: 'Emma' }, calls);
    expect(result.contact).toBe(emma);
    expect(calls.byEmail).toHaveBeenCalledWith('emma@example.com');
    expect(calls.byPhone).not.toHaveBeenCalled();
    expect(calls.byName).not.toHaveBeenCalled();
    expect(calls.defaultCountry).not.toHaveBeenCalled();
  });

  it('asks for the studio country only for a phone written without a country code', async () => {
    const liam = contact({ phone: '+447700900123' });
    const international = lookups({ byPhone: [liam] });
    await findContactMatch({ phone: '+44 7700 900123' }, international);
    expect(international.defaultCountry).not.toHaveBeenCalled();
    expect(international.byPhone).toHaveBeenCalledWith('+447700900123');

    const national = lookups({ byPhone: [liam] });
    expect((await findContactMatch({ phone: '07700 900123' }, national)).contact).toBe(liam);
    expect(national.defaultCountry).toHaveBeenCalledTimes(1);
  });

  it('asks for the studio country to narrow a shared email by a national phone, and looks nothing else up', async () => {
    const priya = contact({ first_name: 'Priya', email: 'family@example.com', phone: '+447700900107' });
    const dev = contact({ first_name: 'Dev', email: 'family@example.com', phone: '+447700900108' });
    const calls = lookups({ byEmail: [priya, dev] });
    const result = await findContactMatch({ email: 'family@example.com', phone: '07700 900108' }, calls);
    expect(result).toMatchObject({ contact: dev, matched_by: 'email', narrowed_by: ['phone'] });
    expect(calls.defaultCountry).toHaveBeenCalledTimes(1);
    expect(calls.byPhone).not.toHaveBeenCalled();
    expect(calls.byName).not.toHaveBeenCalled();
  });

  it('looks a phone with an extension up by its number, and keeps only the same extension', async () => {
    const reception = contact({ first_name: 'Front', last_name: 'Desk', phone: '+442079460018' });
    const calls = lookups({ byPhone: [reception] });
    const result = await findContactMatch({ phone: '020 7946 0018 ext. 12', first_name: 'Sam', last_name: 'Lee' }, calls);
    expect(calls.byPhone).toHaveBeenCalledWith('+442079460018');
    expect(result).toMatchObject({ contact: null, checked: ['phone', 'name'] });
  });

  it('looks the name up as written, and only after email and phone found nobody', async () => {
    const zoe = contact({ first_name: 'Zoë', last_name: 'Martin' });
    const calls = lookups({ byName: [zoe] });
    const result = await findContactMatch({ email: 'zoe@new.example', phone: '+447700900999', first_name: ' Zoe ', last_name: 'Martin' }, calls);
    expect(result).toMatchObject({ contact: zoe, matched_by: 'name', checked: ['email', 'phone', 'name'] });
    expect(calls.byName).toHaveBeenCalledWith('Zoe Martin');
  });
});

// Property tests: small pools of look-alike values make collisions (and ambiguity) common.
// Phones as stored are E.164; ";ext=" marks an extension (the matcher is not limited to what
// the Studio API can store). Client phones include an office number with extensions and a
// US number typed without +1, which a GB studio cannot read.
const emailPool = ['emma@example.com', ' EMMA@example.com', 'liam@example.com', 'Zoe@Example.com ', 'family@example.com'];
const contactPhonePool = ['+447700900123', '+447700900456', '+14155550134', '+442079460018', '+442079460018;ext=12'];
const clientPhonePool = ['07700 900123', '+44 7700 900456', '+1 415 555 0134', '07700900456', 'no phone', '12', '020 7946 0018', '020 7946 0018 ext. 12', '+44 20 7946 0018 x13', '(415) 555-0134'];
const firstPool = ['Zoë', 'Zoe', ' ZOE', 'Emma', 'emma  ', 'Liam'];
const lastPool = ['Martin', 'MARTIN ', 'Stone', ''];

const arbContact = fc.record({
  first_name: fc.constantFrom(...firstPool),
  last_name: fc.constantFrom(...lastPool),
  email: fc.option(fc.constantFrom(...emailPool), { nil: null }),
  phone: fc.option(fc.constantFrom(...contactPhonePool), { nil: null }),
});
const arbContacts = fc.array(arbContact, { maxLength: 8 }).map((list) => list.map((c, i) => ({ id: `con_${i}`, ...c })));
const arbClient: fc.Arbitrary<ClientIdentity> = fc.record(
  {
    email: fc.constantFrom(...emailPool),
    phone: fc.constantFrom(...clientPhonePool),
    first_name: fc.constantFrom(...firstPool),
    last_name: fc.constantFrom(...lastPool),
  },
  { requiredKeys: [] },
);
/** Each step's list: any subset of the contacts, as a loose or buggy filter might return. */
const arbScenario = arbContacts.chain((contacts) =>
  fc.record({
    contacts: fc.constant(contacts),
    client: arbClient,
    byEmail: fc.subarray(contacts),
    byPhone: fc.subarray(contacts),
    byName: fc.subarray(contacts),
  }),
);

// An independent statement of the rules, to check the matcher against.
const STEPS = ['email', 'phone', 'name'] as const;
type Evidence = 'fits' | 'differs' | 'unknown';
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
/** The client's phone as the contacts' pool writes it ("+442079460018;ext=12"); null when a GB studio cannot read it. */
function clientPhone(client: ClientIdentity): string | null {
  const read = readPhone(client.phone, 'GB');
  return read && (read.ext ? `${read.e164};ext=${read.ext}` : read.e164);
}
/** What `c` says about each value the client gave (a step the client gave nothing readable for is absent). */
function evidence(client: ClientIdentity, c: TestContact): Partial<Record<MatchedBy, Evidence>> {
  const out: Partial<Record<MatchedBy, Evidence>> = {};
  const compare = (mine: string, theirs: string) => (theirs === '' ? 'unknown' : theirs === mine ? 'fits' : 'differs');
  if (client.email != null) out.email = compare(client.email.trim().toLowerCase(), (c.email ?? '').trim().toLowerCase());
  const phone = clientPhone(client);
  if (phone !== null) out.phone = compare(phone, c.phone ?? '');
  const name = fold(`${client.first_name ?? ''} ${client.last_name ?? ''}`);
  if (name !== '') out.name = compare(name, fold(`${c.first_name} ${c.last_name}`));
  return out;
}
const oracle: Record<MatchedBy, (client: ClientIdentity, c: TestContact) => boolean> = {
  email: (client, c) => evidence(client, c).email === 'fits',
  phone: (client, c) => evidence(client, c).phone === 'fits',
  name: (client, c) => evidence(client, c).name === 'fits',
};
/** Fits `step`, and no email (for a phone or name match) or phone (for a name match) says otherwise. */
function eligible(client: ClientIdentity, step: MatchedBy, c: TestContact): boolean {
  const e = evidence(client, c);
  if (e[step] !== 'fits') return false;
  if (step !== 'email' && e.email === 'differs') return false;
  return !(step === 'name' && e.phone === 'differs');
}
/** The steps the client gave a readable value for. */
const givenSteps = (client: ClientIdentity) => STEPS.filter((k) => evidence(client, { id: '', first_name: '', last_name: '', email: null, phone: null })[k] !== undefined);
const later = (client: ClientIdentity, step: MatchedBy) => givenSteps(client).filter((k) => STEPS.indexOf(k) > STEPS.indexOf(step));
const uniqueById = (list: TestContact[]) => list.filter((c, i) => list.findIndex((d) => d.id === c.id) === i);

/**
 * The rule written out plainly: the first step with an eligible contact decides. One decides
 * it; several are told apart by what the client gave after that step: any whose later value
 * differs is out, and of the rest those fitting the most later values stay; one left wins.
 */
function plainRule(client: ClientIdentity, lists: Record<MatchedBy, TestContact[]>) {
  for (const step of givenSteps(client)) {
    const fitting = uniqueById(lists[step].filter((c) => eligible(client, step, c)));
    if (fitting.length === 0) continue;
    const rest = later(client, step);
    const alive = fitting.filter((c) => rest.every((k) => evidence(client, c)[k] !== 'differs'));
    const score = (c: TestContact) => rest.filter((k) => evidence(client, c)[k] === 'fits').length;
    const top = alive.filter((c) => score(c) === Math.max(...alive.map(score)));
    if (fitting.length === 1) return { step, ids: [fitting[0]!.id], chosen: true };
    if (top.length === 1) return { step, ids: [top[0]!.id], chosen: true };
    return { step, ids: (top.length > 0 ? top : fitting).map((c) => c.id).sort(), chosen: false };
  }
  return null;
}

describe('matcher properties', () => {
  it('never returns a contact that does not satisfy the rule it reports', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        if (result.contact) expect(oracle[result.matched_by!](client, result.contact)).toBe(true);
        for (const candidate of result.candidates) expect(oracle[result.ambiguous_by!](client, candidate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never returns by phone or name a contact whose email differs from the client’s', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        for (const c of [result.contact, ...result.candidates]) {
          if (c && (result.matched_by ?? result.ambiguous_by) !== 'email') expect(evidence(client, c).email).not.toBe('differs');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never returns by name a contact whose phone (or extension) differs from the client’s', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        for (const c of [result.contact, ...result.candidates]) {
          if (c && (result.matched_by ?? result.ambiguous_by) === 'name') expect(evidence(client, c).phone).not.toBe('differs');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('matches a phone with an extension only to the same extension, and one without only to none', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        if (result.matched_by === 'phone') expect(result.contact!.phone).toBe(clientPhone(client));
      }),
      { numRuns: 500 },
    );
  });

  it('never returns a contact when another fits as well: every other fit is ruled out or fits less of what was given', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const lists = { email: byEmail, phone: byPhone, name: byName };
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        if (!result.contact) return;
        const step = result.matched_by!;
        const rest = later(client, step);
        const score = (c: TestContact) => rest.filter((k) => evidence(client, c)[k] === 'fits').length;
        const others = uniqueById(lists[step].filter((c) => c.id !== result.contact!.id && eligible(client, step, c)));
        if (others.length === 0) return;
        expect(rest.some((k) => evidence(client, result.contact!)[k] === 'differs')).toBe(false);
        for (const other of others) {
          const ruledOut = rest.some((k) => evidence(client, other)[k] === 'differs');
          expect(ruledOut || score(other) < score(result.contact!)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the rule written out plainly', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        const plain = plainRule(client, { email: byEmail, phone: byPhone, name: byName });
        if (plain === null) expect({ contact: result.contact, ambiguous: result.ambiguous }).toEqual({ contact: null, ambiguous: false });
        else if (plain.chosen) expect({ by: result.matched_by, id: result.contact?.id }).toEqual({ by: plain.step, id: plain.ids[0] });
        else expect({ ambiguous: result.ambiguous, by: result.ambiguous_by, ids: result.candidates.map((c) => c.id).sort() }).toEqual({ ambiguous: true, by: plain.step, ids: plain.ids });
      }),
      { numRuns: 1000 },
    );
  });

  it('narrows a family sharing an email to the one member with the client’s phone, whatever the others’ phones', async () => {
    const memberPhones = ['+447700900101', '+447700900102', '+447700900103', '+447700900104', null];
    const arbFamily = fc
      .array(fc.record({ first_name: fc.constantFrom('Ann', 'Bob', 'Cat'), phone: fc.constantFrom(...memberPhones) }), { minLength: 2, maxLength: 5 })
      .map((members) => members.map((m, i) => ({ id: `con_f${i}`, last_name: 'Bell', email: 'bell.family@example.com', ...m })))
      .chain((family) => fc.record({ family: fc.constant(family), pick: fc.integer({ min: 0, max: family.length - 1 }) }));
    await fc.assert(
      fc.asyncProperty(arbFamily, async ({ family, pick }) => {
        const chosen = family[pick]!;
        fc.pre(chosen.phone !== null && family.filter((m) => m.phone === chosen.phone).length === 1);
        const national = `0${chosen.phone!.slice(3, 7)} ${chosen.phone!.slice(7)}`;
        const result = await matchContact({ email: 'Bell.Family@example.com', phone: national }, { byEmail: family, byPhone: [], byName: [] }, 'GB');
        expect(result).toMatchObject({ contact: chosen, matched_by: 'email', narrowed_by: ['phone'] });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer fetching lazily as with every list at hand', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const lazy = await findContactMatch(client, {
          byEmail: async () => byEmail,
          byPhone: async () => byPhone,
          byName: async () => byName,
          defaultCountry: async () => 'GB',
        });
        expect(lazy).toEqual(await matchContact(client, { byEmail, byPhone, byName }, 'GB'));
      }),
      { numRuns: 300 },
    );
  });
});
