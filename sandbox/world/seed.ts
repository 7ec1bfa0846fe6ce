// The demo studio, "Northlight Photography" (London, GBP, prices include tax): the same
// data with the same readable ids every time, so demos, samples and tests can rely on it.
// It is built to show every rule of the integration:
// - contacts matched by email (Amelia; Oliver with different letter case), by phone only
//   (Priya has no email), not matched across two emails (Zoë ordering with another email and
//   her national number is a new client), and two contacts with the same name (James Wilson
//   ×2) so a match by name alone is ambiguous;
// - jobs with confirmed, completed, enquiry and cancelled shoots (the latest *confirmed* one
//   on or before a date is what import_order links to);
// - galleries online (published, with images) and offline, linked to jobs or not;
// - orders at several tax rates: album 5% + canvas 10% with shared shipping, prints 20% + a
//   zero-rated photo book with a discount, shipping with its own 0% rate, awaiting payment;
// - payments, the first of each job marked is_first_payment;
// - jobs moved through the studio's pipeline (Inquiry → Proposal Sent → Booked → Shot →
//   Editing → Delivered, or Cancelled), each move a past event; past events for all of these.
// - visitors who registered to view the online galleries (one gave no name) and invites of
//   their main clients (Amelia's twice: a reminder); past events for each of these.
// seedScale adds N contacts and 10 × N orders for benchmarks, in one transaction (seedScaleSteps: in steps).
import type { Gallery, GalleryInvite, GalleryVisitor } from '../../src/contract/galleries.js';
import type { EventType } from '../../src/contract/hooks.js';
import type { Job } from '../../src/contract/jobs.js';
import type { Order } from '../../src/contract/orders.js';
import { insertBrand, insertPreset } from '../store/catalog.js';
import type { Contact } from '../../src/contract/contacts.js';
import { insertContact } from '../store/contacts.js';
import { eventData, insertEvent, storeEvent, type EventData, type EventResource } from '../events/events.js';
import { findGallery, jobGalleryLinks, insertGallery, linkGallery } from '../store/galleries.js';
import { findJobRow, insertJob, jobResource } from '../store/jobs.js';
import { findStage, STAGE_IDS } from '../store/job-stages.js';
import { insertOrder, studioTaxRounding } from '../store/orders.js';
import { reserveNumbers } from '../store/ids.js';
import { buildOrder, orderTotals, type OrderPlacement } from './orders.js';
import { insertPayment } from '../store/payments.js';
import { insertShoot } from '../store/shoots.js';
import { transaction, type DatabaseSync } from '../store/sqlite.js';
import { findStudio } from '../store/studios.js';
import { insertInvite, insertVisitor } from '../store/visitors.js';

export const DEMO_STUDIO = { name: 'Northlight Photography', country: 'GB', currency: 'GBP', timezone: 'Europe/London' } as const;

/** The demo's ids, for tests and docs that need one (every demo studio has the same ones). */
export const DEMO_IDS = {
  brands: { northlight: 'brd_northlight', weddings: 'brd_northlight_weddings', family: 'brd_little_north' },
  presets: {
    classic: 'pst_classic',
    weddingStory: 'pst_wedding_story',
    familyPrintShop: 'pst_family_print_shop',
    proofing: 'pst_proofing',
  },
  contacts: {
    amelia: 'con_amelia_hart',
    oliver: 'con_oliver_bennett',
    sophie: 'con_sophie_clarke',
    jamesWilson: 'con_james_wilson',
    jamesWilson2: 'con_james_wilson_2',
    zoe: 'con_zoe_bronte',
    priya: 'con_priya_shah',
    lucas: 'con_lucas_moreau',
  },
  jobs: {
    hartWedding: 'job_hart_wedding',
    bennettFamily: 'job_bennett_family',
    clarkeNewborn: 'job_clarke_newborn',
    wilsonHeadshots: 'job_wilson_headshots',
    wilsonEngagement: 'job_wilson_engagement',
    brontePortraits: 'job_bronte_portraits',
    shahMaternity: 'job_shah_maternity',
  },
  shoots: {
    hartEngagement: 'sht_hart_engagement',
    hartVenueVisit: 'sht_hart_venue_visit',
    hartWedding: 'sht_hart_wedding',
    bennettRainedOff: 'sht_bennett_rained_off',
    bennettFamily: 'sht_bennett_family',
    wilsonHeadshots: 'sht_wilson_headshots',
    wilsonEngagement: 'sht_wilson_engagement',
    brontePortraits: 'sht_bronte_portraits',
    clarkeConsultation: 'sht_clarke_consultation',
    shahMaternity: 'sht_shah_maternity',
  },
  galleries: {
    hartEngagement: 'gal_hart_engagement',
    hartWedding: 'gal_hart_wedding',
    bennettFamily: 'gal_bennett_family',
    brontePortraits: 'gal_bronte_portraits',
    shahMaternity: 'gal_shah_maternity',
    wilsonHeadshots: 'gal_wilson_headshots',
  },
  orders: {
    /** Album at 5% + canvas at 10%, shipping shared across both rates, paid. */
    hartAlbumCanvas: 'ord_hart_album_canvas',
    /** Prints at 20% + photo book at 0%, £10 discount, shipping shared, paid. */
    bennettPrints: 'ord_bennett_prints',
    /** Framed prints at 20%, shipping with its own 0% rate, paid. */
    bennettWallArt: 'ord_bennett_wall_art',
    /** Digital download at 20%, awaiting payment; Zoë's phone, another email: a new client. */
    bronteDownloads: 'ord_bronte_downloads',
    /** Prints at 20% by "James Wilson" with an email neither James Wilson has: a new client. */
    wilsonPrints: 'ord_wilson_prints',
  },
  payments: {
    hartDeposit: 'pay_hart_deposit',
    hartInstalment: 'pay_hart_instalment',
    bennettSession: 'pay_bennett_session',
    bronteDeposit: 'pay_bronte_deposit',
    shahDeposit: 'pay_shah_deposit',
  },
  visitors: {
    margaretBennett: 'vis_margaret_bennett',
    tomAshby: 'vis_tom_ashby',
    /** Registered with an email only. */
    unnamed: 'vis_bridesmaid',
    elodieMartin: 'vis_elodie_martin',
  },
  invites: {
    bennettFamily: 'ginv_bennett_family',
    hartEngagement: 'ginv_hart_engagement',
    /** Amelia invited again a week later. */
    hartEngagementReminder: 'ginv_hart_engagement_reminder',
    brontePortraits: 'ginv_bronte_portraits',
  },
} as const;

const ids = DEMO_IDS;

function seedCatalog(db: DatabaseSync, studioId: string): void {
  insertBrand(db, studioId, {
    id: ids.brands.northlight,
    name: 'Northlight Photography',
    domain: 'galleries.northlight.test',
    created_at: '2025-01-06T09:00:00.000Z',
  });
  insertBrand(db, studioId, {
    id: ids.brands.weddings,
    name: 'Northlight Weddings',
    domain: 'weddings.northlight.test',
    created_at: '2025-01-06T09:05:00.000Z',
  });
  insertBrand(db, studioId, { id: ids.brands.family, name: 'Little North Family', domain: null, created_at: '2025-02-14T11:00:00.000Z' });

  insertPreset(db, studioId, {
    id: ids.presets.classic,
    name: 'Classic',
    description: 'Clean white layout with a cover photo; downloads enabled.',
    brand_id: null,
    created_at: '2025-01-06T10:00:00.000Z',
  });
  insertPreset(db, studioId, {
    id: ids.presets.weddingStory,
    name: 'Wedding Story',
    description: 'A chapter per part of the day, with album proofing.',
    brand_id: ids.brands.weddings,
    created_at: '2025-01-06T10:05:00.000Z',
  });
  insertPreset(db, studioId, {
    id: ids.presets.familyPrintShop,
    name: 'Family Print Shop',
    description: 'Print store open; digital downloads at checkout.',
    brand_id: ids.brands.family,
    created_at: '2025-02-14T11:10:00.000Z',
  });
  insertPreset(db, studioId, {
    id: ids.presets.proofing,
    name: 'Proofing Only',
    description: 'Favourites and comments; no downloads.',
    brand_id: null,
    created_at: '2025-03-01T08:30:00.000Z',
  });
}

function seedContacts(db: DatabaseSync, studioId: string): Contact[] {
  const c = ids.contacts;
  const contacts: Array<[string, string, string, string | null, string | null, string]> = [
    [c.amelia, 'Amelia', 'Hart', 'amelia.hart@example.com', '+447700900101', '2026-02-11T10:15:00.000Z'],
    [c.oliver, 'Oliver', 'Bennett', 'oliver.bennett@example.co.uk', '+447700900102', '2026-06-02T16:40:00.000Z'],
    [c.sophie, 'Sophie', 'Clarke', 'sophie@clarke-family.example', null, '2026-06-20T09:05:00.000Z'],
    [c.jamesWilson, 'James', 'Wilson', 'james.wilson@example.com', '+447700900104', '2026-06-25T13:20:00.000Z'],
    [c.jamesWilson2, 'James', 'Wilson', 'jwilson.photos@example.net', '+447700900105', '2026-08-30T18:45:00.000Z'],
    [c.zoe, 'Zoë', 'Brontë', 'zoe.bronte@example.org', '+447700900106', '2026-09-04T12:00:00.000Z'],
    [c.priya, 'Priya', 'Shah', null, '+447700900107', '2026-10-12T15:30:00.000Z'],
    [c.lucas, 'Lucas', 'Moreau', 'lucas.moreau@example.fr', '+33612345678', '2026-11-02T08:10:00.000Z'],
  ];
  return contacts.map(([id, first_name, last_name, email, phone, created_at]) =>
    insertContact(db, studioId, { id, first_name, last_name, email, phone, created_at }),
  );
}

/**
 * How each demo job moved through the pipeline after it came in as an Inquiry: [job, stage it
 * moved into, when], oldest first. A job's last move is the stage it is in.
 */
const STAGE_MOVES: ReadonlyArray<[job: string, stage: string, at: string]> = [
  [ids.jobs.hartWedding, STAGE_IDS.proposalSent, '2026-02-12T09:00:00.000Z'],
  [ids.jobs.hartWedding, STAGE_IDS.booked, '2026-03-02T10:05:00.000Z'],
  [ids.jobs.bennettFamily, STAGE_IDS.booked, '2026-06-03T10:00:00.000Z'],
  [ids.jobs.clarkeNewborn, STAGE_IDS.proposalSent, '2026-06-21T10:00:00.000Z'],
  [ids.jobs.wilsonHeadshots, STAGE_IDS.booked, '2026-06-26T09:30:00.000Z'],
  [ids.jobs.wilsonHeadshots, STAGE_IDS.cancelled, '2026-07-01T16:00:00.000Z'],
  [ids.jobs.bennettFamily, STAGE_IDS.shot, '2026-08-16T12:00:00.000Z'],
  [ids.jobs.bennettFamily, STAGE_IDS.editing, '2026-08-17T08:00:00.000Z'],
  [ids.jobs.bennettFamily, STAGE_IDS.delivered, '2026-08-20T18:05:00.000Z'],
  [ids.jobs.wilsonEngagement, STAGE_IDS.booked, '2026-09-02T09:00:00.000Z'],
  [ids.jobs.brontePortraits, STAGE_IDS.booked, '2026-10-01T14:30:00.000Z'],
  [ids.jobs.brontePortraits, STAGE_IDS.delivered, '2026-10-23T17:20:00.000Z'],
  [ids.jobs.shahMaternity, STAGE_IDS.booked, '2026-11-15T11:10:00.000Z'],
];

/** The stage a demo job is in now: where its last move took it. */
function currentStage(jobId: string): string {
  return STAGE_MOVES.filter(([job]) => job === jobId).at(-1)?.[1] ?? STAGE_IDS.inquiry;
}

/**
 * The jobs' past as events: each came in as an Inquiry (job.created, before any gallery was
 * linked), then moved stage by stage (job.stage_changed), the job as it stood after each move.
 */
function seedJobEvents(db: DatabaseSync, studioId: string, past: ReturnType<typeof pastEvents>): void {
  const stageOf = (id: string) => findStage(db, studioId, id)!;
  const stages = new Map<string, string>();
  for (const id of Object.values(ids.jobs)) {
    const job = jobResource(db, studioId, findJobRow(db, studioId, id)!);
    const inquiry = stageOf(STAGE_IDS.inquiry);
    stages.set(id, inquiry.id);
    const created = { ...job, status: inquiry.status, stage: inquiry, galleries: [] };
    past('job.created', created, `evt_${id}_created`, job.created_at);
  }
  for (const [id, stageId, at] of STAGE_MOVES) {
    const job = jobResource(db, studioId, findJobRow(db, studioId, id)!);
    const [from, to] = [stageOf(stages.get(id)!), stageOf(stageId)];
    stages.set(id, stageId);
    const moved = { ...job, status: to.status, stage: to };
    past('job.stage_changed', { ...moved, change: { from_stage: from, to_stage: to, changed_at: at } }, `evt_${id}_${stageId}`, at);
  }
}

function seedJobsAndShoots(db: DatabaseSync, studioId: string): void {
  const c = ids.contacts;
  const j = ids.jobs;
  const s = ids.shoots;
  insertJob(db, studioId, {
    id: j.hartWedding,
    stage_id: currentStage(j.hartWedding),
    name: 'Amelia & Tom Wedding',
    contact_id: c.amelia,
    status: 'booked',
    job_type: 'Wedding',
    event_date: '2027-06-19',
    created_at: '2026-02-11T10:30:00.000Z',
  });
  insertJob(db, studioId, {
    id: j.bennettFamily,
    stage_id: currentStage(j.bennettFamily),
    name: 'Bennett Family Session',
    contact_id: c.oliver,
    status: 'completed',
    job_type: 'Family',
    event_date: '2026-08-16',
    created_at: '2026-06-02T16:45:00.000Z',
  });
  insertJob(db, studioId, {
    id: j.clarkeNewborn,
    stage_id: currentStage(j.clarkeNewborn),
    name: 'Clarke Newborn',
    contact_id: c.sophie,
    status: 'lead',
    job_type: 'Newborn',
    event_date: null,
    created_at: '2026-06-20T09:10:00.000Z',
  });
  insertJob(db, studioId, {
    id: j.wilsonHeadshots,
    stage_id: currentStage(j.wilsonHeadshots),
    name: 'James Wilson Headshots',
    contact_id: c.jamesWilson,
    status: 'cancelled',
    job_type: 'Headshots',
    event_date: '2026-07-03',
    created_at: '2026-06-25T13:25:00.000Z',
  });
  insertJob(db, studioId, {
    id: j.wilsonEngagement,
    stage_id: currentStage(j.wilsonEngagement),
    name: 'James Wilson & Ella Engagement',
    contact_id: c.jamesWilson2,
    status: 'booked',
    job_type: 'Engagement',
    event_date: '2026-11-29',
    created_at: '2026-08-30T18:50:00.000Z',
  });
  insertJob(db, studioId, {
    id: j.brontePortraits,
    stage_id: currentStage(j.brontePortraits),
    name: 'Zoë Brontë Portraits',
    contact_id: c.zoe,
    status: 'completed',
    job_type: 'Portrait',
    event_date: '2026-10-18',
    created_at: '2026-09-04T12:10:00.000Z',
  });
  insertJob(db, studioId, {
    id: j.shahMaternity,
    stage_id: currentStage(j.shahMaternity),
    name: 'Priya Shah Maternity',
    contact_id: c.priya,
    status: 'booked',
    job_type: 'Maternity',
    event_date: '2026-12-06',
    created_at: '2026-10-12T15:35:00.000Z',
  });

  const shoot = (
    id: string,
    job_id: string,
    contact_id: string,
    title: string,
    status: 'enquiry' | 'confirmed' | 'completed' | 'cancelled',
    starts_at: string,
    hours: number,
    location: string,
    created_at: string,
  ) =>
    insertShoot(db, studioId, {
      id,
      job_id,
      contact_id,
      title,
      status,
      starts_at,
      ends_at: new Date(Date.parse(starts_at) + hours * 3_600_000).toISOString(),
      location,
      created_at,
    });
  shoot(
    s.hartEngagement,
    j.hartWedding,
    c.amelia,
    'Engagement shoot',
    'confirmed',
    '2026-10-04T13:00:00.000Z',
    2,
    'Hampstead Heath, London',
    '2026-02-11T10:35:00.000Z',
  );
  shoot(
    s.hartVenueVisit,
    j.hartWedding,
    c.amelia,
    'Venue walkthrough',
    'cancelled',
    '2026-11-14T10:00:00.000Z',
    1,
    'Fennes, Braintree',
    '2026-09-01T09:00:00.000Z',
  );
  shoot(
    s.hartWedding,
    j.hartWedding,
    c.amelia,
    'Wedding day',
    'confirmed',
    '2027-06-19T10:00:00.000Z',
    10,
    'Fennes, Braintree',
    '2026-02-11T10:40:00.000Z',
  );
  shoot(
    s.bennettRainedOff,
    j.bennettFamily,
    c.oliver,
    'Family session (rained off)',
    'cancelled',
    '2026-08-09T09:00:00.000Z',
    2,
    'Richmond Park, London',
    '2026-06-02T16:50:00.000Z',
  );
  shoot(
    s.bennettFamily,
    j.bennettFamily,
    c.oliver,
    'Family session',
    'completed',
    '2026-08-16T09:00:00.000Z',
    2,
    'Richmond Park, London',
    '2026-08-09T12:00:00.000Z',
  );
  shoot(
    s.wilsonHeadshots,
    j.wilsonHeadshots,
    c.jamesWilson,
    'Studio headshots',
    'cancelled',
    '2026-07-03T14:00:00.000Z',
    1,
    'Northlight Studio, Shoreditch',
    '2026-06-25T13:30:00.000Z',
  );
  shoot(
    s.wilsonEngagement,
    j.wilsonEngagement,
    c.jamesWilson2,
    'Engagement shoot',
    'confirmed',
    '2026-11-29T15:00:00.000Z',
    2,
    'Borough Market, London',
    '2026-08-30T18:55:00.000Z',
  );
  shoot(
    s.brontePortraits,
    j.brontePortraits,
    c.zoe,
    'Portrait session',
    'confirmed',
    '2026-10-18T11:00:00.000Z',
    2,
    'Northlight Studio, Shoreditch',
    '2026-09-04T12:15:00.000Z',
  );
  shoot(
    s.clarkeConsultation,
    j.clarkeNewborn,
    c.sophie,
    'Newborn consultation',
    'enquiry',
    '2026-12-02T10:00:00.000Z',
    1,
    'Video call',
    '2026-06-20T09:15:00.000Z',
  );
  shoot(
    s.shahMaternity,
    j.shahMaternity,
    c.priya,
    'Maternity session',
    'confirmed',
    '2026-12-06T10:30:00.000Z',
    2,
    'Kew Gardens, London',
    '2026-10-12T15:40:00.000Z',
  );
}

function seedGalleries(db: DatabaseSync, studioId: string): void {
  const g = ids.galleries;
  const b = ids.brands;
  const p = ids.presets;
  const gallery = (
    id: string,
    name: string,
    slug: string,
    brand_id: string,
    preset_id: string,
    event_date: string | null,
    client_email: string | null,
    image_count: number,
    published_at: string | null,
    online: boolean,
    created_at: string,
  ) =>
    insertGallery(db, studioId, {
      id,
      name,
      slug,
      status: online ? 'online' : 'offline',
      image_count,
      brand_id,
      preset_id,
      event_date,
      client_email,
      published_at,
      created_at,
    });
  gallery(
    g.bennettFamily,
    'Bennett Family Session',
    'bennett-family-session',
    b.family,
    p.familyPrintShop,
    '2026-08-16',
    'oliver.bennett@example.co.uk',
    86,
    '2026-08-20T18:00:00.000Z',
    true,
    '2026-08-17T08:00:00.000Z',
  );
  gallery(
    g.wilsonHeadshots,
    'James Wilson Headshots',
    'james-wilson-headshots',
    b.northlight,
    p.proofing,
    '2026-07-03',
    'james.wilson@example.com',
    12,
    '2026-06-30T09:00:00.000Z',
    false,
    '2026-06-29T17:00:00.000Z',
  );
  gallery(
    g.hartEngagement,
    'Amelia & Tom – Engagement',
    'amelia-and-tom-engagement',
    b.weddings,
    p.weddingStory,
    '2026-10-04',
    'amelia.hart@example.com',
    148,
    '2026-10-09T09:30:00.000Z',
    true,
    '2026-10-05T10:00:00.000Z',
  );
  gallery(
    g.brontePortraits,
    'Zoë Brontë Portraits',
    'zoe-bronte-portraits',
    b.northlight,
    p.classic,
    '2026-10-18',
    'zoe.bronte@example.org',
    42,
    '2026-10-23T17:15:00.000Z',
    true,
    '2026-10-19T09:00:00.000Z',
  );
  gallery(
    g.shahMaternity,
    'Priya Shah Maternity',
    'priya-shah-maternity',
    b.family,
    p.familyPrintShop,
    '2026-12-06',
    null,
    0,
    null,
    false,
    '2026-11-16T12:00:00.000Z',
  );
  gallery(
    g.hartWedding,
    'Amelia & Tom – Wedding',
    'amelia-and-tom-wedding',
    b.weddings,
    p.weddingStory,
    '2027-06-19',
    'amelia.hart@example.com',
    0,
    null,
    false,
    '2026-11-20T09:45:00.000Z',
  );

  linkGallery(db, studioId, ids.jobs.bennettFamily, g.bennettFamily, '2026-08-17T08:01:00.000Z');
  linkGallery(db, studioId, ids.jobs.wilsonHeadshots, g.wilsonHeadshots, '2026-06-29T17:01:00.000Z');
  linkGallery(db, studioId, ids.jobs.hartWedding, g.hartEngagement, '2026-10-05T10:01:00.000Z');
  linkGallery(db, studioId, ids.jobs.brontePortraits, g.brontePortraits, '2026-10-19T09:01:00.000Z');
  linkGallery(db, studioId, ids.jobs.hartWedding, g.hartWedding, '2026-11-20T09:46:00.000Z');
}

/** The demo's orders, oldest first (their numbers follow this order). */
function demoOrders(currency: string): Array<{ id: string; placement: OrderPlacement }> {
  const o = ids.orders;
  const g = ids.galleries;
  return [
    {
      id: o.bennettPrints,
      placement: {
        gallery_id: g.bennettFamily,
        placed_at: '2026-08-27T08:15:00.000Z',
        currency,
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'Oliver.Bennett@example.co.uk', first_name: 'Oliver', last_name: 'Bennett', phone: '+44 7700 900102' },
        lines: [
          { description: 'Fine art print 8×10"', quantity: 3, unit_price: 2500, tax_rate: '20' },
          { description: 'Hardback photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
          { description: 'Digital download – full gallery', quantity: 1, unit_price: 12000, tax_rate: '20' },
        ],
        discount: 1000,
        shipping: { amount: 495, tax_rate: null },
      },
    },
    {
      id: o.bennettWallArt,
      placement: {
        gallery_id: g.bennettFamily,
        placed_at: '2026-09-14T12:30:00.000Z',
        currency,
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'oliver.bennett@example.co.uk', first_name: 'Oliver', last_name: 'Bennett', phone: null },
        lines: [
          { description: 'Framed print 16×20"', quantity: 2, unit_price: 8900, tax_rate: '20' },
          { description: 'Greeting cards (pack of 10)', quantity: 1, unit_price: 1800, tax_rate: '20' },
        ],
        shipping: { amount: 795, tax_rate: '0' },
      },
    },
    {
      id: o.bronteDownloads,
      placement: {
        gallery_id: g.brontePortraits,
        placed_at: '2026-10-25T21:03:00.000Z',
        currency,
        prices_include_tax: true,
        payment_status: 'awaiting_payment',
        client: { email: 'zoe.b@example.net', first_name: 'Zoe', last_name: 'Bronte', phone: '07700 900106' },
        lines: [{ description: 'Digital download – 10 images', quantity: 1, unit_price: 9500, tax_rate: '20' }],
      },
    },
    {
      id: o.hartAlbumCanvas,
      placement: {
        gallery_id: g.hartEngagement,
        placed_at: '2026-11-10T19:42:00.000Z',
        currency,
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart', phone: '+447700900101' },
        lines: [
          { description: 'Heirloom album 10×10" (30 pages)', quantity: 1, unit_price: 45000, tax_rate: '5' },
          { description: 'Canvas 24×16"', quantity: 1, unit_price: 18000, tax_rate: '10' },
        ],
        shipping: { amount: 1500, tax_rate: null },
      },
    },
    {
      id: o.wilsonPrints,
      placement: {
        gallery_id: g.wilsonHeadshots,
        placed_at: '2026-11-18T10:05:00.000Z',
        currency,
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'james.w@example.org', first_name: 'James', last_name: 'Wilson', phone: null },
        lines: [{ description: 'Print 6×4"', quantity: 10, unit_price: 300, tax_rate: '20' }],
      },
    },
  ];
}

function seedOrders(db: DatabaseSync, studioId: string, currency: string): Order[] {
  return demoOrders(currency).map(({ id, placement }) => {
    const order = buildOrder(db, studioId, placement, { id });
    insertOrder(db, studioId, order);
    return order;
  });
}

function seedPayments(db: DatabaseSync, studioId: string, currency: string) {
  const p = ids.payments;
  const j = ids.jobs;
  const c = ids.contacts;
  const payments: Array<[string, string, string, number, string, string]> = [
    [p.hartDeposit, j.hartWedding, c.amelia, 50000, 'card', '2026-03-02T10:00:00.000Z'],
    [p.bennettSession, j.bennettFamily, c.oliver, 29500, 'card', '2026-07-20T19:12:00.000Z'],
    [p.hartInstalment, j.hartWedding, c.amelia, 75000, 'bank_transfer', '2026-09-01T08:00:00.000Z'],
    [p.bronteDeposit, j.brontePortraits, c.zoe, 9500, 'card', '2026-10-01T14:22:00.000Z'],
    [p.shahDeposit, j.shahMaternity, c.priya, 12000, 'card', '2026-11-15T11:05:00.000Z'],
  ];
  return payments.map(([id, job_id, contact_id, amount, method, received_at]) =>
    insertPayment(db, studioId, { id, job_id, contact_id, amount, currency, method, received_at }),
  );
}

function seedVisitorsAndInvites(db: DatabaseSync, studioId: string): { visitors: GalleryVisitor[]; invites: GalleryInvite[] } {
  const g = ids.galleries;
  const v = ids.visitors;
  const i = ids.invites;
  const visitors: Array<[string, string, string, string | null, string | null, string]> = [
    [v.margaretBennett, g.bennettFamily, 'margaret.bennett@example.co.uk', 'Margaret', 'Bennett', '2026-08-21T10:12:00.000Z'],
    [v.tomAshby, g.hartEngagement, 'tom.ashby@example.com', 'Tom', 'Ashby', '2026-10-09T12:40:00.000Z'],
    [v.unnamed, g.hartEngagement, 'lucy.bridesmaid@example.com', null, null, '2026-10-10T20:05:00.000Z'],
    [v.elodieMartin, g.brontePortraits, 'élodie.martin@example.fr', 'Élodie', 'Martin', '2026-10-24T08:30:00.000Z'],
  ];
  const invites: Array<[string, string, string, string, string, string]> = [
    [i.bennettFamily, g.bennettFamily, 'oliver.bennett@example.co.uk', 'Oliver', 'Bennett', '2026-08-20T18:01:00.000Z'],
    [i.hartEngagement, g.hartEngagement, 'amelia.hart@example.com', 'Amelia', 'Hart', '2026-10-09T09:31:00.000Z'],
    [i.hartEngagementReminder, g.hartEngagement, 'amelia.hart@example.com', 'Amelia', 'Hart', '2026-10-16T10:00:00.000Z'],
    [i.brontePortraits, g.brontePortraits, 'zoe.bronte@example.org', 'Zoë', 'Brontë', '2026-10-23T17:16:00.000Z'],
  ];
  return {
    visitors: visitors.map(([id, gallery_id, email, first_name, last_name, registered_at]) =>
      insertVisitor(db, studioId, { id, gallery_id, email, first_name, last_name, registered_at }),
    ),
    invites: invites.map(([id, gallery_id, email, first_name, last_name, sent_at]) =>
      insertInvite(db, studioId, { id, gallery_id, email, first_name, last_name, sent_at }),
    ),
  };
}

/**
 * Stores the demo's past events with their records embedded as they were at the time, as far
 * as the demo's data tells: links to jobs or galleries made later are left out, a gallery
 * published later was still offline, and a publish event shows its gallery online. An event
 * type without a rule here embeds its records as seeded.
 */
function pastEvents(db: DatabaseSync, studioId: string) {
  const links = jobGalleryLinks(db, studioId);
  const linked = (jobId: string, galleryId: string, at: string) =>
    links.some((l) => l.job_id === jobId && l.gallery_id === galleryId && l.linked_at <= at);
  const gallery = (g: Gallery, at: string): Gallery => ({
    ...g,
    job_ids: g.job_ids.filter((jobId) => linked(jobId, g.id, at)),
    ...(g.published_at === null || g.published_at > at ? { status: 'offline', published_at: null } : {}),
  });
  const job = (j: Job, at: string): Job => ({
    ...j,
    galleries: j.galleries.filter((g) => linked(j.id, g.id, at)).map((g) => gallery(g, at)),
  });
  const then: { [T in EventType]?: (data: EventData<T>, at: string) => EventData<T> } = {
    'order.created': (data, at) => ({ ...data, gallery: data.gallery && gallery(data.gallery, at) }),
    'gallery.published': (data, at) => ({ ...gallery(data, at), status: 'online' }),
    'payment.received': (data, at) => ({ ...data, job: data.job && job(data.job, at) }),
    'gallery.visitor_registered': (data, at) => ({ ...data, gallery: data.gallery && gallery(data.gallery, at) }),
    'gallery.invite_sent': (data, at) => ({ ...data, gallery: data.gallery && gallery(data.gallery, at) }),
  };
  return <T extends EventType>(type: T, resource: EventResource<T>, id: string, at: string) => {
    const now = eventData(db, studioId, type, resource);
    const rewind = then[type] as ((data: EventData<T>, at: string) => EventData<T>) | undefined;
    storeEvent(db, studioId, type, rewind ? rewind(now, at) : now, { id, createdAt: at });
  };
}

/** Fills an empty studio with the demo data (inside the caller's transaction, or its own). */
export function seedDemo(db: DatabaseSync, studioId: string): void {
  const studio = findStudio(db, studioId);
  if (!studio) throw new Error(`No studio ${studioId} to seed`);
  transaction(db, () => {
    seedCatalog(db, studioId);
    const contacts = seedContacts(db, studioId);
    seedJobsAndShoots(db, studioId);
    seedGalleries(db, studioId);
    const orders = seedOrders(db, studioId, studio.currency);
    const payments = seedPayments(db, studioId, studio.currency);
    const { visitors, invites } = seedVisitorsAndInvites(db, studioId);

    // The past as events, so polling triggers and samples have items to show.
    const past = pastEvents(db, studioId);
    for (const contact of contacts) past('contact.created', contact, `evt_${contact.id}_created`, contact.created_at);
    seedJobEvents(db, studioId, past);
    for (const order of orders) past('order.created', order, `evt_${order.id}`, order.placed_at);
    for (const id of Object.values(ids.galleries)) {
      const gallery = findGallery(db, studioId, id);
      if (gallery?.published_at) past('gallery.published', gallery, `evt_${id}_published`, gallery.published_at);
    }
    for (const payment of payments) past('payment.received', payment, `evt_${payment.id}`, payment.received_at);
    for (const visitor of visitors) past('gallery.visitor_registered', visitor, `evt_${visitor.id}`, visitor.registered_at);
    for (const invite of invites) past('gallery.invite_sent', invite, `evt_${invite.id}`, invite.sent_at);
  });
}

// ---- scale: N contacts and 10 × N orders, for benchmarks ----

const SCALE_FIRST_NAMES = [
  'Ava',
  'Noah',
  'Isla',
  'Leo',
  'Mia',
  'Arlo',
  'Ivy',
  'Finn',
  'Rosa',
  'Theo',
  'Elsie',
  'Jude',
  'Maya',
  'Otis',
  'Nell',
  'Hugo',
];
const SCALE_LAST_NAMES = [
  'Patel',
  'Jones',
  'Taylor',
  'Brown',
  'Evans',
  'Walker',
  'Wright',
  'Green',
  'Hughes',
  'Edwards',
  'Khan',
  'Lewis',
  'Hall',
  'Young',
  'King',
  'Baker',
];

/** Order shapes the scale orders cycle through (several rates, shipping and discounts). */
const SCALE_TEMPLATES: Array<Pick<OrderPlacement, 'lines' | 'discount' | 'shipping' | 'payment_status'>> = [
  {
    payment_status: 'paid',
    lines: [{ description: 'Print 8×10"', quantity: 2, unit_price: 2500, tax_rate: '20' }],
    shipping: { amount: 495, tax_rate: null },
  },
  {
    payment_status: 'paid',
    lines: [
      { description: 'Album 10×10"', quantity: 1, unit_price: 45000, tax_rate: '5' },
      { description: 'Canvas 24×16"', quantity: 1, unit_price: 18000, tax_rate: '10' },
    ],
    shipping: { amount: 1500, tax_rate: null },
  },
  { payment_status: 'awaiting_payment', lines: [{ description: 'Digital download', quantity: 1, unit_price: 9500, tax_rate: '20' }] },
  {
    payment_status: 'paid',
    lines: [
      { description: 'Print 6×4"', quantity: 12, unit_price: 300, tax_rate: '20' },
      { description: 'Photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
    ],
    discount: 700,
    shipping: { amount: 795, tax_rate: '0' },
  },
];

/** Deterministic timestamps spread over the year before the demo's "now" (2026-11-21). */
const SCALE_END = Date.parse('2026-11-21T00:00:00.000Z');
const YEAR_MS = 365 * 24 * 3_600_000;

export function seedScale(db: DatabaseSync, studioId: string, n: number): { contacts: number; orders: number } {
  return transaction(db, () => {
    const steps = seedScaleSteps(db, studioId, n);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  });
}

/** Rows one step of seedScaleSteps inserts: a few milliseconds of work. */
export const SCALE_CHUNK_ROWS = 1_000;

/**
 * seedScale in steps: each `next()` inserts at most `chunk` rows in a transaction of its own
 * and returns, so a server can let other requests run between steps (setImmediate) instead of
 * blocking for seconds on a large scale. Ids and numbers are the same as seedScale's.
 */
export function* seedScaleSteps(
  db: DatabaseSync,
  studioId: string,
  n: number,
  chunk = SCALE_CHUNK_ROWS,
): Generator<void, { contacts: number; orders: number }> {
  const studio = findStudio(db, studioId);
  if (!studio) throw new Error(`No studio ${studioId} to seed`);
  const orderCount = 10 * n;
  const width = String(Math.max(orderCount, 1)).length;
  const contactAt = (i: number) => {
    const first = SCALE_FIRST_NAMES[i % SCALE_FIRST_NAMES.length]!;
    const last = SCALE_LAST_NAMES[Math.floor(i / SCALE_FIRST_NAMES.length) % SCALE_LAST_NAMES.length]!;
    return { first, last, email: `${first}.${last}.${i}@scale.example.com`.toLowerCase() };
  };
  for (let from = 0; from < n; from += chunk) {
    transaction(db, () => {
      for (let i = from; i < Math.min(n, from + chunk); i += 1) {
        const { first, last, email } = contactAt(i);
        const phone = `+4477009${String(i % 100_000).padStart(5, '0')}`;
        const createdAt = new Date(SCALE_END - YEAR_MS + Math.floor((i * YEAR_MS) / Math.max(n, 1))).toISOString();
        insertContact(db, studioId, {
          id: `con_scale_${String(i).padStart(width, '0')}`,
          first_name: first,
          last_name: last,
          email,
          phone,
          created_at: createdAt,
        });
      }
    });
    yield;
  }

  // Totals depend only on the template, so price each template once, not once per order.
  const rounding = studioTaxRounding(db, studioId);
  const totals = SCALE_TEMPLATES.map((template) =>
    orderTotals(
      {
        prices_include_tax: true,
        discount: template.discount ?? 0,
        shipping: template.shipping ? { amount: template.shipping.amount, tax_rate: template.shipping.tax_rate ?? null, tax: null } : null,
        tax_total: null,
        lines: template.lines.map((l) => ({ ...l, tax: null })),
      },
      rounding,
    ),
  );
  const firstNumber = transaction(db, () => reserveNumbers(db, studioId, 'order', orderCount, 1001));
  for (let from = 0; from < orderCount; from += chunk) {
    transaction(db, () => {
      for (let i = from; i < Math.min(orderCount, from + chunk); i += 1) {
        const t = i % SCALE_TEMPLATES.length;
        const template = SCALE_TEMPLATES[t]!;
        const client = n > 0 ? contactAt(i % n) : { first: 'Guest', last: 'Client', email: 'guest@scale.example.com' };
        const id = `ord_scale_${String(i).padStart(width, '0')}`;
        const order: Order = {
          id,
          number: `ORD-${firstNumber + i}`,
          gallery_id: null,
          placed_at: new Date(SCALE_END - YEAR_MS + Math.floor((i * YEAR_MS) / Math.max(orderCount, 1))).toISOString(),
          currency: studio.currency,
          prices_include_tax: true,
          payment_status: template.payment_status,
          client: { email: client.email, first_name: client.first, last_name: client.last, phone: null },
          lines: template.lines.map((line, index) => ({
            id: `oli_scale_${String(i).padStart(width, '0')}_${index + 1}`,
            description: line.description,
            quantity: line.quantity,
            unit_price: line.unit_price,
            tax_rate: line.tax_rate,
            tax: null,
          })),
          discount: template.discount ?? 0,
          shipping: template.shipping
            ? { amount: template.shipping.amount, tax_rate: template.shipping.tax_rate ?? null, tax: null }
            : null,
          tax_total: null,
          totals: totals[t]!,
        };
        insertOrder(db, studioId, order);
        // Each order was placed, so it has its order.created event: a New Order poll sees them.
        insertEvent(db, studioId, 'order.created', order, { id: `evt_${id}`, createdAt: order.placed_at });
      }
    });
    yield;
  }
  return { contacts: n, orders: orderCount };
}
