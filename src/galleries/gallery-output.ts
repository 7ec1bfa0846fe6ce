// What the gallery actions and the gallery search return: the gallery as the API has it,
// described once so Create Gallery and Find Gallery show the same fields with the same labels.
import type { PlainOutputField } from 'zapier-platform-core';
import { pickOutputFields, prefixedOutputFields } from '../api/output-fields.js';
import type { Gallery } from '../contract/galleries.js';

export const gallerySample: Gallery = {
  id: 'gal_2h7kq9',
  name: 'Harper & Lee Wedding',
  slug: 'harper-and-lee-wedding',
  status: 'offline',
  image_count: 0,
  brand_id: 'brd_N0rth1ght',
  preset_id: 'pst_Wed2026a',
  event_date: '2026-06-13',
  client_email: 'olivia.harper@example.com',
  admin_url: 'https://app.studioplatform.app/galleries/gal_2h7kq9',
  client_url: 'https://gallery.northlight.example/harper-and-lee-wedding',
  job_ids: ['job_8m3xv1'],
  published_at: null,
  created_at: '2026-05-02T09:14:27Z',
};

export const galleryOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Gallery ID', type: 'string' },
  { key: 'name', label: 'Gallery Name', type: 'string' },
  { key: 'slug', label: 'URL Slug', type: 'string' },
  { key: 'status', label: 'Status (online or offline)', type: 'string' },
  { key: 'image_count', label: 'Image Count', type: 'integer' },
  { key: 'brand_id', label: 'Brand ID', type: 'string' },
  { key: 'preset_id', label: 'Gallery Preset ID', type: 'string' },
  { key: 'event_date', label: 'Event Date', type: 'datetime' },
  { key: 'client_email', label: 'Client Email', type: 'string' },
  { key: 'admin_url', label: 'Admin URL', type: 'string' },
  { key: 'client_url', label: 'Client URL', type: 'string' },
  { key: 'job_ids', label: 'Linked Job IDs', type: 'string', list: true },
  { key: 'published_at', label: 'Published At', type: 'datetime' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
];

/**
 * What an item about something that happened in a gallery (an order, a visitor, an invite)
 * shows of the gallery its event embeds: null name and URL when it has none.
 */
export function galleryContextFields(galleryId: string | null, gallery: Gallery | null) {
  return {
    gallery_id: galleryId,
    gallery_name: gallery?.name ?? null,
    gallery_url: gallery?.client_url ?? null,
    job_ids: gallery?.job_ids ?? [],
  };
}

export const galleryContextOutputFields: PlainOutputField[] = [
  ...prefixedOutputFields('gallery_', pickOutputFields(galleryOutputFields, ['id', 'name']), 'Gallery '),
  { key: 'gallery_url', label: 'Gallery Client URL', type: 'string' },
  { key: 'job_ids', label: 'Job IDs (Linked to the Gallery)', type: 'string', list: true },
];
