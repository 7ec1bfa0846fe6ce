// The hidden triggers behind every id dropdown: readable choices, and "Load more" walking the
// API's cursor pages through Zapier's cursor store. The store is Zapier's RPC service
// (get_cursor / set_cursor keyed by the run's storeKey), played here by a nock fake.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import App from '../../index.js';
import { sampleContact } from '../../src/contacts/samples.js';
import { sampleBrand, sampleGallery, samplePreset } from '../../src/galleries/samples.js';
import { sampleJob } from '../../src/jobs/samples.js';
import { sampleOrder } from '../../src/orders/samples.js';
import { invokeApp } from '../support/index.js';
import { API } from '../support/api-mock.js';

const RPC = 'https://rpc.zapier.test';
const authData = { access_token: 'at-dropdowns' };

/** Zapier's cursor store: one cursor per storeKey (one dropdown being paged through). */
function fakeCursorStore() {
  const cursors = new Map<string, string>();
  nock(RPC)
    .persist()
    .post('/cli')
    // nock 15 hands the reply function the fetch Request.
    .reply(200, async (request: Request) => {
      const { id, storeKey, method, params } = (await request.json()) as { id: string; storeKey: string; method: string; params: string[] };
      if (method === 'set_cursor') cursors.set(storeKey, params[0]!);
      return { id, result: method === 'get_cursor' ? (cursors.get(storeKey) ?? null) : null };
    });
  return cursors;
}

/** One dropdown load (page 0, 1, …), as Zapier runs it: meta.page and the same storeKey. */
async function loadChoices(key: string, page: number, inputData: Record<string, unknown> = {}) {
  return invokeApp<Array<{ id: string; name: string }>>(
    `triggers.${key}.operation.perform`,
    { authData, inputData, meta: { page, isFillingDynamicDropdown: true } },
    { storeKey: `dropdown-${key}`, rpc_base: `${RPC}/cli` },
  );
}

let cursors: Map<string, string>;
const deployKey = process.env.ZAPIER_DEPLOY_KEY;
beforeEach(() => {
  process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key'; // what core sends the RPC service outside Zapier
  cursors = fakeCursorStore();
});
afterEach(() => {
  nock.cleanAll();
  if (deployKey === undefined) delete process.env.ZAPIER_DEPLOY_KEY;
  else process.env.ZAPIER_DEPLOY_KEY = deployKey;
});

describe('dropdown choices', () => {
  it('shows jobs as name and date (event date, else the day the job was created)', async () => {
    const undated = {
      ...sampleJob,
      id: 'job_Undated1',
      name: 'Harper Family Portraits',
      event_date: null,
      created_at: '2026-03-02T10:00:00Z',
    };
    nock(API)
      .get('/v1/jobs')
      .query({ limit: '100' })
      .reply(200, { data: [sampleJob, undated], next_cursor: null });
    await expect(loadChoices('list_jobs', 0)).resolves.toEqual([
      { id: 'job_5Rt7Wq2e', name: 'Emma & James Wedding · 2026-06-20' },
      { id: 'job_Undated1', name: 'Harper Family Portraits · 2026-03-02' },
    ]);
  });

  it('shows contacts as "First Last (email)", and without email when there is none', async () => {
    const noEmail = { ...sampleContact, id: 'con_NoMail01', first_name: 'Oliver', last_name: 'Price', email: null };
    nock(API)
      .get('/v1/contacts')
      .query({ limit: '100' })
      .reply(200, { data: [sampleContact, noEmail], next_cursor: null });
    await expect(loadChoices('list_contacts', 0)).resolves.toEqual([
      { id: 'con_8f2k1Hx4', name: 'Emma Harper (emma.harper@example.com)' },
      { id: 'con_NoMail01', name: 'Oliver Price' },
    ]);
  });

  it('shows orders as number, client and formatted total', async () => {
    nock(API)
      .get('/v1/orders')
      .query({ limit: '100' })
      .reply(200, { data: [sampleOrder], next_cursor: null });
    await expect(loadChoices('list_orders', 0)).resolves.toEqual([
      { id: 'ord_7Hk2Qm9x', name: 'Order PT-1042 · Emma Harper · GBP 689.95' },
    ]);
  });

  it('shows brands with their domain', async () => {
    nock(API)
      .get('/v1/brands')
      .query({ limit: '100' })
      .reply(200, { data: [sampleBrand, { id: 'brd_Plain001', name: 'Northlight Minis', domain: null }], next_cursor: null });
    await expect(loadChoices('list_brands', 0)).resolves.toEqual([
      { id: 'brd_N0rth1ght', name: 'Northlight Photography (gallery.northlight.example)' },
      { id: 'brd_Plain001', name: 'Northlight Minis' },
    ]);
  });

  it('offers only the presets of the brand already chosen in the step', async () => {
    const api = nock(API)
      .get('/v1/gallery-presets')
      .query({ limit: '100', brand_id: 'brd_N0rth1ght' })
      .reply(200, { data: [samplePreset], next_cursor: null });
    await expect(loadChoices('list_presets', 0, { brand_id: 'brd_N0rth1ght', name: 'Emma & James Wedding' })).resolves.toEqual([
      { id: 'pst_Wed2026a', name: 'Wedding: Print Store and Downloads' },
    ]);
    expect(api.isDone()).toBe(true);
  });

  it('offers every preset while no brand is chosen', async () => {
    const api = nock(API)
      .get('/v1/gallery-presets')
      .query({ limit: '100' })
      .reply(200, { data: [samplePreset], next_cursor: null });
    await expect(loadChoices('list_presets', 0, { brand_id: '' })).resolves.toHaveLength(1);
    expect(api.isDone()).toBe(true);
  });

  it('narrows galleries to what the user typed in Search', async () => {
    const api = nock(API)
      .get('/v1/galleries')
      .query({ limit: '100', q: 'emma' })
      .reply(200, { data: [sampleGallery], next_cursor: null });
    await expect(loadChoices('list_galleries', 0, { search: '  emma ' })).resolves.toEqual([
      { id: 'gal_3Vx8Lp2a', name: 'Emma & James Wedding · online' },
    ]);
    expect(api.isDone()).toBe(true);
  });
});

describe('a record the app cannot read', () => {
  // Each dropdown's page: two good records (one with an internationalised email where the
  // record has one) around one the contract refuses, and the field that makes it odd.
  const cases: Array<[string, string, object[], object, string]> = [
    [
      'list_jobs',
      '/v1/jobs',
      [sampleJob, { ...sampleJob, id: 'job_Good2' }],
      { ...sampleJob, id: 'job_Odd', event_date: 'next June' },
      'event_date',
    ],
    [
      'list_contacts',
      '/v1/contacts',
      [sampleContact, { ...sampleContact, id: 'con_Good2', email: 'josé@example.com' }],
      { ...sampleContact, id: 'con_Odd', created_at: 'yesterday' },
      'created_at',
    ],
    [
      'list_orders',
      '/v1/orders',
      [sampleOrder, { ...sampleOrder, id: 'ord_Good2', client: { ...sampleOrder.client, email: 'o&neil@example.com' } }],
      { ...sampleOrder, id: 'ord_Odd', currency: 'XYZ' },
      'currency',
    ],
    ['list_brands', '/v1/brands', [sampleBrand, { ...sampleBrand, id: 'brd_Good2' }], { ...sampleBrand, id: 'brd_Odd', name: 42 }, 'name'],
    [
      'list_presets',
      '/v1/gallery-presets',
      [samplePreset, { ...samplePreset, id: 'pst_Good2' }],
      { ...samplePreset, id: 'pst_Odd', brand_id: '' },
      'brand_id',
    ],
    [
      'list_galleries',
      '/v1/galleries',
      [sampleGallery, { ...sampleGallery, id: 'gal_Good2', client_email: 'user@bücher.de' }],
      { ...sampleGallery, id: 'gal_Odd', slug: 'Not A Slug' },
      'slug',
    ],
  ];

  it.each(cases)(
    'is left out of %s, named in the log with its field; the other choices and the next page still come',
    async (key, path, good, odd, field) => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        nock(API)
          .get(path)
          .query({ limit: '100' })
          .reply(200, { data: [good[0], odd, good[1]], next_cursor: 'cur_after_odd' });
        const choices = await loadChoices(key, 0);
        expect(choices.map((choice) => choice.id)).toEqual(good.map((record) => (record as { id: string }).id));
        expect(cursors.get(`dropdown-${key}`)).toBe('cur_after_odd');
        const oddId = (odd as { id: string }).id;
        expect(log.mock.calls.flat().join('\n')).toMatch(
          new RegExp(`left out record ${oddId} of a list of \\w[\\w ]*, which this integration cannot read \\(${field}: `),
        );
      } finally {
        log.mockRestore();
      }
    },
  );

  it('fails the dropdown clearly when the page itself is not a list', async () => {
    nock(API).get('/v1/jobs').query({ limit: '100' }).reply(200, { data: 'not a list', next_cursor: null });
    await expect(loadChoices('list_jobs', 0)).rejects.toThrow(/list of jobs this integration cannot read \(data: /);
  });
});

describe('"Load more" in a dropdown', () => {
  const job = (n: number) => ({ ...sampleJob, id: `job_Page${n}`, name: `Job ${n}` });

  it('walks the API’s cursor pages and stops after the last one', async () => {
    nock(API)
      .get('/v1/jobs')
      .query({ limit: '100' })
      .reply(200, { data: [job(3), job(2)], next_cursor: 'cur_page2' });
    nock(API)
      .get('/v1/jobs')
      .query({ limit: '100', cursor: 'cur_page2' })
      .reply(200, { data: [job(1)], next_cursor: null });

    const first = await loadChoices('list_jobs', 0);
    const second = await loadChoices('list_jobs', 1);
    const third = await loadChoices('list_jobs', 2); // no request: the API said there is no more

    expect([first, second, third].map((page) => page.map((choice) => choice.id))).toEqual([['job_Page3', 'job_Page2'], ['job_Page1'], []]);
    expect(cursors.get('dropdown-list_jobs')).toBe('');
    expect(nock.pendingMocks().filter((mock) => !mock.includes('rpc.zapier.test'))).toEqual([]);
  });

  it.each(['list_galleries', 'list_brands', 'list_presets', 'list_contacts', 'list_orders'])('%s pages by cursor too', async (key) => {
    const trigger = (App.triggers as unknown as Record<string, { operation: { canPaginate?: boolean }; display: { hidden?: boolean } }>)[
      key
    ]!;
    expect(trigger.operation.canPaginate).toBe(true);
    expect(trigger.display.hidden).toBe(true);
    const path = {
      list_galleries: '/v1/galleries',
      list_brands: '/v1/brands',
      list_presets: '/v1/gallery-presets',
      list_contacts: '/v1/contacts',
      list_orders: '/v1/orders',
    }[key]!;
    cursors.set(`dropdown-${key}`, 'cur_next');
    const api = nock(API).get(path).query({ limit: '100', cursor: 'cur_next' }).reply(200, { data: [], next_cursor: null });
    await expect(loadChoices(key, 1)).resolves.toEqual([]);
    expect(api.isDone()).toBe(true);
  });
});
