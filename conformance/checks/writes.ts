// What the integration's creates and updates rely on beyond the body's shape: a job needs a
// contact of the studio; a job's status follows its stage, and only a move to another stage is
// an event, and a move from a stage the job has left is refused (409 stage_changed); linking is
// idempotent (201 then 200) and stops at 10 galleries; PATCH changes only the fields sent, null
// clearing one, and refuses another contact's email when asked to (409 email_taken); an
// invoice's tax fits its rate. The kit makes the records
// it needs (one contact, one job, 11 galleries, all tagged with the run).
import { isDeepStrictEqual } from 'node:util';
import { CheckFailed, defineChecks, fail, verdict } from '../check.js';
import type { Context } from '../context.js';
import { brief, type HttpResponse } from '../http.js';
import { createContact, detailFields, envelopeProblem, expectStatus, invoiceBody, page, studioCurrency } from '../fixtures.js';

type Item = Record<string, any>;

/** The most galleries one job may have (docs/studio-api.md); the 11th is refused. */
const GALLERY_LIMIT = 10;

/** 422 whose details name one of `fields` (and the envelope's `code`, when given). */
function refused(response: HttpResponse, fields: string[], code: string | null = null): { ok: boolean; observed: string } {
  const named = detailFields(response) ?? [];
  const problem = envelopeProblem(response, code);
  const ok = response.status === 422 && !problem && named.some((field) => fields.includes(field));
  return {
    ok,
    observed: `${brief(response)}${named.length ? `, details name ${named.join(', ')}` : ''}${problem && response.status === 422 ? `; ${problem}` : ''}`,
  };
}

/** A contact and a job of the run, made once. */
function jobFixture(ctx: Context): Promise<{ contact: Item; job: Item }> {
  return ctx.memo('writes-job', async () => {
    const contact = await createContact(ctx, { first_name: 'Jobs', last_name: ctx.tag, email: `jobs.${ctx.tag}@conformance.example.com` });
    const job = expectStatus(
      await ctx.api('POST', '/v1/jobs', { json: { contact_id: contact.id, name: `Conformance job ${ctx.tag}` } }),
      201,
      'POST /v1/jobs',
    ) as Item;
    return { contact, job };
  });
}

/** The job's stage_changed events, as GET /v1/events lists them (newest first, first 100). */
async function stageEvents(ctx: Context, jobId: string): Promise<Item[]> {
  const events = await page(ctx, ctx.main, '/v1/events', { type: 'job.stage_changed', limit: 100 });
  return events.data.filter((event) => event?.data?.id === jobId);
}

interface Move {
  job: Item;
  target: Item;
  moved: HttpResponse;
  eventsAfterMove: number;
  again: HttpResponse;
  eventsAfterSameStage: number;
}

/** The job moved to a stage of another status, then "moved" to that stage again. */
function move(ctx: Context): Promise<Move> {
  return ctx.memo('writes-move', async () => {
    const stages = (await page(ctx, ctx.main, '/v1/job-stages')).data;
    const { job } = await jobFixture(ctx);
    const target = stages.find((stage) => stage.status !== job.status && stage.id !== job.stage?.id);
    if (!target)
      throw new CheckFailed(
        `GET /v1/job-stages lists no stage with a status other than the new job’s (${job.status}); a studio’s pipeline has stages of several statuses`,
      );
    const moved = await ctx.api('PATCH', `/v1/jobs/${job.id}`, { json: { stage_id: target.id } });
    const eventsAfterMove = (await stageEvents(ctx, job.id)).length;
    const again = await ctx.api('PATCH', `/v1/jobs/${job.id}`, { json: { stage_id: target.id } });
    const eventsAfterSameStage = (await stageEvents(ctx, job.id)).length;
    return { job, target, moved, eventsAfterMove, again, eventsAfterSameStage };
  });
}

/** 11 new galleries of the run, made with the studio's first brand and one of its presets. */
function galleries(ctx: Context): Promise<Item[]> {
  return ctx.memo('writes-galleries', async () => {
    const brands = (await page(ctx, ctx.main, '/v1/brands')).data;
    const brand = brands[0];
    if (!brand) throw new CheckFailed('GET /v1/brands is empty: a studio has at least one brand to make galleries with');
    const presets = (await page(ctx, ctx.main, '/v1/gallery-presets', { brand_id: brand.id })).data;
    const preset = presets[0] ?? (await page(ctx, ctx.main, '/v1/gallery-presets')).data[0];
    if (!preset) throw new CheckFailed('GET /v1/gallery-presets is empty: a studio has at least one preset to make galleries with');
    const made: Item[] = [];
    for (let i = 1; i <= GALLERY_LIMIT + 1; i++) {
      const response = await ctx.api('POST', '/v1/galleries', {
        json: { name: `Conformance ${i} ${ctx.tag}`, brand_id: brand.id, preset_id: preset.id, on_slug_conflict: 'suffix' },
      });
      made.push(expectStatus(response, 201, `POST /v1/galleries (gallery ${i})`) as Item);
    }
    return made;
  });
}

const link = (ctx: Context, jobId: string, galleryId: string) =>
  ctx.api('POST', `/v1/jobs/${jobId}/galleries`, { json: { gallery_id: galleryId } });

export const writeChecks = defineChecks('writes', [
  {
    id: 'writes.job-unknown-contact',
    expected: 'POST /v1/jobs with a contact_id the studio does not have → 422 contact_not_found naming contact_id (no job made)',
    fix: 'Look the contact up in the caller’s studio before creating a job, and refuse an unknown one with 422 code contact_not_found naming contact_id.',
    async run(ctx) {
      const unknown = `con_missing${ctx.tag.replace(/[^a-z0-9]/g, '')}`;
      const response = await ctx.api('POST', '/v1/jobs', { json: { contact_id: unknown, name: `Orphan ${ctx.tag}` } });
      const { ok, observed } = refused(response, ['contact_id'], 'contact_not_found');
      return verdict(ok, observed);
    },
  },
  {
    id: 'writes.job-status-follows-stage',
    expected: 'PATCH /v1/jobs/:id {stage_id} into a stage of another status → 200, the job in that stage with the stage’s status',
    fix: 'When a job moves to another stage, set its status to that stage’s status (GET /v1/job-stages) in the same write.',
    async run(ctx) {
      const { job, target, moved } = await move(ctx);
      if (moved.status !== 200) return fail(`PATCH → ${brief(moved)} ${moved.text.slice(0, 100)}`);
      const after = expectStatus(await ctx.api('GET', `/v1/jobs/${job.id}`), 200, `GET /v1/jobs/${job.id}`) as Item;
      const problems = [
        moved.body?.stage?.id !== target.id && `the answer’s stage is ${moved.body?.stage?.id ?? 'null'}, not ${target.id}`,
        moved.body?.status !== target.status && `the answer’s status is ${moved.body?.status}, the stage’s is ${target.status}`,
        after.status !== target.status && `GET afterwards: status ${after.status}, the stage’s is ${target.status}`,
      ].filter(Boolean);
      return verdict(
        problems.length === 0,
        problems.length === 0 ? `${job.status} → ${target.status} with stage ${target.id}` : problems.join('; '),
      );
    },
  },
  {
    id: 'writes.stage-move-event',
    expected: 'that move is one job.stage_changed event for the job',
    fix: 'Publish exactly one job.stage_changed event (data: the job after the move, with change.from_stage and change.to_stage) when a job moves to another stage.',
    async run(ctx) {
      const { moved, eventsAfterMove } = await move(ctx);
      if (moved.status !== 200) return fail(`PATCH → ${brief(moved)}`);
      return verdict(eventsAfterMove === 1, `${eventsAfterMove} job.stage_changed event${eventsAfterMove === 1 ? '' : 's'} for the job`);
    },
  },
  {
    id: 'writes.same-stage-no-event',
    expected: 'PATCH /v1/jobs/:id with the stage the job is already in → 200, no change and no new job.stage_changed event',
    fix: 'Treat a move to the stage the job is already in as no change: answer 200 with the job and publish no event.',
    async run(ctx) {
      const { again, eventsAfterMove, eventsAfterSameStage } = await move(ctx);
      if (again.status !== 200) return fail(`the second PATCH → ${brief(again)}`);
      return verdict(
        eventsAfterSameStage === eventsAfterMove,
        `${eventsAfterSameStage - eventsAfterMove} new event${eventsAfterSameStage - eventsAfterMove === 1 ? '' : 's'} after the same-stage PATCH`,
      );
    },
  },
  {
    id: 'writes.stage-move-conditional',
    expected:
      'PATCH /v1/jobs/:id {stage_id, from_stage_id: a stage the job is not in} → 409 code stage_changed and nothing changed; with the stage it is in → 200, moved',
    fix: 'With from_stage_id, move the job only if it is in that stage, checked and written at once; otherwise answer 409 with code stage_changed and change nothing. Two runs moving one job then move it once.',
    async run(ctx) {
      const stages = (await page(ctx, ctx.main, '/v1/job-stages')).data;
      const { contact } = await jobFixture(ctx);
      const job = expectStatus(
        await ctx.api('POST', '/v1/jobs', { json: { contact_id: contact.id, name: `Conditional move ${ctx.tag}` } }),
        201,
        'POST /v1/jobs',
      ) as Item;
      const from = job.stage?.id;
      const others = stages.filter((stage) => stage.id !== from);
      if (typeof from !== 'string' || others.length < 2)
        return fail(
          `the new job is in stage ${JSON.stringify(from ?? null)} of ${stages.length}; a conditional move needs a job in a stage and two others`,
        );
      const [target, elsewhere] = others as [Item, Item];
      const refused = await ctx.api('PATCH', `/v1/jobs/${job.id}`, { json: { stage_id: target.id, from_stage_id: elsewhere.id } });
      const after = expectStatus(await ctx.api('GET', `/v1/jobs/${job.id}`), 200, `GET /v1/jobs/${job.id}`) as Item;
      const moved = await ctx.api('PATCH', `/v1/jobs/${job.id}`, { json: { stage_id: target.id, from_stage_id: from } });
      const problem = envelopeProblem(refused, 'stage_changed');
      const problems = [
        (refused.status !== 409 || problem) && `from a stage it is not in → ${brief(refused)}${problem ? `; ${problem}` : ''}`,
        after.stage?.id !== from && `the job is in ${after.stage?.id ?? 'no stage'} afterwards, not ${from}`,
        (moved.status !== 200 || moved.body?.stage?.id !== target.id) &&
          `from the stage it is in → ${brief(moved)}, in ${moved.body?.stage?.id ?? 'no stage'}`,
      ].filter(Boolean);
      return verdict(problems.length === 0, problems.length === 0 ? '409 stage_changed and unchanged, then moved' : problems.join('; '));
    },
  },
  {
    id: 'writes.unique-email',
    expected:
      'PATCH /v1/contacts/:id {email: another contact’s email, unique_email: true} → 409 code email_taken and nothing changed; an email nobody has → 200',
    fix: 'With unique_email: true, refuse an email another contact of the studio has (compared as ?email= compares) with 409 code email_taken, checked and written at once.',
    async run(ctx) {
      const taken = `unique.${ctx.tag}@conformance.example.com`;
      await createContact(ctx, { first_name: 'Unique', last_name: `First-${ctx.tag}`, email: taken });
      const second = await createContact(ctx, {
        first_name: 'Unique',
        last_name: `Second-${ctx.tag}`,
        email: `second.${ctx.tag}@conformance.example.com`,
      });
      const refused = await ctx.api('PATCH', `/v1/contacts/${second.id}`, { json: { email: taken, unique_email: true } });
      const after = expectStatus(await ctx.api('GET', `/v1/contacts/${second.id}`), 200, `GET /v1/contacts/${second.id}`) as Item;
      const fresh = `fresh.${ctx.tag}@conformance.example.com`;
      const accepted = await ctx.api('PATCH', `/v1/contacts/${second.id}`, { json: { email: fresh, unique_email: true } });
      const problem = envelopeProblem(refused, 'email_taken');
      const problems = [
        (refused.status !== 409 || problem) && `another contact’s email → ${brief(refused)}${problem ? `; ${problem}` : ''}`,
        after.email !== second.email && `its email is ${JSON.stringify(after.email)} afterwards`,
        (accepted.status !== 200 || accepted.body?.email !== fresh) && `an email nobody has → ${brief(accepted)}`,
      ].filter(Boolean);
      return verdict(
        problems.length === 0,
        problems.length === 0 ? '409 email_taken and unchanged, then a new email taken' : problems.join('; '),
      );
    },
  },
  {
    id: 'writes.link-gallery',
    expected:
      'POST /v1/jobs/:id/galleries {gallery_id} → 201 {created: true}; the same again → 200 {created: false}; GET /v1/jobs/:id lists it',
    fix: 'Make linking idempotent: a new link is 201 created:true, a link that exists already is 200 created:false (the same link, nothing new).',
    async run(ctx) {
      const { job } = await jobFixture(ctx);
      const [gallery] = await galleries(ctx);
      const first = await link(ctx, job.id, gallery!.id);
      const again = await link(ctx, job.id, gallery!.id);
      const after = expectStatus(await ctx.api('GET', `/v1/jobs/${job.id}`), 200, `GET /v1/jobs/${job.id}`) as Item;
      const listed = Array.isArray(after.galleries) && after.galleries.some((g: Item) => g?.id === gallery!.id);
      const ok = first.status === 201 && first.body?.created === true && again.status === 200 && again.body?.created === false && listed;
      return verdict(
        ok,
        `${brief(first)} created ${first.body?.created}, then ${brief(again)} created ${again.body?.created}; ${listed ? 'listed on the job' : 'not on the job’s galleries'}`,
      );
    },
  },
  {
    id: 'writes.gallery-limit',
    expected: `a job with ${GALLERY_LIMIT} galleries: linking an 11th → 409 gallery_limit_reached (and it is not linked)`,
    fix: `Refuse the ${GALLERY_LIMIT + 1}th gallery of a job with 409 code gallery_limit_reached, in the same transaction as the count.`,
    async run(ctx) {
      const { job } = await jobFixture(ctx);
      const made = await galleries(ctx);
      for (const gallery of made.slice(0, GALLERY_LIMIT)) {
        const response = await link(ctx, job.id, gallery.id);
        if (response.status !== 201 && response.status !== 200)
          return fail(`linking gallery ${made.indexOf(gallery) + 1} of ${GALLERY_LIMIT}: ${brief(response)}`);
      }
      const eleventh = await link(ctx, job.id, made[GALLERY_LIMIT]!.id);
      const problem = envelopeProblem(eleventh, 'gallery_limit_reached');
      const after = expectStatus(await ctx.api('GET', `/v1/jobs/${job.id}`), 200, `GET /v1/jobs/${job.id}`) as Item;
      const count = Array.isArray(after.galleries) ? after.galleries.length : -1;
      return verdict(
        eleventh.status === 409 && !problem && count === GALLERY_LIMIT,
        `the 11th → ${brief(eleventh)}${problem && eleventh.status === 409 ? `; ${problem}` : ''}; the job has ${count} galleries`,
      );
    },
  },
  {
    id: 'writes.patch-null-clears',
    expected: 'PATCH /v1/contacts/:id {"phone": null} → 200 with phone null and every other field unchanged (GET agrees)',
    fix: 'In PATCH, tell a field sent as null (clear it) from a field not sent (keep it).',
    async run(ctx) {
      const contact = await createContact(ctx, {
        first_name: 'Patch',
        last_name: ctx.tag,
        email: `patch.${ctx.tag}@conformance.example.com`,
        phone: '+447700900555',
      });
      const patched = await ctx.api('PATCH', `/v1/contacts/${contact.id}`, { json: { phone: null } });
      if (patched.status !== 200) return fail(`PATCH → ${brief(patched)} ${patched.text.slice(0, 100)}`);
      const after = expectStatus(await ctx.api('GET', `/v1/contacts/${contact.id}`), 200, `GET /v1/contacts/${contact.id}`) as Item;
      const expected = { ...contact, phone: null };
      const problems = [
        patched.body?.phone !== null && `the answer’s phone is ${JSON.stringify(patched.body?.phone)}`,
        after.phone !== null && `GET afterwards: phone ${JSON.stringify(after.phone)}`,
        !isDeepStrictEqual({ ...after, phone: null }, expected) && 'other fields changed too',
      ].filter(Boolean);
      return verdict(problems.length === 0, problems.length === 0 ? 'phone cleared, the rest as it was' : problems.join('; '));
    },
  },
  {
    id: 'writes.invoice-zero-rate-tax',
    expected: 'POST /v1/invoices at tax_rate "0" with tax on its line → 422 naming tax (a 0% invoice carries no tax)',
    fix: 'Refuse an invoice at a 0% rate whose lines or total carry any tax: 422 naming the line’s tax or tax.',
    async run(ctx) {
      const body = invoiceBody(await studioCurrency(ctx), {
        taxRate: '0',
        net: 1000,
        tax: 200,
        total: 1200,
        description: `Zero rate ${ctx.tag}`,
      });
      const { ok, observed } = refused(await ctx.api('POST', '/v1/invoices', { json: body }), ['tax', 'lines.0.tax', 'tax_rate']);
      return verdict(ok, observed);
    },
  },
  {
    id: 'writes.invoice-tax-fits-rate',
    expected: 'POST /v1/invoices at 20% with net 1000 and tax 150 (20% is 200) → 422 naming tax',
    fix: 'Check that an invoice’s tax is its rate applied to its lines (within one minor unit per item and per line), and refuse it otherwise with a 422 naming tax.',
    async run(ctx) {
      const body = invoiceBody(await studioCurrency(ctx), {
        taxRate: '20',
        net: 1000,
        tax: 150,
        total: 1150,
        description: `Misfit ${ctx.tag}`,
      });
      const { ok, observed } = refused(await ctx.api('POST', '/v1/invoices', { json: body }), ['tax', 'lines.0.tax', 'tax_rate']);
      return verdict(ok, observed);
    },
  },
  {
    id: 'writes.slug-suffix',
    expected: 'POST /v1/galleries with a slug in use and on_slug_conflict "suffix" → 201 with the slug and "-2" (or the next free number)',
    fix: 'With on_slug_conflict "suffix", append -2, -3, … to a slug in use until it is free, instead of refusing it.',
    async run(ctx) {
      const [gallery] = await galleries(ctx);
      const response = await ctx.api('POST', '/v1/galleries', {
        json: {
          name: `Suffix ${ctx.tag}`,
          slug: gallery!.slug,
          brand_id: gallery!.brand_id,
          preset_id: gallery!.preset_id,
          on_slug_conflict: 'suffix',
        },
      });
      if (response.status !== 201) return fail(`${brief(response)} ${response.text.slice(0, 100)}`);
      const slug = String(response.body?.slug);
      return verdict(new RegExp(`^${gallery!.slug}-\\d+$`).test(slug), `201, slug ${slug} (the taken one: ${gallery!.slug})`);
    },
  },
]);
