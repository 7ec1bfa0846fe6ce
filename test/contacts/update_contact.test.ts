// Update Contact: only the fields given change, tidied and checked as Create Contact does it,
// and an email another contact has is refused unless the step allows sharing it.
import { describe, expect, it } from '@jest/globals';
import updateContact, { othersWithEmail } from '../../src/contacts/update_contact.js';
import { aContact, authData, failureOf, gbStudio, page, recordRequests } from './fixtures.js';
import { runOperation } from '../support/index.js';
import { envelope } from '../support/api-mock.js';

const update = (inputData: Record<string, unknown>) =>
  runOperation<Record<string, unknown>>(updateContact.operation.perform, { authData, inputData });
const requests = recordRequests();

const emma = aContact({ id: 'con_emma' });

/** Answers PATCH /v1/contacts/con_emma with Emma changed by the body, recording the body. */
function expectPatch() {
  const bodies: Array<Record<string, unknown>> = [];
  requests
    .api()
    .patch('/v1/contacts/con_emma')
    .reply(async (request: Request) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push(body);
      return [200, { ...emma, ...body }];
    });
  return bodies;
}

describe('Update Contact', () => {
  it('sends only the fields given: a national phone in E.164 with the studio’s country, names tidied', async () => {
    requests.api().get('/v1/me').reply(200, gbStudio);
    const bodies = expectPatch();
    const output = await update({
      contact_id: 'con_emma',
      first_name: '  Emma  Jane ',
      last_name: '',
      email: '   ',
      phone: '07700 900456',
    });
    expect(bodies).toEqual([{ first_name: 'Emma Jane', phone: '+447700900456' }]);
    expect(output).toMatchObject({ id: 'con_emma', name: 'Emma Jane Harper', phone: '+447700900456', email: emma.email });
  });

  it('sends only the address and notes fields given, trimmed; blank ones keep their values', async () => {
    const bodies = expectPatch();
    const output = await update({
      contact_id: 'con_emma',
      street: ' 2 Royal Crescent ',
      city: 'Bath',
      region: '',
      postal_code: 'BA1 2LR',
      country: '  ',
      notes: 'Moved in May.\nNew address for prints.',
    });
    expect(bodies).toEqual([
      { street: '2 Royal Crescent', city: 'Bath', postal_code: 'BA1 2LR', notes: 'Moved in May.\nNew address for prints.' },
    ]);
    expect(output).toMatchObject({
      street: '2 Royal Crescent',
      city: 'Bath',
      postal_code: 'BA1 2LR',
      region: emma.region ?? null,
      country: emma.country ?? null,
    });
    expect(requests.sent).toEqual(['PATCH /v1/contacts/con_emma']);
  });

  it('stores a new email lower-cased once no other contact has it', async () => {
    requests.api().get('/v1/contacts').query({ email: 'emma.lee@example.com', limit: '20' }).reply(200, page([]));
    const bodies = expectPatch();
    await update({ contact_id: 'con_emma', email: ' Emma.Lee@Example.com ' });
    expect(bodies).toEqual([{ email: 'emma.lee@example.com', unique_email: true }]);
  });

  it('keeps the email the contact already has without complaint (the lookup finds only them)', async () => {
    requests
      .api()
      .get('/v1/contacts')
      .query(true)
      .reply(200, page([emma]));
    const bodies = expectPatch();
    await update({ contact_id: 'con_emma', email: emma.email });
    expect(bodies).toEqual([{ email: emma.email, unique_email: true }]);
  });

  it('refuses an email another contact has, naming them, and changes nothing', async () => {
    requests
      .api()
      .get('/v1/contacts')
      .query(true)
      .reply(200, page([aContact({ id: 'con_olivia', first_name: 'Olivia', email: 'shared@example.com' })]));
    const failure = await failureOf(update({ contact_id: 'con_emma', email: 'shared@example.com', last_name: 'Lee' }));
    expect(failure).toMatchObject({ name: 'HaltedError', code: 'email_taken' });
    expect(failure.message).toMatch(
      /^Another contact already has the email shared@example\.com\. Nothing was changed\. Check the email mapped into this step; .* told apart by it: con_olivia \(Olivia Harper, shared@example\.com\)\.$/,
    );
    expect(failure.message).toMatch(/set Allow Shared Email to Yes/);
    expect(requests.sent.some((sent) => sent.startsWith('PATCH'))).toBe(false);
  });

  it('gives a family one address when Allow Shared Email is yes, without looking', async () => {
    const bodies = expectPatch();
    await update({ contact_id: 'con_emma', email: 'family@example.com', allow_shared_email: 'yes' });
    expect(bodies).toEqual([{ email: 'family@example.com' }]);
    expect(requests.sent).toEqual(['PATCH /v1/contacts/con_emma']);
  });

  it('with every field blank changes nothing and returns the contact as it is', async () => {
    requests.api().get('/v1/contacts/con_emma').reply(200, emma);
    await expect(update({ contact_id: 'con_emma', first_name: '', email: ' ' })).resolves.toMatchObject({
      id: 'con_emma',
      name: 'Emma Harper',
    });
    expect(requests.sent).toEqual(['GET /v1/contacts/con_emma']);
  });

  it.each([
    [{ contact_id: 'con_emma', email: 'emma@' }, /Email: must be an email address/],
    [{ contact_id: 'con_emma', phone: 'call me' }, /Phone: must be a phone number/],
    [{ email: 'emma@example.com' }, /Contact: is required: choose one from the dropdown/],
    [{ contact_id: 'con_emma', allow_shared_email: 'perhaps' }, /Allow Shared Email: must be true or false/],
  ])('refuses %p before any request', async (input, message) => {
    const failure = await failureOf(update(input));
    expect(failure.message).toMatch(message);
    expect(requests.sent).toEqual([]);
  });

  it('keeps a phone’s extension, as Create Contact does', async () => {
    const bodies = expectPatch();
    await update({ contact_id: 'con_emma', phone: '+44 20 7946 0018 ext. 12' });
    expect(bodies).toEqual([{ phone: '+442079460018;ext=12' }]);
  });

  it('says what to do about a contact Studio does not have', async () => {
    requests.api().patch('/v1/contacts/con_gone').reply(404, envelope('not_found', 'No contact with id "con_gone" exists in this studio.'));
    const failure = await failureOf(update({ contact_id: 'con_gone', first_name: 'Emma' }));
    expect(failure).toMatchObject({ code: 'contact_not_found' });
    expect(failure.message).toMatch(/Studio has no contact con_gone .*Choose the contact from the Contact dropdown.*Nothing was changed\./);
  });

  it('counts as another contact only one other than this one with the same email, whatever the case (unit)', () => {
    const contacts = [
      aContact({ id: 'con_a', email: 'A@Example.com' }),
      aContact({ id: 'con_b', email: 'a@example.com' }),
      aContact({ id: 'con_c', email: 'c@example.com' }),
    ];
    expect(othersWithEmail(contacts, 'con_a', 'a@example.com').map((c) => c.id)).toEqual(['con_b']);
    expect(othersWithEmail(contacts, 'con_c', 'c@example.com')).toEqual([]);
  });
});
