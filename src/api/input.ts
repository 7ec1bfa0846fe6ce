// Step inputs are validated with zod before any request: bad input gets a message that
// names the field (by its label) and says what to do, and changes nothing.
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

/**
 * Parses a step's inputData. `labels` maps field keys to the labels the user sees, so the
 * message says "Client Email" rather than "client_email".
 */
export function parseInput<S extends zod.ZodType>(
  z: ZObject,
  schema: S,
  inputData: unknown,
  labels: Record<string, string> = {},
): zod.output<S> {
  const result = schema.safeParse(inputData);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const key = String(issue.path[0] ?? '');
    const label = labels[key] ?? key;
    return label ? `${label}: ${issue.message}` : issue.message;
  });
  throw new z.errors.Error(`Check this step's input. ${problems.join('. ')}. Nothing was changed.`, 'invalid_input');
}

/** Zapier sends an empty optional field as "" or leaves it out; treat both as absent. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

const YES = ['true', 'yes', '1', 'on'];
const NO = ['false', 'no', '0', 'off'];

/**
 * A boolean field. Zapier sends it as true/false or as text ("true", "yes", "no", ""); an
 * empty or missing value is `fallback`, anything else is refused with a message.
 */
export function yesNoField(fallback: boolean) {
  return zod.preprocess((value) => {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string') return value;
    const text = value.trim().toLowerCase();
    if (text === '') return fallback;
    if (YES.includes(text)) return true;
    if (NO.includes(text)) return false;
    return value;
  }, zod.boolean({ error: 'must be true or false (yes or no)' }));
}
