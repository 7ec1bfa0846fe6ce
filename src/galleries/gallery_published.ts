// Gallery Published: a gallery went online for the client. Each publish is its own event (a
// gallery unpublished and published again fires again), so an item's id is the event's id.
import { defineTrigger } from 'zapier-platform-core';
import * as zod from 'zod';
import { pickOutputFields, prefixedOutputFields } from '../api/output-fields.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { galleryOutputFields } from './gallery-output.js';
import { sampleGalleryPublishedEvent } from './samples.js';

export function galleryPublishedItem(event: EventOf<'gallery.published'>) {
  const gallery = event.data;
  return {
    id: event.id,
    // The event carries the gallery as it was when published; the event time is the fallback.
    published_at: gallery.published_at ?? event.created_at,
    gallery_id: gallery.id,
    gallery_name: gallery.name,
    gallery_slug: gallery.slug,
    status: gallery.status,
    image_count: gallery.image_count,
    client_url: gallery.client_url,
    admin_url: gallery.admin_url,
    client_email: gallery.client_email,
    event_date: gallery.event_date,
    brand_id: gallery.brand_id,
    preset_id: gallery.preset_id,
    job_ids: gallery.job_ids,
    gallery_created_at: gallery.created_at,
  };
}

export default defineTrigger({
  key: 'gallery_published',
  noun: 'Gallery',
  display: {
    label: 'Gallery Published',
    description: 'Triggers when a gallery goes online for the client, including each time it is published again.',
  },
  operation: {
    ...restHook({
      event: 'gallery.published',
      label: 'Gallery Published',
      options: zod.object({}),
      toItem: (_z, event) => galleryPublishedItem(event),
    }),
    sample: galleryPublishedItem(sampleGalleryPublishedEvent),
    outputFields: [
      { key: 'id', label: 'Publish Event ID', type: 'string' },
      { key: 'published_at', label: 'Published At', type: 'datetime' },
      ...prefixedOutputFields('gallery_', pickOutputFields(galleryOutputFields, ['id', 'name', 'slug']), 'Gallery '),
      ...pickOutputFields(galleryOutputFields, [
        'status',
        'image_count',
        'client_url',
        'admin_url',
        'client_email',
        'event_date',
        'brand_id',
        'preset_id',
        'job_ids',
      ]),
      ...prefixedOutputFields('gallery_', pickOutputFields(galleryOutputFields, ['created_at']), 'Gallery '),
    ],
  },
});
