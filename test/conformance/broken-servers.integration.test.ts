// Broken servers: the sandbox started with one planted bug at a time (sandbox/planted-bugs.ts,
// a test-only option), and the conformance kit run over the groups where the bug would show.
// Each run must fail exactly the rows that name the bug, and no other row of those groups:
// the kit catches every planted class, and says which rule was broken.
import { afterAll, describe, expect, it } from '@jest/globals';
import { runConformance, type Row } from '../../conformance/runner.js';
import { PLANTED_BUGS, plantedBugFromEnv, type PlantedBug } from '../../sandbox/planted-bugs.js';
import { startTestSandbox, type TestSandbox } from '../support/index.js';

/** Each bug: the kit's groups (or checks) to run, and the rows that must fail, and only they. */
const CAUGHT_BY: Record<PlantedBug, { only: string[]; failing: string[] }> = {
  'scopes-not-enforced': { only: ['oauth'], failing: ['oauth.scope-enforced'] },
  'expired-tokens-accepted': { only: ['oauth', 'errors'], failing: ['oauth.expired-token-refused'] },
  'gallery-limit-not-enforced': { only: ['writes'], failing: ['writes.gallery-limit'] },
  'relink-answers-201': { only: ['writes'], failing: ['writes.link-gallery'] },
  'same-stage-move-fires-event': { only: ['writes'], failing: ['writes.same-stage-no-event'] },
  'status-ignores-stage': { only: ['writes'], failing: ['writes.job-status-follows-stage'] },
  'job-for-unknown-contact': { only: ['writes'], failing: ['writes.job-unknown-contact'] },
  'patch-null-ignored': { only: ['writes'], failing: ['writes.patch-null-clears'] },
  'zero-rate-invoice-with-tax': { only: ['writes'], failing: ['writes.invoice-tax-fits-rate', 'writes.invoice-zero-rate-tax'] },
  'phone-filter-unchecked': { only: ['filters'], failing: ['filters.contacts-phone-malformed'] },
  'phone-filter-not-normalised': { only: ['filters'], failing: ['filters.contacts-phone-formatted'] },
  'phone-filter-exact': { only: ['filters'], failing: ['filters.contacts-phone-extension'] },
  'name-filter-accents-only': { only: ['filters'], failing: ['filters.contacts-name-folded'] },
  'payment-provider-case-sensitive': {
    only: ['filters', 'idempotency'],
    failing: ['filters.payments-provider-reference', 'idempotency.payment-reference-unique'],
  },
  'unchanged-patch-fires-event': { only: ['contract'], failing: ['contract.contact-unchanged-no-event'] },
  'changed-fields-everything': { only: ['contract'], failing: ['contract.contact-updated-event'] },
  'shoot-start-compared-as-text': { only: ['filters'], failing: ['filters.shoots-job-start'] },
  'invoice-event-without-contact': { only: ['contract'], failing: ['contract.invoice-created-event'] },
  'limit-ignored': {
    only: ['pagination'],
    failing: ['pagination.cursor-walk', 'pagination.limit', 'pagination.order/events', 'pagination.walk-to-end'],
  },
  // The kit knows a retry by its webhook-id, so with a new id it sees no retry at all.
  'retry-new-webhook-id': {
    only: ['webhooks'],
    failing: ['webhooks.retry-after-honoured', 'webhooks.retry-same-id', 'webhooks.retry-signed'],
  },
  'job-name-filter-exact': { only: ['filters'], failing: ['filters.jobs-name-date'] },
  'from-stage-ignored': { only: ['writes'], failing: ['writes.stage-move-conditional'] },
  'unique-email-ignored': { only: ['writes'], failing: ['writes.unique-email'] },
  'source-filter-half': { only: ['filters'], failing: ['filters.invoices-source-pair'] },
  'errors-replayed': { only: ['idempotency'], failing: ['idempotency.error-not-stored'] },
  'idempotency-key-not-reserved': { only: ['idempotency'], failing: ['idempotency.concurrent-same-key'] },
  'unknown-gallery-link-not-found': { only: ['errors'], failing: ['errors.link-not-found'] },
  'gone-keeps-subscription': { only: ['webhooks'], failing: ['webhooks.gone-unsubscribes'] },
  'retry-ignores-retry-after': { only: ['webhooks'], failing: ['webhooks.retry-after-honoured'] },
  'private-targets-accepted': { only: ['webhooks'], failing: ['webhooks.private-targets-refused'] },
  'no-rate-limit': { only: ['rate-limits'], failing: ['rate-limits.429-retry-after', 'rate-limits.headers'] },
};

const sandboxes: TestSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.stop()));
});

/** The kit over `only`, against a sandbox with `bug` planted (null: none), every input by flag. */
async function kitAgainst(bug: PlantedBug | null, only: string[]): Promise<Row[]> {
  const sandbox = await startTestSandbox({ plantedBug: bug, rateLimit: { limit: 200, windowSeconds: 3 } });
  sandboxes.push(sandbox);
  try {
    const other = await sandbox.newStudio({ name: 'Second Studio' });
    const { rows } = await runConformance({
      url: sandbox.url,
      token: sandbox.authData.access_token,
      otherToken: other.access_token,
      clientId: sandbox.studio.client_id,
      clientSecret: sandbox.studio.client_secret,
      loginEmail: sandbox.studio.user_email,
      loginPassword: sandbox.studio.user_password,
      webhookWaitSeconds: 4,
      burst: 400,
      only,
    });
    return rows;
  } finally {
    await sandbox.stop();
    sandboxes.splice(sandboxes.indexOf(sandbox), 1);
  }
}

const failedRows = (rows: Row[]) =>
  rows
    .filter((row) => row.status === 'fail')
    .map((row) => row.check)
    .sort();

describe('the conformance kit against broken servers', () => {
  it('has a row to catch every planted bug', () => {
    expect(Object.keys(CAUGHT_BY).sort()).toEqual(Object.keys(PLANTED_BUGS).sort());
  });

  it('plants a bug from SANDBOX_PLANTED_BUG only outside production, and only a known one', () => {
    expect(plantedBugFromEnv({ SANDBOX_PLANTED_BUG: 'no-rate-limit' })).toBe('no-rate-limit');
    expect(plantedBugFromEnv({})).toBeNull();
    expect(() => plantedBugFromEnv({ SANDBOX_PLANTED_BUG: 'no-rate-limit', NODE_ENV: 'production' })).toThrow(
      /refused when NODE_ENV=production/,
    );
    expect(() => plantedBugFromEnv({ SANDBOX_PLANTED_BUG: 'typo' })).toThrow(/must be one of scopes-not-enforced/);
  });

  it.each(Object.keys(CAUGHT_BY) as PlantedBug[])(
    '%s: fails exactly the rows that name it, saying what to fix',
    async (bug) => {
      const { only, failing } = CAUGHT_BY[bug];
      const rows = await kitAgainst(bug, only);
      expect(failedRows(rows)).toEqual([...failing].sort());
      for (const row of rows.filter((r) => r.status === 'fail')) {
        expect(row.fix).toMatch(/\w/);
        expect(row.observed).not.toBe('');
      }
    },
    60_000,
  );
});
