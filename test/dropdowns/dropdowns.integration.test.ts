// The dropdowns against the sandbox: the choices a Zap builder sees for jobs, galleries,
// brands, presets, contacts and orders, and "Load more" through a studio with more contacts
// than one page holds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCursorStore, type CursorStore } from './cursor-store.js';
import { invokeApp, useSandbox } from '../support/index.js';

// The app's Lambda handler (untyped in core's typings), as Zapier and `zapier-platform invoke` run it.

const sandbox = useSandbox();
let store: CursorStore;
const deployKey = process.env.ZAPIER_DEPLOY_KEY;
beforeAll(async () => {
  store = await startCursorStore();
  process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key'; // what core sends its RPC service outside Zapier
});
afterAll(async () => {
  await store?.close();
  if (deployKey === undefined) delete process.env.ZAPIER_DEPLOY_KEY;
  else process.env.ZAPIER_DEPLOY_KEY = deployKey;
});

type Choice = { id: string; name: string };
let runs = 0;

/** Opens a dropdown and clicks "Load more" until a page comes back empty; returns every page. */
async function openDropdown(
  key: string,
  authData: Record<string, string>,
  inputData: Record<string, unknown> = {},
  maxPages = 20,
): Promise<Choice[][]> {
  const storeKey = `${key}-${(runs += 1)}`;
  const pages: Choice[][] = [];
  for (let page = 0; page < maxPages; page += 1) {
    const choices = await invokeApp<Choice[]>(
      `triggers.${key}.operation.perform`,
      { authData, inputData, meta: { page, isFillingDynamicDropdown: true } },
      { storeKey, rpc_base: store.url },
    );
    pages.push(choices);
    if (choices.length === 0) break;
  }
  return pages;
}

describe('dropdowns against the sandbox', () => {
  it('lists jobs by name and date', async () => {
    const [first] = await openDropdown('list_jobs', sandbox.authData);
    expect(first).toEqual(
      expect.arrayContaining([
        { id: 'job_hart_wedding', name: 'Amelia & Tom Wedding · 2027-06-19' },
        { id: 'job_clarke_newborn', name: 'Clarke Newborn · 2026-06-20' }, // no event date yet: the day it was created
      ]),
    );
  });

  it('lists the job stages in pipeline order, each with the status it gives a job', async () => {
    const pages = await openDropdown('list_job_stages', sandbox.authData);
    expect(pages.map((page) => page.map((choice) => choice.name))).toEqual([
      [
        'Inquiry (lead)',
        'Proposal Sent (lead)',
        'Booked (booked)',
        'Shot (booked)',
        'Editing (booked)',
        'Delivered (completed)',
        'Cancelled (cancelled)',
      ],
      [],
    ]);
    expect(pages[0]![2]).toEqual({ id: 'stg_booked', name: 'Booked (booked)' });
  });

  it('narrows galleries to the search text', async () => {
    const [found] = await openDropdown('list_galleries', sandbox.authData, { search: 'Amelia' });
    expect(found!.map((choice) => choice.id).sort()).toEqual(['gal_hart_engagement', 'gal_hart_wedding']);
    expect(found).toContainEqual({ id: 'gal_hart_engagement', name: 'Amelia & Tom – Engagement · online' });
  });

  it('offers the presets usable with the brand chosen in the step', async () => {
    const [family] = await openDropdown('list_presets', sandbox.authData, { brand_id: 'brd_little_north' });
    const ids = family!.map((choice) => choice.id);
    expect(ids).toEqual(expect.arrayContaining(['pst_family_print_shop', 'pst_classic']));
    expect(ids).not.toContain('pst_wedding_story');
  });

  it('names brands, contacts and orders so a person can pick the right one', async () => {
    const [brands] = await openDropdown('list_brands', sandbox.authData);
    expect(brands).toEqual(expect.arrayContaining([{ id: 'brd_little_north', name: 'Little North Family' }]));
    const [contacts] = await openDropdown('list_contacts', sandbox.authData);
    expect(contacts).toEqual(expect.arrayContaining([{ id: 'con_amelia_hart', name: 'Amelia Hart (amelia.hart@example.com)' }]));
    const [orders] = await openDropdown('list_orders', sandbox.authData);
    const order = (await sandbox.api('GET', '/v1/orders/ord_hart_album_canvas')).body as { number: string };
    expect(orders!.find((choice) => choice.id === 'ord_hart_album_canvas')!.name).toMatch(
      new RegExp(`^Order ${order.number} · Amelia Hart · GBP \\d{1,3}(,\\d{3})*\\.\\d{2}$`),
    );
  });

  it('pages through every contact of a large studio with "Load more", each exactly once', async () => {
    const scaled = await fetch(`${sandbox.url}/_sandbox/studios`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Busy Studio', country: 'GB', currency: 'GBP', scale: 130 }),
    });
    expect(scaled.status).toBe(201);
    const busy = (await scaled.json()) as { access_token: string; refresh_token: string };
    const pages = await openDropdown('list_contacts', { access_token: busy.access_token, refresh_token: busy.refresh_token });
    expect(pages.map((page) => page.length)).toEqual([100, 30, 0]);
    expect(new Set(pages.flat().map((choice) => choice.id)).size).toBe(130);
  });
});
