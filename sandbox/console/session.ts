// Who is using the console. The browser holds one random secret in an HttpOnly, SameSite=Lax
// cookie; a session row (keyed by the secret's SHA-256) says which studio user signed in with
// it, through the same users and passwords as the consent page. Every form carries a CSRF
// token derived from that secret (HMAC), so a page elsewhere, which can neither read the
// cookie nor the page, cannot post a form that is honoured. Signing in replaces the secret,
// so a secret planted before sign-in is worth nothing after it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashCredential, newCredential, PREFIX } from '../oauth/secrets.js';
import { prepared, type DatabaseSync } from '../sqlite.js';
import { findUser, type UserRow } from '../users.js';
import { readCookie, setCookie } from '../web/http.js';

export const SESSION_COOKIE = 'studio_console';
export const SESSION_TTL_SECONDS = 12 * 3600;

export interface ConsoleSession {
  tokenHash: string;
  studioId: string;
  user: UserRow;
}

export interface Flash {
  kind: 'done' | 'error';
  text: string;
}

/** The CSRF token of a browser secret: HMAC-SHA256, never stored, not the secret itself. */
export function csrfTokenOf(secret: string): string {
  return createHmac('sha256', secret).update('studio-console-csrf').digest('base64url');
}

export function csrfMatches(secret: string | undefined, token: string | undefined): boolean {
  if (!secret || !token) return false;
  const expected = Buffer.from(csrfTokenOf(secret));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function browserSecret(request: FastifyRequest): string | undefined {
  return readCookie(request, SESSION_COOKIE);
}

/** This browser's secret, set now when it has none (the sign-in form's CSRF token needs one). */
export function ensureBrowserSecret(request: FastifyRequest, reply: FastifyReply): string {
  const existing = browserSecret(request);
  if (existing) return existing;
  const secret = newCredential(PREFIX.consoleSession);
  setCookie(request, reply, { name: SESSION_COOKIE, value: secret, path: '/', maxAgeSeconds: SESSION_TTL_SECONDS });
  return secret;
}

/** The signed-in session of this request's cookie, or null. */
export function findSession(db: DatabaseSync, request: FastifyRequest): ConsoleSession | null {
  const secret = browserSecret(request);
  if (!secret) return null;
  const tokenHash = hashCredential(secret);
  const row = prepared(db, 'SELECT studio_id, user_id FROM console_sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash, new Date().toISOString()) as
    | { studio_id: string; user_id: string }
    | undefined;
  const user = row ? findUser(db, row.studio_id, row.user_id) : null;
  return row && user ? { tokenHash, studioId: row.studio_id, user } : null;
}

/** Signs the browser in as the user: a new secret (the old one is discarded) and its session. Returns the new secret. */
export function startSession(db: DatabaseSync, request: FastifyRequest, reply: FastifyReply, user: { user_id: string; studio_id: string }): string {
  const now = new Date();
  prepared(db, 'DELETE FROM console_sessions WHERE expires_at < ?').run(now.toISOString());
  const old = browserSecret(request);
  if (old) prepared(db, 'DELETE FROM console_sessions WHERE token_hash = ?').run(hashCredential(old));
  const secret = newCredential(PREFIX.consoleSession);
  prepared(db, 'INSERT INTO console_sessions (token_hash, studio_id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(
    hashCredential(secret),
    user.studio_id,
    user.user_id,
    new Date(now.getTime() + SESSION_TTL_SECONDS * 1000).toISOString(),
    now.toISOString(),
  );
  setCookie(request, reply, { name: SESSION_COOKIE, value: secret, path: '/', maxAgeSeconds: SESSION_TTL_SECONDS });
  return secret;
}

export function endSession(db: DatabaseSync, request: FastifyRequest, reply: FastifyReply): void {
  const secret = browserSecret(request);
  if (secret) prepared(db, 'DELETE FROM console_sessions WHERE token_hash = ?').run(hashCredential(secret));
  setCookie(request, reply, { name: SESSION_COOKIE, value: '', path: '/', maxAgeSeconds: 0 });
}

/** Keeps a message for the next page this session shows (post, redirect, then get). */
export function setFlash(db: DatabaseSync, session: ConsoleSession, flash: Flash): void {
  prepared(db, 'UPDATE console_sessions SET flash = ? WHERE token_hash = ?').run(JSON.stringify(flash), session.tokenHash);
}

/** The message kept for this page, removed as it is read. */
export function takeFlash(db: DatabaseSync, session: ConsoleSession): Flash | null {
  const row = prepared(db, 'SELECT flash FROM console_sessions WHERE token_hash = ? AND flash IS NOT NULL').get(session.tokenHash) as { flash: string } | undefined;
  if (!row) return null;
  prepared(db, 'UPDATE console_sessions SET flash = NULL WHERE token_hash = ?').run(session.tokenHash);
  return JSON.parse(row.flash) as Flash;
}
