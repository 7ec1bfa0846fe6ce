// Realistic galleries, brands and presets as the Studio API returns them (each parses with
// its schema: see test/galleries/samples.test.ts), and the gallery.published event.
import type { GalleryPublishedEvent } from '../contract/hooks.js';
import type { Brand, Gallery, GalleryPreset } from '../contract/galleries.js';

export const sampleBrand = {
  id: 'brd_N0rth1ght',
  name: 'Northlight Photography',
  domain: 'gallery.northlight.example',
} satisfies Brand;

export const samplePreset = {
  id: 'pst_Wed2026a',
  name: 'Wedding: Print Store and Downloads',
  description: 'Full-resolution downloads with a PIN, print store open for 90 days.',
  brand_id: null,
} satisfies GalleryPreset;

export const sampleGallery = {
  id: 'gal_3Vx8Lp2a',
  name: 'Emma & James Wedding',
  slug: 'emma-james-wedding',
  status: 'online',
  image_count: 412,
  brand_id: sampleBrand.id,
  preset_id: samplePreset.id,
  event_date: '2026-06-20',
  client_email: 'emma.harper@example.com',
  admin_url: 'https://app.studioplatform.app/galleries/gal_3Vx8Lp2a',
  client_url: 'https://gallery.northlight.example/emma-james-wedding',
  job_ids: ['job_5Rt7Wq2e'],
  published_at: '2026-07-02T16:05:11Z',
  created_at: '2026-06-24T08:12:40Z',
} satisfies Gallery;

export const sampleGalleryPublishedEvent = {
  id: 'evt_Gp7Lq2Zx9c',
  type: 'gallery.published',
  created_at: '2026-07-02T16:05:11Z',
  data: sampleGallery,
} satisfies GalleryPublishedEvent;
