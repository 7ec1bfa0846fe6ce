// Step inputs are validated with zod before any request: bad input gets a message that
// names the field (by its label) and says what to do, and changes nothing.
import type { ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { CalendarDate } from '../contract/primitives.js';
import { studioError } from './errors.js';

/** A declared input field, as far as a message needs it: its key and the label the user sees. */
export interface LabelledField {
  key: string;
  label?: string;
}

/** `{key: label}` of a step's declared input fields (a field without a label keeps its key). */
export function labelsOf(fields: readonly LabelledField[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.key, field.label ?? field.key]));
}

/**
 * Parses a step's inputData. `fields` are the step's declared inputFields, so the message
 * names a field by the label the user sees ("Client Email" rather than "client_email").
 */
export function parseInput<S extends zod.ZodType>(
  z: ZObject,
  schema: S,
  inputData: unknown,
  fields: readonly LabelledField[] = [],
): zod.output<S> {
  const labels = labelsOf(fields);
  const broken = brokenTextField(inputData);
  if (broken !== null) throw brokenTextError(z, labels[broken.split('.')[0]!] ?? broken);
  const result = schema.safeParse(inputData);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const key = String(issue.path[0] ?? '');
    const label = labels[key] ?? key;
    const message = plainMessage(issue, inputData);
    return label ? `${label}: ${message}` : message;
  });
  throw studioError(z, `Check this step's input. ${problems.join('. ')}. Nothing was changed.`, 'invalid_input');
}

/** A lone UTF-16 surrogate: half of a character outside the BMP (an emoji), cut off on its own. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a text holds a lone surrogate, which no URL, form or API can carry. */
export function hasBrokenCharacter(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * The path ("email", "line_items.0.description") of the first text in a value that holds a
 * lone surrogate, or null. Walked without recursion, so any nesting is safe.
 */
export function brokenTextField(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (hasBrokenCharacter(current)) return path;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current)) {
      if (hasBrokenCharacter(key)) return path === '' ? key.replace(LONE_SURROGATE, '\uFFFD') : path;
      stack.push([child, path === '' ? key : `${path}.${key}`]);
    }
  }
  return null;
}

/** The step's error for a field whose text holds a lone surrogate (named by its label). */
export function brokenTextError(z: ZObject, field: string): Error {
  return studioError(
    z,
    `Check this step's input. ${field || 'A field'}: contains a broken character (half of an emoji or symbol, often cut off by a formatter); retype the text or map a clean value. Nothing was changed.`,
    'invalid_input',
  );
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  date: 'a date',
};

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'text';
}

/**
 * zod's own wording for a wrong type ("Invalid input: expected string, received undefined")
 * means nothing to a Zap builder: a missing value "is required", another kind of value "must
 * be text, not a list". Messages a schema wrote itself are kept as they are.
 */
function plainMessage(issue: zod.core.$ZodIssue, inputData: unknown): string {
  if (issue.code !== 'invalid_type' || !/^Invalid input: expected /.test(issue.message)) return issue.message;
  let value: unknown = inputData;
  for (const step of issue.path)
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return 'is required';
  return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(value)}`;
}

/** Zapier sends an empty optional field as "" or leaves it out; treat both as absent. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** An optional field: blank or missing is absent, anything else must pass `schema`. */
export const optional = <S extends zod.ZodType>(schema: S) => zod.preprocess(blankToUndefined, schema.optional());

/** A required dropdown choice (an id): missing or blank says to choose one. */
export const requiredChoice = zod
  .string({ error: 'is required: choose one from the dropdown' })
  .trim()
  .min(1, 'is required: choose one from the dropdown');

const YES = ['true', 'yes', '1', 'on'];
const NO = ['false', 'no', '0', 'off'];

/**
 * A boolean field. Zapier sends it as true/false or as text ("true", "yes", "no", ""); an
 * empty or missing value is `fallback`, anything else is refused with a message.
 */
export function yesNoField(fallback: boolean) {
  return zod.preprocess(
    (value) => {
      if (value === undefined || value === null) return fallback;
      if (typeof value !== 'string') return value;
      const text = value.trim().toLowerCase();
      if (text === '') return fallback;
      if (YES.includes(text)) return true;
      if (NO.includes(text)) return false;
      return value;
    },
    zod.boolean({ error: 'must be true or false (yes or no)' }),
  );
}

/** A calendar day from a date or an ISO date-time (Zapier sends datetime fields as ISO 8601). */
export const EventDateInput = zod
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ].*)?$/, 'must be a date such as 2026-06-13')
  .transform((text) => text.slice(0, 10))
  .pipe(CalendarDate);
