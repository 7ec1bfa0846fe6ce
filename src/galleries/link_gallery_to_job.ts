// Link Gallery To Job: attach an existing gallery to a job (at most 10 per job). Linking a
// gallery that is already linked changes nothing and returns the link.
import { defineCreate, defineInputFields, type PlainOutputField, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApiDetailed } from '../api/client.js';
import { idempotencyKey } from '../api/idempotency.js';
import { parseInput, requiredChoice } from '../api/input.js';
import { jobIdField } from '../jobs/fields.js';
import type { Job } from '../contract/jobs.js';
import { galleryIdField } from './fields.js';
import { fetchJob } from '../jobs/job-lookup.js';
import { GalleryLink } from '../contract/galleries.js';
import { studioError, studioErrorOf } from '../api/errors.js';
import { describeJob, galleryLimitError } from './studio-errors.js';

const inputFields = defineInputFields([
  jobIdField(true, 'The job to link the gallery to. A job can have up to 10 galleries.'),
  galleryIdField(true, 'The gallery to link. Type part of its name to filter the list, or map a Gallery ID from an earlier step.'),
]);

const LinkInput = zod.object({ job_id: requiredChoice, gallery_id: requiredChoice });

export type LinkResult = {
  job_id: string;
  job_name: string;
  gallery_id: string;
  gallery_name: string | null;
  gallery_status: string | null;
  gallery_client_url: string | null;
  linked_at: string;
  /** True when the gallery was linked before this step ran (nothing changed). */
  already_linked: boolean;
  /** How many galleries the job has now, this one included. */
  job_gallery_count: number;
};

function postLink(z: ZObject, jobId: string, galleryId: string, withKey: boolean) {
  return callApiDetailed(z, GalleryLink, {
    method: 'POST',
    path: `/v1/jobs/${encodeURIComponent(jobId)}/galleries`,
    body: { gallery_id: galleryId },
    idempotencyKey: withKey ? idempotencyKey('gallery_link', jobId, galleryId) : undefined,
    describe: 'gallery link',
  });
}

/** Links, turning the API's limit and not-found answers into messages that say what to do. */
async function linkExplained(z: ZObject, jobId: string, galleryId: string, withKey: boolean) {
  try {
    return await postLink(z, jobId, galleryId, withKey);
  } catch (error) {
    const problem = studioErrorOf(error);
    if (problem?.code === 'gallery_limit_reached') throw galleryLimitError(z, describeJob(jobId));
    if (problem?.code === 'not_found') {
      throw studioError(
        z,
        `${problem.detail} Choose the job and the gallery from the dropdowns, or map IDs from an earlier step; ` +
          'IDs from another Studio account do not work here. Nothing was linked.',
        'not_found',
        404,
      );
    }
    throw error;
  }
}

async function perform(z: ZObject, bundle: { inputData: unknown }): Promise<LinkResult> {
  const { job_id, gallery_id } = parseInput(z, LinkInput, bundle.inputData, inputFields);
  let { data: link, replayed } = await linkExplained(z, job_id, gallery_id, true);
  let job: Job = await fetchJob(z, job_id);
  let gallery = job.galleries.find((g) => g.id === gallery_id);
  if (!gallery && replayed) {
    // The API replayed an earlier link of this pair, and the gallery has been unlinked since.
    // Link it for real: linking is a no-op when already linked, so no key is needed to be safe.
    ({ data: link, replayed } = await linkExplained(z, job_id, gallery_id, false));
    job = await fetchJob(z, job_id);
    gallery = job.galleries.find((g) => g.id === gallery_id);
  }
  return {
    job_id,
    job_name: job.name,
    gallery_id,
    gallery_name: gallery?.name ?? null,
    gallery_status: gallery?.status ?? null,
    gallery_client_url: gallery?.client_url ?? null,
    linked_at: link.linked_at,
    // A replayed answer is the first link's: the gallery was linked before this run.
    already_linked: !link.created || replayed,
    job_gallery_count: job.galleries.length,
  };
}

const sample: LinkResult = {
  job_id: 'job_8m3xv1',
  job_name: 'Harper & Lee Wedding',
  gallery_id: 'gal_2h7kq9',
  gallery_name: 'Harper & Lee Wedding',
  gallery_status: 'offline',
  gallery_client_url: 'https://gallery.northlight.example/harper-and-lee-wedding',
  linked_at: '2026-05-02T09:15:03Z',
  already_linked: false,
  job_gallery_count: 2,
};

const outputFields: PlainOutputField[] = [
  { key: 'job_id', label: 'Job ID', type: 'string' },
  { key: 'job_name', label: 'Job Name', type: 'string' },
  { key: 'gallery_id', label: 'Gallery ID', type: 'string' },
  { key: 'gallery_name', label: 'Gallery Name', type: 'string' },
  { key: 'gallery_status', label: 'Gallery Status (online or offline)', type: 'string' },
  { key: 'gallery_client_url', label: 'Gallery Client URL', type: 'string' },
  { key: 'linked_at', label: 'Linked At', type: 'datetime' },
  { key: 'already_linked', label: 'Was Already Linked', type: 'boolean' },
  { key: 'job_gallery_count', label: 'Galleries on the Job', type: 'integer' },
];

export default defineCreate({
  key: 'link_gallery_to_job',
  noun: 'Gallery Link',
  display: {
    label: 'Link Gallery To Job',
    description: 'Links an existing gallery to a job (up to 10 per job); linking it again changes nothing.',
  },
  operation: { inputFields, perform, sample, outputFields },
});
