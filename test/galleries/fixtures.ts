// Galleries and jobs as the Studio API returns them, for the nock tests of the gallery steps.
import type { Gallery } from '../../src/contract/galleries.js';
import type { Job } from '../../src/contract/jobs.js';

export { failureOf } from '../support/index.js';

export { API, authData, envelope, recordRequests } from '../support/api-mock.js';

export function aGallery(overrides: Partial<Gallery> = {}): Gallery {
  const id = overrides.id ?? 'gal_H4rp3rL33';
  const slug = overrides.slug ?? 'harper-and-lee-wedding';
  return {
    id,
    name: 'Harper & Lee Wedding',
    slug,
    status: 'offline',
    image_count: 0,
    brand_id: 'brd_N0rth1ght',
    preset_id: 'pst_Wed2026a',
    event_date: '2026-06-13',
    client_email: 'olivia.harper@example.com',
    admin_url: `https://app.studioplatform.app/galleries/${id}`,
    client_url: `https://gallery.northlight.example/${slug}`,
    job_ids: [],
    published_at: null,
    created_at: '2026-05-02T09:14:27Z',
    ...overrides,
  };
}

export function aJob(overrides: Partial<Job> = {}): Job {
  return {
    id: 'job_H4rp3r',
    name: 'Harper & Lee Wedding',
    contact_id: 'con_0l1v1a',
    status: 'booked',
    job_type: 'Wedding',
    event_date: '2026-06-13',
    stage: null,
    created_at: '2026-01-14T09:41:27Z',
    galleries: [],
    ...overrides,
  };
}
