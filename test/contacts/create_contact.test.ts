// Create Contact, on its own and as the "create" half of Find Contact's find-or-create.
import { describe, expect, it } from '@jest/globals';
import App from '../../index.js';
import createContact from '../../src/contacts/create_contact.js';
import { aContact, authData, failureOf, gbStudio, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';

const create = (inputData: Record<string, unknown>) =>
  runOperation<Record<string, unknown>>(createContact.operation.perform, { authData, inputData });
const requests = recordRequests();

/** Answers POST /v1/contacts with the contact the body describes, recording body and key. */
function expectContactPost(times = 1) {
  const posts: Array<{ body: Record<string, unknown>; key: string }> = [];
  requests
    .api()
    .post('/v1/contacts')
    .times(times)
    // nock 15 hands a reply function the fetch Request (a 2-argument function would be taken for a callback).
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, unknown>;
      posts.push({ body, key: request.headers.get('idempotency-key') ?? '' });
      return [201, aContact({ id: 'con_new1', ...body })];
    });
  return posts;
}

/** Answers the identity lookups (GET /v1/contacts by email or phone) with `found` (nobody by default). */
function expectLookups(times = 1, found: Array<Record<string, unknown>> = []) {
  requests.api().get('/v1/contacts').query(true).times(times).reply(200, { data: found, next_cursor: null });
}

describe('Create Contact', () => {
  it('stores the email lower-cased and a national phone in E.164 read with the studio’s country', async () => {
    requests.api().get('/v1/me').reply(200, gbStudio);
    expectLookups();
    const posts = expectContactPost();

    const contact = await create({
      first_name: '  Zoë ',
      last_name: 'Martin  Smith',
      email: ' Zoe.Martin@Example.com',
      phone: '07700 900123',
    });

    expect(posts[0]!.body).toEqual({
      first_name: 'Zoë',
      last_name: 'Martin Smith',
      email: 'zoe.martin@example.com',
      phone: '+447700900123',
    });
    expect(contact).toMatchObject({ id: 'con_new1', name: 'Zoë Martin Smith', phone: '+447700900123' });
  });

  it('sends the same Idempotency-Key for the same person however they were typed, so a retry is no twin', async () => {
    expectLookups(2);
    const posts = expectContactPost(2);
    await create({ first_name: 'Emma', last_name: 'Harper', email: 'emma.harper@example.com', phone: '+44 7700 900123' });
    await create({ first_name: ' Emma', last_name: 'Harper ', email: 'EMMA.HARPER@example.com ', phone: '+447700900123' });
    expect(posts[0]!.key).toMatch(/^contact:[0-9a-f]{40}$/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(requests.sent.filter((r) => r.startsWith('GET /v1/me'))).toEqual([]);
  });

  it('gives a different person a different key: another email, or another name at the same (family) email', async () => {
    expectLookups(3);
    const posts = expectContactPost(3);
    await create({ first_name: 'Emma', email: 'emma@example.com' });
    await create({ first_name: 'Emma', email: 'emma@elsewhere.example' });
    await create({ first_name: 'James', email: 'emma@example.com' });
    expect(new Set(posts.map((p) => p.key)).size).toBe(3);
  });

  it('keys the person, not the step: the same email and name written otherwise (phone or not) is one key', async () => {
    expectLookups(3);
    const posts = expectContactPost(3);
    await create({ first_name: 'Siobhán', last_name: 'O’Brien', email: 'siobhan@example.ie', phone: '+353 85 123 4567' });
    await create({ first_name: 'SIOBHAN', last_name: "O'BRIEN", email: 'Siobhan@Example.ie' });
    await create({ first_name: 'Siobhan', last_name: 'OBrien', email: 'siobhan@example.ie' });
    expect(new Set(posts.map((p) => p.key)).size).toBe(1);
  });

  it('returns the contact Studio already has for the same email and name, creating nothing (a replay after the key expired)', async () => {
    expectLookups(1, [aContact({ id: 'con_emma', first_name: 'Emma', last_name: 'Harper', email: 'emma.harper@example.com' })]);
    const contact = await create({ first_name: 'emma', last_name: 'HARPER', email: 'emma.harper@example.com' });
    expect(contact).toMatchObject({ id: 'con_emma' });
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('sends no Idempotency-Key for a person given by name only: two Emma Harpers are two people', async () => {
    const posts = expectContactPost(2);
    await create({ first_name: 'Emma', last_name: 'Harper' });
    await create({ first_name: 'Emma', last_name: 'Harper' });
    expect(posts.map((p) => p.key)).toEqual(['', '']);
  });

  it('keys a person with a phone but no email by the phone', async () => {
    expectLookups(2);
    const posts = expectContactPost(2);
    await create({ first_name: 'Emma', last_name: 'Harper', phone: '+44 7700 900123' });
    await create({ first_name: 'Emma', last_name: 'Harper', phone: '+44 7700 900456' });
    expect(posts[0]!.key).toMatch(/^contact:[0-9a-f]{40}$/);
    expect(posts[1]!.key).not.toBe(posts[0]!.key);
  });

  it('keeps a phone’s extension, as ";ext=" after the E.164 number', async () => {
    requests.api().get('/v1/me').reply(200, gbStudio);
    expectLookups();
    const posts = expectContactPost();
    const contact = await create({ first_name: 'Sam', phone: '020 7946 0018 ext. 12' });
    expect(posts[0]!.body).toMatchObject({ phone: '+442079460018;ext=12' });
    expect(contact).toMatchObject({ phone: '+442079460018;ext=12' });
  });

  it('refuses a US number typed without +1 in a GB studio rather than storing it as a GB number', async () => {
    requests.api().get('/v1/me').reply(200, gbStudio);
    const failure = await failureOf(create({ first_name: 'Ava', phone: '(415) 555-0132' }));
    expect(failure.message).toMatch(
      /^Phone: “\(415\) 555-0132” could not be read as a number in GB; .*not a GB number.*"\+1 415 555 0132"/,
    );
    expect(requests.sent.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('rejects a malformed email before any request', async () => {
    const failure = await failureOf(create({ first_name: 'Emma', email: 'emma@' }));
    expect(failure.message).toMatch(/Email: must be an email address/);
    expect(requests.sent).toEqual([]);
  });

  it('rejects a phone number with too few digits before creating anything', async () => {
    const failure = await failureOf(create({ first_name: 'Emma', phone: '+44 7700' }));
    expect(failure.message).toMatch(/Phone: “\+44 7700” could not be read; .*Nothing was changed/);
    expect(requests.sent).toEqual([]);
  });

  it('rejects text in the phone field before any request', async () => {
    const failure = await failureOf(create({ first_name: 'Emma', phone: 'ask at reception' }));
    expect(failure.message).toMatch(/Phone: must be a phone number/);
    expect(requests.sent).toEqual([]);
  });

  it('requires a first name', async () => {
    const failure = await failureOf(create({ first_name: '  ', email: 'emma@example.com' }));
    expect(failure.message).toMatch(/First Name: /);
    expect(requests.sent).toEqual([]);
  });
});

describe('Find Contact, or create one if none is found', () => {
  it('is offered as a find-or-create whose fields carry over from the search to the create (the create also takes an address and notes)', () => {
    expect(App.searchOrCreates?.find_contact).toMatchObject({
      key: 'find_contact',
      search: 'find_contact',
      create: 'create_contact',
      display: { label: 'Find Contact' },
    });
    const searchKeys = App.searches.find_contact!.operation.inputFields!.map((f) => (f as { key: string }).key).sort();
    const createKeys = App.creates.create_contact!.operation.inputFields!.map((f) => (f as { key: string }).key).sort();
    expect(createKeys).toEqual([...searchKeys, 'street', 'city', 'region', 'postal_code', 'country', 'notes'].sort());
  });
});
