import { describe, expect, it } from '@jest/globals';
import zapier from 'zapier-platform-core';
import * as zod from 'zod';
import { idempotencyKey } from '../../src/api/idempotency.js';
import { labelsOf, parseInput, yesNoField } from '../../src/api/input.js';

const z = { errors: zapier.errors } as never;

describe('step input validation', () => {
  it('names the field by its label and says nothing changed', () => {
    const schema = zod.object({ client_email: zod.email() });
    expect(() => parseInput(z, schema, { client_email: 'not-an-email' }, [{ key: 'client_email', label: 'Client Email' }])).toThrow(
      /Check this step's input\. Client Email: .*Nothing was changed\./,
    );
  });

  it('reads the labels from the declared fields, once', () => {
    expect(labelsOf([{ key: 'job_id', label: 'Job' }, { key: 'slug' }])).toEqual({ job_id: 'Job', slug: 'slug' });
  });

  it('returns the parsed input when it is valid', () => {
    expect(parseInput(z, zod.object({ n: zod.coerce.number() }), { n: '3' })).toEqual({ n: 3 });
  });
});

describe('boolean fields', () => {
  it('read what Zapier sends, and fall back when the field is left empty', () => {
    const field = yesNoField(true);
    expect([true, 'true', 'Yes', ' on ', '1'].map((v) => field.parse(v))).toEqual([true, true, true, true, true]);
    expect([false, 'false', 'NO', 'off', '0'].map((v) => field.parse(v))).toEqual([false, false, false, false, false]);
    expect([undefined, null, '', '  '].map((v) => field.parse(v))).toEqual([true, true, true, true]);
    expect(yesNoField(false).parse('')).toBe(false);
  });

  it('refuse anything else with a message', () => {
    expect(() =>
      parseInput(z, zod.object({ on: yesNoField(false) }), { on: 'maybe' }, [{ key: 'on', label: 'First Payment Only' }]),
    ).toThrow(/First Payment Only: must be true or false/);
  });
});

describe('idempotency keys', () => {
  it('are stable for the same inputs and differ for different ones', () => {
    expect(idempotencyKey('invoice', 'ord_1', '5')).toBe(idempotencyKey('invoice', 'ord_1', '5'));
    expect(idempotencyKey('invoice', 'ord_1', '5')).not.toBe(idempotencyKey('invoice', 'ord_1', '10'));
    expect(idempotencyKey('invoice', 'ord_1', '5')).not.toBe(idempotencyKey('gallery', 'ord_1', '5'));
    // Parts are joined unambiguously: ("a,b") is not ("a", "b").
    expect(idempotencyKey('x', 'a,b')).not.toBe(idempotencyKey('x', 'a', 'b'));
    expect(idempotencyKey('invoice', 'ord_1', '5')).toMatch(/^invoice:[0-9a-f]{40}$/);
  });
});
