// Unlink Gallery From Job: remove the link between a gallery and a job (the gallery itself
// stays). A gallery that is not linked to the job is an error that says so, because a silent
// success would hide a wrong job or gallery chosen in the step.
import { defineCreate, defineInputFields, type PlainOutputField, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi } from '../api/client.js';
import { parseInput, requiredChoice } from '../api/input.js';
import { Empty } from '../contract/primitives.js';
import { jobIdField } from '../jobs/fields.js';
import { galleryIdField } from './fields.js';
import { fetchJob } from '../jobs/job-lookup.js';
import { brief, studioError, studioErrorOf } from '../api/errors.js';

const inputFields = defineInputFields([
  jobIdField(true, 'The job to unlink the gallery from.'),
  galleryIdField(true, 'The gallery to unlink from the job. The gallery itself is kept; only the link is removed.'),
]);

const UnlinkInput = zod.object({ job_id: requiredChoice, gallery_id: requiredChoice });

export type UnlinkResult = {
  job_id: string;
  gallery_id: string;
  unlinked: true;
  unlinked_at: string;
};

/** "This job's galleries: A (gal_1), B (gal_2)." to help pick the right one; "" if unknown. */
async function linkedGalleriesHint(z: ZObject, jobId: string): Promise<string> {
  try {
    const job = await fetchJob(z, jobId);
    if (job.galleries.length === 0) return ` Job “${job.name}” has no galleries linked.`;
    return ` Job “${job.name}” has these galleries linked: ${job.galleries.map((g) => `${g.name} (${g.id})`).join(', ')}.`;
  } catch {
    return '';
  }
}

async function perform(z: ZObject, bundle: { inputData: unknown }): Promise<UnlinkResult> {
  const { job_id, gallery_id } = parseInput(z, UnlinkInput, bundle.inputData, inputFields);
  try {
    await callApi(z, Empty, {
      method: 'DELETE',
      path: `/v1/jobs/${encodeURIComponent(job_id)}/galleries/${encodeURIComponent(gallery_id)}`,
      describe: 'gallery unlink',
    });
  } catch (error) {
    const problem = studioErrorOf(error);
    if (problem?.code === 'link_not_found') {
      throw studioError(
        z,
        // The advice before the list of the job's galleries, which can be long (Zapier shows 250 characters).
        `Gallery ${brief(gallery_id, 40)} is not linked to job ${brief(job_id, 40)}, so there was nothing to unlink. ` +
          `Check the Job and Gallery chosen in this step; nothing was changed.${await linkedGalleriesHint(z, job_id)}`,
        'link_not_found',
        404,
      );
    }
    if (problem?.code === 'not_found') {
      throw studioError(
        z,
        `${problem.detail} Choose the job and the gallery from the dropdowns, or map IDs from an earlier step; ` +
          'IDs from another Studio account do not work here. Nothing was changed.',
        'not_found',
        404,
      );
    }
    throw error;
  }
  return { job_id, gallery_id, unlinked: true, unlinked_at: new Date().toISOString() };
}

const sample: UnlinkResult = { job_id: 'job_8m3xv1', gallery_id: 'gal_2h7kq9', unlinked: true, unlinked_at: '2026-05-09T16:40:12.000Z' };

const outputFields: PlainOutputField[] = [
  { key: 'job_id', label: 'Job ID', type: 'string' },
  { key: 'gallery_id', label: 'Gallery ID', type: 'string' },
  { key: 'unlinked', label: 'Unlinked', type: 'boolean' },
  { key: 'unlinked_at', label: 'Unlinked At', type: 'datetime' },
];

export default defineCreate({
  key: 'unlink_gallery_from_job',
  noun: 'Gallery Link',
  display: {
    label: 'Unlink Gallery From Job',
    description: 'Removes the link between a gallery and a job; the gallery itself is kept.',
  },
  operation: { inputFields, perform, sample, outputFields },
});
