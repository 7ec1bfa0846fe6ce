// Request bodies are checked with zod: a wrong type, a missing field or an unknown field (at
// any depth) is a 422 that names each field. Nothing is written before a body passes.
import * as z from 'zod';
import { invalid, invalidField, problemsFromZod, type FieldProblem } from '../errors.js';

/** The app's schemas are strip-mode objects; the API refuses unknown fields, so make them strict. */
export function strict<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<Shape, z.core.$strict> {
  return z.strictObject(schema.shape);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fields of `input` that the schema dropped: a strip-mode object nested anywhere (an invoice's
 * lines) silently drops unknown keys, so compare what was sent with what was kept.
 */
function droppedFields(input: unknown, output: unknown, path: string[], found: FieldProblem[]): void {
  if (isPlainObject(input) && isPlainObject(output)) {
    for (const key of Object.keys(input)) {
      if (!(key in output)) found.push({ field: [...path, key].join('.'), message: 'is not a known field' });
      else droppedFields(input[key], output[key], [...path, key], found);
    }
  } else if (Array.isArray(input) && Array.isArray(output) && input.length === output.length) {
    input.forEach((item, index) => droppedFields(item, output[index], [...path, String(index)], found));
  }
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null) throw invalidField('body', 'is required: send a JSON object');
  if (!isPlainObject(body)) throw invalidField('body', 'must be a JSON object');
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) throw invalid(problemsFromZod(result.error));
  const unknown: FieldProblem[] = [];
  droppedFields(body, result.data, [], unknown);
  if (unknown.length > 0) throw invalid(unknown);
  return result.data;
}

/** A path parameter as a plain string (fastify gives them as strings; this keeps types honest). */
export function pathParam(params: unknown, name: string): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
