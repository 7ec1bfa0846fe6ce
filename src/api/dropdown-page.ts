// One page of a dynamic dropdown. Zapier asks for page 0, then page 1, 2, … when the user
// clicks "Load more"; the API pages by cursor, so the next cursor is kept in Zapier's cursor
// store between those calls (z.cursor, available because the trigger sets canPaginate).
import type { Bundle, ZObject } from 'zapier-platform-core';
import type * as zod from 'zod';
import { listPage, type ApiCall } from './client.js';
import { brokenTextError, brokenTextField } from './input.js';

/** Choices per page: the API's largest page, so most studios never need "Load more". */
export const DROPDOWN_PAGE_SIZE = 100;

export async function dropdownPage<S extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  item: S,
  call: ApiCall,
): Promise<Array<zod.output<S>>> {
  // A dropdown's own fields (Search) are read by the trigger itself, not by parseInput.
  const broken = brokenTextField(bundle.inputData);
  if (broken !== null) throw brokenTextError(z, broken);
  let cursor: string | undefined;
  if ((bundle.meta?.page ?? 0) > 0) {
    cursor = (await z.cursor.get()) || undefined;
    // The previous page was the last one.
    if (!cursor) return [];
  }
  const page = await listPage(z, item, { ...call, limit: DROPDOWN_PAGE_SIZE, cursor });
  // '' (not "leave it"): an old cursor left in the store would serve the same page again.
  await z.cursor.set(page.next_cursor ?? '');
  return page.data;
}
