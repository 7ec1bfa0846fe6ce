// Gallery, brand and preset fields, declared once and reused by the gallery operations.
import * as zod from 'zod';
import { optional } from '../api/input.js';
import { Id } from '../contract/primitives.js';

/** The Gallery field of an action or search, with Find Gallery as its search connector. */
export function galleryIdField<R extends boolean>(required: R, helpText: string) {
  return { ...galleryFilterField(required, helpText), search: 'find_gallery.id' } as const;
}

/** The Gallery field of a trigger's options (a trigger's fields take no search step), and of Find Gallery itself. */
export function galleryFilterField<R extends boolean>(required: R, helpText: string) {
  return {
    key: 'gallery_id',
    label: 'Gallery',
    type: 'string',
    required,
    dynamic: 'list_galleries.id.name',
    helpText,
  } as const;
}

export const brandIdField = {
  key: 'brand_id',
  label: 'Brand',
  type: 'string',
  required: true,
  dynamic: 'list_brands.id.name',
  helpText: 'The studio brand the gallery is shown under (logo, colours and domain).',
} as const;

export const presetIdField = {
  key: 'preset_id',
  label: 'Gallery Preset',
  type: 'string',
  required: true,
  dynamic: 'list_presets.id.name',
  helpText: 'The gallery preset to start from (download, store and privacy settings).',
} as const;

/** The options of a trigger about something that happens in a gallery: one gallery, or all. */
export const GalleryFilter = zod.object({ gallery_id: optional(Id) });
export const inGallery = (galleryId: string | null, options: zod.infer<typeof GalleryFilter>) =>
  !options.gallery_id || galleryId === options.gallery_id;
