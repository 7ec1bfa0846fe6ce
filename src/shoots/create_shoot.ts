// Create Shoot: a shoot (session) on a job, for the job's client: its type as its title, a start
// given as a local date and time in a time zone (read as the one instant it means), a duration,
// and whether it is confirmed. A shoot is its job and start: one the job has already at that
// moment is returned as it is (a replay a minute or a month later), and runs at once share one
// Idempotency-Key per job and start.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, listPage } from '../api/client.js';
import { isStudioError, studioError } from '../api/errors.js';
import { idempotencyKey } from '../api/idempotency.js';
import { optional, parseInput, requiredChoice, yesNoField } from '../api/input.js';
import { Me } from '../contract/me.js';
import { Shoot, type ShootCreate } from '../contract/shoots.js';
import { AppValueError } from '../domain/app-values.js';
import { canonicalTimeZone, isTimeZone, localText, localToInstant } from '../domain/local-time.js';
import { jobIdField } from '../jobs/fields.js';
import { jobNotFoundError } from '../jobs/job-lookup.js';
import { sampleShoot } from './samples.js';
import { shootOutputFields } from './shoot-output.js';

const inputFields = defineInputFields([
  {
    ...jobIdField(
      true,
      'The job the shoot is for; the shoot is the job’s client’s. To map one from another app, add a Find Job step before this one.',
    ),
    search: 'find_job.id',
  },
  {
    key: 'starts_at',
    label: 'Starts At (Local Time)',
    type: 'string',
    required: true,
    helpText:
      'The local date and time the shoot starts, in the Time Zone below: `2026-06-12 14:00` (24-hour). A value with an offset (`2026-06-12T14:00+01:00`) is taken as that moment. A time the clocks skip or pass twice is refused with the offset to use.',
  },
  {
    key: 'time_zone',
    label: 'Time Zone',
    type: 'string',
    required: false,
    helpText:
      'The time zone of the start, as an IANA name such as `Europe/London` or `America/New_York`. Leave empty for your studio’s time zone.',
  },
  {
    key: 'duration_minutes',
    label: 'Duration (Minutes)',
    type: 'integer',
    required: false,
    helpText: 'How long the shoot lasts, e.g. `90`. Leave empty if not known yet.',
  },
  {
    key: 'type',
    label: 'Shoot Type',
    type: 'string',
    required: true,
    helpText: 'E.g. `Engagement`, `Wedding` or `Newborn`; it becomes the shoot’s title.',
  },
  {
    key: 'confirmed',
    label: 'Confirmed',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText: 'Yes: the shoot is booked (status confirmed). No (the default): it is pencilled in (status enquiry).',
  },
]);

const CreateShootInput = zod.object({
  job_id: requiredChoice,
  starts_at: zod.string({ error: 'is required' }).trim().min(1, 'is required'),
  time_zone: optional(
    zod
      .string()
      .trim()
      .refine(isTimeZone, 'is not a time zone: use an IANA name such as Europe/London or America/New_York')
      .transform((zone) => canonicalTimeZone(zone) ?? zone),
  ),
  duration_minutes: optional(
    zod.coerce
      .number({ error: 'must be a whole number of minutes' })
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1')
      .max(7 * 24 * 60, 'must be at most a week (10080)'),
  ),
  type: zod.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  confirmed: yesNoField(false),
});

const UNCHANGED = 'No shoot was created.';

/** The Idempotency-Key of a shoot: its job and the instant it starts. */
export function createShootKey(jobId: string, startsAt: string): string {
  return idempotencyKey('shoot', jobId, new Date(startsAt).toISOString());
}

/** The job's shoot starting at that instant (the earliest made), or null. */
export async function existingShoot(z: ZObject, jobId: string, startsAt: string): Promise<Shoot | null> {
  const page = await listPage(z, Shoot, {
    path: '/v1/shoots',
    query: { job_id: jobId, starts_at: startsAt },
    limit: 100,
    describe: 'list of shoots',
    everyRecord: true,
  });
  const at = Date.parse(startsAt);
  const same = page.data.filter((shoot) => shoot.job_id === jobId && Date.parse(shoot.starts_at) === at);
  return same.sort((a, b) => a.created_at.localeCompare(b.created_at))[0] ?? null;
}

/** The shoot, created once for good: looked up first, then a keyed POST; a twin's shoot is looked up. */
export async function postShoot(z: ZObject, body: ShootCreate): Promise<Shoot> {
  try {
    const existing = await existingShoot(z, body.job_id, body.starts_at);
    if (existing) return existing;
    try {
      return await callApi(z, Shoot, {
        method: 'POST',
        path: '/v1/shoots',
        body,
        idempotencyKey: createShootKey(body.job_id, body.starts_at),
        describe: 'shoot',
      });
    } catch (error) {
      if (!isStudioError(error, 'idempotency_key_reused')) throw error;
      const created = await existingShoot(z, body.job_id, body.starts_at);
      if (created) return created;
      throw error;
    }
  } catch (error) {
    if (isStudioError(error, 'job_not_found')) throw jobNotFoundError(z, body.job_id);
    throw error;
  }
}

export function createShootOutput(shoot: Shoot, timeZone: string) {
  const starts = Date.parse(shoot.starts_at);
  return {
    id: shoot.id,
    title: shoot.title,
    status: shoot.status,
    starts_at: shoot.starts_at,
    ends_at: shoot.ends_at,
    location: shoot.location,
    contact_id: shoot.contact_id,
    job_id: shoot.job_id,
    created_at: shoot.created_at,
    time_zone: timeZone,
    starts_at_local: localText(timeZone, starts),
    duration_minutes: shoot.ends_at === null ? null : Math.round((Date.parse(shoot.ends_at) - starts) / 60_000),
  };
}

export default defineCreate({
  key: 'create_shoot',
  noun: 'Shoot',
  display: {
    label: 'Create Shoot',
    description: 'Creates a shoot on a job at a local time; one the job has at that moment is returned instead.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, CreateShootInput, bundle.inputData, inputFields);
      const timeZone = input.time_zone ?? (await callApi(z, Me, { path: '/v1/me', describe: 'account (studio)' })).studio.timezone;
      if (!isTimeZone(timeZone)) {
        throw studioError(
          z,
          `Check this step's input. Time Zone: your studio's time zone "${timeZone}" is not one this step knows; fill in Time Zone, e.g. Europe/London. ${UNCHANGED}`,
          'invalid_input',
        );
      }
      let startsAt: string;
      try {
        startsAt = localToInstant(input.starts_at, timeZone, 'Starts At (Local Time)');
      } catch (error) {
        if (error instanceof AppValueError) throw studioError(z, `Check this step's input. ${error.message} ${UNCHANGED}`, 'invalid_input');
        throw error;
      }
      const body: ShootCreate = {
        job_id: input.job_id,
        title: input.type,
        status: input.confirmed ? 'confirmed' : 'enquiry',
        starts_at: startsAt,
        ends_at:
          input.duration_minutes === undefined ? null : new Date(Date.parse(startsAt) + input.duration_minutes * 60_000).toISOString(),
      };
      return createShootOutput(await postShoot(z, body), timeZone);
    },
    sample: createShootOutput(sampleShoot, 'Europe/London'),
    outputFields: [
      ...shootOutputFields,
      { key: 'time_zone', label: 'Time Zone', type: 'string' },
      { key: 'starts_at_local', label: 'Starts At (Local Time)', type: 'string' },
      { key: 'duration_minutes', label: 'Duration (Minutes)', type: 'integer' },
    ],
  },
});
