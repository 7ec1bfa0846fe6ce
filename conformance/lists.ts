// The order of Studio API v1's lists: each is newest first by one field. The kit's pagination
// checks walk these lists and check that field never increases; scripts/openapi.ts writes the
// same fact into the OpenAPI description ("Ordered by `placed_at`, most recent first.").
// Plain data on purpose: the kit runs against any API and needs neither the generator nor zod.

/** Each list path and the time field it is ordered by, newest first, in the order the pagination checks run. */
export const LIST_ORDER: Readonly<Record<string, string>> = {
  '/v1/orders': 'placed_at',
  '/v1/shoots': 'starts_at',
  '/v1/payments': 'received_at',
  '/v1/events': 'created_at',
  '/v1/jobs': 'created_at',
  '/v1/galleries': 'created_at',
  '/v1/invoices': 'created_at',
};
