// Create Gallery: a new client gallery under a brand and preset, hidden from the client
// (offline) until it is published; optionally for a job, which it takes its name and event
// date from and is linked to in the same request.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi } from '../api/client.js';
import { idempotencyKey } from '../api/idempotency.js';
import { EventDateInput, optional, parseInput, requiredChoice } from '../api/input.js';
import { Email } from '../contract/primitives.js';
import { MAX_SLUG_LENGTH, hasSluggableText, slugify } from '../domain/slug.js';
import type { Job } from '../contract/jobs.js';
import { jobIdField } from '../jobs/fields.js';
import { brandIdField, presetIdField } from './fields.js';
import { galleryOutputFields, gallerySample } from './gallery-output.js';
import { fetchJob } from '../jobs/job-lookup.js';
import { Gallery, GalleryCreate } from '../contract/galleries.js';
import { brief, isStudioError, studioError } from '../api/errors.js';
import { describeJob, galleryLimitError } from './studio-errors.js';

const inputFields = defineInputFields([
  brandIdField,
  // No altersDynamicFields on Brand: the preset dropdown (list_presets) reads the chosen
  // brand from bundle.inputData each time it opens, and no other field depends on it.
  { ...presetIdField, helpText: `${presetIdField.helpText} Choose the Brand first: the list shows the presets for that brand.` },
  jobIdField(
    false,
    'Optional. The job the gallery is for: it is linked to the job, and takes the job’s name and event date unless you fill those in below.',
  ),
  {
    key: 'name',
    label: 'Gallery Name',
    type: 'string',
    required: false,
    helpText: 'The name the client sees, e.g. "Harper & Lee Wedding". Leave blank to use the job’s name (then a Job is required).',
  },
  {
    key: 'slug',
    label: 'URL Slug',
    type: 'string',
    required: false,
    helpText:
      'The end of the gallery’s web address, e.g. "harper-lee-wedding" (lower-case letters, digits and hyphens; other text is converted). ' +
      'Leave blank to make one from the name: if that one is already used in your studio, a number is added (-2, -3, …). ' +
      'A slug you type here is used exactly, so if it is already taken the step fails and nothing is created.',
  },
  {
    key: 'event_date',
    label: 'Event Date',
    type: 'datetime',
    required: false,
    helpText: 'The day of the wedding, session or event. Leave blank to use the job’s event date.',
  },
  {
    key: 'client_email',
    label: 'Client Email',
    type: 'string',
    required: false,
    helpText: 'The email address the gallery is shared with once it is published.',
  },
]);

const CreateGalleryInput = zod.object({
  brand_id: requiredChoice,
  preset_id: requiredChoice,
  job_id: optional(zod.string().trim()),
  name: optional(zod.string().trim().max(200, 'must be at most 200 characters')),
  slug: optional(
    zod
      .string()
      .trim()
      .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`)
      .refine(hasSluggableText, 'must contain letters or digits (a-z, 0-9)')
      .transform((typed) => slugify(typed)),
  ),
  event_date: optional(EventDateInput),
  client_email: optional(zod.string().trim().pipe(Email)),
});
type CreateGalleryInput = zod.output<typeof CreateGalleryInput>;

/**
 * The POST body. Slug conflicts, by choice: a slug the user typed is sent with
 * on_slug_conflict "error" (they asked for that address, so a taken one fails clearly instead
 * of silently becoming another address); a slug we made from the name is sent with "suffix",
 * so the API numbers it (-2, -3, …) and a Zap creating many "Smith Wedding"s never fails.
 */
function galleryCreateBody(z: ZObject, input: CreateGalleryInput, job: Job | null): GalleryCreate {
  const name = input.name ?? job?.name ?? '';
  const body: GalleryCreate = {
    name,
    slug: input.slug ?? slugify(name),
    brand_id: input.brand_id,
    preset_id: input.preset_id,
    event_date: input.event_date ?? job?.event_date ?? undefined,
    client_email: input.client_email,
    job_id: input.job_id,
    on_slug_conflict: input.slug ? 'error' : 'suffix',
  };
  parseInput(z, GalleryCreate, body, inputFields);
  return body;
}

function slugTakenError(z: ZObject, slug: string | undefined): Error {
  return studioError(
    z,
    `The URL slug "${brief(slug ?? '', 60)}" is already used by another gallery in your studio, so no gallery was created. ` +
      'Choose another URL Slug, or leave URL Slug blank to have a free one made from the name.',
    'slug_taken',
    409,
  );
}

async function perform(z: ZObject, bundle: { inputData: unknown }): Promise<Gallery> {
  const input = parseInput(z, CreateGalleryInput, bundle.inputData, inputFields);
  if (!input.name && !input.job_id) {
    throw studioError(
      z,
      'Check this step’s input. Gallery Name is empty and no Job is chosen, so there is no name for the gallery. ' +
        'Fill in Gallery Name, or choose a Job to use its name. Nothing was created.',
      'invalid_input',
    );
  }
  // No "job already has 10 galleries" check here: a replay of a step whose gallery is the
  // job's 10th must still get that gallery back, and only the API knows it is a replay.
  const job = input.job_id ? await fetchJob(z, input.job_id) : null;
  const body = galleryCreateBody(z, input, job);
  try {
    return await callApi(z, Gallery, {
      method: 'POST',
      path: '/v1/galleries',
      body,
      // The slug part is the one the user typed (null when defaulted): with the other parts it
      // determines the whole body, so a replayed step sends the same key and the same body.
      idempotencyKey: idempotencyKey(
        'gallery',
        body.brand_id,
        body.preset_id,
        body.job_id,
        body.name,
        input.slug,
        body.event_date,
        body.client_email,
      ),
      describe: 'gallery',
    });
  } catch (error) {
    if (isStudioError(error, 'slug_taken')) throw slugTakenError(z, body.slug);
    if (isStudioError(error, 'gallery_limit_reached') && job) throw galleryLimitError(z, describeJob(job.id, job.name));
    throw error;
  }
}

export default defineCreate({
  key: 'create_gallery',
  noun: 'Gallery',
  display: {
    label: 'Create Gallery',
    description: 'Creates a client gallery with a brand and preset, hidden until published, optionally linked to a job.',
  },
  operation: {
    inputFields,
    perform,
    sample: gallerySample,
    outputFields: galleryOutputFields,
  },
});
