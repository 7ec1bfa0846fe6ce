// Request middleware: the bearer token on the way out, and the one place where HTTP errors of
// the Studio API (and its OAuth endpoints) become the Zapier errors a Zap builder sees.
import type { AfterResponseMiddleware, BeforeRequestMiddleware, HttpResponse, ZObject } from 'zapier-platform-core';
import { ApiErrorBody } from './contract/primitives.js';
import { brief, studioError } from './api/errors.js';
import { retryAfterDelayMs } from './api/retry-after.js';

const addBearerToken: BeforeRequestMiddleware = (request, _z, bundle) => {
  const token = bundle.authData?.access_token;
  if (token && !request.headers?.Authorization) {
    request.headers = { ...request.headers, Authorization: `Bearer ${token}` };
  }
  return request;
};

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), at least 1; 60 if absent. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number {
  const ms = retryAfterDelayMs(header, now);
  return ms === null ? 60 : Math.max(1, Math.ceil(ms / 1000));
}

/** The API asking Zapier to wait: a 429, or a 503 that says for how long. */
function asksToWait(response: HttpResponse): boolean {
  return response.status === 429 || (response.status === 503 && Boolean(response.headers.get('retry-after')));
}

/** Zapier retries after the server's delay; `who` asked, and `after` says what that means for the person. */
function throttled(z: ZObject, response: HttpResponse, who: string, after: string): Error {
  const delay = retryAfterSeconds(response.headers.get('retry-after'));
  return new z.errors.ThrottledError(
    `${who} asked Zapier to slow down (HTTP ${response.status}). Zapier will retry in ${delay} seconds; ${after}`,
    delay,
  );
}

interface ApiProblem {
  code: string;
  message: string;
  fields: string[];
}

function bodyOf(response: HttpResponse): unknown {
  try {
    return response.data ?? JSON.parse(response.content);
  } catch {
    return undefined;
  }
}

/** What the API said went wrong, from the error envelope or an OAuth error body. */
function problemOf(response: HttpResponse): ApiProblem | null {
  const body = bodyOf(response);
  const envelope = ApiErrorBody.safeParse(body);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    const fields = Array.isArray(details) ? details.map((d) => `${d.field} (${d.message})`) : [];
    return { code, message, fields };
  }
  // RFC 6749 §5.2: {"error": "invalid_grant", "error_description": "..."}
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
    const oauth = body as { error: string; error_description?: string };
    return { code: oauth.error, message: oauth.error_description ?? oauth.error, fields: [] };
  }
  return null;
}

function isTokenEndpoint(response: HttpResponse): boolean {
  return /\/oauth\/token(?:\?|$)/.test(response.request?.url ?? '');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** RFC 6749 §5.2 codes that mean the grant itself is dead: only a new sign-in repairs it. */
const GRANT_REFUSED = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * The token endpoint's answer. Only a refused grant or client (an expired, revoked or reused
 * refresh token; a client Studio no longer knows) asks the person to reconnect: a token
 * endpoint that is down, overloaded or throttling is temporary, and reconnecting would not help.
 */
function tokenEndpointError(response: HttpResponse, problem: ApiProblem | null, z: ZObject): Error {
  const { status } = response;
  if (status < 500 && status !== 429 && problem && GRANT_REFUSED.has(problem.code)) {
    return new z.errors.ExpiredAuthError(
      `Studio did not accept the sign-in (${problem.code}: ${problem.message}). ` +
        'Reconnect your Studio account in Zapier (My Apps → Studio → Reconnect).',
    );
  }
  if (asksToWait(response)) return throttled(z, response, "Studio's sign-in service", 'your connection is fine.');
  if (status >= 500) {
    return studioError(
      z,
      `Studio's sign-in service had a temporary problem (HTTP ${status}) while renewing the connection. ` +
        'Your connection is fine and nothing needs to change: try the step again in a few minutes.',
      'temporary_error',
      status,
    );
  }
  // Any other refusal (a malformed request, a grant type Studio does not offer) is a problem
  // of the integration's configuration, not of this person's connection.
  return studioError(
    z,
    `Studio's sign-in service refused the request (${problem?.code ?? `HTTP ${status}`}: ${problem?.message ?? 'no details'}). ` +
      'This is a problem with the integration’s setup, not your account: contact the integration’s support with this message.',
    problem?.code ?? `http_${status}`,
    status,
  );
}

export function mapErrorResponse(response: HttpResponse, z: ZObject): HttpResponse {
  const { status } = response;
  if (status < 400) return response;
  const problem = problemOf(response);

  if (isTokenEndpoint(response)) {
    // Zapier core appends the step's inputData to errors it may "contextify"; for the token
    // exchange that is the authorization code and the PKCE verifier, so these stay as they are.
    throw Object.assign(tokenEndpointError(response, problem, z), { doNotContextify: true });
  }
  if (status === 401) {
    // autoRefresh: Zapier calls refreshAccessToken and retries the request once.
    throw new z.errors.RefreshAuthError('The Studio access token has expired; refreshing it.');
  }
  // 409 idempotency_key_in_use: a twin of this create (same key) is still being answered, so
  // this one is to be retried shortly (Retry-After), not given up: the retry gets the record.
  const twinInFlight = status === 409 && problem?.code === 'idempotency_key_in_use';
  if (twinInFlight || asksToWait(response)) throw throttled(z, response, 'The Studio API', 'nothing to do.');
  if (status >= 500) {
    throw studioError(
      z,
      `The Studio API had a temporary problem (HTTP ${status}${problem ? `: ${sentence(problem.message)}` : ''}). ` +
        'Nothing needs to change in your Zap: try the step again in a few minutes. What a create made before is found and returned, not made again (a contact given by name alone excepted).',
      problem?.code ?? 'temporary_error',
      status,
    );
  }
  if (status === 413 || status === 414 || status === 431) {
    // Only a value far too long for its field gets here (a whole text mapped into an ID or a search).
    throw studioError(
      z,
      `Studio refused the request because it is too large (HTTP ${status}): a value in this step is far too long for its field. ` +
        'Check the fields for a long text mapped into an ID, name or search field; Studio IDs are short, like "gal_2h7kq9". Nothing was changed.',
      'request_too_large',
      status,
    );
  }
  // The API's sentence may quote a value of the step (a whole text mapped into an ID): kept short, so the advice after it fits in what Zapier shows.
  const what = problem ? sentence(brief(problem.message.trim(), 140)) : `The request failed with HTTP ${status}.`;
  if (status === 403) {
    throw studioError(
      z,
      `Studio refused this step: ${what} Reconnect your Studio account and approve all the permissions it asks for.`,
      problem?.code ?? 'forbidden',
      status,
    );
  }
  if (status === 422 && problem && problem.fields.length > 0) {
    throw studioError(z, `Studio rejected the input: ${what} Check these fields: ${problem.fields.join('; ')}.`, problem.code, status);
  }
  throw studioError(
    z,
    `Studio rejected the request: ${what} ${adviceFor(status)}`,
    problem?.code ?? `http_${status}`,
    status,
    `Studio rejected the request: ${what}`,
  );
}

/** What to do about a refusal no step explains in its own words, by the kind of refusal. */
function adviceFor(status: number): string {
  if (status === 404)
    return 'Check the IDs in this step: choose them from the dropdowns, or map them from an earlier step (IDs from another Studio account do not work here).';
  if (status === 409) return 'Check this step’s input against what is already in Studio, then run the step again.';
  return 'Check this step’s input, then run the step again.';
}

const handleErrors: AfterResponseMiddleware = (response, z) => mapErrorResponse(response, z);

export const befores = [addBearerToken];
export const afters = [handleErrors];
