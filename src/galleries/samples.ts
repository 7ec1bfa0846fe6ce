// Realistic galleries, brands and presets as the Studio API returns them (each parses with
// its schema: see test/hooks/samples.test.ts), and the gallery events: published, a visitor
// registered, the main client invited (the last two embed the gallery).
import type { GalleryInviteSentEvent, GalleryPublishedEvent, GalleryVisitorRegisteredEvent } from '../contract/hooks.js';
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

export const sampleGalleryVisitorRegisteredEvent = {
  id: 'evt_Vr5Hs1Kp8d',
  type: 'gallery.visitor_registered',
  created_at: '2026-07-03T20:14:52Z',
  data: {
    id: 'vis_6Qm3Ty9w',
    gallery_id: sampleGallery.id,
    email: 'grace.whitfield@example.com',
    first_name: 'Grace',
    last_name: 'Whitfield',
    registered_at: '2026-07-03T20:14:51Z',
    gallery: sampleGallery,
  },
} satisfies GalleryVisitorRegisteredEvent;

export const sampleGalleryInviteSentEvent = {
  id: 'evt_Is8Dn4Lc2v',
  type: 'gallery.invite_sent',
  created_at: '2026-07-02T16:06:03Z',
  data: {
    id: 'ginv_1Xe7Rb5k',
    gallery_id: sampleGallery.id,
    email: sampleGallery.client_email,
    first_name: 'Emma',
    last_name: 'Harper',
    sent_at: '2026-07-02T16:06:02Z',
    gallery: sampleGallery,
  },
} satisfies GalleryInviteSentEvent;
