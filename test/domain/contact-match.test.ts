import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import {
  findContactMatch,
  foldName,
  matchContact,
  normalizeEmail,
  normalizePhone,
  type ClientIdentity,
  type ContactLookups,
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

describe('normalising what a client typed', () => {
  it('compares emails without case or surrounding spaces', () => {
    expect(normalizeEmail('  Emma.Stone@Example.COM ')).toBe('emma.stone@example.com');
    expect(normalizeEmail('   ')).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
  });

  it('reads national and international phone formats as the same E.164 number', () => {
    expect(normalizePhone('07700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('+44 7700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('+44 (0)7700-900-123', 'US')).toBe('+447700900123');
    expect(normalizePhone('0044 7700 900123', 'GB')).toBe('+447700900123');
    expect(normalizePhone('(415) 555-0134', 'US')).toBe('+14155550134');
  });

  it('refuses what cannot be a phone number, and national numbers without a country', () => {
    expect(normalizePhone('call me', 'GB')).toBeNull();
    expect(normalizePhone('123', 'GB')).toBeNull();
    expect(normalizePhone('07700 900123', null)).toBeNull();
    expect(normalizePhone('', 'GB')).toBeNull();
  });

  it('folds case, accents and whitespace in names', () => {
    expect(foldName('  Zoë   ÅSTRÖM ')).toBe('zoe astrom');
    expect(foldName('Zoe Astrom')).toBe('zoe astrom');
    expect(foldName('José\tMaría')).toBe('jose maria');
  });
});

describe('matching a gallery client to a contact', () => {
  it('matches an email regardless of case and spaces', () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Stone', email: 'emma.stone@example.com' });
    const result = matchContact({ email: ' EMMA.Stone@example.com ' }, { ...none, byEmail: [emma] }, 'GB');
    expect(result).toMatchObject({ contact: emma, matched_by: 'email', ambiguous: false });
  });

  it('matches "07700 900123" to a contact stored as +447700900123 in a GB studio', () => {
    const liam = contact({ first_name: 'Liam', phone: '+447700900123' });
    const result = matchContact({ phone: '07700 900123' }, { ...none, byPhone: [liam] }, 'GB');
    expect(result).toMatchObject({ contact: liam, matched_by: 'phone' });
  });

  it('matches "Zoe" to "Zoë" by name', () => {
    const zoe = contact({ first_name: 'Zoë', last_name: 'Martin' });
    const result = matchContact({ first_name: 'zoe', last_name: ' MARTIN ' }, { ...none, byName: [zoe] }, 'GB');
    expect(result).toMatchObject({ contact: zoe, matched_by: 'name' });
  });

  it('never chooses between two contacts with the same name: not found, both listed', () => {
    const first = contact({ first_name: 'Emma', last_name: 'Stone', email: 'emma@one.example' });
    const second = contact({ first_name: 'emma', last_name: 'STONE', email: 'emma@two.example' });
    const result = matchContact({ first_name: 'Emma', last_name: 'Stone' }, { ...none, byName: [first, second] }, 'GB');
    expect(result).toEqual({
      contact: null,
      matched_by: null,
      ambiguous: true,
      ambiguous_by: 'name',
      candidates: [first, second],
      checked: ['name'],
      unreadable: [],
    });
  });

  it('lets the email win over a name that belongs to someone else', () => {
    const byEmail = contact({ first_name: 'Emma', last_name: 'Hart', email: 'emma@example.com' });
    const byName = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = matchContact({ email: 'emma@example.com', first_name: 'Emma', last_name: 'Stone' }, { ...none, byEmail: [byEmail], byName: [byName] }, 'GB');
    expect(result).toMatchObject({ contact: byEmail, matched_by: 'email' });
  });

  it('lets the phone win over the name, even when the name alone is ambiguous', () => {
    const byPhone = contact({ first_name: 'Emma', last_name: 'Stone', phone: '+447700900123' });
    const twin = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = matchContact(
      { email: 'new@example.com', phone: '07700 900123', first_name: 'Emma', last_name: 'Stone' },
      { byEmail: [], byPhone: [byPhone], byName: [byPhone, twin] },
      'GB',
    );
    expect(result).toMatchObject({ contact: byPhone, matched_by: 'phone', checked: ['email', 'phone'] });
  });

  it('stops at an ambiguous email instead of falling through to the name', () => {
    const a = contact({ first_name: 'Ann', email: 'family@example.com' });
    const b = contact({ first_name: 'Bob', email: 'Family@Example.com' });
    const result = matchContact({ email: 'family@example.com', first_name: 'Ann' }, { ...none, byEmail: [a, b], byName: [a] }, 'GB');
    expect(result).toMatchObject({ contact: null, ambiguous: true, ambiguous_by: 'email', candidates: [a, b] });
  });

  it('drops candidates the API returned that do not fit the rule', () => {
    const wrong = contact({ first_name: 'Emma', last_name: 'Stoner', email: 'emma.stoner@example.com' });
    const right = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = matchContact({ email: 'emma.stone@example.com', first_name: 'Emma', last_name: 'Stone' }, { byEmail: [wrong], byPhone: [], byName: [wrong, right] }, 'GB');
    expect(result).toMatchObject({ contact: right, matched_by: 'name' });
  });

  it('counts the same contact listed twice once', () => {
    const emma = contact({ first_name: 'Emma', email: 'emma@example.com' });
    expect(matchContact({ email: 'emma@example.com' }, { ...none, byEmail: [emma, { ...emma }] }, 'GB')).toMatchObject({ contact: emma, matched_by: 'email' });
  });

  it('reports a phone it could not read, and matches on without it', () => {
    const emma = contact({ first_name: 'Emma', last_name: 'Stone' });
    const result = matchContact({ phone: 'ask at reception', first_name: 'Emma', last_name: 'Stone' }, { ...none, byName: [emma] }, 'GB');
    expect(result).toMatchObject({ contact: emma, matched_by: 'name', checked: ['name'], unreadable: ['phone'] });
  });

  it('finds nothing for a client with nothing to look up by', () => {
    expect(matchContact({}, none, 'GB')).toMatchObject({ contact: null, matched_by: null, ambiguous: false, checked: [] });
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

  it('looks the name up as written, and only after email and phone found nobody', async () => {
    const zoe = contact({ first_name: 'Zoë', last_name: 'Martin' });
    const calls = lookups({ byName: [zoe] });
    const result = await findContactMatch({ email: 'zoe@new.example', phone: '+447700900999', first_name: ' Zoe ', last_name: 'Martin' }, calls);
    expect(result).toMatchObject({ contact: zoe, matched_by: 'name', checked: ['email', 'phone', 'name'] });
    expect(calls.byName).toHaveBeenCalledWith('Zoe Martin');
  });
});

// Property tests: small pools of look-alike values make collisions (and ambiguity) common.
const emailPool = ['emma@example.com', ' EMMA@example.com', 'liam@example.com', 'Zoe@Example.com ', 'family@example.com'];
const contactPhonePool = ['+447700900123', '+447700900456', '+14155550134'];
const clientPhonePool = ['07700 900123', '+44 7700 900456', '+1 415 555 0134', '07700900456', 'no phone', '12'];
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

// An independent statement of each rule, to check the matcher against.
const oracle: Record<MatchedBy, (client: ClientIdentity, c: TestContact) => boolean> = {
  email: (client, c) => client.email !== undefined && c.email !== null && c.email.trim().toLowerCase() === client.email!.trim().toLowerCase(),
  phone: (client, c) => client.phone !== undefined && c.phone !== null && normalizePhone(client.phone, 'GB') === c.phone,
  name: (client, c) => {
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
    const clientName = fold(`${client.first_name ?? ''} ${client.last_name ?? ''}`);
    return clientName !== '' && fold(`${c.first_name} ${c.last_name}`) === clientName;
  },
};

describe('matcher properties', () => {
  it('never returns a contact that does not satisfy the rule it reports', () => {
    fc.assert(
      fc.property(arbScenario, ({ client, byEmail, byPhone, byName }) => {
        const result = matchContact(client, { byEmail, byPhone, byName }, 'GB');
        if (result.contact) expect(oracle[result.matched_by!](client, result.contact)).toBe(true);
        for (const candidate of result.candidates) expect(oracle[result.ambiguous_by!](client, candidate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never returns a contact from a step where two different contacts fit', () => {
    fc.assert(
      fc.property(arbScenario, ({ client, byEmail, byPhone, byName }) => {
        const lists = { email: byEmail, phone: byPhone, name: byName };
        const result = matchContact(client, { byEmail, byPhone, byName }, 'GB');
        if (result.contact) {
          const fitting = lists[result.matched_by!].filter((c) => oracle[result.matched_by!](client, c));
          expect(new Set(fitting.map((c) => c.id)).size).toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the rule written out plainly: first step with a fit decides; one fit matches, more is ambiguous', () => {
    fc.assert(
      fc.property(arbScenario, ({ client, byEmail, byPhone, byName }) => {
        const lists = { email: byEmail, phone: byPhone, name: byName };
        const result = matchContact(client, { byEmail, byPhone, byName }, 'GB');
        for (const step of ['email', 'phone', 'name'] as const) {
          const ids = new Set(lists[step].filter((c) => oracle[step](client, c)).map((c) => c.id));
          if (ids.size === 0) continue;
          if (ids.size === 1) expect({ by: result.matched_by, id: result.contact?.id }).toEqual({ by: step, id: [...ids][0] });
          else expect({ ambiguous: result.ambiguous, by: result.ambiguous_by, ids: result.candidates.map((c) => c.id).sort() }).toEqual({ ambiguous: true, by: step, ids: [...ids].sort() });
          return;
        }
        expect({ contact: result.contact, ambiguous: result.ambiguous }).toEqual({ contact: null, ambiguous: false });
      }),
      { numRuns: 500 },
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
        expect(lazy).toEqual(matchContact(client, { byEmail, byPhone, byName }, 'GB'));
      }),
      { numRuns: 300 },
    );
  });
});
