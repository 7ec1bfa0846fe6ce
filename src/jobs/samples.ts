// A realistic job as GET /v1/jobs/:id returns it, with the gallery linked to it, the studio's
// pipeline it moves through, and the events about it (created, moved into "Booked").
import { sampleContact } from '../contacts/samples.js';
import { sampleGallery } from '../galleries/samples.js';
import type { JobCreatedEvent, JobStageChangedEvent } from '../contract/hooks.js';
import type { Job, JobStage } from '../contract/jobs.js';

export const sampleJobStages = [
  { id: 'stg_inquiry', name: 'Inquiry', position: 0, status: 'lead' },
  { id: 'stg_proposal_sent', name: 'Proposal Sent', position: 1, status: 'lead' },
  { id: 'stg_booked', name: 'Booked', position: 2, status: 'booked' },
] satisfies JobStage[];

const [, proposalSent, booked] = sampleJobStages;

export const sampleJob = {
  id: 'job_5Rt7Wq2e',
  name: 'Emma & James Wedding',
  contact_id: sampleContact.id,
  status: 'booked',
  job_type: 'Wedding',
  event_date: '2026-06-20',
  stage: booked!,
  created_at: '2026-01-14T09:41:27Z',
  galleries: [sampleGallery],
} satisfies Job;

export const sampleJobCreatedEvent = {
  id: 'evt_Jc4Nq8Ws2k',
  type: 'job.created',
  created_at: sampleJob.created_at,
  data: { ...sampleJob, status: 'lead', stage: sampleJobStages[0]!, galleries: [], contact: sampleContact },
} satisfies JobCreatedEvent;

export const sampleJobStageChangedEvent = {
  id: 'evt_Js7Bk3Pz9m',
  type: 'job.stage_changed',
  created_at: '2026-01-20T11:02:40Z',
  data: {
    ...sampleJob,
    contact: sampleContact,
    change: { from_stage: proposalSent!, to_stage: booked!, changed_at: '2026-01-20T11:02:40Z' },
  },
} satisfies JobStageChangedEvent;
