// How the sandbox's pages answer a browser (the consent page and the console alike): HTML
// under a strict Content-Security-Policy (no script at all; styles only by nonce or from the
// sandbox itself), never cached, never framed; cookies that scripts cannot read; forms read
// as single values.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface PagePolicy {
  /** The CSP style-src: `'nonce-…'` for an inline stylesheet, `'self'` for the served one. */
  styleSrc: string;
  /** The CSP form-action: where the page's forms may post (and their redirects go). */
  formAction: string;
}

export function sendHtml(reply: FastifyReply, status: number, html: string, policy: PagePolicy) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src ${policy.styleSrc}; form-action ${policy.formAction}; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}

/**
 * Every value the request carries for the named cookie (a browser sends one per path it was
 * set for, so a cookie planted for a narrower path comes first); only values of the expected
 * form (random secrets: base64url) count, but a repeated name counts whatever its value.
 */
export function readCookies(request: FastifyRequest, name: string): string[] {
  const values: string[] = [];
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    const value = rest.join('=');
    values.push(/^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : '');
  }
  return values.length === 1 && values[0] === '' ? [] : values;
}

/** The named cookie when the request carries it exactly once, with the expected form; else undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const values = readCookies(request, name);
  return values.length === 1 ? values[0] : undefined;
}

/** An HttpOnly, SameSite=Lax cookie for `path` (Secure over https); maxAge 0 clears it. */
export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: { name: string; value: string; path: string; maxAgeSeconds: number },
) {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header(
    'set-cookie',
    `${cookie.name}=${cookie.value}; Path=${cookie.path}; HttpOnly; SameSite=Lax; Max-Age=${cookie.maxAgeSeconds}${secure}`,
  );
}

/** A form or query as single strings; null when a parameter repeats (RFC 6749 §3.1). */
export function singleValues(input: unknown): Record<string, string> | null {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object') return null;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string') return null;
    values[key] = value;
  }
  return values;
}
