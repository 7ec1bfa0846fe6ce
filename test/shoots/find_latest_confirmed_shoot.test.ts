// Find Latest Confirmed Shoot: "an order comes in → which shoot (and job) does it belong to?"
import { describe, expect, it } from '@jest/globals';
import findShoot from '../../src/shoots/find_latest_confirmed_shoot.js';
import { sampleJob } from '../../src/jobs/samples.js';
import { aContact, aShoot, authData, failureOf, page, recordRequests } from '../contacts/fixtures.js';
import { runOperation } from '../support/index.js';

const find = (inputData: Record<string, unknown>) =>
  runOperation<Array<Record<string, unknown>>>(findShoot.operation.perform, { authData, inputData });
const requests = recordRequests();
const job = { ...sampleJob, galleries: [] };

describe('Find Latest Confirmed Shoot', () => {
  it('asks for the contact’s latest confirmed or completed shoot on or before the date, and adds its job', async () => {
    const shoot = aShoot({ contact_id: 'con_emma', job_id: job.id, starts_at: '2026-06-20T13:00:00Z' });
    requests
      .api()
      .get('/v1/shoots')
      .query({ contact_id: 'con_emma', status: 'confirmed,completed', before: '2026-07-05T19:42:05.000Z', limit: '1' })
      .reply(200, page([shoot]));
    requests.api().get(`/v1/jobs/${job.id}`).reply(200, job);

    const [found] = await find({ contact_id: 'con_emma', on_or_before: '2026-07-05T19:42:05Z' });

    expect(found).toMatchObject({
      id: shoot.id,
      status: 'confirmed',
      job_id: job.id,
      job: { name: 'Emma & James Wedding', status: 'booked' },
    });
    expect(requests.sent).toHaveLength(2);
  });

  it('finds the contact by email when no contact is chosen', async () => {
    const emma = aContact({ id: 'con_emma', email: 'emma.harper@example.com' });
    const shoot = aShoot({ contact_id: 'con_emma', job_id: job.id });
    requests
      .api()
      .get('/v1/contacts')
      .query({ email: 'emma.harper@example.com', limit: '20' })
      .reply(200, page([emma]));
    requests
      .api()
      .get('/v1/shoots')
      .query((q) => q.contact_id === 'con_emma')
      .reply(200, page([shoot]));
    requests.api().get(`/v1/jobs/${job.id}`).reply(200, job);

    await expect(find({ email: 'Emma.Harper@example.com' })).resolves.toMatchObject([{ id: shoot.id, contact_id: 'con_emma' }]);
  });

  it('defaults the date to now', async () => {
    let before = '';
    requests
      .api()
      .get('/v1/shoots')
      .query((q) => {
        before = String(q.before);
        return true;
      })
      .reply(200, page([]));
    const started = Date.now();
    await find({ contact_id: 'con_emma' });
    expect(Date.parse(before)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(before)).toBeLessThanOrEqual(Date.now());
  });

  it('finds nothing when the contact has no confirmed shoot by then', async () => {
    requests.api().get('/v1/shoots').query(true).reply(200, page([]));
    await expect(find({ contact_id: 'con_emma', on_or_before: '2026-07-05' })).resolves.toEqual([]);
    expect(requests.sent).toHaveLength(1);
  });

  it('never counts an enquiry, a cancelled shoot or a later shoot, even if the API returned one', async () => {
    for (const wrong of [
      aShoot({ contact_id: 'con_emma', status: 'cancelled' }),
      aShoot({ contact_id: 'con_emma', status: 'enquiry' }),
      aShoot({ contact_id: 'con_emma', starts_at: '2026-08-01T10:00:00Z' }),
      aShoot({ contact_id: 'con_other' }),
    ]) {
      requests
        .api()
        .get('/v1/shoots')
        .query(true)
        .reply(200, page([wrong]));
      await expect(find({ contact_id: 'con_emma', on_or_before: '2026-07-05T19:42:05Z' })).resolves.toEqual([]);
    }
  });

  it('counts a completed shoot that starts exactly at the date', async () => {
    const shoot = aShoot({ contact_id: 'con_emma', status: 'completed', starts_at: '2026-07-05T19:42:05Z', job_id: job.id });
    requests
      .api()
      .get('/v1/shoots')
      .query(true)
      .reply(200, page([shoot]));
    requests.api().get(`/v1/jobs/${job.id}`).reply(200, job);
    await expect(find({ contact_id: 'con_emma', on_or_before: '2026-07-05T19:42:05Z' })).resolves.toMatchObject([
      { id: shoot.id, status: 'completed' },
    ]);
  });

  it('finds nothing when no contact has the email', async () => {
    requests.api().get('/v1/contacts').query(true).reply(200, page([]));
    await expect(find({ email: 'stranger@example.com' })).resolves.toEqual([]);
    expect(requests.sent).toHaveLength(1);
  });

  it('does not guess between two contacts with the same email', async () => {
    requests
      .api()
      .get('/v1/contacts')
      .query(true)
      .reply(200, page([aContact({ id: 'con_a', email: 'family@example.com' }), aContact({ id: 'con_b', email: 'family@example.com' })]));
    const failure = await failureOf(find({ email: 'family@example.com' }));
    expect(failure.message).toMatch(
      /^2 contacts fit this client’s email address; none was chosen .*Choose the contact in the Contact field.*Candidates: con_a .*con_b/,
    );
  });

  it('needs a contact or an email, and a readable date, before any request', async () => {
    expect((await failureOf(find({}))).message).toMatch(/Choose a Contact or fill in Contact Email/);
    expect((await failureOf(find({ contact_id: 'con_emma', on_or_before: 'next Tuesday-ish' }))).message).toMatch(
      /On or Before: must be a date and time/,
    );
    expect(requests.sent).toEqual([]);
  });
});
