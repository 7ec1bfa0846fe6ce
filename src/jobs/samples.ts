// A realistic job as GET /v1/jobs/:id returns it, with the gallery linked to it.
import { sampleContact } from '../contacts/samples.js';
import { sampleGallery } from '../galleries/samples.js';
import type { Job } from '../contract/jobs.js';

export const sampleJob = {
  id: 'job_5Rt7Wq2e',
  name: 'Emma & James Wedding',
  contact_id: sampleContact.id,
  status: 'booked',
  job_type: 'Wedding',
  event_date: '2026-06-20',
  created_at: '2026-01-14T09:41:27Z',
  galleries: [sampleGallery],
} satisfies Job;
