// Bugs the sandbox can be started with on purpose, one at a time, to prove that the conformance
// kit (conformance/) catches each of them: test/conformance/broken-servers.test.ts starts the
// sandbox with every one in turn and checks that exactly the kit's rows naming it fail. Each is
// a mistake a Studio API backend could plausibly make. Never on in normal use: startSandbox
// takes `plantedBug` only from a caller that asks for it, and `npm run sandbox` honours
// SANDBOX_PLANTED_BUG only when NODE_ENV is not "production". Every place a bug lives is marked
// `// planted bug:` in the sandbox's source.

import { hashCredential } from './oauth/secrets.js';
import { prepared, type DatabaseSync } from './store/sqlite.js';

/** Each bug and what the broken server does. */
export const PLANTED_BUGS = {
  'scopes-not-enforced': 'a token is allowed every endpoint, whatever scopes it was granted',
  'expired-tokens-accepted': 'an access token past its expiry still works',
  'gallery-limit-not-enforced': 'an 11th gallery can be linked to a job',
  'relink-answers-201': 'linking a gallery that is already linked answers 201 created:true instead of 200 created:false',
  'same-stage-move-fires-event': 'moving a job to the stage it is already in fires job.stage_changed',
  'status-ignores-stage': 'a job moved to another stage keeps its old status',
  'phone-filter-unchecked': 'a malformed ?phone= on GET /v1/contacts is accepted (an empty list) instead of a 422',
  'job-for-unknown-contact': 'POST /v1/jobs with an unknown contact_id creates the job',
  'patch-null-ignored': 'PATCH /v1/contacts/:id with null leaves the field as it was',
  'gone-keeps-subscription': 'a receiver answering 410 Gone stays subscribed',
  'retry-ignores-retry-after': 'a retry comes on the backoff schedule even when the receiver’s Retry-After asked for longer',
  'private-targets-accepted': 'POST /v1/hooks accepts a private, link-local or plain-http target',
  'zero-rate-invoice-with-tax': 'a 0% invoice carrying tax, or tax that does not fit the rate, is accepted',
  'no-rate-limit': 'no rate limit: no RateLimit-* headers and never a 429',
  'errors-replayed': 'an error answered to an Idempotency-Key is replayed to every later request with the key',
  'source-filter-half': 'GET /v1/invoices?source_app= without source_reference filters by the app alone instead of a 422',
  'unknown-gallery-link-not-found': 'unlinking an unknown gallery answers 404 not_found instead of link_not_found',
  'phone-filter-not-normalised': 'a ?phone= written with spaces or hyphens is refused instead of read as the E.164 number',
  'phone-filter-exact': 'a ?phone= without an extension finds only that exact phone, not the lines of its extensions',
  'name-filter-accents-only':
    'GET /v1/contacts?name= folds case and accents only: apostrophe variants, hyphens, ß, Turkish İ and full-width letters are not folded',
  'payment-provider-case-sensitive':
    'a payment’s provider is compared with its case: "stripe" finds no "Stripe" payment, and a second "STRIPE" payment of the same reference is recorded',
  'unchanged-patch-fires-event': 'a PATCH that alters nothing still publishes contact.updated (naming the fields sent)',
  'changed-fields-everything': 'contact.updated names every field of the contact in changed_fields, not the fields the PATCH altered',
  'shoot-start-compared-as-text':
    'GET /v1/shoots?starts_at= compares the text, so the same instant written with another offset finds nothing',
  'invoice-event-without-contact': 'invoice.created comes without the invoice’s contact and job embedded',
  'limit-ignored': 'lists ignore ?limit= and always answer pages of the default size (25)',
  'retry-new-webhook-id':
    'a retried webhook delivery carries a new webhook-id (signed with it), so a receiver cannot tell it from a new event',
  'job-name-filter-exact': 'GET /v1/jobs?name= compares the name exactly instead of folded (case, accents, white space)',
  'from-stage-ignored': 'PATCH /v1/jobs/:id moves the job whatever from_stage_id says, instead of a 409 stage_changed',
  'unique-email-ignored': 'PATCH /v1/contacts/:id gives a contact another contact’s email whatever unique_email says',
  'idempotency-key-not-reserved':
    'an Idempotency-Key is stored only when its request has been answered, so requests with it at once all run (slowly, as real work does)',
} as const;

export type PlantedBug = keyof typeof PLANTED_BUGS;

export function isPlantedBug(value: string): value is PlantedBug {
  return Object.hasOwn(PLANTED_BUGS, value);
}

/** Whether the sandbox runs with `bug` planted (the one test-only switch every hook asks). */
export function planted(ctx: { plantedBug?: PlantedBug | null }, bug: PlantedBug): boolean {
  return ctx.plantedBug === bug;
}

/**
 * A page of a list as a planted filter bug answers it: with `bug` planted and the filter it
 * breaks asked for (`kept` given), only the items the broken filter keeps; else as it is.
 */
export function narrowedBy<T, P extends { data: T[] }>(
  ctx: { plantedBug?: PlantedBug | null },
  bug: PlantedBug,
  page: P,
  kept: ((item: T) => boolean) | undefined,
): P {
  return planted(ctx, bug) && kept ? { ...page, data: page.data.filter(kept) } : page;
}

/** SANDBOX_PLANTED_BUG, for `npm run sandbox`: refused in production and when unknown. */
export function plantedBugFromEnv(env: NodeJS.ProcessEnv): PlantedBug | null {
  const value = env.SANDBOX_PLANTED_BUG?.trim();
  if (!value) return null;
  if (env.NODE_ENV === 'production')
    throw new Error('SANDBOX_PLANTED_BUG is for testing the conformance kit and is refused when NODE_ENV=production');
  if (!isPlantedBug(value))
    throw new Error(`SANDBOX_PLANTED_BUG must be one of ${Object.keys(PLANTED_BUGS).join(', ')} (got ${JSON.stringify(value)})`);
  return value;
}

/** expired-tokens-accepted: who a bearer token speaks for, its expiry ignored (revocation still counts). */
export function plantedBugCaller(
  db: DatabaseSync,
  authorization: string | undefined,
): { studioId: string; userId: string; clientId: string; scopes: string[] } | null {
  const token = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  const row = prepared(
    db,
    'SELECT client_id, user_id, studio_id, scopes FROM oauth_access_tokens WHERE token_hash = ? AND revoked_at IS NULL',
  ).get(hashCredential(token)) as { client_id: string; user_id: string; studio_id: string; scopes: string } | undefined;
  return row
    ? { studioId: row.studio_id, userId: row.user_id, clientId: row.client_id, scopes: row.scopes.split(' ').filter(Boolean) }
    : null;
}
