// Every message readable in Zap History: Zapier cuts a step's error at 250 characters, so what
// to do must come before that. test/support/messages.ts checks every message every suite
// makes the app show; this file checks the judge itself, drives every action and search of
// the app through its bad-input paths against a real sandbox, and checks the messages once
// known to put their advice too late (an ambiguous contact, a long contact ID, a changed order).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import zapier from 'zapier-platform-core';
import App from '../index.js';
import { DEMO_IDS } from '../sandbox/world/seed.js';
import { fromPicTime, picTimeOrder } from './orders/external-fixtures.js';
import { ZAPIER_CUTOFF, KNOWN_LATE_ADVICE, adviceWithinCutoff, shownMessage } from './support/advice.js';
import { startTestSandbox, type TestSandbox, runOperation, invokeApp } from './support/index.js';

describe('the judge of a message', () => {
  it('wants an instruction within the first 250 characters, not only what failed', () => {
    expect(adviceWithinCutoff('Studio rejected the request: No job with id "job_1" exists in this studio.')).toBe(false);
    expect(adviceWithinCutoff('Studio rejected the request: No job with id "job_1" exists. Check the IDs in this step.')).toBe(true);
    expect(
      adviceWithinCutoff(
        'The Studio API had a temporary problem (HTTP 503). Nothing needs to change in your Zap: try the step again in a few minutes.',
      ),
    ).toBe(true);
    expect(adviceWithinCutoff('2 contacts fit. To choose, fill in Email here.')).toBe(true);
    expect(adviceWithinCutoff('Contact con_1 was deleted.')).toBe(false);
    expect(adviceWithinCutoff('If it keeps happening, contact the integration’s support with this message.')).toBe(true);
    const late = `${'Order PT-1 differs: '.repeat(13)}Check the order.`;
    expect(late.indexOf('Check')).toBeGreaterThan(ZAPIER_CUTOFF);
    expect(adviceWithinCutoff(late)).toBe(false);
  });

  it('reads the text Zapier shows out of each kind of error', () => {
    expect(shownMessage(new zapier.errors.Error('Check the Gallery field.', 'invalid_input', 422))).toBe('Check the Gallery field.');
    expect(shownMessage(new zapier.errors.HaltedError('Two contacts fit. Fill in Email.'))).toBe('Two contacts fit. Fill in Email.');
    expect(shownMessage(new zapier.errors.RefreshAuthError('refreshing'))).toBeNull();
  });
});

type Op = {
  key: string;
  operation: { inputFields?: Array<{ key?: string; dynamic?: string; required?: boolean } | ((...args: never[]) => unknown)> };
};

describe('every action and search, given input it cannot use, against a real sandbox', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  const operations = (['creates', 'searches'] as const).flatMap((kind) =>
    Object.values((App as unknown as Record<string, Record<string, Op>>)[kind] ?? {}).map((op) => [`${kind}.${op.key}`, kind, op] as const),
  );

  it.each(operations)(
    '%s says what to do within 250 characters, with nothing filled in and with IDs that do not exist',
    async (_name, kind, op) => {
      const fields = (op.operation.inputFields ?? []).filter(
        (field): field is { key: string; dynamic?: string } => typeof field !== 'function' && typeof field.key === 'string',
      );
      const unknownIds = Object.fromEntries(
        fields.filter((field) => field.dynamic).map((field) => [field.key, `${field.key.replace(/_id$/, '').slice(0, 3)}_doesnotexist`]),
      );
      // Values a Zap may map by mistake: a whole paragraph into an ID, a long number into Phone.
      const longIds = Object.fromEntries(Object.entries(unknownIds).map(([key, id]) => [key, `${id}${'x'.repeat(300)}`]));
      const inputs = [
        {},
        unknownIds,
        { ...unknownIds, email: 'not an email', total: '12.345.6', currency: 'GBPX' },
        { ...longIds, phone: '9'.repeat(300), client_phone: '9'.repeat(300), slug: `a${'-b'.repeat(200)}` },
      ];
      const failures: string[] = [];
      for (const inputData of inputs) {
        try {
          await invokeApp(`${kind}.${op.key}.operation.perform`, { authData: sandbox.authData, inputData });
        } catch (error) {
          const message = shownMessage(error);
          if (message !== null) failures.push(message);
        }
      }
      // Some inputs are fine for some steps (a search with nothing to find returns nothing).
      // The one known late message these inputs can make (a long contact ID, quoted whole) is kept by its own test below.
      const knownLate = KNOWN_LATE_ADVICE.flatMap((known) => (known.only ? [known.only] : []));
      for (const message of failures.filter((text) => !knownLate.some((pattern) => pattern.test(text)))) {
        expect({ message, advice: adviceWithinCutoff(message) }).toEqual({ message, advice: true });
      }
    },
    60_000,
  );

  // Messages once known to put their advice past 250 characters: each now says what to do within them.
  it('an ambiguous contact says how to choose within 250 characters', async () => {
    const error = await runOperation(App.searches!.find_contact!.operation.perform, {
      authData: sandbox.authData,
      inputData: { first_name: 'James', last_name: 'Wilson' },
    }).then(
      () => null,
      (failure: unknown) => failure,
    );
    const message = shownMessage(error)!;
    expect(message).toMatch(/^2 contacts fit this client’s name/);
    expect(adviceWithinCutoff(message)).toBe(true);
  }, 30_000);

  it('a contact ID that does not exist, as long as an ID may be, is answered with advice within 250 characters', async () => {
    const error = await runOperation(App.creates!.update_contact!.operation.perform, {
      authData: sandbox.authData,
      inputData: { contact_id: `con_${'x'.repeat(60)}`, first_name: 'Ada' },
    }).then(
      () => null,
      (failure: unknown) => failure,
    );
    const message = shownMessage(error)!;
    expect(message).toMatch(/^Studio has no contact con_x+… in the connected account/);
    expect(adviceWithinCutoff(message)).toBe(true);
  }, 30_000);

  it('an order from another app replayed with other figures says what to do within 250 characters', async () => {
    const order = { ...fromPicTime(picTimeOrder), reference: 'PT-LATE-1', contact_id: DEMO_IDS.contacts.amelia };
    const run = (input: Record<string, unknown>) =>
      runOperation(App.creates!.create_invoices_from_line_items!.operation.perform, { authData: sandbox.authData, inputData: input });
    await run(order);
    const error = await run({ ...order, total: '96.40' }).then(
      () => null,
      (failure: unknown) => failure,
    );
    const message = shownMessage(error)!;
    expect(message).toContain('was booked before with other figures');
    expect(adviceWithinCutoff(message)).toBe(true);
  }, 30_000);
});
