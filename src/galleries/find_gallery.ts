// Find Gallery: a gallery by id, exact name, URL slug or job, with its live status
// (online/offline), image count and URLs, read fresh from Studio each time (HoneyBook's
// "sync"). Nothing found is an empty result, so a Zap can branch on it or create one.
import { defineInputFields, defineSearch, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, listPage } from '../api/client.js';
import { optional, parseInput } from '../api/input.js';
import type { PageOf } from '../contract/primitives.js';
import { slugify } from '../domain/slug.js';
import { jobIdField } from '../jobs/fields.js';
import { galleryFilterField } from './fields.js';
import { galleryOutputFields, gallerySample } from './gallery-output.js';
import { Gallery } from '../contract/galleries.js';
import { isStudioError, studioError } from '../api/errors.js';

const inputFields = defineInputFields([
  galleryFilterField(false, 'Find the gallery with this ID. Fill in at least one of Gallery, Gallery Name, URL Slug or Job.'),
  {
    key: 'name',
    label: 'Gallery Name',
    type: 'string',
    required: false,
    helpText:
      'The gallery’s full name; capitals, accents and extra spaces are ignored ("harper & lee wedding" finds "Harper & Lee Wedding").',
  },
  {
    key: 'slug',
    label: 'URL Slug',
    type: 'string',
    required: false,
    helpText: 'The end of the gallery’s web address, e.g. "harper-and-lee-wedding".',
  },
  jobIdField(false, 'Find the galleries linked to this job (newest first). Combine with Gallery Name to pick one of them.'),
]);

const optionalText = optional(zod.string().trim());
const FindGalleryInput = zod.object({ gallery_id: optionalText, name: optionalText, slug: optionalText, job_id: optionalText });
type FindGalleryInput = zod.output<typeof FindGalleryInput>;

/** Up to this many pages of 100 are read when searching by name. */
const MAX_PAGES = 5;

/** Names compared the way people mean them: case, accents and runs of spaces ignored. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

function matches(gallery: Gallery, input: FindGalleryInput): boolean {
  return (
    (!input.gallery_id || gallery.id === input.gallery_id) &&
    (!input.name || foldName(gallery.name) === foldName(input.name)) &&
    (!input.slug || gallery.slug === slugify(input.slug)) &&
    (!input.job_id || gallery.job_ids.includes(input.job_id))
  );
}

/** GET /v1/galleries/:id; a gallery that does not exist (or is another studio's) is null. */
async function galleryById(z: ZObject, id: string): Promise<Gallery | null> {
  try {
    return await callApi(z, Gallery, { path: `/v1/galleries/${encodeURIComponent(id)}`, describe: 'gallery' });
  } catch (error) {
    if (isStudioError(error, 'not_found')) return null;
    throw error;
  }
}

/** The list endpoint narrowed by slug, job and text `q`, every page up to MAX_PAGES. */
async function listedMatches(z: ZObject, input: FindGalleryInput, q: string | undefined): Promise<Gallery[]> {
  const found: Gallery[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result: PageOf<Gallery> = await listPage(z, Gallery, {
      path: '/v1/galleries',
      query: { slug: input.slug ? slugify(input.slug) : undefined, job_id: input.job_id, q },
      limit: 100,
      cursor,
      describe: 'list of galleries',
      // A gallery left out could make "create if not found" make a second one.
      everyRecord: true,
    }).catch((error: unknown) => {
      // A job id the studio does not have has no galleries.
      if (isStudioError(error, 'not_found')) return { data: [], next_cursor: null };
      throw error;
    });
    found.push(...result.data.filter((gallery) => matches(gallery, input)));
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return found;
}

async function galleriesFiltered(z: ZObject, input: FindGalleryInput): Promise<Gallery[]> {
  const found = await listedMatches(z, input, input.name);
  if (found.length > 0 || !input.name) return found;
  // The API's text search matches the name as typed (accents and spacing included) or the
  // slug: "zoe bronte" misses "Zoë Brontë" by name but finds it by its slug "zoe-bronte…".
  const slugText = slugify(input.name);
  return slugText === input.name ? [] : listedMatches(z, input, slugText);
}

async function perform(z: ZObject, bundle: { inputData: unknown }): Promise<Gallery[]> {
  const input = parseInput(z, FindGalleryInput, bundle.inputData, inputFields);
  if (!input.gallery_id && !input.name && !input.slug && !input.job_id) {
    throw studioError(z, 'Fill in at least one of Gallery, Gallery Name, URL Slug or Job to say which gallery to find.', 'invalid_input');
  }
  if (input.gallery_id) {
    const gallery = await galleryById(z, input.gallery_id);
    return gallery && matches(gallery, input) ? [gallery] : [];
  }
  return galleriesFiltered(z, input);
}

export default defineSearch({
  key: 'find_gallery',
  noun: 'Gallery',
  display: {
    label: 'Find Gallery',
    description: 'Finds a gallery by ID, name, URL slug or job, with its status (online or offline), image count and links.',
  },
  operation: {
    inputFields,
    perform,
    sample: gallerySample,
    outputFields: galleryOutputFields,
  },
});
