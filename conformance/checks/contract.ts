// Every body the integration reads parses with its zod contract (src/contract/): a field
// missing, renamed or of another type would stop a Zap, so each list's first page is read whole.
import type * as z from 'zod';
import * as C from '../../src/contract/index.js';
import { defineChecks, fail, pass, type CheckSpec } from '../check.js';
import { page, zodProblem } from '../fixtures.js';

const LISTS: Array<{ path: string; item: z.ZodType; name: string }> = [
  { path: '/v1/contacts', item: C.Contact, name: 'Contact' },
  { path: '/v1/jobs', item: C.Job, name: 'Job' },
  { path: '/v1/job-stages', item: C.JobStage, name: 'JobStage' },
  { path: '/v1/shoots', item: C.Shoot, name: 'Shoot' },
  { path: '/v1/galleries', item: C.Gallery, name: 'Gallery' },
  { path: '/v1/brands', item: C.Brand, name: 'Brand' },
  { path: '/v1/gallery-presets', item: C.GalleryPreset, name: 'GalleryPreset' },
  { path: '/v1/orders', item: C.Order, name: 'Order' },
  { path: '/v1/invoices', item: C.Invoice, name: 'Invoice' },
  { path: '/v1/payments', item: C.Payment, name: 'Payment' },
  { path: '/v1/hooks', item: C.HookSubscription, name: 'HookSubscription' },
  { path: '/v1/events', item: C.StudioEvent, name: 'StudioEvent' },
];

export const contractChecks = defineChecks('contract', [
  {
    id: 'contract.me',
    expected: 'GET /v1/me → 200, a Me (studio, user, scopes)',
    async run(ctx) {
      const response = await ctx.api('GET', '/v1/me');
      if (response.status !== 200) return fail(`${response.status} ${response.text.slice(0, 100)}`);
      const parsed = C.Me.safeParse(response.body);
      return parsed.success
        ? pass(`200, studio ${parsed.data.studio.id} (${parsed.data.studio.currency}), scopes: ${parsed.data.scopes.join(' ')}`)
        : fail(`200 but ${zodProblem(parsed.error)}`);
    },
  },
  ...LISTS.map(
    (list): CheckSpec => ({
      id: `contract.list${list.path.slice(3)}`,
      expected: `GET ${list.path}?limit=100 → 200 {data, next_cursor}, every item a ${list.name}`,
      async run(ctx) {
        const found = await page(ctx, ctx.main, list.path, { limit: 100 });
        for (const [index, item] of found.data.entries()) {
          const parsed = list.item.safeParse(item);
          if (!parsed.success) return fail(`item ${index} (${(item as { id?: string })?.id ?? '?'}): ${zodProblem(parsed.error)}`);
        }
        return pass(`${found.data.length} item${found.data.length === 1 ? '' : 's'} parsed${found.next_cursor ? ', more pages' : ''}`);
      },
    }),
  ),
]);
