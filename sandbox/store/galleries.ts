// Galleries: list, get, create (always offline), and their links to jobs (at most 10 per
// job; linking twice is a no-op). Publishing, unpublishing and uploading images happen
// outside the CRM, so they live under /_sandbox (world/simulation.ts) and call the functions here.
import * as z from 'zod';
import { slugify } from '../../src/domain/slug.js';
import type { GalleryCreate, Gallery, GalleryLink } from '../../src/contract/galleries.js';
import { MAX_GALLERIES_PER_JOB } from '../../src/contract/jobs.js';
import { Id } from '../../src/contract/primitives.js';
import { findBrand, findPreset } from './catalog.js';
import { ApiError, invalid, notFound, type FieldProblem } from '../errors.js';
import { newId, nowIso } from './ids.js';
import { allRows, prepared, transaction, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';
import { likePattern } from './contacts.js';

export const LinkRequest = z.strictObject({ gallery_id: Id });

/** Where the studio manages galleries and where clients open them (brands may have their own domain). */
const ADMIN_BASE_URL = 'https://studio.sandbox.test/galleries';
const DEFAULT_CLIENT_DOMAIN = 'galleries.sandbox.test';

export interface GalleryRow {
  id: string;
  name: string;
  slug: string;
  status: 'online' | 'offline';
  image_count: number;
  brand_id: string;
  preset_id: string;
  event_date: string | null;
  client_email: string | null;
  published_at: string | null;
  created_at: string;
}

export const GALLERY_COLUMNS =
  'id, name, slug, status, image_count, brand_id, preset_id, event_date, client_email, published_at, created_at';

export function galleryResource(db: DatabaseSync, studioId: string, row: GalleryRow): Gallery {
  const domain = findBrand(db, studioId, row.brand_id)?.domain ?? DEFAULT_CLIENT_DOMAIN;
  const jobIds = prepared(db, 'SELECT job_id FROM job_galleries WHERE studio_id = ? AND gallery_id = ? ORDER BY seq').all(
    studioId,
    row.id,
  ) as Array<{
    job_id: string;
  }>;
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    status: row.status,
    image_count: row.image_count,
    brand_id: row.brand_id,
    preset_id: row.preset_id,
    event_date: row.event_date,
    client_email: row.client_email,
    admin_url: `${ADMIN_BASE_URL}/${encodeURIComponent(row.id)}`,
    client_url: `https://${domain}/${row.slug}`,
    job_ids: jobIds.map((link) => link.job_id),
    published_at: row.published_at,
    created_at: row.created_at,
  };
}

export function galleryRow(db: DatabaseSync, studioId: string, id: string): GalleryRow | null {
  return (
    (prepared(db, `SELECT ${GALLERY_COLUMNS} FROM galleries WHERE studio_id = ? AND id = ?`).get(studioId, id) as GalleryRow | undefined) ??
    null
  );
}

export function findGallery(db: DatabaseSync, studioId: string, id: string): Gallery | null {
  const row = galleryRow(db, studioId, id);
  return row ? galleryResource(db, studioId, row) : null;
}

export function getGallery(db: DatabaseSync, studioId: string, id: string): Gallery {
  const gallery = findGallery(db, studioId, id);
  if (!gallery) throw notFound('gallery', id);
  return gallery;
}

/** The galleries linked to a job, in the order they were linked. */
export function galleriesOfJob(db: DatabaseSync, studioId: string, jobId: string): Gallery[] {
  const rows = allRows<GalleryRow>(
    prepared(
      db,
      `SELECT ${GALLERY_COLUMNS.split(', ')
        .map((c) => `g.${c}`)
        .join(', ')} FROM job_galleries jg
     JOIN galleries g ON g.studio_id = jg.studio_id AND g.id = jg.gallery_id
     WHERE jg.studio_id = ? AND jg.job_id = ? ORDER BY jg.seq`,
    ),
    studioId,
    jobId,
  );
  return rows.map((row) => galleryResource(db, studioId, row));
}

export function insertGallery(db: DatabaseSync, studioId: string, gallery: Omit<GalleryRow, 'id'> & { id?: string }): GalleryRow {
  const row: GalleryRow = { ...gallery, id: gallery.id ?? newId('gal') };
  prepared(
    db,
    `INSERT INTO galleries (studio_id, id, name, slug, status, image_count, brand_id, preset_id, event_date, client_email, published_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    studioId,
    row.id,
    row.name,
    row.slug,
    row.status,
    row.image_count,
    row.brand_id,
    row.preset_id,
    row.event_date,
    row.client_email,
    row.published_at,
    row.created_at,
  );
  return row;
}

function slugTaken(db: DatabaseSync, studioId: string, slug: string): boolean {
  return prepared(db, 'SELECT 1 FROM galleries WHERE studio_id = ? AND slug = ?').get(studioId, slug) !== undefined;
}

/** `base`, or base-2, base-3, … : the first slug free in the studio (kept within 100 characters). */
function freeSlug(db: DatabaseSync, studioId: string, base: string): string {
  if (!slugTaken(db, studioId, base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 100 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!slugTaken(db, studioId, candidate)) return candidate;
  }
}

export function jobExists(db: DatabaseSync, studioId: string, jobId: string): boolean {
  return prepared(db, 'SELECT 1 FROM jobs WHERE studio_id = ? AND id = ?').get(studioId, jobId) !== undefined;
}

function linkCount(db: DatabaseSync, studioId: string, jobId: string): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM job_galleries WHERE studio_id = ? AND job_id = ?').get(studioId, jobId) as { n: number })
    .n;
}

function galleryLimitReached(jobId: string): ApiError {
  return new ApiError(
    409,
    'gallery_limit_reached',
    `Job ${jobId} already has ${MAX_GALLERIES_PER_JOB} galleries linked, the limit is ${MAX_GALLERIES_PER_JOB} per job. Unlink a gallery from the job first.`,
    { job_id: jobId, limit: MAX_GALLERIES_PER_JOB },
  );
}

/** Links a gallery to a job; a link that already exists is returned unchanged (created: false). */
export function linkGallery(
  db: DatabaseSync,
  studioId: string,
  jobId: string,
  galleryId: string,
  linkedAt = nowIso(),
  unlimited = false,
): GalleryLink {
  return transaction(db, () => {
    const existing = prepared(db, 'SELECT linked_at FROM job_galleries WHERE studio_id = ? AND job_id = ? AND gallery_id = ?').get(
      studioId,
      jobId,
      galleryId,
    ) as { linked_at: string } | undefined;
    if (existing) return { job_id: jobId, gallery_id: galleryId, linked_at: existing.linked_at, created: false };
    if (linkCount(db, studioId, jobId) >= MAX_GALLERIES_PER_JOB && !unlimited) throw galleryLimitReached(jobId);
    const seq = (
      prepared(db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM job_galleries WHERE studio_id = ?').get(studioId) as { seq: number }
    ).seq;
    prepared(db, 'INSERT INTO job_galleries (studio_id, job_id, gallery_id, linked_at, seq) VALUES (?, ?, ?, ?, ?)').run(
      studioId,
      jobId,
      galleryId,
      linkedAt,
      seq,
    );
    return { job_id: jobId, gallery_id: galleryId, linked_at: linkedAt, created: true };
  });
}

/** Sets a gallery online; true when it was offline (a publish happened), false when it already was online. */
export function publishGallery(db: DatabaseSync, studioId: string, id: string): { gallery: Gallery; published: boolean } {
  const row = galleryRow(db, studioId, id);
  if (!row) throw notFound('gallery', id);
  if (row.status === 'online') return { gallery: galleryResource(db, studioId, row), published: false };
  prepared(db, "UPDATE galleries SET status = 'online', published_at = ? WHERE studio_id = ? AND id = ?").run(nowIso(), studioId, id);
  return { gallery: getGallery(db, studioId, id), published: true };
}

export function unpublishGallery(db: DatabaseSync, studioId: string, id: string): Gallery {
  if (!galleryRow(db, studioId, id)) throw notFound('gallery', id);
  prepared(db, "UPDATE galleries SET status = 'offline' WHERE studio_id = ? AND id = ?").run(studioId, id);
  return getGallery(db, studioId, id);
}

export function addImages(db: DatabaseSync, studioId: string, id: string, count: number): Gallery {
  if (!galleryRow(db, studioId, id)) throw notFound('gallery', id);
  prepared(db, 'UPDATE galleries SET image_count = image_count + ? WHERE studio_id = ? AND id = ?').run(count, studioId, id);
  return getGallery(db, studioId, id);
}

export function createGallery(db: DatabaseSync, studioId: string, input: z.output<typeof GalleryCreate>): Gallery {
  return transaction(db, () => {
    const problems: FieldProblem[] = [];
    const brand = findBrand(db, studioId, input.brand_id);
    if (!brand)
      problems.push({ field: 'brand_id', message: `no brand ${input.brand_id} exists in this studio (GET /v1/brands lists them)` });
    const preset = findPreset(db, studioId, input.preset_id);
    if (!preset) {
      problems.push({
        field: 'preset_id',
        message: `no gallery preset ${input.preset_id} exists in this studio (GET /v1/gallery-presets lists them)`,
      });
    } else if (brand && preset.brand_id !== null && preset.brand_id !== brand.id) {
      problems.push({
        field: 'preset_id',
        message: `preset ${preset.id} belongs to another brand (${preset.brand_id}); choose a preset of brand ${brand.id}`,
      });
    }
    const jobId = input.job_id ?? null;
    if (jobId !== null && !jobExists(db, studioId, jobId))
      problems.push({ field: 'job_id', message: `no job ${jobId} exists in this studio` });
    if (problems.length > 0) throw invalid(problems);
    // Check the job's limit before creating anything: a gallery is never left half-linked.
    if (jobId !== null && linkCount(db, studioId, jobId) >= MAX_GALLERIES_PER_JOB) throw galleryLimitReached(jobId);

    let slug: string;
    if (input.slug !== undefined) {
      // A slug the caller chose: taken means 409 unless they asked for a suffix.
      if (slugTaken(db, studioId, input.slug) && (input.on_slug_conflict ?? 'error') === 'error') {
        throw new ApiError(
          409,
          'slug_taken',
          `The gallery URL slug "${input.slug}" is already used by another gallery in this studio. Choose another slug, or send on_slug_conflict "suffix" to get "${input.slug}-2".`,
          { slug: input.slug },
        );
      }
      slug = freeSlug(db, studioId, input.slug);
    } else {
      // A slug made from the name is ours to choose: always the first free one.
      slug = freeSlug(db, studioId, slugify(input.name));
    }
    const row = insertGallery(db, studioId, {
      name: input.name,
      slug,
      status: 'offline',
      image_count: 0,
      brand_id: input.brand_id,
      preset_id: input.preset_id,
      event_date: input.event_date ?? null,
      client_email: input.client_email ?? null,
      published_at: null,
      created_at: nowIso(),
    });
    if (jobId !== null) linkGallery(db, studioId, jobId, row.id);
    return galleryResource(db, studioId, row);
  });
}

/** Removes a gallery's link to a job; false when there was none. */
export function unlinkGallery(db: DatabaseSync, studioId: string, jobId: string, galleryId: string): boolean {
  return (
    prepared(db, 'DELETE FROM job_galleries WHERE studio_id = ? AND job_id = ? AND gallery_id = ?').run(studioId, jobId, galleryId)
      .changes > 0
  );
}

/** What GET /v1/galleries filters by (each one given narrows the list). */
export interface GalleryFilter {
  /** Part of the name or of the slug. */
  q?: string;
  status?: string;
  slug?: string;
  /** The galleries linked to this job. */
  jobId?: string;
}

export function listGalleries(db: DatabaseSync, studioId: string, filter: GalleryFilter, page: PageRequest): Page<Gallery> {
  const where = ['g.studio_id = ?'];
  const params: string[] = [studioId];
  let from = 'galleries g';
  if (filter.q !== undefined) {
    where.push("(g.name LIKE ? ESCAPE '\\' OR g.slug LIKE ? ESCAPE '\\')");
    params.push(likePattern(filter.q.trim()), likePattern(filter.q.trim().toLowerCase()));
  }
  if (filter.status !== undefined) {
    where.push('g.status = ?');
    params.push(filter.status);
  }
  if (filter.slug !== undefined) {
    where.push('g.slug = ?');
    params.push(filter.slug);
  }
  if (filter.jobId !== undefined) {
    // Start from the job's links (at most 10), not from every gallery of the studio.
    from = 'job_galleries jg CROSS JOIN galleries g ON g.studio_id = jg.studio_id AND g.id = jg.gallery_id';
    where.push('jg.studio_id = ?', 'jg.job_id = ?');
    params.push(studioId, filter.jobId);
  }
  return keysetPage(
    db,
    {
      from,
      select: GALLERY_COLUMNS.split(', ')
        .map((c) => `g.${c}`)
        .join(', '),
      sort: 'g.created_at',
      seq: 'g.seq',
      where,
      params,
    },
    page,
    (row: GalleryRow) => galleryResource(db, studioId, row),
  );
}

/** Every link of the studio's galleries to its jobs, with when it was made. */
export function jobGalleryLinks(db: DatabaseSync, studioId: string): Array<{ job_id: string; gallery_id: string; linked_at: string }> {
  return allRows(prepared(db, 'SELECT job_id, gallery_id, linked_at FROM job_galleries WHERE studio_id = ?'), studioId);
}
