// An ID of "." or ".." in a URL path is read by every URL parser as "this folder" or "the one
// above" (/v1/orders/. is the list of orders). Whatever field it is mapped into, of whatever
// step, it must be answered as an unknown ID: the step's own "not found" message, never a
// response "this integration cannot read". Run against the real sandbox.
import { describe, expect, it } from '@jest/globals';
import App from '../../index.js';
import { failureOf, runOperation, type Step, useSandbox } from '../support/index.js';

const sandbox = useSandbox();

type Operation = { operation: { perform: Step; inputFields?: Array<{ key?: string } | ((...args: never[]) => unknown)> } };
const idFields = (['creates', 'searches'] as const).flatMap((kind) =>
  Object.entries((App as unknown as Record<string, Record<string, Operation>>)[kind] ?? {}).flatMap(([key, op]) =>
    (op.operation.inputFields ?? [])
      .filter((field): field is { key: string } => typeof field === 'object' && typeof field.key === 'string' && field.key.endsWith('_id'))
      .map((field) => [key, field.key, op] as const),
  ),
);

describe('an ID of "." or ".." mapped into any ID field', () => {
  it('finds ID fields to check', () => expect(idFields.length).toBeGreaterThan(10));

  it.each(idFields)('%s › %s is an unknown ID, not a response the step cannot read', async (_key, field, op) => {
    for (const id of ['.', '..']) {
      const outcome = await runOperation<unknown>(op.operation.perform, { authData: sandbox.authData, inputData: { [field]: id } }).then(
        () => null,
        (error: unknown) => failureOf(Promise.reject(error)),
      );
      if (outcome === null) continue; // a search may simply find nothing
      const failure = await outcome;
      expect(failure.code).not.toBe('invalid_response');
      expect(failure.message).not.toMatch(/\bundefined\b|cannot read/);
    }
  });
});
