// A confirmed wedding shoot, as GET /v1/shoots returns it: the client's latest confirmed shoot
// before the sample order, so the searches' and Import Order's samples tell one story.
import { sampleContact } from '../contacts/samples.js';
import { sampleJob } from '../jobs/samples.js';
import type { Shoot } from '../contract/shoots.js';

export const sampleShoot = {
  id: 'sht_2Bq7Yc4n',
  job_id: sampleJob.id,
  contact_id: sampleContact.id,
  title: 'Wedding day: ceremony and reception',
  status: 'confirmed',
  starts_at: '2026-06-20T13:00:00Z',
  ends_at: '2026-06-20T22:00:00Z',
  location: 'Kew Gardens, London',
  created_at: '2026-01-14T09:45:10Z',
} satisfies Shoot;
