// Who is using the console. Sessions are held by the server: the browser's HttpOnly cookie
// carries a random id the server issued (never one a client chose: an unknown value is
// ignored and replaced), a row keyed by the id's SHA-256 says whether it has signed in and as
// whom, and every form carries that row's own random CSRF token (not derived from the cookie,
// so knowing or planting a cookie value gives no token). A browser that has not signed in gets
// a short-lived sign-in session; signing in ends it and issues a new id (rotation), so an id
// planted before sign-in is worth nothing after it. The cookie is host-only (no Domain) and,
// over https, `__Host-` prefixed; a request carrying the cookie twice (one planted for a
// narrower path by a page on another port of the same host) is refused, not guessed at.
// Posts from another origin, or from another port of the same host (Sec-Fetch-Site:
// same-site), are refused before anything else (sameOriginPost).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashCredential, newCredential, PREFIX } from '../oauth/secrets.js';
import { prepared, type DatabaseSync } from '../store/sqlite.js';
import { findUser, type UserRow } from '../store/users.js';
import { readCookies, setCookie } from '../web/http.js';

export const SESSION_COOKIE = 'studio_console';
export const SESSION_TTL_SECONDS = 12 * 3600;
/** How long a sign-in form stays usable before the page must be loaded again. */
export const SIGN_IN_SESSION_TTL_SECONDS = 30 * 60;
/** Browser sessions held at once (each sign-in page costs one GET); past it the oldest go first. */
export const MAX_BROWSER_SESSIONS = 20_000;

export interface ConsoleSession {
  tokenHash: string;
  studioId: string;
  user: UserRow;
  csrfToken: string;
}

/** A browser's session before sign-in: only a CSRF token for the sign-in form. */
export interface SignInSession {
  tokenHash: string;
  csrfToken: string;
}

export interface Flash {
  kind: 'done' | 'error';
  text: string;
}

/** `__Host-studio_console` over https (the browser then refuses it from any other origin), else studio_console. */
export function cookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** The session cookie's value; 'duplicate' when the request carries it more than once. */
export function sessionCookie(request: FastifyRequest): string | undefined | 'duplicate' {
  const values = readCookies(request, cookieName(request));
  if (values.length > 1) return 'duplicate';
  return values[0];
}

export function tokensMatch(expected: string, actual: string | undefined): boolean {
  if (!actual) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface Row {
  studio_id: string | null;
  user_id: string | null;
  csrf_token: string;
}

function rowOf(db: DatabaseSync, request: FastifyRequest): (Row & { tokenHash: string }) | null {
  const value = sessionCookie(request);
  if (!value || value === 'duplicate') return null;
  const tokenHash = hashCredential(value);
  const row = prepared(
    db,
    'SELECT studio_id, user_id, csrf_token FROM console_browser_sessions WHERE token_hash = ? AND expires_at > ?',
  ).get(tokenHash, new Date().toISOString()) as Row | undefined;
  return row ? { ...row, tokenHash } : null;
}

/** The signed-in session of this request's cookie, or null. */
export function findSession(db: DatabaseSync, request: FastifyRequest): ConsoleSession | null {
  const row = rowOf(db, request);
  if (!row?.studio_id || !row.user_id) return null;
  const user = findUser(db, row.studio_id, row.user_id);
  return user ? { tokenHash: row.tokenHash, studioId: row.studio_id, user, csrfToken: row.csrf_token } : null;
}

/** The sign-in session of this request's cookie (not signed in yet), or null. */
export function findSignInSession(db: DatabaseSync, request: FastifyRequest): SignInSession | null {
  const row = rowOf(db, request);
  return row && !row.user_id ? { tokenHash: row.tokenHash, csrfToken: row.csrf_token } : null;
}

/** A new server-issued session (signed in or not), its cookie set on the reply. */
function issue(
  db: DatabaseSync,
  request: FastifyRequest,
  reply: FastifyReply,
  user: { user_id: string; studio_id: string } | null,
): { tokenHash: string; csrfToken: string } {
  const now = new Date();
  prepared(db, 'DELETE FROM console_browser_sessions WHERE expires_at < ?').run(now.toISOString());
  const held = prepared(db, 'SELECT COUNT(*) AS n FROM console_browser_sessions').get() as { n: number };
  if (held.n >= MAX_BROWSER_SESSIONS) {
    // Sign-in sessions go first (a signed-in person is not thrown out by a flood of sign-in pages).
    prepared(
      db,
      'DELETE FROM console_browser_sessions WHERE rowid IN (SELECT rowid FROM console_browser_sessions ORDER BY user_id IS NOT NULL, rowid LIMIT ?)',
    ).run(held.n - MAX_BROWSER_SESSIONS + 1);
  }
  const secret = newCredential(PREFIX.consoleSession);
  const csrfToken = randomBytes(32).toString('base64url');
  const ttl = user ? SESSION_TTL_SECONDS : SIGN_IN_SESSION_TTL_SECONDS;
  prepared(
    db,
    'INSERT INTO console_browser_sessions (token_hash, studio_id, user_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    hashCredential(secret),
    user?.studio_id ?? null,
    user?.user_id ?? null,
    csrfToken,
    new Date(now.getTime() + ttl * 1000).toISOString(),
    now.toISOString(),
  );
  setCookie(request, reply, { name: cookieName(request), value: secret, path: '/', maxAgeSeconds: ttl });
  return { tokenHash: hashCredential(secret), csrfToken };
}

/** This browser's sign-in session, issued now when it has none the server knows. */
export function ensureSignInSession(db: DatabaseSync, request: FastifyRequest, reply: FastifyReply): SignInSession {
  return findSignInSession(db, request) ?? issue(db, request, reply, null);
}

/** Signs the browser in: its sign-in session ends and a new id is issued (rotation). */
export function startSession(
  db: DatabaseSync,
  request: FastifyRequest,
  reply: FastifyReply,
  before: SignInSession,
  user: { user_id: string; studio_id: string },
): void {
  prepared(db, 'DELETE FROM console_browser_sessions WHERE token_hash = ?').run(before.tokenHash);
  issue(db, request, reply, user);
}

export function endSession(db: DatabaseSync, request: FastifyRequest, reply: FastifyReply, session: ConsoleSession): void {
  prepared(db, 'DELETE FROM console_browser_sessions WHERE token_hash = ?').run(session.tokenHash);
  clearCookie(request, reply);
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply): void {
  setCookie(request, reply, { name: cookieName(request), value: '', path: '/', maxAgeSeconds: 0 });
}

/**
 * Expires the session cookie for every path it can have been sent for on this request (each
 * prefix of the request's path): a cookie planted for a narrower path goes too, so clearing the
 * console's own never leaves the planted one behind as the only, "valid" session.
 */
export function clearEveryCookie(request: FastifyRequest, reply: FastifyReply): void {
  const segments = request.url.split('?')[0]!.split('/').filter(Boolean).slice(0, 8);
  const paths = new Set(['/']);
  let path = '';
  for (const segment of segments) {
    path += `/${segment}`;
    paths.add(path);
    paths.add(`${path}/`);
  }
  for (const each of paths) setCookie(request, reply, { name: cookieName(request), value: '', path: each, maxAgeSeconds: 0 });
}

/**
 * Whether a POST comes from the console's own pages. A browser says where a form was posted
 * from: Sec-Fetch-Site (a page on another port of the same host is "same-site", not
 * "same-origin"), which decides when present; else Origin, which must be this server's (the
 * pages' no-referrer policy makes browsers send `Origin: null` on their own forms, so only a
 * browser without Sec-Fetch-Site meets that, and it is refused). Clients that send neither
 * (scripts, tests) pass on to the CSRF token, which they can only have from their own session.
 */
export function sameOriginPost(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}`;
}

/** Keeps a message for the next page this session shows (post, redirect, then get). */
export function setFlash(db: DatabaseSync, session: ConsoleSession, flash: Flash): void {
  prepared(db, 'UPDATE console_browser_sessions SET flash = ? WHERE token_hash = ?').run(JSON.stringify(flash), session.tokenHash);
}

/** The message kept for this page, removed as it is read. */
export function takeFlash(db: DatabaseSync, session: ConsoleSession): Flash | null {
  const row = prepared(db, 'SELECT flash FROM console_browser_sessions WHERE token_hash = ? AND flash IS NOT NULL').get(
    session.tokenHash,
  ) as { flash: string } | undefined;
  if (!row) return null;
  prepared(db, 'UPDATE console_browser_sessions SET flash = NULL WHERE token_hash = ?').run(session.tokenHash);
  return JSON.parse(row.flash) as Flash;
}
