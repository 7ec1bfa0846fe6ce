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

  it.each([
    ['O’Brien', "O'Brien", 'obrien'],
    ['Mary‐Jane Smith', 'mary-jane smith', 'mary jane smith'],
    ['Ana‑Lucía', 'Ana Lucia', 'ana lucia'],
    ['STRAUSS', 'Strauß', 'strauss'],
    ['Johann STRAUẞ', 'johann strauss', 'johann strauss'],
    ['IŞIL IŞIK', 'Işıl Işık', 'isil isik'],
    ['İLKAY', 'ilkay', 'ilkay'],
    ['ＹＡＭＡＤＡ', 'Yamada', 'yamada'],
    ['ﾔﾏﾀﾞ', 'ヤマダ', 'ヤマダ'],
    ['ΝΙΚΟΣ', 'Νίκος', 'νικοσ'],
    ['Søren Kierkegaard', 'Soren Kierkegaard', 'soren kierkegaard'],
    ['Łukasz', 'Lukasz', 'lukasz'],
    ['Пётр', 'Петр', 'петр'],
  ])('folds %s and %s alike (%s)', async (a, b, folded) => {
    expect(foldName(a)).toBe(folded);
    expect(foldName(b)).toBe(folded);
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
      differing: [],
    });
  });

  it('lets the email win over a name that belongs to someone else', async () => {
    const byEmail = contact({ first_name: 'Emma', last_name: 'Hart', email: 'emma@example.com' });
    const byName = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = await matchContact(
      { email: 'emma@example.com', first_name: 'Emma', last_name: 'Stone' },
      { ...none, byEmail: [byEmail], byName: [byName] },
      'GB',
    );
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
    const result = await matchContact(
      { first_name: 'Emma', last_name: 'Stone' },
      { byEmail: [wrong], byPhone: [], byName: [wrong, right] },
      'GB',
    );
    expect(result).toMatchObject({ contact: right, matched_by: 'name' });
  });

  it('counts the same contact listed twice once', async () => {
    const emma = contact({ first_name: 'Emma', email: 'emma@example.com' });
    expect(await matchContact({ email: 'emma@example.com' }, { ...none, byEmail: [emma, { ...emma }] }, 'GB')).toMatchObject({
      contact: emma,
      matched_by: 'email',
    });
  });

  it('reports a phone it could not read, and matches on without it', async () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = await matchContact(
      { phone: 'ask at reception', first_name: 'Emma', last_name: 'Stone' },
      { ...none, byName: [emma] },
      'GB',
    );
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
    const usNumber = fc
      .tuple(fc.integer({ min: 2, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 }))
      .map(([first, rest]) => `${first}${rest.join('')}`);
    const written = fc
      .tuple(usNumber, fc.constantFrom('(a) b-c', 'a b c', 'a-b-c', 'a.b.c', 'abc'))
      .map(([n, format]) => format.replace('a', n.slice(0, 3)).replace('b', n.slice(3, 6)).replace('c', n.slice(6)));
    fc.assert(
      fc.property(written, (typed) => expect(readPhone(typed, 'GB')).toBeNull()),
      { numRuns: 500 },
    );
  });
});

describe('evidence against a match', () => {
  it('never matches by name a new client whose email differs (a second John Smith is a new contact)', async () => {
    const existing = contact({ first_name: 'John', last_name: 'Smith', email: 'john.smith@old.example' });
    const result = await matchContact(
      { email: 'john.smith@new.example', first_name: 'John', last_name: 'Smith' },
      { ...none, byName: [existing] },
      'GB',
    );
    expect(result).toMatchObject({ contact: null, matched_by: null, ambiguous: false, checked: ['email'] });
  });

  it('never matches by phone a contact whose email differs (a colleague calling from the office number)', async () => {
    const reception = contact({ first_name: 'Front', last_name: 'Desk', email: 'hello@office.example', phone: '+442079460018' });
    const result = await matchContact({ email: 'sam@office.example', phone: '020 7946 0018' }, { ...none, byPhone: [reception] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: false, checked: ['email', 'phone'] });
  });

  it('matches a number with an extension only to the same extension', async () => {
    const reception = contact({ first_name: 'Front', last_name: 'Desk', phone: '+442079460018' });
    const sam = contact({ first_name: 'Sam', last_name: 'Lee', phone: '+442079460018;ext=12' });
    expect(await matchContact({ phone: '020 7946 0018 ext. 12' }, { ...none, byPhone: [reception] }, 'GB')).toMatchObject({
      contact: null,
      checked: ['phone'],
    });
    expect(await matchContact({ phone: '020 7946 0018 ext. 12' }, { ...none, byPhone: [reception, sam] }, 'GB')).toMatchObject({
      contact: sam,
      matched_by: 'phone',
    });
    expect(await matchContact({ phone: '020 7946 0018' }, { ...none, byPhone: [reception, sam] }, 'GB')).toMatchObject({
      contact: reception,
      matched_by: 'phone',
    });
  });

  it('never matches by name a contact whose phone differs, another extension included', async () => {
    const john = contact({ first_name: 'John', last_name: 'Smith', phone: '+442079460018' });
    for (const phone of ['07700 900456', '020 7946 0018 ext. 12']) {
      expect(await matchContact({ phone, first_name: 'John', last_name: 'Smith' }, { ...none, byName: [john] }, 'GB')).toMatchObject({
        contact: null,
        ambiguous: false,
      });
    }
  });

  it('never links a new client with her own email and phone to a namesake on record by name alone', async () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: null });
    const result = await matchContact(
      { email: 'emma.harper@example.com', phone: '07700 900123', first_name: 'Emma', last_name: 'Harper' },
      { ...none, byName: [emma] },
      'GB',
    );
    expect(result).toMatchObject({ contact: null, ambiguous: false, checked: ['email', 'phone'] });
  });

  it('takes a phone it could not read as no evidence: a US number in a GB studio vetoes nothing', async () => {
    const john = contact({ first_name: 'John', last_name: 'Smith', phone: '+442079460018' });
    const result = await matchContact(
      { phone: '(207) 946-0018', first_name: 'John', last_name: 'Smith' },
      { ...none, byPhone: [john], byName: [john] },
      'GB',
    );
    expect(result).toMatchObject({ contact: john, matched_by: 'name', checked: ['name'], unreadable: ['phone'] });
  });

  it('never links by elimination: a third Emma Harper with an email is not the one without', async () => {
    const stranger = contact({ first_name: 'Emma', last_name: 'Harper', email: 'emma@one.example' });
    const a = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: null });
    const b = contact({ first_name: 'Emma', last_name: 'Harper', email: null, phone: '+447700900999' });
    const client = { email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper' };
    // A third Emma Harper with her own email is none of them: not the one without an email by elimination.
    expect(await matchContact(client, { ...none, byName: [stranger, a] }, 'GB')).toMatchObject({ contact: null, ambiguous: false });
    expect(await matchContact(client, { ...none, byName: [stranger, a, b] }, 'GB')).toMatchObject({ contact: null, ambiguous: false });
  });
});

describe('narrowing several contacts that fit one step', () => {
  const family = (...members: Array<Partial<TestContact>>) =>
    members.map((m) => contact({ last_name: 'Shah', email: 'shah.family@example.com', ...m }));

  it('narrows a shared email by the phone given', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: '+447700900108' });
    const result = await matchContact(
      { email: 'shah.family@example.com', phone: '07700 900108' },
      { ...none, byEmail: [priya!, dev!] },
      'GB',
    );
    expect(result).toMatchObject({ contact: dev, matched_by: 'email', narrowed_by: ['phone'] });
  });

  it('prefers the member with the client’s phone over one with no phone on record', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: null });
    expect(
      await matchContact({ email: 'shah.family@example.com', phone: '07700 900107' }, { ...none, byEmail: [priya!, dev!] }, 'GB'),
    ).toMatchObject({ contact: priya });
  });

  it('never takes the member whose phone did not differ by elimination: an unknown phone leaves them equal', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: null });
    expect(
      await matchContact({ email: 'shah.family@example.com', phone: '07700 900321' }, { ...none, byEmail: [priya!, dev!] }, 'GB'),
    ).toMatchObject({
      contact: null,
      ambiguous: true,
      candidates: [priya, dev],
    });
  });

  it('takes the name over a phone another member holds: Priya ordering from Dev’s phone is Priya', async () => {
    const [priya, dev] = family({ first_name: 'Priya', phone: '+447700900107' }, { first_name: 'Dev', phone: '+447700900108' });
    const result = await matchContact(
      { email: 'shah.family@example.com', phone: '07700 900108', first_name: 'Priya', last_name: 'Shah' },
      { ...none, byEmail: [priya!, dev!] },
      'GB',
    );
    expect(result).toMatchObject({ contact: priya, matched_by: 'email', given: ['email', 'phone', 'name'] });
  });

  it('never links by a shared point a client whose name is another’s: Emily on the landline only Margaret has is new', async () => {
    const margaret = contact({ first_name: 'Margaret', last_name: 'Taylor', email: 'margaret@example.com', phone: '+441632960100' });
    for (const client of [
      { phone: '01632 960100', first_name: 'Emily', last_name: 'Taylor' },
      { email: 'emily@example.com', phone: '01632 960100', first_name: 'Emily', last_name: 'Taylor' },
      { email: 'margaret@example.com', first_name: 'Emily', last_name: 'Taylor' },
    ]) {
      expect(
        await matchContact(
          client,
          { ...none, byEmail: client.email === 'margaret@example.com' ? [margaret] : [], byPhone: [margaret] },
          'GB',
        ),
      ).toMatchObject({ contact: null, ambiguous: false });
    }
  });

  it('stops on a contact whose phone and name fit but whose email is another (a second address, or a namesake relative)', async () => {
    const anna = contact({ first_name: 'Anna', last_name: 'Kowalska', email: 'anna@work.example', phone: '+447700900555' });
    const result = await matchContact(
      { email: 'anna.k@home.example', phone: '07700 900555', first_name: 'Anna', last_name: 'Kowalska' },
      { ...none, byPhone: [anna] },
      'GB',
    );
    expect(result).toMatchObject({ contact: null, ambiguous: true, ambiguous_by: 'phone', candidates: [anna], differing: ['email'] });
  });

  it('is ambiguous, listing the members left, when what was given leaves several', async () => {
    const [a, b, c] = family(
      { first_name: 'Sam', phone: '+447700900107' },
      { first_name: 'Sam', phone: '+447700900107' },
      { first_name: 'Dev', phone: '+447700900108' },
    );
    const result = await matchContact(
      { email: 'shah.family@example.com', phone: '07700 900107' },
      { ...none, byEmail: [a!, b!, c!] },
      'GB',
    );
    expect(result).toMatchObject({ ambiguous: true, ambiguous_by: 'email', candidates: [a, b] });
  });

  it('never takes the one left on a shared landline by elimination: the other’s email ruled out is no evidence for her', async () => {
    const peter = contact({ first_name: 'Peter', last_name: 'Brown', email: 'peter@example.com', phone: '+441632960102' });
    const susan = contact({ first_name: 'Susan', last_name: 'Brown', email: null, phone: '+441632960102' });
    const result = await matchContact({ phone: '01632 960102', email: 'kids@example.com' }, { ...none, byPhone: [peter, susan] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: true, ambiguous_by: 'phone', candidates: [peter, susan] });
    expect(
      await matchContact({ phone: '01632 960102', first_name: 'Susan', last_name: 'Brown' }, { ...none, byPhone: [peter, susan] }, 'GB'),
    ).toMatchObject({ contact: susan });
  });

  it('reads short forms, transliteration and two scripts as the same person, another first name as someone else', async () => {
    const kate = contact({ first_name: 'Katherine', last_name: 'Moore', email: 'kate@example.com' });
    const anna = contact({ first_name: 'Anna', last_name: 'Müller', email: 'family@example.de' });
    const hanako = contact({ first_name: '花子', last_name: '山田', email: 'hanako@example.jp' });
    expect(
      await matchContact({ email: 'kate@example.com', first_name: 'Kate', last_name: 'Moore' }, { ...none, byEmail: [kate] }, 'GB'),
    ).toMatchObject({ contact: kate });
    expect(
      await matchContact({ email: 'family@example.de', first_name: 'Anna', last_name: 'Mueller' }, { ...none, byEmail: [anna] }, 'GB'),
    ).toMatchObject({ contact: anna });
    expect(
      await matchContact({ email: 'hanako@example.jp', first_name: 'Hanako', last_name: 'Yamada' }, { ...none, byEmail: [hanako] }, 'GB'),
    ).toMatchObject({ contact: hanako });
    expect(
      await matchContact({ email: 'kate@example.com', first_name: 'Emily', last_name: 'Moore' }, { ...none, byEmail: [kate] }, 'GB'),
    ).toMatchObject({ contact: null, ambiguous: false });
  });

  it('narrows a shared phone (a family landline) by the name given', async () => {
    const ann = contact({ first_name: 'Ann', last_name: 'Bell', phone: '+447700900123' });
    const bob = contact({ first_name: 'Bob', last_name: 'Bell', phone: '+447700900123' });
    const result = await matchContact(
      { phone: '07700 900123', first_name: 'bob', last_name: 'bell' },
      { ...none, byPhone: [ann, bob] },
      'GB',
    );
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
      byEmail: jest.fn(async (_email: string, _name: string | null) => lists.byEmail ?? []),
      byPhone: jest.fn(async (_phone: string, _name: string | null) => lists.byPhone ?? []),
      byName: jest.fn(async (_name: string) => lists.byName ?? []),
      defaultCountry: jest.fn(async () => country),
    } satisfies ContactLookups<TestContact>;
  }

  it('looks nothing else up once the email matches', async () => {
    const emma = contact({ email: 'emma@example.com' });
    const calls = lookups({ byEmail: [emma] });
    const result = await findContactMatch({ email: 'Emma@example.com', phone: '07700 900123', first_name: 'Emma' }, calls);
    expect(result.contact).toBe(emma);
    expect(calls.byEmail).toHaveBeenCalledWith('emma@example.com', 'Emma');
    expect(calls.byPhone).not.toHaveBeenCalled();
    expect(calls.byName).not.toHaveBeenCalled();
    expect(calls.defaultCountry).not.toHaveBeenCalled();
  });

  it('asks for the studio country only for a phone written without a country code', async () => {
    const liam = contact({ phone: '+447700900123' });
    const international = lookups({ byPhone: [liam] });
    await findContactMatch({ phone: '+44 7700 900123' }, international);
    expect(international.defaultCountry).not.toHaveBeenCalled();
    expect(international.byPhone).toHaveBeenCalledWith('+447700900123', null);

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
    expect(calls.byPhone).toHaveBeenCalledWith('+442079460018', 'Sam Lee');
    expect(result).toMatchObject({ contact: null, checked: ['phone'] });
  });

  it('looks the name up as written, and only for a client who gave no email or phone', async () => {
    const zoe = contact({ first_name: 'Zoë', last_name: 'Martin' });
    const calls = lookups({ byName: [zoe] });
    const result = await findContactMatch({ phone: 'ask at reception', first_name: ' Zoe ', last_name: 'Martin' }, calls);
    expect(result).toMatchObject({ contact: zoe, matched_by: 'name', checked: ['name'] });
    expect(calls.byName).toHaveBeenCalledWith('Zoe Martin');
    const withEmail = lookups({ byName: [zoe] });
    expect(await findContactMatch({ email: 'zoe@new.example', first_name: 'Zoe', last_name: 'Martin' }, withEmail)).toMatchObject({
      contact: null,
      checked: ['email'],
    });
    expect(withEmail.byName).not.toHaveBeenCalled();
  });
});

// Property tests: small pools of look-alike values make collisions (and ambiguity) common.
// Phones as stored are E.164; ";ext=" marks an extension (the matcher is not limited to what
// the Studio API can store). Client phones include an office number with extensions and a
// US number typed without +1, which a GB studio cannot read.
const emailPool = ['emma@example.com', ' EMMA@example.com', 'liam@example.com', 'Zoe@Example.com ', 'family@example.com'];
const contactPhonePool = ['+447700900123', '+447700900456', '+14155550134', '+442079460018', '+442079460018;ext=12'];
const clientPhonePool = [
  '07700 900123',
  '+44 7700 900456',
  '+1 415 555 0134',
  '07700900456',
  'no phone',
  '12',
  '020 7946 0018',
  '020 7946 0018 ext. 12',
  '+44 20 7946 0018 x13',
  '(415) 555-0134',
];
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

// An independent statement of the evidence, to check the matcher against.
type Evidence = 'fits' | 'differs' | 'unknown' | 'same_line';
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
/** The client's phone as the contacts' pool writes it ("+442079460018;ext=12"); null when a GB studio cannot read it. */
function clientPhone(client: ClientIdentity): string | null {
  const read = readPhone(client.phone, 'GB');
  return read && (read.ext ? `${read.e164};ext=${read.ext}` : read.e164);
}
/** The pools' names: the same parts; one's parts among the other's, or the same first name (compatible); another first name. */
function nameEvidence(client: ClientIdentity, c: TestContact): 'same' | 'compatible' | 'differs' | undefined {
  const mine = [...fold(client.first_name ?? ''), ...fold(client.last_name ?? '')];
  const theirs = [...fold(c.first_name), ...fold(c.last_name)];
  if (mine.length === 0) return undefined;
  if ([...mine].sort().join(' ') === [...theirs].sort().join(' ')) return 'same';
  const [fewer, more] = mine.length <= theirs.length ? [mine, theirs] : [theirs, mine];
  if (fewer.every((part) => more.includes(part))) return 'compatible';
  return mine[0] === theirs[0] ? 'compatible' : 'differs';
}
/** What `c` says about each value the client gave (a value the client gave nothing readable for is absent). */
function evidence(client: ClientIdentity, c: TestContact) {
  const compare = (mine: string, theirs: string): Evidence => (theirs === '' ? 'unknown' : theirs === mine ? 'fits' : 'differs');
  const email = client.email != null ? compare(client.email.trim().toLowerCase(), (c.email ?? '').trim().toLowerCase()) : undefined;
  const typed = clientPhone(client);
  let phone: Evidence | undefined;
  if (typed !== null) {
    phone = compare(typed, c.phone ?? '');
    if (phone === 'differs' && typed.split(';')[0] === c.phone!.split(';')[0] && !(typed.includes(';') && c.phone!.includes(';')))
      phone = 'same_line';
  }
  return { email, phone, name: nameEvidence(client, c) };
}
const positives = (client: ClientIdentity, c: TestContact) => {
  const e = evidence(client, c);
  return [e.email === 'fits', e.phone === 'fits', e.name === 'same'].filter(Boolean).length;
};
/** Not ruled out: no other email, no other first name. */
const standing = (client: ClientIdentity, c: TestContact) =>
  evidence(client, c).email !== 'differs' && evidence(client, c).name !== 'differs';
const uniqueById = (list: TestContact[]) => list.filter((c, i) => list.findIndex((d) => d.id === c.id) === i);
const fitsStep = (client: ClientIdentity, step: MatchedBy, c: TestContact) => {
  const e = evidence(client, c);
  return step === 'email' ? e.email === 'fits' : step === 'phone' ? e.phone === 'fits' || e.phone === 'same_line' : e.name === 'same';
};

describe('a same line without the same name, holding the client’s own email', () => {
  it('is as likely the client as the namesake on the line: the step stops with both, never links by elimination', async () => {
    // Found by the "never links by elimination" property (seed 1519488850): Zoë Martin calls from
    // the office's line; one contact on it has her name, another her email and first name.
    const zoeMartin = { id: 'con_0', first_name: ' ZOE', last_name: 'Martin', email: null, phone: '+442079460018;ext=12' };
    const zoeWithHerEmail = { id: 'con_2', first_name: ' ZOE', last_name: '', email: 'liam@example.com', phone: '+442079460018;ext=12' };
    const client = { email: 'liam@example.com', phone: '020 7946 0018', first_name: 'Zoë', last_name: 'Martin' };
    const result = await matchContact(client, { ...none, byPhone: [zoeMartin, zoeWithHerEmail] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: true, ambiguous_by: 'phone' });
    expect(result.candidates.map((c) => c.id).sort()).toEqual(['con_0', 'con_2']);
  });
});

describe('matcher properties', () => {
  const eachScenario = (
    check: (scenario: { client: ClientIdentity; lists: Record<MatchedBy, TestContact[]>; result: ContactMatch<TestContact> }) => void,
    numRuns = 500,
  ) =>
    fc.assert(
      fc.asyncProperty(arbScenario, async ({ client, byEmail, byPhone, byName }) => {
        const result = await matchContact(client, { byEmail, byPhone, byName }, 'GB');
        check({ client, lists: { email: byEmail, phone: byPhone, name: byName }, result });
      }),
      { numRuns },
    );

  it('never returns a contact that does not fit the step it reports', async () => {
    await eachScenario(({ client, result }) => {
      if (result.contact) expect(fitsStep(client, result.matched_by!, result.contact)).toBe(true);
      for (const candidate of result.candidates) expect(fitsStep(client, result.ambiguous_by!, candidate)).toBe(true);
    });
  });

  it('never links a contact whose email or first name is another than the client’s', async () => {
    await eachScenario(({ client, result }) => {
      if (result.contact) expect(standing(client, result.contact)).toBe(true);
    });
  });

  it('links by name only a client who gave no readable email or phone', async () => {
    await eachScenario(({ client, result }) => {
      if (result.matched_by === 'name')
        expect({ email: client.email ?? null, phone: clientPhone(client) }).toEqual({ email: null, phone: null });
    });
  });

  it('matches a phone with an extension only to the same extension, and the line without one only with the same name', async () => {
    await eachScenario(({ client, result }) => {
      if (result.matched_by !== 'phone') return;
      const e = evidence(client, result.contact!);
      expect(e.phone === 'fits' || (e.phone === 'same_line' && e.name === 'same')).toBe(true);
    });
  });

  it('never links by elimination: another contact fitting the same step and not ruled out has less positive evidence', async () => {
    await eachScenario(({ client, lists, result }) => {
      if (!result.contact) return;
      const step = result.matched_by!;
      const others = uniqueById(lists[step]).filter((c) => c.id !== result.contact!.id && fitsStep(client, step, c) && standing(client, c));
      for (const other of others) expect(positives(client, other)).toBeLessThan(positives(client, result.contact));
    }, 1000);
  });

  it('stops rather than finds nothing when a contact fits the step, is not ruled out, and nothing tells it apart', async () => {
    await eachScenario(({ client, lists, result }) => {
      if (result.contact || result.ambiguous) return;
      for (const step of result.checked) {
        const live = uniqueById(lists[step]).filter((c) => fitsStep(client, step, c) && standing(client, c));
        // Whatever still stands after a step that found nobody: a shared line without the name, or a bare name with an email given.
        for (const c of live)
          expect(
            step === 'phone' ? evidence(client, c).phone === 'same_line' && evidence(client, c).name !== 'same' : step !== 'email',
          ).toBe(true);
      }
    });
  });

  it('narrows a family sharing an email to the one member with the client’s phone, whatever the others’ phones', async () => {
    const memberPhones = ['+447700900101', '+447700900102', '+447700900103', '+447700900104', null];
    const arbFamily = fc
      .array(fc.record({ first_name: fc.constantFrom('Ann', 'Bob', 'Cat'), phone: fc.constantFrom(...memberPhones) }), {
        minLength: 2,
        maxLength: 5,
      })
      .map((members) => members.map((m, i) => ({ id: `con_f${i}`, last_name: 'Bell', email: 'bell.family@example.com', ...m })))
      .chain((family) => fc.record({ family: fc.constant(family), pick: fc.integer({ min: 0, max: family.length - 1 }) }));
    await fc.assert(
      fc.asyncProperty(arbFamily, async ({ family, pick }) => {
        const chosen = family[pick]!;
        fc.pre(chosen.phone !== null && family.filter((m) => m.phone === chosen.phone).length === 1);
        const national = `0${chosen.phone!.slice(3, 7)} ${chosen.phone!.slice(7)}`;
        const result = await matchContact(
          { email: 'Bell.Family@example.com', phone: national },
          { byEmail: family, byPhone: [], byName: [] },
          'GB',
        );
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
