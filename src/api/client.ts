// The one way the integration talks to the Studio API: builds the URL from STUDIO_API_URL,
// sends the Idempotency-Key on creates, turns network failures into a temporary error,
// and parses every response with the contract's zod schema. A list is parsed record by
// record: one record the app cannot read is left out with a log line naming it and the
// field, and the rest of the page still comes through.
import type { HttpMethod, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { apiTimeoutMs, apiUrl, ConfigurationError } from './config.js';
import type { PageOf } from '../contract/primitives.js';
import { studioError } from './errors.js';
import { brokenTextError, brokenTextField } from './input.js';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface ApiCall {
  method?: HttpMethod;
  /** Path under the base URL, e.g. "/v1/contacts". */
  path: string;
  query?: Query;
  body?: unknown;
  /** Sent as Idempotency-Key: the API answers a replay with the first result. */
  idempotencyKey?: string;
  /** What the response is, for error messages ("contact", "list of galleries"). */
  describe?: string;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The URL of an API path, or, when STUDIO_API_URL is missing or unsafe, a Zapier error that
 * says so before anything is sent.
 */
export function studioUrl(z: ZObject, path: string): string {
  if (brokenTextField(path) !== null) throw brokenTextError(z, 'An ID or value in this step');
  // An id of "." or ".." put in a path would be read by every URL parser as "this folder" or
  // "the one above" (/v1/orders/. is /v1/orders/, the list). No record has such an id, so it is
  // answered as the API answers an unknown id, and each step's "not found" message applies.
  const dotSegment = path
    .split('?')[0]!
    .split('/')
    .find((segment) => segment === '.' || segment === '..');
  if (dotSegment !== undefined) {
    throw studioError(z, `Studio rejected the request: no record has the ID "${dotSegment}".`, 'not_found', 404);
  }
  try {
    return apiUrl(path);
  } catch (error) {
    if (error instanceof ConfigurationError) throw studioError(z, error.message, 'misconfigured');
    throw error;
  }
}

/** True for a failure to reach the API at all (no HTTP response). */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const withCode = error as Error & { code?: string; type?: string; errno?: string };
  return (
    error.name === 'FetchError' ||
    error.name === 'AbortError' ||
    withCode.type === 'request-timeout' ||
    NETWORK_CODES.has(withCode.code ?? '') ||
    NETWORK_CODES.has(withCode.errno ?? '')
  );
}

function cleanQuery(query: Query | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params[key] = String(value);
  }
  return params;
}

/** Formats zod issues as "field.path: message; …" for a person reading a Zap's error. */
export function describeIssues(error: zod.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

/** "a list of jobs", "an account": the article for what the API sent. */
function article(describe: string): string {
  return `${/^[aeiou]/i.test(describe) ? 'an' : 'a'} ${describe}`;
}

/** Parses an API response with its schema; a mismatch is an error that names the field. */
export function parseResponse<S extends zod.ZodType>(z: ZObject, schema: S, data: unknown, describe: string): zod.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw studioError(
    z,
    `The Studio API sent ${article(describe)} this integration cannot read (${describeIssues(result.error)}). ` +
      'Nothing was changed by this step. If it keeps happening, contact the integration’s support with this message.',
    'invalid_response',
  );
}

/**
 * Like callApi, and also says whether the API answered a create from its idempotency store
 * (`Idempotent-Replayed: true`): the record already existed and nothing new was made.
 */
export async function callApiDetailed<S extends zod.ZodType>(
  z: ZObject,
  schema: S,
  call: ApiCall,
): Promise<{ data: zod.output<S>; status: number; replayed: boolean }> {
  // Text with a lone surrogate cannot be put in a URL (encodeURIComponent throws URIError) and
  // would reach the API as U+FFFD: refused here, whatever step built the request, naming the parameter.
  const broken = brokenTextField(call.query) ?? brokenTextField(call.body);
  if (broken !== null) throw brokenTextError(z, broken);
  // "user-agent" in lower case, as core looks for it: a request naming Zapier there is one of
  // its request client, already logged once, which core's patch of node's http then leaves alone.
  const headers: Record<string, string> = { Accept: 'application/json', 'user-agent': 'Zapier' };
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  const request: HttpRequestOptions & { url: string; merge: false; throwForThrottlingEarly: false } = {
    url: studioUrl(z, call.path),
    method: call.method ?? 'GET',
    params: cleanQuery(call.query),
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeout: apiTimeoutMs(),
    // No merge with a request template (the app has none): core's merge deep-copies Zapier's
    // whole input on every request, and refuses any value containing "{{bundle.…}}" — text a
    // client may well type — with an error that is not a Zapier error. The text is sent as is.
    merge: false,
    // A 429 reaches the app's afterResponse (src/middleware.ts), which words it for a Zap
    // builder and reads Retry-After as seconds or as an HTTP date; core's early throw does neither.
    throwForThrottlingEarly: false,
  };
  let response;
  try {
    response = await z.request(request);
  } catch (error) {
    if (isNetworkFailure(error)) {
      throw studioError(
        z,
        'Could not reach the Studio API (the connection failed or timed out). This is usually temporary: ' +
          'try the step again in a few minutes. What a create made before is found and returned, not made again (a contact given by name alone excepted).',
        'network_error',
      );
    }
    throw error;
  }
  const data = response.status === 204 || response.content === '' ? undefined : response.data;
  return {
    data: parseResponse(z, schema, data, call.describe ?? 'response'),
    status: response.status,
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

export async function callApi<S extends zod.ZodType>(z: ZObject, schema: S, call: ApiCall): Promise<zod.output<S>> {
  return (await callApiDetailed(z, schema, call)).data;
}

/** A record of a list that did not match the contract, and why. */
export interface RecordProblem {
  /** Its position in the page. */
  index: number;
  /** Its id when it has one that can be read ("ord_7Hk2Qm9x"), else null. */
  id: string | null;
  /** The fields that are wrong, as describeIssues writes them ("client.email: …"). */
  problem: string;
}

/** "ord_1" or "evt_1 (ord_1)" for an event about a record; "at position 3" without an id. */
function recordLabel(raw: unknown, index: number): string {
  const id = idOf(raw);
  if (id === null) return `at position ${index + 1}`;
  const about = idOf((raw as { data?: unknown }).data);
  return about === null ? id : `${id} (${about})`;
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Parses each record of a list on its own: the ones the schema accepts, in order, and a
 * problem for each one it does not. Never throws for a record, whatever it holds.
 */
export function readRecords<S extends zod.ZodType>(
  item: S,
  raw: readonly unknown[],
): { records: Array<zod.output<S>>; problems: RecordProblem[] } {
  const records: Array<zod.output<S>> = [];
  const problems: RecordProblem[] = [];
  raw.forEach((entry, index) => {
    const result = item.safeParse(entry);
    if (result.success) records.push(result.data);
    else problems.push({ index, id: idOf(entry), problem: describeIssues(result.error) });
  });
  return { records, problems };
}

/** A list's envelope, its records still unread. */
const PageEnvelope = zod.object({ data: zod.array(zod.unknown()), next_cursor: zod.string().nullable() });

export interface ListCall extends ApiCall {
  limit?: number;
  cursor?: string | null;
  /**
   * The step's decision needs every record (matching a client among contacts, the latest
   * shoot, an order's existing invoices, a search): a record the app cannot read fails the
   * step, naming it, instead of being left out, since deciding without it could pick the
   * wrong contact or create a duplicate. Dropdowns and triggers leave it out instead.
   */
  everyRecord?: boolean;
}

/**
 * One page of a list endpoint, newest first. A record the contract does not accept is left
 * out, with a log line naming its id and the field, so one odd record never stops a poll or
 * a dropdown (unless `everyRecord`).
 */
export async function listPage<S extends zod.ZodType>(z: ZObject, item: S, call: ListCall): Promise<PageOf<zod.output<S>>> {
  const { limit, cursor, everyRecord, ...rest } = call;
  const describe = rest.describe ?? 'list';
  const page = await callApi(z, PageEnvelope, { ...rest, query: { ...rest.query, limit, cursor: cursor ?? undefined }, describe });
  const { records, problems } = readRecords(item, page.data);
  if (problems.length > 0 && everyRecord) {
    const named = problems
      .slice(0, 3)
      .map((problem) => `record ${recordLabel(page.data[problem.index], problem.index)}: ${problem.problem}`)
      .join('; ');
    throw studioError(
      z,
      `The Studio API sent ${article(describe)} this integration cannot read (${named}). ` +
        'Nothing was changed by this step, since deciding without that record could pick the wrong one. ' +
        'Check that record in Studio; if it keeps happening, contact the integration’s support with this message.',
      'invalid_response',
    );
  }
  for (const problem of problems) {
    z.console.log(
      `Studio API: left out record ${recordLabel(page.data[problem.index], problem.index)} of a ${describe}, ` +
        `which this integration cannot read (${problem.problem}); the rest of the list came through.`,
    );
  }
  return { data: records, next_cursor: page.next_cursor };
}
