// One contract, checked from both sides: every endpoint of the sandbox answers with bodies
// the integration's own zod schemas (src/contract/) accept.
import { describe, expect, it } from '@jest/globals';
import type * as z from 'zod';
import {
  ApiErrorBody,
  Brand,
  Contact,
  EventType,
  Gallery,
  GalleryLink,
  GalleryPreset,
  HookSubscription,
  Invoice,
  Job,
  JobStage,
  Me,
  Order,
  Page,
  Payment,
  Shoot,
  StudioEvent,
} from '../../src/contract/index.js';
import { splitOrder } from '../../src/domain/tax-split.js';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { type ApiResponse, useSandbox } from '../support/index.js';

const sandbox = useSandbox();

/** Asserts the status, parses the body with the app's schema (failing with zod's explanation). */
function expectBody<S extends z.ZodType>(response: ApiResponse, status: number, schema: S): z.output<S> {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  const parsed = schema.safeParse(response.body);
  if (!parsed.success)
    throw new Error(`Response does not match the contract: ${parsed.error.message}\n${JSON.stringify(response.body, null, 2)}`);
  return parsed.data;
}

async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  return expectBody(await sandbox.api('GET', path), 200, schema);
}

describe('the Studio API sandbox speaks the contract', () => {
  it('GET /v1/me names the studio, the user and the granted scopes', async () => {
    const me = await get('/v1/me', Me);
    expect(me.studio).toMatchObject({ name: 'Northlight Photography', currency: 'GBP', country: 'GB', timezone: 'Europe/London' });
    expect(me.user.email).toBe(sandbox.studio.user_email);
    expect(me.scopes).toContain('invoices:write');
  });

  it('contacts: list with every filter, get one, create one', async () => {
    const all = await get('/v1/contacts?limit=100', Page(Contact));
    expect(all.data.length).toBeGreaterThanOrEqual(8);
    expect((await get('/v1/contacts?email=%20AMELIA.HART@example.com%20', Page(Contact))).data.map((c) => c.id)).toEqual([
      DEMO_IDS.contacts.amelia,
    ]);
    expect((await get('/v1/contacts?phone=%2B447700900106', Page(Contact))).data.map((c) => c.id)).toEqual([DEMO_IDS.contacts.zoe]);
    expect((await get(`/v1/contacts?name=${encodeURIComponent('  zoe   BRONTE ')}`, Page(Contact))).data.map((c) => c.id)).toEqual([
      DEMO_IDS.contacts.zoe,
    ]);
    expect((await get('/v1/contacts?name=James%20Wilson', Page(Contact))).data.map((c) => c.id).sort()).toEqual(
      [DEMO_IDS.contacts.jamesWilson, DEMO_IDS.contacts.jamesWilson2].sort(),
    );
    expect((await get('/v1/contacts?q=bennett', Page(Contact))).data.map((c) => c.id)).toEqual([DEMO_IDS.contacts.oliver]);
    await get(`/v1/contacts/${DEMO_IDS.contacts.priya}`, Contact);

    const created = expectBody(
      await sandbox.api('POST', '/v1/contacts', {
        first_name: 'Hannah',
        last_name: 'Lee',
        email: 'hannah.lee@example.com',
        phone: '+447700900199',
      }),
      201,
      Contact,
    );
    expect(created).toMatchObject({ first_name: 'Hannah', last_name: 'Lee', email: 'hannah.lee@example.com', phone: '+447700900199' });
    expect((await get('/v1/contacts?limit=1', Page(Contact))).data[0]!.id).toBe(created.id);
  });

  it('jobs: list with q and contact_id, get one with its galleries, its shoots and its payments', async () => {
    await get('/v1/jobs', Page(Job));
    expect((await get('/v1/jobs?q=wedding', Page(Job))).data.map((j) => j.id)).toEqual([DEMO_IDS.jobs.hartWedding]);
    expect((await get(`/v1/jobs?contact_id=${DEMO_IDS.contacts.jamesWilson2}`, Page(Job))).data.map((j) => j.id)).toEqual([
      DEMO_IDS.jobs.wilsonEngagement,
    ]);
    const job = await get(`/v1/jobs/${DEMO_IDS.jobs.hartWedding}`, Job);
    expect(job.galleries.map((g) => g.id)).toEqual([DEMO_IDS.galleries.hartEngagement, DEMO_IDS.galleries.hartWedding]);
    const shoots = await get(`/v1/jobs/${DEMO_IDS.jobs.hartWedding}/shoots`, Page(Shoot));
    expect(shoots.data.map((s) => s.status)).toEqual(['confirmed', 'cancelled', 'confirmed']);
    const payments = await get(`/v1/jobs/${DEMO_IDS.jobs.hartWedding}/payments`, Page(Payment));
    expect(payments.data.map((p) => [p.id, p.is_first_payment])).toEqual([
      [DEMO_IDS.payments.hartInstalment, false],
      [DEMO_IDS.payments.hartDeposit, true],
    ]);
  });

  it('job stages, creating a job and moving it, updating a contact; each change an event that embeds the contact', async () => {
    const stages = await get('/v1/job-stages', Page(JobStage));
    expect(stages.data.map((stage) => [stage.name, stage.position, stage.status])).toEqual([
      ['Inquiry', 0, 'lead'],
      ['Proposal Sent', 1, 'lead'],
      ['Booked', 2, 'booked'],
      ['Shot', 3, 'booked'],
      ['Editing', 4, 'booked'],
      ['Delivered', 5, 'completed'],
      ['Cancelled', 6, 'cancelled'],
    ]);
    expect(stages.next_cursor).toBeNull();
    expect((await get(`/v1/jobs/${DEMO_IDS.jobs.clarkeNewborn}`, Job)).stage).toMatchObject({ name: 'Proposal Sent', status: 'lead' });

    const contact = expectBody(
      await sandbox.api('POST', '/v1/contacts', { first_name: 'Rhea', last_name: 'Okafor', email: 'rhea.okafor@example.com' }),
      201,
      Contact,
    );
    const body = { contact_id: contact.id, name: 'Okafor Portraits', job_type: 'Portrait', event_date: '2027-02-01' };
    const job = expectBody(await sandbox.api('POST', '/v1/jobs', body, { 'Idempotency-Key': `job-${contact.id}` }), 201, Job);
    expect(job).toMatchObject({ status: 'lead', stage: { id: 'stg_inquiry' }, galleries: [] });
    const replayed = await sandbox.api('POST', '/v1/jobs', body, { 'Idempotency-Key': `job-${contact.id}` });
    expect([replayed.status, replayed.headers.get('idempotent-replayed'), replayed.body.id]).toEqual([201, 'true', job.id]);
    expect(
      (await get(`/v1/jobs?name=${encodeURIComponent('OKAFOR  portraits')}&event_date=2027-02-01`, Page(Job))).data.map((j) => j.id),
    ).toEqual([job.id]);

    const movedJob = expectBody(await sandbox.api('PATCH', `/v1/jobs/${job.id}`, { stage_id: 'stg_booked' }), 200, Job);
    expect(movedJob).toMatchObject({ status: 'booked', stage: { id: 'stg_booked' }, name: 'Okafor Portraits' });
    expectBody(await sandbox.api('PATCH', `/v1/jobs/${job.id}`, { stage_id: 'stg_booked', event_date: '2027-02-02' }), 200, Job);
    const renamed = await get(`/v1/contacts/${contact.id}`, Contact);
    const patched = expectBody(
      await sandbox.api('PATCH', `/v1/contacts/${contact.id}`, { last_name: 'Okafor-Ade', phone: '+447700900555' }),
      200,
      Contact,
    );
    expect(patched).toEqual({ ...renamed, last_name: 'Okafor-Ade', phone: '+447700900555' });
    expect(await get(`/v1/contacts/${contact.id}`, Contact)).toEqual(patched);

    const events = (await get('/v1/events?limit=10', Page(StudioEvent))).data;
    const about = (id: string) => events.filter((event) => event.data.id === id).map((event) => event.type);
    expect(about(job.id)).toEqual(['job.stage_changed', 'job.created']); // the no-op move to Booked is no event
    // The PATCH changed two fields: one contact.updated naming them, after contact.created.
    expect(about(contact.id)).toEqual(['contact.updated', 'contact.created']);
    const updated = events.find((event) => event.type === 'contact.updated' && event.data.id === contact.id);
    expect(updated!.type === 'contact.updated' && updated!.data).toEqual({ ...patched, changed_fields: ['last_name', 'phone'] });
    const [changed, created] = events.filter((event) => event.data.id === job.id);
    // The embedded contact is really a Contact (the contract reads an unreadable one as absent).
    for (const event of [changed!, created!]) expect(Contact.parse((event.data as { contact: unknown }).contact)).toEqual(renamed);
    expect(changed!.type === 'job.stage_changed' && changed!.data.change).toMatchObject({
      from_stage: { id: 'stg_inquiry' },
      to_stage: { id: 'stg_booked' },
    });

    const unknownStage = expectBody(await sandbox.api('PATCH', `/v1/jobs/${job.id}`, { stage_id: 'stg_nope' }), 422, ApiErrorBody);
    expect(unknownStage.error).toMatchObject({ code: 'stage_not_found', details: [{ field: 'stage_id' }] });
    const unknownContact = expectBody(await sandbox.api('POST', '/v1/jobs', { contact_id: 'con_nope', name: 'X' }), 422, ApiErrorBody);
    expect(unknownContact.error).toMatchObject({ code: 'contact_not_found', details: [{ field: 'contact_id' }] });
    const badDate = expectBody(await sandbox.api('GET', '/v1/jobs?event_date=June'), 422, ApiErrorBody);
    expect(badDate.error.details).toEqual([{ field: 'event_date', message: expect.stringMatching(/calendar date/) }]);
    expect((await sandbox.api('PATCH', '/v1/contacts/con_nope', { first_name: 'X' })).status).toBe(404);
    expect((await sandbox.api('PATCH', `/v1/contacts/${contact.id}`, { nickname: 'X' })).status).toBe(422);
  });

  it('shoots: the latest confirmed shoot on or before a date comes first', async () => {
    const page = await get(
      `/v1/shoots?contact_id=${DEMO_IDS.contacts.amelia}&status=confirmed,completed&before=${encodeURIComponent('2026-11-10T19:42:00Z')}`,
      Page(Shoot),
    );
    expect(page.data.map((s) => s.id)).toEqual([DEMO_IDS.shoots.hartEngagement]);
    // `before` is inclusive, and an offset is read as the instant it names.
    const inclusive = await get(
      `/v1/shoots?contact_id=${DEMO_IDS.contacts.amelia}&before=${encodeURIComponent('2026-10-04T14:00:00+01:00')}`,
      Page(Shoot),
    );
    expect(inclusive.data.map((s) => s.id)).toEqual([DEMO_IDS.shoots.hartEngagement]);
    await get('/v1/shoots', Page(Shoot));
  });

  it('galleries, brands and presets: list, filter, get, create (offline), link and unlink', async () => {
    expect((await get('/v1/brands', Page(Brand))).data).toHaveLength(3);
    const presets = await get(`/v1/gallery-presets?brand_id=${DEMO_IDS.brands.weddings}`, Page(GalleryPreset));
    expect(presets.data.map((p) => p.id).sort()).toEqual(
      [DEMO_IDS.presets.classic, DEMO_IDS.presets.proofing, DEMO_IDS.presets.weddingStory].sort(),
    );
    expect((await get('/v1/galleries?status=online', Page(Gallery))).data.every((g) => g.status === 'online')).toBe(true);
    expect((await get(`/v1/galleries?job_id=${DEMO_IDS.jobs.hartWedding}`, Page(Gallery))).data).toHaveLength(2);
    expect((await get('/v1/galleries?slug=zoe-bronte-portraits', Page(Gallery))).data.map((g) => g.id)).toEqual([
      DEMO_IDS.galleries.brontePortraits,
    ]);
    expect((await get('/v1/galleries?q=engagement', Page(Gallery))).data.map((g) => g.id)).toEqual([DEMO_IDS.galleries.hartEngagement]);
    const online = await get(`/v1/galleries/${DEMO_IDS.galleries.hartEngagement}`, Gallery);
    expect(online).toMatchObject({
      status: 'online',
      image_count: 148,
      client_url: 'https://weddings.northlight.test/amelia-and-tom-engagement',
    });

    const created = expectBody(
      await sandbox.api('POST', '/v1/galleries', {
        name: 'Clarke Newborn',
        brand_id: DEMO_IDS.brands.family,
        preset_id: DEMO_IDS.presets.familyPrintShop,
        event_date: '2026-12-20',
        job_id: DEMO_IDS.jobs.clarkeNewborn,
      }),
      201,
      Gallery,
    );
    expect(created).toMatchObject({
      status: 'offline',
      slug: 'clarke-newborn',
      image_count: 0,
      published_at: null,
      job_ids: [DEMO_IDS.jobs.clarkeNewborn],
    });

    const again = expectBody(
      await sandbox.api('POST', `/v1/jobs/${DEMO_IDS.jobs.clarkeNewborn}/galleries`, { gallery_id: created.id }),
      200,
      GalleryLink,
    );
    expect(again.created).toBe(false);
    const link = expectBody(
      await sandbox.api('POST', `/v1/jobs/${DEMO_IDS.jobs.shahMaternity}/galleries`, { gallery_id: created.id }),
      201,
      GalleryLink,
    );
    expect(link).toMatchObject({ job_id: DEMO_IDS.jobs.shahMaternity, gallery_id: created.id, created: true });
    expect((await get(`/v1/galleries/${created.id}`, Gallery)).job_ids).toEqual([DEMO_IDS.jobs.clarkeNewborn, DEMO_IDS.jobs.shahMaternity]);

    const unlinked = await sandbox.api('DELETE', `/v1/jobs/${DEMO_IDS.jobs.shahMaternity}/galleries/${created.id}`);
    expect(unlinked.status).toBe(204);
    const notLinked = expectBody(
      await sandbox.api('DELETE', `/v1/jobs/${DEMO_IDS.jobs.shahMaternity}/galleries/${created.id}`),
      404,
      ApiErrorBody,
    );
    expect(notLinked.error.code).toBe('link_not_found');
  });

  it('orders: list since a time, filter, get; placing one totals it with the app’s own money split', async () => {
    const all = await get('/v1/orders', Page(Order));
    expect(all.data.map((o) => o.id)).toEqual([
      DEMO_IDS.orders.wilsonPrints,
      DEMO_IDS.orders.hartAlbumCanvas,
      DEMO_IDS.orders.bronteDownloads,
      DEMO_IDS.orders.bennettWallArt,
      DEMO_IDS.orders.bennettPrints,
    ]);
    const since = await get(`/v1/orders?since=${encodeURIComponent('2026-11-10T19:42:00Z')}`, Page(Order));
    expect(since.data.map((o) => o.id)).toEqual([DEMO_IDS.orders.wilsonPrints, DEMO_IDS.orders.hartAlbumCanvas]);
    expect((await get('/v1/orders?payment_status=awaiting_payment', Page(Order))).data.map((o) => o.id)).toEqual([
      DEMO_IDS.orders.bronteDownloads,
    ]);
    expect((await get(`/v1/orders?gallery_id=${DEMO_IDS.galleries.bennettFamily}`, Page(Order))).data).toHaveLength(2);
    const byNumber = await get(`/v1/orders/${DEMO_IDS.orders.bennettPrints}`, Order);
    expect((await get(`/v1/orders?number=${byNumber.number.toLowerCase()}`, Page(Order))).data.map((o) => o.id)).toEqual([byNumber.id]);

    const albumCanvas = await get(`/v1/orders/${DEMO_IDS.orders.hartAlbumCanvas}`, Order);
    // Album £450 at 5% (tax 2143) + canvas £180 at 10% (tax 1636); shipping £15 follows the
    // goods by net (42857 : 16364 → 1086 + 414), taxed 52 + 38: tax 3869 in all.
    expect(albumCanvas.totals).toEqual({ goods: 63000, discount: 0, shipping: 1500, tax: 3869, total: 64500 });
    expect(splitOrder(albumCanvas).map((d) => d.tax_rate)).toEqual(['5', '10']);

    const placed = expectBody(
      await sandbox.api('POST', '/_sandbox/orders', {
        gallery_id: DEMO_IDS.galleries.brontePortraits,
        currency: 'GBP',
        prices_include_tax: true,
        payment_status: 'paid',
        client: { email: 'zoe.bronte@example.org', first_name: 'Zoë', last_name: 'Brontë', phone: null },
        lines: [
          { description: 'Print 8×10"', quantity: 2, unit_price: 2500, tax_rate: '20' },
          { description: 'Photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
        ],
        discount: 500,
        shipping: { amount: 495, tax_rate: null },
      }),
      201,
      Order,
    );
    const drafts = splitOrder(placed);
    expect(placed.totals).toEqual({
      goods: 11500,
      discount: 500,
      shipping: 495,
      tax: drafts.reduce((sum, d) => sum + d.tax, 0),
      total: 11495,
    });
    expect(placed.number).toBe('ORD-1006');
    expect(await get(`/v1/orders/${placed.id}`, Order)).toEqual(placed);
  });

  it('invoices: created from an order’s split, listed by order, job and contact, and fetched', async () => {
    const order = await get(`/v1/orders/${DEMO_IDS.orders.hartAlbumCanvas}`, Order);
    const created = [];
    for (const draft of splitOrder(order)) {
      created.push(
        expectBody(
          await sandbox.api('POST', '/v1/invoices', {
            ...draft,
            order_id: order.id,
            contact_id: DEMO_IDS.contacts.amelia,
            job_id: DEMO_IDS.jobs.hartWedding,
          }),
          201,
          Invoice,
        ),
      );
    }
    expect(created.map((i) => [i.tax_rate, i.total, i.status])).toEqual([
      ['5', 46086, 'paid'],
      ['10', 18414, 'paid'],
    ]);
    expect(created.reduce((sum, i) => sum + i.total, 0)).toBe(order.totals.total);
    for (const filter of [`order_id=${order.id}`, `job_id=${DEMO_IDS.jobs.hartWedding}`, `contact_id=${DEMO_IDS.contacts.amelia}`]) {
      expect((await get(`/v1/invoices?${filter}`, Page(Invoice))).data.map((i) => i.id)).toEqual(created.map((i) => i.id).reverse());
    }
    expect(await get(`/v1/invoices/${created[0]!.id}`, Invoice)).toEqual(created[0]);
  });

  it('payments: list, filter by job, get; a payment landing on a job says whether it is the first', async () => {
    // The demo's five payments (another test of this file may have added one on another job).
    const demoPayments = Object.values(DEMO_IDS.payments);
    expect((await get('/v1/payments', Page(Payment))).data.map((p) => p.id)).toEqual(expect.arrayContaining(demoPayments));
    expect(demoPayments).toHaveLength(5);
    expect((await get(`/v1/payments?job_id=${DEMO_IDS.jobs.bennettFamily}`, Page(Payment))).data.map((p) => p.id)).toEqual([
      DEMO_IDS.payments.bennettSession,
    ]);
    await get(`/v1/payments/${DEMO_IDS.payments.shahDeposit}`, Payment);

    const first = expectBody(
      await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.wilsonEngagement, amount: 15000 }),
      201,
      Payment,
    );
    expect(first).toMatchObject({
      job_id: DEMO_IDS.jobs.wilsonEngagement,
      contact_id: DEMO_IDS.contacts.jamesWilson2,
      currency: 'GBP',
      is_first_payment: true,
    });
    const second = expectBody(
      await sandbox.api('POST', '/_sandbox/payments', { job_id: DEMO_IDS.jobs.wilsonEngagement, amount: 35000 }),
      201,
      Payment,
    );
    expect(second.is_first_payment).toBe(false);
  });

  it('events embed their related records as they were at the moment of the event', async () => {
    const job = DEMO_IDS.jobs.clarkeNewborn;
    await sandbox.api('POST', '/_sandbox/payments', { job_id: job, amount: 9000 });
    const before = await get(`/v1/jobs/${job}`, Job);
    // A later change to the job does not rewrite the event: it is the past.
    await sandbox.api('POST', `/v1/jobs/${job}/galleries`, { gallery_id: DEMO_IDS.galleries.shahMaternity });
    const [event] = (await get('/v1/events?type=payment.received&limit=1', Page(StudioEvent))).data;
    expect(event!.type === 'payment.received' && event!.data).toMatchObject({
      job_id: job,
      job: before,
      contact: await get(`/v1/contacts/${DEMO_IDS.contacts.sophie}`, Contact),
    });
    await sandbox.api('DELETE', `/v1/jobs/${job}/galleries/${DEMO_IDS.galleries.shahMaternity}`);
  });

  it('visitors and invites: each registration and invite is an event with the gallery embedded', async () => {
    const id = DEMO_IDS.galleries.brontePortraits;
    const visitor = await sandbox.api('POST', `/_sandbox/galleries/${id}/visitors`, {
      email: 'Nadia.Okafor@example.com',
      first_name: 'Nadia',
    });
    expect(visitor).toMatchObject({
      status: 201,
      body: { gallery_id: id, email: 'Nadia.Okafor@example.com', first_name: 'Nadia', last_name: null },
    });
    // The same email again (any case) is the same visitor: no second registration, no event.
    expect(await sandbox.api('POST', `/_sandbox/galleries/${id}/visitors`, { email: 'nadia.okafor@example.com' })).toMatchObject({
      status: 200,
      body: { id: visitor.body.id },
    });
    const offline = await sandbox.api('POST', `/_sandbox/galleries/${DEMO_IDS.galleries.hartWedding}/visitors`, {
      email: 'guest@example.com',
    });
    expect(expectBody(offline, 409, ApiErrorBody).error.code).toBe('gallery_offline');
    expect(
      expectBody(await sandbox.api('POST', `/_sandbox/galleries/${id}/visitors`, { email: 'not an email' }), 422, ApiErrorBody).error.code,
    ).toBe('validation_failed');

    // An invite goes to the gallery's client email by default, named as the studio's contact.
    const invite = await sandbox.api('POST', `/_sandbox/galleries/${id}/invites`);
    expect(invite).toMatchObject({
      status: 201,
      body: { gallery_id: id, email: 'zoe.bronte@example.org', first_name: 'Zoë', last_name: 'Brontë' },
    });
    const noEmail = await sandbox.api('POST', `/_sandbox/galleries/${DEMO_IDS.galleries.shahMaternity}/invites`, {});
    expect(expectBody(noEmail, 422, ApiErrorBody).error.details).toEqual([expect.objectContaining({ field: 'email' })]);

    const gallery = await get(`/v1/galleries/${id}`, Gallery);
    const [registered] = (await get('/v1/events?type=gallery.visitor_registered&limit=1', Page(StudioEvent))).data;
    expect(registered!.data).toEqual({ ...visitor.body, gallery });
    const [invited] = (await get('/v1/events?type=gallery.invite_sent&limit=1', Page(StudioEvent))).data;
    expect(invited!.data).toEqual({ ...invite.body, gallery });
    expect(await sandbox.api('POST', '/_sandbox/galleries/gal_nope/invites', {})).toMatchObject({ status: 404 });
  });

  it('gallery simulation: publish fires one event per publish, unpublish hides, images add up', async () => {
    const id = DEMO_IDS.galleries.shahMaternity;
    expect(expectBody(await sandbox.api('POST', `/_sandbox/galleries/${id}/images`, { count: 25 }), 200, Gallery).image_count).toBe(25);
    const published = expectBody(await sandbox.api('POST', `/_sandbox/galleries/${id}/publish`), 200, Gallery);
    expect(published.status).toBe('online');
    expect(published.published_at).not.toBeNull();
    expect(expectBody(await sandbox.api('POST', `/_sandbox/galleries/${id}/unpublish`), 200, Gallery).status).toBe('offline');
    await sandbox.api('POST', `/_sandbox/galleries/${id}/publish`);
    await sandbox.api('POST', `/_sandbox/galleries/${id}/publish`); // already online: not a new publish

    const events = await get('/v1/events?type=gallery.published', Page(StudioEvent));
    const ofThisGallery = events.data.filter((e) => e.data.id === id);
    expect(ofThisGallery).toHaveLength(2);
    expect(new Set(ofThisGallery.map((e) => e.id)).size).toBe(2);
  });

  it('hooks and events: subscribe (the secret is shown once), unsubscribe, list past events in delivery shape', async () => {
    const hook = expectBody(
      await sandbox.api('POST', '/v1/hooks', { target_url: 'https://hooks.zapier.test/abc', event: 'order.created' }),
      201,
      HookSubscription,
    );
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await sandbox.api('DELETE', `/v1/hooks/${hook.id}`)).status).toBe(204);
    expect(expectBody(await sandbox.api('DELETE', `/v1/hooks/${hook.id}`), 404, ApiErrorBody).error.code).toBe('not_found');

    // The seeded studio's past events cover the older types; this test makes the two that only a
    // write makes (a contact changed, an invoice created), so it passes in any order of the file.
    const noted = await sandbox.api('PATCH', `/v1/contacts/${DEMO_IDS.contacts.zoe}`, { notes: `Event check ${Date.now()}` });
    expect(noted.status).toBe(200);
    const booked = await sandbox.api('POST', '/v1/invoices', {
      order_id: null,
      source: { app: 'other', reference: `events-check-${Date.now()}` },
      tax_rate: '0',
      currency: 'GBP',
      prices_include_tax: false,
      net: 100,
      tax: 0,
      total: 100,
      status: 'open',
      lines: [{ kind: 'goods', description: 'Event check', quantity: 1, amount: 100, tax: 0 }],
    });
    expect(booked.status).toBe(201);

    const events = await get('/v1/events?limit=100', Page(StudioEvent));
    expect(new Set(events.data.map((e) => e.type))).toEqual(new Set(EventType.options));
    const orders = await get('/v1/events?type=order.created', Page(StudioEvent));
    expect(orders.data.every((e) => e.type === 'order.created')).toBe(true);
  });

  it('events: get one by id, exactly as listed; an unknown id or another studio’s is not found', async () => {
    const [listed] = (await get('/v1/events?type=order.created&limit=1', Page(StudioEvent))).data;
    const one = await sandbox.api('GET', `/v1/events/${listed!.id}`);
    expect(expectBody(one, 200, StudioEvent)).toEqual(listed);
    expect(expectBody(await sandbox.api('GET', '/v1/events/evt_nobody'), 404, ApiErrorBody).error.code).toBe('not_found');
    // An event of the other studio's own (the demo's readable ids repeat in every demo studio).
    const other = await sandbox.newStudio();
    const placed = await other.api('POST', '/_sandbox/orders', {
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'paid',
      client: { email: 'someone@rival.example', first_name: 'Some', last_name: 'One' },
      lines: [{ description: 'Print', quantity: 1, unit_price: 1000, tax_rate: '20' }],
    });
    expect(placed.status).toBe(201);
    const theirs = (await other.api('GET', '/v1/events?type=order.created&limit=1')).body.data[0] as { id: string; data: { id: string } };
    expect(theirs.data.id).toBe(placed.body.id);
    expect((await other.api('GET', `/v1/events/${theirs.id}`)).status).toBe(200);
    expect(expectBody(await sandbox.api('GET', `/v1/events/${theirs.id}`), 404, ApiErrorBody).error.code).toBe('not_found');
  });

  it('errors always come in the envelope', async () => {
    expectBody(await sandbox.api('GET', '/v1/contacts/con_nobody'), 404, ApiErrorBody);
    expectBody(await sandbox.api('GET', '/v1/no-such-endpoint'), 404, ApiErrorBody);
    expectBody(await sandbox.api('POST', '/v1/contacts', { last_name: 'Nobody' }), 422, ApiErrorBody);
    const unauthenticated = await fetch(`${sandbox.url}/v1/me`);
    expect(unauthenticated.status).toBe(401);
    expect(ApiErrorBody.parse(await unauthenticated.json()).error.code).toBe('unauthorized');
  });
});
