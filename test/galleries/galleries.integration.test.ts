// The gallery steps against the sandbox's demo studio (Northlight Photography), as a studio
// owner's Zaps run them: create → link → find (with the live status) → unlink, replays that
// create nothing twice, numbered slugs, and the 10-galleries-per-job limit.
import { describe, expect, it } from '@jest/globals';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import createGallery from '../../src/galleries/create_gallery.js';
import findGallery from '../../src/galleries/find_gallery.js';
import linkGalleryToJob from '../../src/galleries/link_gallery_to_job.js';
import unlinkGalleryFromJob from '../../src/galleries/unlink_gallery_from_job.js';
import type { Gallery } from '../../src/contract/galleries.js';
import type { LinkResult } from '../../src/galleries/link_gallery_to_job.js';
import { failureOf, runOperation, type Step, useSandbox } from '../support/index.js';

const { brands, presets, jobs, galleries } = DEMO_IDS;
const sandbox = useSandbox();

const run = <T>(perform: Step, inputData: Record<string, unknown>) => runOperation<T>(perform, { authData: sandbox.authData, inputData });
const create = (inputData: Record<string, unknown>) => run<Gallery>(createGallery.operation.perform, inputData);
const link = (job_id: string, gallery_id: string) => run<LinkResult>(linkGalleryToJob.operation.perform, { job_id, gallery_id });
const unlink = (job_id: string, gallery_id: string) =>
  run<Record<string, unknown>>(unlinkGalleryFromJob.operation.perform, { job_id, gallery_id });
const find = (inputData: Record<string, unknown>) => run<Gallery[]>(findGallery.operation.perform, inputData);
/** The message a Zap builder sees when the step fails. */
const messageOf = async (step: Promise<unknown>) => (await failureOf(step)).message;
const weddingBrand = { brand_id: brands.weddings, preset_id: presets.weddingStory };
const familyBrand = { brand_id: brands.family, preset_id: presets.familyPrintShop };

/** Every gallery of the studio whose name contains `text`, straight from the API. */
async function galleriesNamed(text: string): Promise<Gallery[]> {
  const response = await sandbox.api('GET', `/v1/galleries?q=${encodeURIComponent(text)}&limit=100`);
  return response.body.data as Gallery[];
}

async function jobGalleryIds(jobId: string): Promise<string[]> {
  const response = await sandbox.api('GET', `/v1/jobs/${jobId}`);
  return (response.body.galleries as Gallery[]).map((g) => g.id);
}

describe('galleries against the sandbox', () => {
  it('creates a gallery, links it to a job, finds it with its live status, and unlinks it', async () => {
    const created = await create({ ...familyBrand, name: 'Sophie Clarke – Newborn at Home', client_email: 'sophie@clarke-family.example' });
    expect(created).toMatchObject({
      name: 'Sophie Clarke – Newborn at Home',
      slug: 'sophie-clarke-newborn-at-home',
      status: 'offline',
      image_count: 0,
      job_ids: [],
    });

    const linked = await link(jobs.clarkeNewborn, created.id);
    expect(linked).toMatchObject({ job_name: 'Clarke Newborn', gallery_name: created.name, already_linked: false, job_gallery_count: 1 });
    await expect(link(jobs.clarkeNewborn, created.id)).resolves.toMatchObject({ already_linked: true, job_gallery_count: 1 });

    await expect(find({ job_id: jobs.clarkeNewborn })).resolves.toEqual([
      expect.objectContaining({ id: created.id, status: 'offline', job_ids: [jobs.clarkeNewborn] }),
    ]);

    // Outside the CRM: images are uploaded and the gallery is published. Find Gallery sees it live.
    await sandbox.api('POST', `/_sandbox/galleries/${created.id}/images`, { count: 57 });
    await sandbox.api('POST', `/_sandbox/galleries/${created.id}/publish`);
    const [live] = await find({ name: 'sophie clarke – newborn at home' });
    expect(live).toMatchObject({ id: created.id, status: 'online', image_count: 57 });
    expect(live!.published_at).not.toBeNull();
    expect(live!.client_url).toBe(`https://${'galleries.sandbox.test'}/sophie-clarke-newborn-at-home`);

    await expect(unlink(jobs.clarkeNewborn, created.id)).resolves.toMatchObject({
      job_id: jobs.clarkeNewborn,
      gallery_id: created.id,
      unlinked: true,
    });
    await expect(find({ job_id: jobs.clarkeNewborn })).resolves.toEqual([]);
    expect(await messageOf(unlink(jobs.clarkeNewborn, created.id))).toMatch(
      /is not linked to job job_clarke_newborn, so there was nothing to unlink\. Check the Job and Gallery chosen in this step; nothing was changed\. Job “Clarke Newborn” has no galleries linked/,
    );
  });

  it('creates a gallery for a job with the job’s name and date, linked in the same step; a replay returns it and creates no second one', async () => {
    const input = { ...familyBrand, job_id: jobs.shahMaternity };
    const first = await create(input);
    expect(first).toMatchObject({
      name: 'Priya Shah Maternity',
      event_date: '2026-12-06',
      status: 'offline',
      job_ids: [jobs.shahMaternity],
    });
    // The demo already has a "priya-shah-maternity" gallery, so the defaulted slug is numbered.
    expect(first.slug).toBe('priya-shah-maternity-2');

    const replay = await create(input);
    expect(replay).toEqual(first);
    expect((await galleriesNamed('Priya Shah Maternity')).map((g) => g.id).sort()).toEqual([first.id, galleries.shahMaternity].sort());
    expect(await jobGalleryIds(jobs.shahMaternity)).toEqual([first.id]);
  });

  it('numbers a defaulted slug that is taken, and refuses a typed one with a clear message', async () => {
    const a = await create({ ...weddingBrand, name: 'Harbour Elopement' });
    const b = await create({ ...weddingBrand, name: 'Harbour Elopement', client_email: 'couple@example.com' });
    const c = await create({ ...weddingBrand, name: 'Harbour  Elopement!', client_email: 'other@example.com' });
    expect([a.slug, b.slug, c.slug]).toEqual(['harbour-elopement', 'harbour-elopement-2', 'harbour-elopement-3']);

    const before = (await galleriesNamed('Harbour')).length;
    expect(await messageOf(create({ ...weddingBrand, name: 'Harbour Elopement Two', slug: 'Harbour Elopement' }))).toMatch(
      /The URL slug "harbour-elopement" is already used by another gallery in your studio, so no gallery was created\. Choose another URL Slug, or leave URL Slug blank/,
    );
    expect(await galleriesNamed('Harbour')).toHaveLength(before);
  });

  it('allows 10 galleries on a job, and the 11th fails saying the limit and how to unlink', async () => {
    // The Hart wedding already has 2 galleries in the demo.
    const existing = (await jobGalleryIds(jobs.hartWedding)).length;
    for (let i = existing; i < 10; i += 1) {
      await create({ ...weddingBrand, job_id: jobs.hartWedding, name: `Amelia & Tom – Part ${i + 1}` });
    }
    expect(await jobGalleryIds(jobs.hartWedding)).toHaveLength(10);

    const extra = await create({ ...weddingBrand, name: 'Amelia & Tom – Extras' });
    expect(await messageOf(link(jobs.hartWedding, extra.id))).toMatch(
      /Job job_hart_wedding already has 10 galleries linked, and the limit is 10 per job\. Unlink a gallery first with the "Unlink Gallery From Job" action/,
    );
    expect(await messageOf(create({ ...weddingBrand, job_id: jobs.hartWedding, name: 'Amelia & Tom – One Too Many' }))).toMatch(
      /Job “Amelia & Tom Wedding” \(job_hart_wedding\) already has 10 galleries/,
    );
    expect(await galleriesNamed('One Too Many')).toEqual([]);

    // Unlinking one makes room; a gallery already on the full job links as a no-op.
    await expect(link(jobs.hartWedding, galleries.hartWedding)).resolves.toMatchObject({ already_linked: true, job_gallery_count: 10 });
    await unlink(jobs.hartWedding, galleries.hartEngagement);
    await expect(link(jobs.hartWedding, extra.id)).resolves.toMatchObject({ already_linked: false, job_gallery_count: 10 });
  });

  it('links again after an unlink, although the API remembers the first link under the same key', async () => {
    await link(jobs.brontePortraits, galleries.wilsonHeadshots);
    await unlink(jobs.brontePortraits, galleries.wilsonHeadshots);
    const relinked = await link(jobs.brontePortraits, galleries.wilsonHeadshots);
    expect(relinked).toMatchObject({ gallery_name: 'James Wilson Headshots', already_linked: false });
    expect(await jobGalleryIds(jobs.brontePortraits)).toContain(galleries.wilsonHeadshots);
  });

  it('finds the demo’s galleries by accent-free name, by typed slug and by id; nothing found is empty', async () => {
    await expect(find({ name: 'zoe bronte portraits' })).resolves.toEqual([
      expect.objectContaining({ id: galleries.brontePortraits, status: 'online', image_count: 42 }),
    ]);
    await expect(find({ slug: 'Amelia and Tom Engagement' })).resolves.toEqual([expect.objectContaining({ id: galleries.hartEngagement })]);
    await expect(find({ gallery_id: galleries.bennettFamily })).resolves.toEqual([
      expect.objectContaining({ name: 'Bennett Family Session' }),
    ]);
    await expect(find({ gallery_id: 'gal_does_not_exist' })).resolves.toEqual([]);
    await expect(find({ name: 'A Gallery Nobody Made' })).resolves.toEqual([]);
  });

  it('turns bad input into clear errors: unknown brand, another studio’s job or gallery, no name and no job', async () => {
    expect(await messageOf(create({ brand_id: 'brd_unknown', preset_id: presets.classic, name: 'Test' }))).toMatch(
      /brand_id \(no brand brd_unknown exists in this studio/,
    );

    const other = await sandbox.newStudio({ name: 'Elsewhere Studio' });
    const otherJob = 'job_hart_wedding';
    // The other studio is empty: the demo's job id means nothing there.
    expect(
      await messageOf(
        runOperation(createGallery.operation.perform, { authData: other.authData, inputData: { ...weddingBrand, job_id: otherJob } }),
      ),
    ).toMatch(/Studio has no job job_hart_wedding in the connected account/);
    expect(
      await messageOf(
        runOperation(linkGalleryToJob.operation.perform, {
          authData: other.authData,
          inputData: { job_id: otherJob, gallery_id: galleries.hartWedding },
        }),
      ),
    ).toBe(
      'Studio rejected the request: No job with id "job_hart_wedding" exists in this studio. Choose the job and the gallery from the dropdowns, or map IDs from an earlier step; IDs from another Studio account do not work here. Nothing was linked.',
    );
    expect(await messageOf(create({ ...weddingBrand, name: '' }))).toMatch(/Fill in Gallery Name, or choose a Job/);
  });
});
