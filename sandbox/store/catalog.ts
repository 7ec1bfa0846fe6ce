// Brands and gallery presets: the studio's catalogue a gallery is created with.
import type { Brand, GalleryPreset } from '../../src/contract/galleries.js';
import { newId, nowIso } from './ids.js';
import { prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';

interface BrandRow {
  id: string;
  name: string;
  domain: string | null;
}

interface PresetRow {
  id: string;
  name: string;
  description: string | null;
  brand_id: string | null;
}

export const brandResource = (row: BrandRow): Brand => ({ id: row.id, name: row.name, domain: row.domain });
export const presetResource = (row: PresetRow): GalleryPreset => ({
  id: row.id,
  name: row.name,
  description: row.description,
  brand_id: row.brand_id,
});

export function insertBrand(
  db: DatabaseSync,
  studioId: string,
  brand: { id?: string; name: string; domain: string | null; created_at?: string },
): Brand {
  const row = { id: brand.id ?? newId('brd'), name: brand.name, domain: brand.domain };
  prepared(db, 'INSERT INTO brands (studio_id, id, name, domain, created_at) VALUES (?, ?, ?, ?, ?)').run(
    studioId,
    row.id,
    row.name,
    row.domain,
    brand.created_at ?? nowIso(),
  );
  return brandResource(row);
}

export function insertPreset(
  db: DatabaseSync,
  studioId: string,
  preset: { id?: string; name: string; description: string | null; brand_id: string | null; created_at?: string },
): GalleryPreset {
  const row = { id: preset.id ?? newId('pst'), name: preset.name, description: preset.description, brand_id: preset.brand_id };
  prepared(db, 'INSERT INTO gallery_presets (studio_id, id, name, description, brand_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    studioId,
    row.id,
    row.name,
    row.description,
    row.brand_id,
    preset.created_at ?? nowIso(),
  );
  return presetResource(row);
}

export function findBrand(db: DatabaseSync, studioId: string, id: string): Brand | null {
  const row = prepared(db, 'SELECT id, name, domain FROM brands WHERE studio_id = ? AND id = ?').get(studioId, id) as BrandRow | undefined;
  return row ? brandResource(row) : null;
}

export function findPreset(db: DatabaseSync, studioId: string, id: string): GalleryPreset | null {
  const row = prepared(db, 'SELECT id, name, description, brand_id FROM gallery_presets WHERE studio_id = ? AND id = ?').get(
    studioId,
    id,
  ) as PresetRow | undefined;
  return row ? presetResource(row) : null;
}

export function listBrands(db: DatabaseSync, studioId: string, page: PageRequest): Page<Brand> {
  return keysetPage(db, { from: 'brands', sort: 'created_at', where: ['studio_id = ?'], params: [studioId] }, page, brandResource);
}

/** The studio's presets, or those that work with one brand (a preset without a brand works with every brand). */
export function listPresets(db: DatabaseSync, studioId: string, brandId: string | undefined, page: PageRequest): Page<GalleryPreset> {
  const where = ['studio_id = ?'];
  const params = [studioId];
  if (brandId) {
    where.push('(brand_id = ? OR brand_id IS NULL)');
    params.push(brandId);
  }
  return keysetPage(db, { from: 'gallery_presets', sort: 'created_at', where, params }, page, presetResource);
}
