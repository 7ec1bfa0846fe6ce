// The provider's HTTP endpoints. @node-oauth/oauth2-server runs the protocol; these handlers
// adapt fastify requests to it, show the consent page, and make sure nothing ever redirects
// to an address that was not registered for the client.
//   GET  /oauth/authorize  validate client + redirect_uri, then the sign-in + consent page
//   POST /oauth/authorize  sign in, Approve (code) or Deny (access_denied), back to the app
//   POST /oauth/token      authorization_code and refresh_token grants (RFC 6749 JSON errors)
//   GET  /.well-known/oauth-authorization-server   RFC 8414 metadata, for clients that discover
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from '../store/sqlite.js';
import formbody from '@fastify/formbody';
import OAuth2Server from '@node-oauth/oauth2-server';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findClient, type OAuthClient } from './clients.js';
import {
  completeConsentRequest,
  createConsentRequest,
  findConsentRequest,
  newBrowserSecret,
  recordFailedSignIn,
  type AuthorizeParams,
  type ConsentRequest,
  CONSENT_PAGE_TTL_SECONDS,
} from './consent-requests.js';
import { AUTHORIZATION_CODE_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './grants.js';
import { createModel, type SandboxUser } from './model.js';
import { API_SCOPES } from './scopes.js';
import { renderConsentPage, renderErrorPage, type ErrorPageView } from './pages.js';
import { SIGN_IN_MISMATCH } from '../web/html.js';
import { readCookie, sendHtml as sendPage, setCookie, singleValues } from '../web/http.js';
import { grantableScopes, type Scope } from './scopes.js';
import type { SignIns } from '../store/users.js';

export interface OAuthDeps {
  db: DatabaseSync;
  tokenTtlSeconds: number;
  /** How long a just-rotated refresh token still works (DEFAULT_REFRESH_GRACE_SECONDS). */
  refreshGraceSeconds: number;
  /** Password checks: the guess limit shared with the console, off the request thread. */
  signIns: SignIns;
  /** This server's issuer identifier (RFC 8414 §2), from configuration: never a request's Host. */
  issuer: () => string;
}

type SignedInUser = { user_id: string; studio_id: string };

const BROWSER_COOKIE = 'studio_oauth_browser';
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** The library needs a user even to record a refusal; a Deny never reaches the model. */
const NOBODY: SandboxUser = { id: '', studioId: '' };

const PAGE_EXPIRED: ErrorPageView = {
  title: 'This sign-in page has expired',
  message: `For your security, each sign-in page works once, for ${CONSENT_PAGE_TTL_SECONDS / 60} minutes, in the browser that opened it.`,
};

export async function registerOAuth(app: FastifyInstance, deps: OAuthDeps): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  const authorizeServer = new OAuth2Server({
    model: createModel(deps.db, 'none'),
    authorizationCodeLifetime: AUTHORIZATION_CODE_TTL_SECONDS,
    allowEmptyState: true,
  });
  const tokenServer = new OAuth2Server({
    model: createModel(deps.db, 'token', deps.refreshGraceSeconds),
    accessTokenLifetime: deps.tokenTtlSeconds,
    refreshTokenLifetime: REFRESH_TOKEN_TTL_SECONDS,
    alwaysIssueNewRefreshToken: true,
    // Confidential clients authenticate on every grant (enforced by the model); public
    // clients refresh with their client_id alone, protected by rotation.
    requireClientAuthentication: { authorization_code: true, refresh_token: false },
  });

  await app.register(async (oauth) => {
    // Errors before a handler runs (unreadable body, unsupported content type, too large)
    // still answer in the endpoint's own language: HTML for people, RFC 6749 JSON for clients.
    oauth.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'OAuth endpoint failed');
      // Never error.message: a parser's message can quote the body, and the body holds secrets.
      const reason = unreadableRequestReason(status);
      if (request.url.startsWith('/oauth/token')) {
        return sendTokenError(reply, status, status === 500 ? 'server_error' : 'invalid_request', reason);
      }
      return sendErrorPage(
        reply,
        status,
        status === 500
          ? { title: 'Something went wrong', message: 'Studio could not complete the sign-in. Try again in a moment.' }
          : { title: 'This sign-in request could not be read', message: reason },
      );
    });

    oauth.get('/.well-known/oauth-authorization-server', (_request, reply) =>
      reply.header('cache-control', 'max-age=300').send(metadataOf(deps.issuer())),
    );
    oauth.get('/oauth/authorize', (request, reply) => showConsentPage(deps, request, reply));
    oauth.post('/oauth/authorize', (request, reply) => submitConsent(deps, authorizeServer, request, reply));
    oauth.post('/oauth/token', (request, reply) => exchangeToken(tokenServer, request, reply));
  });
}

// ---- GET /oauth/authorize -------------------------------------------------------------------

async function showConsentPage(deps: OAuthDeps, request: FastifyRequest, reply: FastifyReply) {
  const params = singleValues(request.query);
  if (!params)
    return sendErrorPage(reply, 400, {
      title: 'This sign-in link isn’t valid',
      message: 'A parameter appears more than once in the link.',
    });

  const verified = verifyClientAndRedirect(deps.db, params.client_id, params.redirect_uri);
  if ('problem' in verified) return sendErrorPage(reply, 400, verified.problem);
  const { client, redirectUri } = verified;

  // The client and its return address are verified: from here, problems go back to the app.
  const checked = checkAuthorizeParams(params, client);
  if ('error' in checked) return redirectWithError(reply, deps.issuer(), redirectUri, checked.error, checked.state, 302);

  const browserSecret = readBrowserCookie(request) ?? newBrowserSecret();
  setBrowserCookie(request, reply, browserSecret);
  const csrfToken = createConsentRequest(deps.db, browserSecret, checked.params);
  return sendConsentPage(reply, 200, client, redirectUri, { csrfToken, scopes: checked.params.scopes as Scope[] });
}

function verifyClientAndRedirect(
  db: DatabaseSync,
  clientId: string | undefined,
  redirectUri: string | undefined,
): { client: OAuthClient; redirectUri: string } | { problem: ErrorPageView } {
  if (!clientId)
    return {
      problem: {
        title: 'This sign-in link isn’t valid',
        message: 'It doesn’t say which app is asking (client_id is missing).',
      },
    };
  const client = findClient(db, clientId);
  if (!client)
    return {
      problem: {
        title: 'This app isn’t registered with Studio',
        message: 'The link names an app (client_id) that Studio doesn’t know.',
      },
    };
  if (!redirectUri)
    return {
      problem: {
        title: 'This sign-in link isn’t valid',
        message: 'It doesn’t say where to return after signing in (redirect_uri is missing).',
      },
    };
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      problem: {
        title: 'This return address isn’t registered',
        message: `The link asks to send you back to an address that ${client.name} did not register (redirect_uri), so Studio won’t send you there. ${registeredAddressHint(client.redirectUris)}`,
      },
    };
  }
  return { client, redirectUri };
}

/**
 * What to do about an unregistered return address: the address the app did register, and for a
 * local one (zapier-platform invoke auth start listens on it) the options that use it. The
 * command that opened the page waits for a return that will not come, so it says to stop it.
 */
function registeredAddressHint(registered: readonly string[]): string {
  const local = registered
    .map((uri) => URL.parse(uri))
    .find((url) => url && url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname) && url.port);
  const invoke = local ? ` (zapier-platform invoke auth start --local-port ${local.port} --redirect-uri ${local.href})` : '';
  return `It registered ${registered.join(' and ')}: stop the waiting sign-in (Ctrl-C) and start it again with that address${invoke}.`;
}

/** RFC 6749 §4.1.1 and RFC 7636 §4.3 checks, before anyone types a password. */
function checkAuthorizeParams(
  params: Record<string, string>,
  client: OAuthClient,
): { params: AuthorizeParams } | { error: OAuth2Server.OAuthError; state: string | null } {
  const stateIsValid = params.state === undefined || params.state === '' || PRINTABLE_ASCII.test(params.state);
  const state = stateIsValid && params.state ? params.state : null;
  const fail = (error: OAuth2Server.OAuthError) => ({ error, state });

  if (!stateIsValid) return fail(new OAuth2Server.InvalidRequestError('Invalid parameter: `state`'));
  if (!params.response_type) return fail(new OAuth2Server.InvalidRequestError('Missing parameter: `response_type`'));
  if (params.response_type !== 'code') {
    return fail(new OAuth2Server.UnsupportedResponseTypeError('Unsupported response type: only `code` is supported'));
  }

  const challenge = params.code_challenge || null;
  const method = params.code_challenge_method || null;
  if (method === 'plain') {
    return fail(new OAuth2Server.InvalidRequestError('Invalid request: `code_challenge_method` "plain" is not allowed; use "S256"'));
  }
  if (method !== null && method !== 'S256') {
    return fail(new OAuth2Server.InvalidRequestError('Invalid request: `code_challenge_method` must be "S256"'));
  }
  if (method !== null && challenge === null) return fail(new OAuth2Server.InvalidRequestError('Missing parameter: `code_challenge`'));
  if (challenge !== null && !S256_CHALLENGE.test(challenge)) {
    return fail(new OAuth2Server.InvalidRequestError('Invalid parameter: `code_challenge` must be a base64url S256 challenge'));
  }
  if (!client.confidential && challenge === null) {
    return fail(
      new OAuth2Server.InvalidRequestError('Invalid request: this app is a public client, so it must send a PKCE `code_challenge` (S256)'),
    );
  }

  const requested = params.scope?.trim() ? params.scope.trim().split(/\s+/) : undefined;
  const scopes = grantableScopes(requested);
  if (!scopes) return fail(new OAuth2Server.InvalidScopeError('Invalid scope: Requested scope is invalid'));

  return {
    params: {
      clientId: client.id,
      redirectUri: params.redirect_uri!,
      scopes,
      state,
      codeChallenge: challenge,
      // A challenge without a method is S256 here: plain is never accepted.
      codeChallengeMethod: challenge ? 'S256' : null,
    },
  };
}

// ---- POST /oauth/authorize ------------------------------------------------------------------

async function submitConsent(deps: OAuthDeps, server: OAuth2Server, request: FastifyRequest, reply: FastifyReply) {
  const form = singleValues(request.body);
  const csrfToken = form?.csrf_token;
  const consent = csrfToken ? findConsentRequest(deps.db, csrfToken, readBrowserCookie(request)) : null;
  if (!form || !csrfToken || !consent) return sendErrorPage(reply, 403, PAGE_EXPIRED);

  const verified = verifyClientAndRedirect(deps.db, consent.clientId, consent.redirectUri);
  if ('problem' in verified) return sendErrorPage(reply, 400, verified.problem);
  const { client, redirectUri } = verified;
  const showAgain = (status: number, error: string, email = '') =>
    sendConsentPage(reply, status, client, redirectUri, { csrfToken, scopes: consent.scopes as Scope[], email, error });

  if (form.decision === 'deny') {
    if (!completeConsentRequest(deps.db, csrfToken)) return sendErrorPage(reply, 403, PAGE_EXPIRED);
    return authorizeAndReturn(server, deps, request, reply, consent, null);
  }
  if (form.decision !== 'approve') return showAgain(400, `Choose Approve to connect ${client.name}, or Deny.`);

  const email = (form.email ?? '').trim();
  const password = form.password ?? '';
  if (!email || !password) return showAgain(400, 'Enter your email and password.', email);

  const outcome = await deps.signIns.verify(email, password);
  if (outcome.kind === 'busy') {
    reply.header('retry-after', String(outcome.retryAfterSeconds));
    return showAgain(
      503,
      `Studio is checking many sign-ins right now. Wait ${outcome.retryAfterSeconds} seconds and press Approve again.`,
      email,
    );
  }
  if (outcome.kind === 'paused') {
    // The same answer for every email, with an account or without: a pause says nothing about which exist.
    reply.header('retry-after', String(outcome.retryAfterSeconds));
    return sendErrorPage(reply, 429, {
      title: 'Too many attempts',
      message: `Too many wrong passwords for this email: sign-in is paused for ${Math.ceil(outcome.retryAfterSeconds / 60)} more minute${outcome.retryAfterSeconds > 60 ? 's' : ''}. Try again then, from the app.`,
    });
  }
  const user = outcome.kind === 'signed_in' ? outcome.user : null;
  if (!user) {
    if (recordFailedSignIn(deps.db, csrfToken) === 0) {
      return sendErrorPage(reply, 403, {
        title: 'Too many attempts',
        message: 'That sign-in page was closed after several wrong passwords.',
      });
    }
    // Never say which of the two was wrong.
    return showAgain(400, SIGN_IN_MISMATCH, email);
  }
  if (user.studio_id !== client.studioId) {
    return showAgain(403, `${client.name} is registered to a different studio. Sign in with an account of that studio.`, email);
  }
  if (!completeConsentRequest(deps.db, csrfToken)) return sendErrorPage(reply, 403, PAGE_EXPIRED);
  return authorizeAndReturn(server, deps, request, reply, consent, user);
}

/** Lets the library issue the code (or record the refusal), then sends the browser back. */
async function authorizeAndReturn(
  server: OAuth2Server,
  deps: OAuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  consent: ConsentRequest,
  user: SignedInUser | null,
) {
  const query: Record<string, string> = {
    client_id: consent.clientId,
    redirect_uri: consent.redirectUri,
    response_type: 'code',
    scope: consent.scopes.join(' '),
  };
  if (consent.state) query.state = consent.state;
  if (consent.codeChallenge) {
    query.code_challenge = consent.codeChallenge;
    query.code_challenge_method = consent.codeChallengeMethod ?? 'S256';
  }
  if (!user) query.allowed = 'false';

  const subject: SandboxUser = user ? { id: user.user_id, studioId: user.studio_id } : NOBODY;
  const oauthResponse = new OAuth2Server.Response();
  try {
    await server.authorize(new OAuth2Server.Request({ method: 'POST', headers: {}, query, body: {} }), oauthResponse, {
      authenticateHandler: { handle: () => subject },
    });
  } catch (error) {
    if (!(error instanceof OAuth2Server.OAuthError)) throw error;
    if (error.code >= 500) request.log.error({ err: error }, 'Authorization failed');
    return redirectWithError(reply, deps.issuer(), consent.redirectUri, error, consent.state, 303);
  }
  // 303: the browser follows with a GET, not a re-POST of the password. RFC 9207: the
  // response names its issuer, so a client talking to several servers cannot be mixed up.
  const location = new URL(String(oauthResponse.get('location')));
  location.searchParams.set('iss', deps.issuer());
  return reply.code(303).header('location', location.toString()).send();
}

// ---- POST /oauth/token ----------------------------------------------------------------------

const SUPPORTED_GRANTS = ['authorization_code', 'refresh_token'] as const;

/**
 * RFC 6749 §2.3.1: client_secret_basic sends the id and secret form-urlencoded before base64,
 * and the library's Basic parser does not decode them; this hands it the decoded pair. Null
 * when the header is Basic but unreadable.
 */
function basicCredentialsDecoded(headers: Record<string, string>): Record<string, string> | null {
  const header = headers.authorization;
  const match = header ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header) : null;
  if (!header || !/^Basic\s/i.test(header)) return headers;
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  let id: string;
  let secret: string;
  try {
    id = formDecode(decoded.slice(0, colon));
    secret = formDecode(decoded.slice(colon + 1));
  } catch {
    return null;
  }
  if (id.includes(':')) return null;
  return { ...headers, authorization: `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}` };
}

/** The library's words for a token request whose redirect_uri is not the authorization's. */
const REDIRECT_URI_MISMATCH = new Set(['Invalid request: `redirect_uri` is invalid', 'Invalid request: `redirect_uri` is not a valid URI']);

async function exchangeToken(server: OAuth2Server, request: FastifyRequest, reply: FastifyReply) {
  const body = singleValues(request.body ?? {});
  if (!body)
    return sendTokenError(
      reply,
      400,
      'invalid_request',
      'Invalid request: send each parameter once, as an application/x-www-form-urlencoded field',
    );
  // The library knows more grants (password, client_credentials) than this server offers.
  if (body.grant_type && !(SUPPORTED_GRANTS as readonly string[]).includes(body.grant_type)) {
    return sendTokenError(
      reply,
      400,
      'unsupported_grant_type',
      'Unsupported grant type: this server offers authorization_code and refresh_token',
    );
  }
  const headers = basicCredentialsDecoded(request.headers as Record<string, string>);
  if (!headers) return sendTokenError(reply, 400, 'invalid_request', 'Invalid request: the Basic credentials could not be read');

  const oauthRequest = new OAuth2Server.Request({
    method: request.method,
    headers,
    query: {},
    body,
  });
  const oauthResponse = new OAuth2Server.Response();
  let issued: OAuth2Server.Token;
  try {
    issued = await server.token(oauthRequest, oauthResponse);
  } catch (error) {
    if (!(error instanceof OAuth2Server.OAuthError)) throw error;
    const authenticate = oauthResponse.get('www-authenticate');
    if (authenticate) reply.header('www-authenticate', authenticate);
    if (error.code >= 500) {
      request.log.error({ err: error }, 'Token request failed');
      return sendTokenError(reply, 500, 'server_error', 'The server could not issue tokens; try again.');
    }
    // RFC 6749 §5.2: a redirect_uri that differs from the authorization request's is
    // invalid_grant (the library says invalid_request), so strict clients read it right.
    if (error.name === 'invalid_request' && REDIRECT_URI_MISMATCH.has(error.message)) {
      return sendTokenError(reply, 400, 'invalid_grant', 'Invalid grant: redirect_uri does not match the one of the authorization request');
    }
    return sendTokenError(reply, error.code, error.name, error.message);
  }
  // The library rounds the lifetime down (3599 for an hour, nothing at all for a 1 s TTL).
  const tokens = { ...oauthResponse.body } as Record<string, unknown>;
  if (issued.accessTokenExpiresAt) tokens.expires_in = Math.max(0, Math.ceil((issued.accessTokenExpiresAt.getTime() - Date.now()) / 1000));
  return reply
    .code(oauthResponse.status ?? 200)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send(tokens);
}

function sendTokenError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send({ error, error_description: safeDescription(description) });
}

/** RFC 6749 §5.2: error_description is printable ASCII without `"` or `\`. */
function safeDescription(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7E]/g, '');
}

/** RFC 8414 authorization server metadata. */
function metadataOf(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    scopes_supported: [...API_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...SUPPORTED_GRANTS],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
  };
}

// ---- helpers --------------------------------------------------------------------------------

function unreadableRequestReason(status: number): string {
  if (status === 413) return 'The request body is too large.';
  if (status === 415) return 'Send the parameters as an application/x-www-form-urlencoded form.';
  if (status >= 500) return 'The server could not complete the request; try again.';
  return 'The request body could not be read; send the parameters as an application/x-www-form-urlencoded form.';
}

/** The error redirect of RFC 6749 §4.1.2.1, only ever to a verified redirect_uri. */
function redirectWithError(
  reply: FastifyReply,
  issuer: string,
  verifiedRedirectUri: string,
  error: OAuth2Server.OAuthError,
  state: string | null,
  status: 302 | 303,
) {
  const url = new URL(verifiedRedirectUri);
  const serverError = error.code >= 500;
  url.searchParams.set('error', serverError ? 'server_error' : error.name);
  url.searchParams.set(
    'error_description',
    serverError ? 'The server could not complete the authorization' : safeDescription(error.message),
  );
  if (state) url.searchParams.set('state', state);
  url.searchParams.set('iss', issuer);
  return reply.code(status).header('location', url.toString()).header('cache-control', 'no-store').send();
}

function sendConsentPage(
  reply: FastifyReply,
  status: number,
  client: OAuthClient,
  redirectUri: string,
  view: { csrfToken: string; scopes: Scope[]; email?: string; error?: string },
) {
  const nonce = randomBytes(16).toString('base64');
  const returnTo = new URL(redirectUri);
  const html = renderConsentPage({ clientName: client.name, returnHost: returnTo.host || returnTo.protocol, ...view }, nonce);
  // The form may only post here, and the redirect that follows may only go to the app.
  const formTargets = `'self' ${returnTo.origin !== 'null' ? returnTo.origin : returnTo.protocol}`;
  return sendHtml(reply, status, html, nonce, formTargets);
}

function sendErrorPage(reply: FastifyReply, status: number, view: ErrorPageView) {
  const nonce = randomBytes(16).toString('base64');
  return sendHtml(reply, status, renderErrorPage(view, nonce), nonce, `'none'`);
}

function sendHtml(reply: FastifyReply, status: number, html: string, nonce: string, formAction: string) {
  return sendPage(reply, status, html, { styleSrc: `'nonce-${nonce}'`, formAction });
}

function readBrowserCookie(request: FastifyRequest): string | undefined {
  return readCookie(request, BROWSER_COOKIE);
}

function setBrowserCookie(request: FastifyRequest, reply: FastifyReply, secret: string) {
  setCookie(request, reply, { name: BROWSER_COOKIE, value: secret, path: '/oauth', maxAgeSeconds: 86400 });
}
