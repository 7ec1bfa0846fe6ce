// The kit's HTTP: fetch with a time limit, redirects never followed (OAuth checks read them),
// and the response read once into status, headers, text and (when it is JSON) the parsed body.
import { CheckFailed } from './check.js';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: any;
}

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON (Content-Type: application/json); a string is sent as it is. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  timeoutMs: number;
  /**
   * A 429 with a Retry-After of at most this many seconds is waited out and the request sent
   * again (once): the checks outside the rate-limits group must not fail because an earlier
   * check used up the API's budget. Undefined: a 429 is returned as it is.
   */
  waitOn429Seconds?: number;
  /** Told when a 429 was waited out (the run's notes count them). */
  onThrottled?: (seconds: number) => void;
}

export async function http(url: string, request: HttpRequest): Promise<HttpResponse> {
  const response = await send(url, request);
  if (response.status !== 429 || request.waitOn429Seconds === undefined) return response;
  const seconds = retryAfterSeconds(response.headers.get('retry-after'));
  if (seconds === null || seconds > request.waitOn429Seconds) return response;
  request.onThrottled?.(seconds);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
  return send(url, request);
}

/** Retry-After as seconds from now (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function send(url: string, request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof request.json === 'string' ? request.json : JSON.stringify(request.json);
  } else if (request.form) {
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  const method = request.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : error.message) : String(error);
    throw new CheckFailed(`${method} ${new URL(url).pathname}: ${reason}`);
  }
  const text = await response.text();
  let parsed: unknown;
  if (text !== '' && /json/i.test(response.headers.get('content-type') ?? 'json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** "404 not_found", "201", "400 invalid_grant": a response in a few characters. */
export function brief(response: HttpResponse): string {
  const body = response.body as { error?: unknown } | undefined;
  const error = body?.error;
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : typeof error === 'string'
        ? error
        : '';
  return code ? `${response.status} ${code}` : String(response.status);
}
