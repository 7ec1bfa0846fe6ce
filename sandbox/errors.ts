// Every non-2xx answer of the sandbox is the API's error envelope:
// {"error": {"code", "message", "details"}}; 422 details list each field with what is wrong.
import type * as z from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] | Record<string, unknown> | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  envelope(): { error: { code: string; message: string; details: FieldProblem[] | Record<string, unknown> | null } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, 'not_found', `No ${what} with id ${JSON.stringify(id)} exists in this studio.`);
}

/** 422 naming each field; the message lists them so a person reading only the message can act. */
export function invalid(problems: FieldProblem[]): ApiError {
  const summary = problems
    .slice(0, 5)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return new ApiError(422, 'validation_failed', `The request is not valid. ${summary}${more}.`, problems);
}

export function invalidField(field: string, message: string): ApiError {
  return invalid([{ field, message }]);
}

/** 422 for a body field naming a record the studio does not have, with its own code (e.g. `stage_not_found`). */
export function unknownReference(field: string, code: string, message: string): ApiError {
  return new ApiError(422, code, `The request is not valid. ${field}: ${message}.`, [{ field, message }]);
}

/** Turns zod issues into one problem per field, the first one zod found (unknown keys: one per key). */
export function problemsFromZod(error: z.ZodError, prefix: string[] = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = [...prefix, ...issue.path.map(String)].join('.') || 'body';
    if (issue.code !== 'unrecognized_keys' && problems.some((p) => p.field === field)) continue;
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ field: [...path, key].join('.'), message: 'is not a known field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      problems.push({ field: path.join('.') || 'body', message: issue.message });
    } else {
      problems.push({ field: path.join('.') || 'body', message: describeIssue(issue) });
    }
  }
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    if (received === undefined) return 'is required';
    return `must be ${article(issue.expected)} (got ${typeName(received)})`;
  }
  return issue.message;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return names[expected] ?? expected;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
