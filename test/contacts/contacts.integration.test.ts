// Find Contact, Create Contact and Find Latest Confirmed Shoot against the sandbox's demo
// studio (GB): the matching rules over the API's real filters.
import { describe, expect, it } from '@jest/globals';
import createContact from '../../src/contacts/create_contact.js';
import findContact from '../../src/contacts/find_contact.js';
import findShoot from '../../src/shoots/find_latest_confirmed_shoot.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { runOperation, type Step, useSandbox } from '../support/index.js';

const sandbox = useSandbox();
const run = (perform: Step, inputData: Record<string, unknown>) => runOperation<any>(perform, { authData: sandbox.authData, inputData });

describe('contacts and shoots against the sandbox', () => {
  it('finds Oliver by his email typed in another case', async () => {
    const [found] = await run(findContact.operation.perform, { email: ' OLIVER.Bennett@Example.co.uk ' });
    expect(found).toMatchObject({ id: DEMO_IDS.contacts.oliver, matched_by: 'email' });
  });

  it('finds Priya, who has no email, by her national phone number', async () => {
    const [found] = await run(findContact.operation.perform, { email: 'priya@unknown.example', phone: '07700 900107' });
    expect(found).toMatchObject({ id: DEMO_IDS.contacts.priya, matched_by: 'phone' });
  });

  it('finds Zoë Brontë when asked for “zoe bronte”', async () => {
    const [found] = await run(findContact.operation.perform, { first_name: 'zoe', last_name: 'bronte' });
    expect(found).toMatchObject({ id: DEMO_IDS.contacts.zoe, matched_by: 'name' });
  });

  it('refuses to choose between the two James Wilsons', async () => {
    await expect(run(findContact.operation.perform, { first_name: 'James', last_name: 'Wilson' })).rejects.toThrow(
      /^2 contacts fit this client’s name; none was chosen/,
    );
  });

  it('creates a contact with its phone in E.164, and a retry returns the same contact', async () => {
    const input = { first_name: 'Ada', last_name: 'Lovelace', email: 'Ada@Example.com', phone: '020 7946 0018' };
    const first = await run(createContact.operation.perform, input);
    const again = await run(createContact.operation.perform, input);
    expect(first).toMatchObject({ first_name: 'Ada', email: 'ada@example.com', phone: '+442079460018' });
    expect(again.id).toBe(first.id);
    await expect(run(findContact.operation.perform, { email: 'ada@example.com' })).resolves.toMatchObject([{ id: first.id }]);
  });

  it('creates two contacts for two people named Emma Harper given by name only, each run its own', async () => {
    const first = await run(createContact.operation.perform, { first_name: 'Emma', last_name: 'Harper' });
    const second = await run(createContact.operation.perform, { first_name: 'Emma', last_name: 'Harper' });
    expect(second.id).not.toBe(first.id);
    expect(
      (await sandbox.api('GET', '/v1/contacts?name=Emma%20Harper&limit=100')).body.data.map((c: { id: string }) => c.id).sort(),
    ).toEqual([first.id, second.id].sort());
  });

  it('searches names folded as the matching folds them (?name= and ?q=), and phones by line and by extension', async () => {
    const studio = await sandbox.newStudio({ country: 'GB' });
    const post = async (body: Record<string, unknown>) => (await studio.api('POST', '/v1/contacts', body)).body.id as string;
    const siobhan = await post({ first_name: 'Siobhán', last_name: 'O’Brien' });
    const strauss = await post({ first_name: 'Johann', last_name: 'Strauß' });
    const isil = await post({ first_name: 'Işıl', last_name: 'Işık' });
    const desk = await post({ first_name: 'Front', last_name: 'Desk', phone: '+442079460000' });
    const raj = await post({ first_name: 'Raj', last_name: 'Patel', phone: '+442079460000;ext=12' });
    const ids = async (query: string) =>
      ((await studio.api('GET', `/v1/contacts?${query}`)).body.data as Array<{ id: string }>).map((c) => c.id).sort();
    expect(await ids(`name=${encodeURIComponent("SIOBHAN O'BRIEN")}`)).toEqual([siobhan]);
    expect(await ids(`q=${encodeURIComponent('obrien')}`)).toEqual([siobhan]);
    expect(await ids(`name=${encodeURIComponent('Johann STRAUSS')}`)).toEqual([strauss]);
    expect(await ids(`name=${encodeURIComponent('IŞIL IŞIK')}`)).toEqual([isil]);
    expect(await ids(`q=${encodeURIComponent('isik')}`)).toEqual([isil]);
    expect(await ids(`phone=${encodeURIComponent('+442079460000')}`)).toEqual([desk, raj].sort());
    expect(await ids(`phone=${encodeURIComponent('+442079460000;ext=12')}`)).toEqual([raj]);
  });

  it('creates a contact with an extension, and finds it by number and extension only', async () => {
    const made = await run(createContact.operation.perform, { first_name: 'Laura', last_name: 'Chen', phone: '020 7946 0099 ext. 14' });
    expect(made).toMatchObject({ phone: '+442079460099;ext=14' });
    await expect(run(findContact.operation.perform, { phone: '020 7946 0099 x14' })).resolves.toMatchObject([
      { id: made.id, matched_by: 'phone' },
    ]);
    await expect(run(findContact.operation.perform, { phone: '020 7946 0099 ext. 15' })).resolves.toEqual([]);
  });

  it('finds Amelia’s engagement shoot as her latest confirmed one before the wedding, skipping the cancelled venue visit', async () => {
    const [shoot] = await run(findShoot.operation.perform, { contact_id: DEMO_IDS.contacts.amelia, on_or_before: '2027-01-01T00:00:00Z' });
    expect(shoot).toMatchObject({
      id: DEMO_IDS.shoots.hartEngagement,
      job_id: DEMO_IDS.jobs.hartWedding,
      job: { name: 'Amelia & Tom Wedding' },
    });
  });

  it('finds no shoot for a contact whose only shoot is an enquiry', async () => {
    await expect(
      run(findShoot.operation.perform, { email: 'sophie@clarke-family.example', on_or_before: '2027-01-01T00:00:00Z' }),
    ).resolves.toEqual([]);
  });
});
