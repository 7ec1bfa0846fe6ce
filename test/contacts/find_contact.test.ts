// Find Contact, as a Zap runs it: "an order comes in → find the client in the CRM".
import { describe, expect, it } from '@jest/globals';
import findContact from '../../src/contacts/find_contact.js';
import { aContact, authData, failureOf, gbStudio, page, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';

const find = (inputData: Record<string, unknown>) =>
  runOperation<Array<Record<string, unknown>>>(findContact.operation.perform, { authData, inputData });
const requests = recordRequests();
const LIMIT = '20';

describe('Find Contact', () => {
  it('finds the client by email with one request, case and spaces ignored, and says so', async () => {
    const emma = aContact({ email: 'emma.harper@example.com' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'emma.harper@example.com', limit: LIMIT })
      .reply(200, page([emma]));

    const [found] = await find({ email: '  Emma.Harper@Example.com ', first_name: 'Emma', last_name: 'Harper' });

    expect(found).toMatchObject({ id: emma.id, name: 'Emma Harper', matched_by: 'email' });
    expect(requests.sent).toEqual([`GET /v1/contacts?email=emma.harper@example.com&limit=${LIMIT}`]);
  });

  // Liam had another email here before; that now vetoes the phone match (tested below), so he has none.
  it('reads a national phone number with the studio’s country, asking for it once', async () => {
    const liam = aContact({ first_name: 'Liam', last_name: 'Ortiz', email: null, phone: '+447700900456' });
    requests.api().get('/v1/contacts').query({ email: 'liam.ortiz@example.com', limit: LIMIT }).reply(200, page([]));
    requests.api().get('/v1/me').reply(200, gbStudio);
    requests
      .api()
      .get('/v1/contacts')
      .query({ phone: '+447700900456', limit: LIMIT })
      .reply(200, page([liam]));

    const [found] = await find({ email: 'liam.ortiz@example.com', phone: '07700 900456' });

    expect(found).toMatchObject({ id: liam.id, matched_by: 'phone', phone: '+447700900456' });
    expect(requests.sent).toHaveLength(3);
  });

  it('needs no studio country for a number written with its country code', async () => {
    const liam = aContact({ phone: '+447700900456' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ phone: '+447700900456', limit: LIMIT })
      .reply(200, page([liam]));
    await expect(find({ phone: '+44 7700 900456' })).resolves.toMatchObject([{ id: liam.id, matched_by: 'phone' }]);
    expect(requests.sent).toHaveLength(1);
  });

  it('finds “Zoe MARTIN” as the one contact named “Zoë Martin” (the name sent as written; the API folds it, the app re-checks)', async () => {
    const zoe = aContact({ first_name: 'Zoë', last_name: 'Martin', email: null, phone: null });
    requests
      .api()
      .get('/v1/contacts')
      .query({ name: 'Zoe MARTIN', limit: LIMIT })
      .reply(200, page([zoe]));
    await expect(find({ first_name: 'Zoe', last_name: ' MARTIN ' })).resolves.toMatchObject([{ id: zoe.id, matched_by: 'name' }]);
  });

  it('stops with both candidates listed when two contacts share the name, so find-or-create never makes a third', async () => {
    const first = aContact({ id: 'con_emma1', first_name: 'Emma', last_name: 'Harper', email: 'emma@one.example' });
    const second = aContact({ id: 'con_emma2', first_name: 'Emma', last_name: 'Harper', email: 'emma@two.example' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ name: 'Emma Harper', limit: LIMIT })
      .reply(200, page([first, second]));

    const failure = await failureOf(find({ first_name: 'Emma', last_name: 'Harper' }));

    // Halted, not errored: this client's data is ambiguous, nothing is wrong with the Zap.
    expect(failure).toMatchObject({ name: 'HaltedError', code: 'ambiguous_contact' });
    expect(failure.message).toMatch(
      /^2 contacts fit this client’s name; none was chosen and nothing was created\. To choose, run this step again after you /,
    );
    // What to do within the 250 characters Zapier shows; the candidates after it.
    expect(failure.message.slice(0, 250)).toMatch(/remove the duplicate in Studio if they are one person entered twice\./);
    expect(failure.message).toMatch(
      /Candidates: con_emma1 \(Emma Harper, emma@one\.example\); con_emma2 \(Emma Harper, emma@two\.example\)\.$/,
    );
  });

  it('does not trust the API’s filter: a contact that does not really fit is not returned', async () => {
    const lookalike = aContact({ first_name: 'Emma', last_name: 'Harpers', email: 'emma.harpers@example.com' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'emma.harper@example.com', limit: LIMIT })
      .reply(200, page([lookalike]));
    requests
      .api()
      .get('/v1/contacts')
      .query({ name: 'Emma Harper', limit: LIMIT })
      .reply(200, page([lookalike]));
    await expect(find({ email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper' })).resolves.toEqual([]);
  });

  it('returns nothing (so find-or-create creates) when nobody fits', async () => {
    requests.api().get('/v1/contacts').query({ email: 'new.client@example.com', limit: LIMIT }).reply(200, page([]));
    await expect(find({ email: 'new.client@example.com' })).resolves.toEqual([]);
  });

  it('never takes a contact with another email for the client because the phone or the name is the same', async () => {
    const reception = aContact({ first_name: 'Front', last_name: 'Desk', email: 'hello@office.example', phone: '+442079460018' });
    const namesake = aContact({ first_name: 'John', last_name: 'Smith', email: 'john.smith@old.example', phone: null });
    requests.api().get('/v1/contacts').query({ email: 'john.smith@new.example', limit: LIMIT }).reply(200, page([]));
    requests.api().get('/v1/me').reply(200, gbStudio);
    requests
      .api()
      .get('/v1/contacts')
      .query({ phone: '+442079460018', limit: LIMIT })
      .reply(200, page([reception]));
    requests
      .api()
      .get('/v1/contacts')
      .query({ name: 'John Smith', limit: LIMIT })
      .reply(200, page([namesake]));

    await expect(
      find({ email: 'john.smith@new.example', phone: '020 7946 0018', first_name: 'John', last_name: 'Smith' }),
    ).resolves.toEqual([]);
    expect(requests.unmatched).toEqual([]);
  });

  it('matches a number with an extension to the line without one only by the same name: never the switchboard’s contact', async () => {
    const reception = aContact({ first_name: 'Front', last_name: 'Desk', email: null, phone: '+442079460018' });
    const sam = aContact({ id: 'con_sam', first_name: 'Sam', last_name: 'Lee', email: null, phone: '+442079460018' });
    requests.api().get('/v1/me').reply(200, gbStudio).persist();
    requests
      .api()
      .get('/v1/contacts')
      .query({ phone: '+442079460018', limit: LIMIT })
      .times(2)
      .reply(200, page([reception, sam]));

    await expect(find({ phone: '020 7946 0018 ext. 12', first_name: 'Sam', last_name: 'Lee' })).resolves.toMatchObject([
      { id: 'con_sam', matched_by: 'phone', narrowed_by: 'name' },
    ]);
    await expect(find({ phone: '020 7946 0018 ext. 12', first_name: 'Ada', last_name: 'Lee' })).resolves.toEqual([]);
    expect(requests.unmatched).toEqual([]);
  });

  it('tells apart a family sharing an email by the phone given, and says so', async () => {
    const priya = aContact({
      id: 'con_priya',
      first_name: 'Priya',
      last_name: 'Shah',
      email: 'shah.family@example.com',
      phone: '+447700900107',
    });
    const dev = aContact({ id: 'con_dev', first_name: 'Dev', last_name: 'Shah', email: 'shah.family@example.com', phone: '+447700900108' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'shah.family@example.com', limit: LIMIT })
      .reply(200, page([priya, dev]));
    requests.api().get('/v1/me').reply(200, gbStudio);

    const [found] = await find({ email: 'shah.family@example.com', phone: '07700 900108' });

    expect(found).toMatchObject({ id: 'con_dev', matched_by: 'email', narrowed_by: 'phone' });
    expect(requests.sent).toHaveLength(2);
  });

  it('for a family the name given does not tell apart, suggests the phone that would, and lists each phone', async () => {
    const a = aContact({ id: 'con_sam1', first_name: 'Sam', last_name: 'Shah', email: 'shah.family@example.com', phone: '+447700900107' });
    const b = aContact({ id: 'con_sam2', first_name: 'Sam', last_name: 'Shah', email: 'shah.family@example.com', phone: null });
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'shah.family@example.com', limit: LIMIT })
      .reply(200, page([a, b]));

    const failure = await failureOf(find({ email: 'shah.family@example.com', first_name: 'Sam', last_name: 'Shah' }));

    expect(failure).toMatchObject({ name: 'HaltedError', code: 'ambiguous_contact' });
    expect(failure.message).toMatch(/^2 contacts fit this client’s email address; none was chosen and nothing was created\./);
    expect(failure.message).toMatch(
      /Candidates: con_sam1 \(Sam Shah, shah\.family@example\.com, \+447700900107\); con_sam2 \(Sam Shah, shah\.family@example\.com, no phone\)\.$/,
    );
    expect(failure.message).toContain(
      'To choose, run this step again after you fill in Phone here (each has a different one); or give the others their own email addresses in Studio, leaving shah.family@example.com to this client;',
    );
    expect(failure.message).not.toMatch(/next step|Contact field/);
  });

  it('suggests only fields that would tell the candidates apart, never one already filled in', async () => {
    const first = aContact({ id: 'con_w1', first_name: 'James', last_name: 'Wilson', email: null, phone: '+447700900104' });
    const second = aContact({ id: 'con_w2', first_name: 'James', last_name: 'Wilson', email: null, phone: '+447700900104' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ name: 'James Wilson', limit: LIMIT })
      .reply(200, page([first, second]));

    // Neither email nor phone tells them apart: the way out is in Studio, then the Email field.
    const byName = await failureOf(find({ first_name: 'James', last_name: 'Wilson' }));
    expect(byName.message).toContain(
      'To choose, run this step again after you give each of them their own email address in Studio and fill in Email here; or remove the duplicate in Studio if they are one person entered twice.',
    );
  });

  it('weighs every page of candidates: others on the line on the first page do not hide the fit on the next', async () => {
    const colleagues = Array.from({ length: 20 }, (_, i) =>
      aContact({ id: `con_s${i}`, first_name: `Colleague${i}`, last_name: 'Smith', email: null, phone: '+442079460018' }),
    );
    const john = aContact({ id: 'con_john', first_name: 'John', last_name: 'Smith', email: null, phone: '+442079460018' });
    requests.api().get('/v1/contacts').query({ phone: '+442079460018', limit: LIMIT }).reply(200, { data: colleagues, next_cursor: 'c2' });
    requests
      .api()
      .get('/v1/contacts')
      .query({ phone: '+442079460018', limit: LIMIT, cursor: 'c2' })
      .reply(200, page([john]));

    await expect(find({ phone: '+44 20 7946 0018', first_name: 'John', last_name: 'Smith' })).resolves.toMatchObject([
      { id: 'con_john', matched_by: 'phone' },
    ]);
    expect(requests.unmatched).toEqual([]);
  });

  it('asks for something to look up by, before any request', async () => {
    const failure = await failureOf(find({ email: '', phone: '  ' }));
    expect(failure.message).toMatch(/Fill in at least one of Email, Phone, First Name or Last Name/);
    expect(requests.sent).toEqual([]);
    expect(requests.unmatched).toEqual([]);
  });

  it('rejects an email that is not one, before any request', async () => {
    const failure = await failureOf(find({ email: 'emma at example dot com' }));
    expect(failure.message).toMatch(/Email: must be an email address/);
    expect(requests.sent).toEqual([]);
  });

  it('says which phone it could not read when nothing else matched', async () => {
    requests.api().get('/v1/me').reply(200, gbStudio);
    const failure = await failureOf(find({ phone: '0770 09' }));
    expect(failure.message).toMatch(/Phone: “0770 09” could not be read as a number in GB/);
    expect(requests.unmatched).toEqual([]);
  });

  it('does not read a US number typed without +1 as a GB one, nor look it up as one', async () => {
    requests.api().get('/v1/me').reply(200, gbStudio);
    const failure = await failureOf(find({ phone: '(415) 555-0132' }));
    expect(failure.message).toMatch(/Phone: “\(415\) 555-0132” could not be read as a number in GB; .*not a GB number/);
    expect(requests.sent.filter((r) => r.includes('phone='))).toEqual([]);
    expect(requests.unmatched).toEqual([]);
  });
});
