// What the nock tests of every step share: the API's address, a connection, the API's error
// envelope and a page of a list, and a recorder of the requests a step makes.
import { afterEach, beforeEach } from '@jest/globals';
import nock from 'nock';

export const API = 'https://api.studio.test';
export const authData = { access_token: 'at-test', refresh_token: 'rt-test' };

/** The error envelope every non-2xx answer of the API carries. */
export const envelope = (code: string, message: string, details?: unknown) => ({ error: { code, message, details } });

/** A page of a list endpoint. */
export const page = <T>(data: T[], next_cursor: string | null = null) => ({ data, next_cursor });

/**
 * Every request the step makes, as "METHOD /path?query"; requests nock has no answer for are
 * recorded too (and fail), so a test sees an unexpected call instead of a network error.
 */
export function recordRequests() {
  const log = { sent: [] as string[], unmatched: [] as string[] };
  // nock 15 hands listeners the fetch Request: method and full url.
  const describe = (req: { method: string; url: string }) => {
    const url = new URL(req.url);
    return `${req.method} ${decodeURIComponent(url.pathname + url.search)}`;
  };
  const onRequest = (req: { method: string; url: string }) => log.sent.push(describe(req));
  const onNoMatch = (req: { method: string; url: string }) => log.unmatched.push(describe(req));
  beforeEach(() => {
    log.sent.length = 0;
    log.unmatched.length = 0;
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });
  /** A nock scope on the API whose every answered request is logged. */
  const api = () => nock(API).on('request', onRequest);
  return { ...log, api };
}
