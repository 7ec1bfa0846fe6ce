// Find Contact, as a Zap runs it: "an order comes in → find the client in the CRM".
import { describe, expect, it } from '@jest/globals';
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import findContact from '../../src/contacts/find_contact.js';
import { aContact, authData, failureOf, gbStudio, page, recordRequests } from './fixtures.js';

const appTester = zapier.createAppTester(App);
const find = (inputData: Record<string, unknown>) => appTester(findContact.operation.perform as never, { authData, inputData }) as Promise<Array<Record<string, unknown>>>;
const requests = recordRequests();
const LIMIT = '20';

describe('Find Contact', () => {
  it('finds the client by email with one request, case and spaces ignored, and says so', async () => {
    const emma = aContact({ email: 'emma.harper@example.com' });
    requests.api().get('/v1/contacts').query({ email: 'emma.harper@example.com', limit: LIMIT }).reply(200, page([emma]));

    const [found] = await find({ email: '  Emma.Harper@Example.com ', first_name: 'Emma', last_name: 'Harper' });

    expect(found).toMatchObject({ id: emma.id, name: 'Emma Harper', matched_by: 'email' });
    expect(requests.sent).toEqual([`GET /v1/contacts?email=emma.harper@example.com&limit=${LIMIT}`]);
  });

  it('reads a national phone number with the studio’s country, asking for it once', async () => {
    const liam = aContact({ first_name: 'Liam', last_name: 'Ortiz', email: 'liam@elsewhere.example', phone: '+447700900456' });
    requests.api().get('/v1/contacts').query({ email: 'liam.ortiz@example.com', limit: LIMIT }).reply(200, page([]));
    requests.api().get('/v1/me').reply(200, gbStudio);
    requests.api().get('/v1/contacts').query({ phone: '+447700900456', limit: LIMIT }).reply(200, page([liam]));

    const [found] = await find({ email: 'liam.ortiz@example.com', phone: '07700 900456' });

    expect(found).toMatchObject({ id: liam.id, matched_by: 'phone', phone: '+447700900456' });
    expect(requests.sent).toHaveLength(3);
  });

  it('needs no studio country for a number written with its country code', async () => {
    const liam = aContact({ phone: '+447700900456' });
    requests.api().get('/v1/contacts').query({ phone: '+447700900456', limit: LIMIT }).reply(200, page([liam]));
    await expect(find({ phone: '+44 7700 900456' })).resolves.toMatchObject([{ id: liam.id, matched_by: 'phone' }]);
    expect(requests.sent).toHaveLength(1);
  });

  it('finds “Zoe MARTIN” as the one contact named “Zoë Martin” (the name sent as written; the API folds it, the app re-checks)', async () => {
    const zoe = aContact({ first_name: 'Zoë', last_name: 'Martin', email: null, phone: null });
    requests.api().get('/v1/contacts').query({ name: 'Zoe MARTIN', limit: LIMIT }).reply(200, page([zoe]));
    await expect(find({ first_name: 'Zoe', last_name: ' MARTIN ' })).resolves.toMatchObject([{ id: zoe.id, matched_by: 'name' }]);
  });

  it('stops with both candidates listed when two contacts share the name, so find-or-create never makes a third', async () => {
    const first = aContact({ id: 'con_emma1', first_name: 'Emma', last_name: 'Harper', email: 'emma@one.example' });
    const second = aContact({ id: 'con_emma2', first_name: 'Emma', last_name: 'Harper', email: 'emma@two.example' });
    requests.api().get('/v1/contacts').query({ name: 'Emma Harper', limit: LIMIT }).reply(200, page([first, second]));

    const failure = await failureOf(find({ first_name: 'Emma', last_name: 'Harper' }));

    expect(failure.code).toBe('ambiguous_contact');
    expect(failure.message).toMatch(/^2 contacts have the same name as this client: con_emma1 \(Emma Harper, emma@one\.example\); con_emma2 \(Emma Harper, emma@two\.example\)\./);
    expect(failure.message).toMatch(/None was chosen .* nothing was created/);
  });

  it('does not trust the API’s filter: a contact that does not really fit is not returned', async () => {
    const lookalike = aContact({ first_name: 'Emma', last_name: 'Harpers', email: 'emma.harpers@example.com' });
    requests.api().get('/v1/contacts').query({ email: 'emma.harper@example.com', limit: LIMIT }).reply(200, page([lookalike]));
    requests.api().get('/v1/contacts').query({ name: 'Emma Harper', limit: LIMIT }).reply(200, page([lookalike]));
    await expect(find({ email: 'emma.harper@example.com', first_name: 'Emma', last_name: 'Harper' })).resolves.toEqual([]);
  });

  it('returns nothing (so find-or-create creates) when nobody fits', async () => {
    requests.api().get('/v1/contacts').query({ email: 'new.client@example.com', limit: LIMIT }).reply(200, page([]));
    await expect(find({ email: 'new.client@example.com' })).resolves.toEqual([]);
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
});
