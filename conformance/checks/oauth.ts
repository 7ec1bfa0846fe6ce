// OAuth as the integration (through Zapier) uses it: authorization code with PKCE S256 and an
// exact redirect_uri, then refresh tokens that rotate on every use, with a grace period for a
// just-rotated one (two Zap runs refreshing at once) and reuse after it revoking the family.
// The sign-in is driven by ../oauth-login.ts; these checks run last, because the reuse check
// revokes the token family it works with (one of its own when it signs in).
import { randomBytes } from 'node:crypto';
import { defineChecks, fail, pass, skip, SkipCheck, CheckFailed, verdict } from '../check.js';
import type { Context } from '../context.js';
import { brief, http, type HttpResponse } from '../http.js';
import { envelopeProblem, sleep } from '../fixtures.js';
import { pkce, runAuthorize, type AuthorizeResult } from '../oauth-login.js';

/** The sandbox's documented grace period, assumed there when --grace-seconds is not given. */
const SANDBOX_GRACE_SECONDS = 30;

function client(ctx: Context): { clientId: string; clientSecret: string | null } {
  if (!ctx.oauth.clientId) throw new SkipCheck('no OAuth client: pass --client-id (and --client-secret for a confidential client)');
  return { clientId: ctx.oauth.clientId, clientSecret: ctx.oauth.clientSecret };
}

async function tokenRequest(ctx: Context, form: Record<string, string>): Promise<HttpResponse> {
  const { clientId, clientSecret } = client(ctx);
  return http(ctx.oauth.tokenUrl, {
    method: 'POST',
    form: { ...form, client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) },
    timeoutMs: ctx.requestTimeoutMs,
  });
}

/** grant_type=authorization_code: `code` exchanged with `verifier` at `redirectUri`. */
const exchange = (ctx: Context, code: string, verifier: string, redirectUri = ctx.oauth.redirectUri) =>
  tokenRequest(ctx, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });

/** grant_type=refresh_token with `token`. */
const refresh = (ctx: Context, token: string) => tokenRequest(ctx, { grant_type: 'refresh_token', refresh_token: token });

/** GET /v1/me with an access token. */
const me = (ctx: Context, accessToken: string) =>
  http(`${ctx.options.url}/v1/me`, {
    headers: { Authorization: `Bearer ${accessToken}` },
    timeoutMs: ctx.requestTimeoutMs,
    ...ctx.throttleWait,
  });

const oauthError = (response: HttpResponse): string | null => (typeof response.body?.error === 'string' ? response.body.error : null);
const describe = (response: HttpResponse) => `${response.status}${oauthError(response) ? ` ${oauthError(response)}` : ''}`;

/** One run through the authorize endpoint, signed in with --login-email/--login-password. */
async function authorize(
  ctx: Context,
  options: { method?: 'S256' | 'plain' | 'none'; redirectUri?: string; scope?: string } = {},
): Promise<{ result: AuthorizeResult; verifier: string; state: string; redirectUri: string }> {
  const { clientId } = client(ctx);
  if (!ctx.oauth.login)
    throw new SkipCheck(
      'each code needs a sign-in: pass --login-email and --login-password (a code from --authorization-code is used once, for the exchange)',
    );
  const { verifier, challenge } = pkce();
  const state = randomBytes(12).toString('base64url');
  const redirectUri = options.redirectUri ?? ctx.oauth.redirectUri;
  const method = options.method ?? 'S256';
  const result = await runAuthorize(
    {
      authorizeUrl: ctx.oauth.authorizeUrl,
      clientId,
      redirectUri,
      scope: options.scope ?? ctx.oauth.scope,
      state,
      ...(method === 'none' ? {} : { challenge: { value: method === 'plain' ? verifier : challenge, method } }),
    },
    ctx.oauth.login,
    ctx.requestTimeoutMs,
  );
  return { result, verifier, state, redirectUri };
}

async function freshCode(ctx: Context, options: Parameters<typeof authorize>[1] = {}): Promise<{ code: string; verifier: string }> {
  const { result, verifier } = await authorize(ctx, options);
  if (result.kind !== 'code') throw new CheckFailed(`could not get a code: ${result.kind === 'error' ? result.error : result.reason}`);
  return { code: result.code, verifier };
}

interface Session {
  /** How the code was had; null when it came from --authorization-code. */
  authorize: { result: AuthorizeResult; state: string } | null;
  code: string;
  verifier: string;
  exchange: HttpResponse;
}

/** The code of the run (a sign-in, or --authorization-code) and its exchange. */
function session(ctx: Context): Promise<Session> {
  return ctx.memo('oauth-session', async () => {
    client(ctx);
    if (ctx.options.authorizationCode && ctx.options.codeVerifier) {
      const { authorizationCode: code, codeVerifier: verifier } = ctx.options;
      return { authorize: null, code, verifier, exchange: await exchange(ctx, code, verifier) };
    }
    const { result, verifier, state } = await authorize(ctx);
    if (result.kind !== 'code')
      return {
        authorize: { result, state },
        code: '',
        verifier,
        exchange: { status: 0, headers: new Headers(), text: '', body: undefined },
      };
    return { authorize: { result, state }, code: result.code, verifier, exchange: await exchange(ctx, result.code, verifier) };
  });
}

interface Tokens {
  access: string;
  refresh: string;
}

function tokensOf(response: HttpResponse): Tokens | null {
  const body = response.body;
  return response.status === 200 && typeof body?.access_token === 'string' && typeof body?.refresh_token === 'string'
    ? { access: body.access_token, refresh: body.refresh_token }
    : null;
}

/** The refresh token the rotation checks start from: the session's, or --refresh-token. */
async function startingRefreshToken(ctx: Context): Promise<string> {
  if (ctx.oauth.login || ctx.options.authorizationCode) {
    const s = await session(ctx);
    const tokens = tokensOf(s.exchange);
    if (!tokens) throw new CheckFailed(`no tokens from the code exchange (${describe(s.exchange)})`);
    return tokens.refresh;
  }
  if (ctx.options.refreshToken) return ctx.options.refreshToken;
  throw new SkipCheck('no refresh token: pass --login-email/--login-password, --authorization-code, or --refresh-token');
}

interface Rotation {
  r0: string;
  first: HttpResponse;
  firstAt: number;
  second: HttpResponse | null;
  secondAt: number;
  withinGrace: HttpResponse | null;
}

/** R0 → R1 → R2, then R1 again at once (within its grace period). */
function rotation(ctx: Context): Promise<Rotation> {
  return ctx.memo('oauth-rotation', async () => {
    const r0 = await startingRefreshToken(ctx);
    const first = await refresh(ctx, r0);
    const firstAt = Date.now();
    const r1 = tokensOf(first)?.refresh;
    if (!r1) return { r0, first, firstAt, second: null, secondAt: 0, withinGrace: null };
    const second = await refresh(ctx, r1);
    const secondAt = Date.now();
    const withinGrace = tokensOf(second) ? await refresh(ctx, r1) : null;
    return { r0, first, firstAt, second, secondAt, withinGrace };
  });
}

/** Why a refresh of the rotation was not made: one before it failed. */
const NOT_REACHED = {
  second: 'the first refresh failed (see oauth.refresh-rotates)',
  withinGrace: 'the refreshes before it failed (see oauth.refresh-rotates)',
};

/** The tokens one refresh of the rotation gave; a failure when it gave none. */
async function rotated(ctx: Context, step: 'first' | keyof typeof NOT_REACHED): Promise<{ r: Rotation; tokens: Tokens }> {
  const r = await rotation(ctx);
  const response = r[step];
  if (!response) throw new CheckFailed(NOT_REACHED[step as keyof typeof NOT_REACHED]);
  const tokens = tokensOf(response);
  if (!tokens) throw new CheckFailed(describe(response));
  return { r, tokens };
}

function graceToWaitOut(ctx: Context): number {
  const grace = ctx.options.graceSeconds ?? (ctx.sandbox ? SANDBOX_GRACE_SECONDS : undefined);
  const maxWait = ctx.options.maxWaitSeconds ?? 10;
  if (grace === undefined) throw new SkipCheck('the grace period is not known: pass --grace-seconds N (waited out when N <= --max-wait)');
  if (grace > maxWait)
    throw new SkipCheck(
      `the grace period (${grace} s${ctx.options.graceSeconds === undefined ? ', the sandbox default' : ''}) is longer than --max-wait ${maxWait} s: run the API with a shorter one and pass --grace-seconds`,
    );
  return grace;
}

interface Reuse {
  late: HttpResponse;
  /** What the family's newest tokens do afterwards. */
  access: HttpResponse | null;
  refresh: HttpResponse | null;
}

/** R1 once more, after its grace period: reuse. */
function reuse(ctx: Context): Promise<Reuse> {
  return ctx.memo('oauth-reuse', async () => {
    const grace = graceToWaitOut(ctx);
    const r = await rotation(ctx);
    const newest = r.withinGrace ? tokensOf(r.withinGrace) : r.second ? tokensOf(r.second) : null;
    const r1 = tokensOf(r.first)?.refresh;
    if (!r1 || !newest) throw new CheckFailed('the rotation before it did not work');
    // R1 was first used at secondAt; wait until its grace period has certainly passed.
    await sleep(Math.max(0, r.secondAt + grace * 1000 + 1500 - Date.now()));
    const late = await refresh(ctx, r1);
    return { late, access: await me(ctx, newest.access), refresh: await refresh(ctx, newest.refresh) };
  });
}

const tokenProblems = (response: HttpResponse): string[] => {
  const body = response.body ?? {};
  return [
    response.status !== 200 && `${describe(response)}${body.error_description ? ` (${String(body.error_description).slice(0, 80)})` : ''}`,
    typeof body.access_token !== 'string' && 'no access_token',
    typeof body.refresh_token !== 'string' && 'no refresh_token',
    String(body.token_type).toLowerCase() !== 'bearer' && `token_type ${body.token_type}`,
    !(typeof body.expires_in === 'number' && body.expires_in > 0) && `expires_in ${body.expires_in}`,
    !/no-store/i.test(response.headers.get('cache-control') ?? '') && 'no Cache-Control: no-store',
  ].filter((p): p is string => Boolean(p));
};

const expectInvalidGrant = (response: HttpResponse) =>
  verdict(response.status === 400 && oauthError(response) === 'invalid_grant', describe(response));

/** A fresh code exchanged with its verifier or redirect_uri replaced → invalid_grant. */
async function spoiledExchange(ctx: Context, spoil: { verifier?: string; redirectUri?: string }) {
  const { code, verifier } = await freshCode(ctx);
  return expectInvalidGrant(await exchange(ctx, code, spoil.verifier ?? verifier, spoil.redirectUri));
}

/** How an authorize run that gave no code ended. */
const noCode = (result: Exclude<AuthorizeResult, { kind: 'code' }>) =>
  result.kind === 'error' ? `redirected with error=${result.error}` : result.reason;

/** A new access token of its own (a fresh code), for the checks that spoil one. */
async function freshAccessToken(ctx: Context, scope?: string): Promise<{ access: string; expiresIn: number | null }> {
  const { code, verifier } = await freshCode(ctx, { scope });
  const response = await exchange(ctx, code, verifier);
  const tokens = tokensOf(response);
  if (!tokens) throw new CheckFailed(`the code exchange: ${describe(response)}`);
  return { access: tokens.access, expiresIn: typeof response.body?.expires_in === 'number' ? response.body.expires_in : null };
}

/** The narrow scope the scope check asks for: it reads the studio, and may not write contacts. */
const NARROW_SCOPE = 'studio:read';

const slow = (ctx: Context) => ((ctx.options.maxWaitSeconds ?? 10) + 30) * 1000;

export const oauthChecks = defineChecks('oauth', [
  {
    id: 'oauth.authorize-pkce',
    expected:
      'authorize with code_challenge_method=S256 (signed in, approved) → back at the exact redirect_uri with a code and the same state',
    async run(ctx) {
      const s = await session(ctx);
      if (!s.authorize) return skip('the code was supplied with --authorization-code');
      const { result, state } = s.authorize;
      if (result.kind === 'code')
        return verdict(
          result.state === state,
          `code issued, state ${result.state === state ? 'returned unchanged' : `${result.state} ≠ ${state}`}`,
        );
      return fail(result.kind === 'error' && result.description ? `${noCode(result)} (${result.description})` : noCode(result));
    },
  },
  {
    id: 'oauth.token-exchange',
    expected:
      'POST token {authorization_code, code_verifier, redirect_uri} → 200 access_token, refresh_token, token_type Bearer, expires_in, Cache-Control: no-store',
    async run(ctx) {
      const s = await session(ctx);
      if (!s.code) return fail('no code to exchange (see oauth.authorize-pkce)');
      const problems = tokenProblems(s.exchange);
      return verdict(problems.length === 0, problems.length === 0 ? `200, expires_in ${s.exchange.body.expires_in}` : problems.join('; '));
    },
  },
  {
    id: 'oauth.access-token-works',
    expected: 'the new access token → GET /v1/me 200',
    async run(ctx) {
      const tokens = tokensOf((await session(ctx)).exchange);
      if (!tokens) return fail('no access token from the exchange');
      const answer = await me(ctx, tokens.access);
      return verdict(answer.status === 200, brief(answer));
    },
  },
  {
    id: 'oauth.code-single-use',
    expected: 'a fresh code exchanged twice → 200, then 400 invalid_grant',
    async run(ctx) {
      // A code of its own: a server may (RFC 6749 §4.1.2: should) revoke what the first
      // exchange issued, which must not be the family the rotation checks use.
      const { code, verifier } = await freshCode(ctx);
      const first = await exchange(ctx, code, verifier);
      if (first.status !== 200) return fail(`the first exchange: ${describe(first)}`);
      return expectInvalidGrant(await exchange(ctx, code, verifier));
    },
  },
  {
    id: 'oauth.wrong-verifier',
    expected: 'a fresh code exchanged with another code_verifier → 400 invalid_grant',
    run: (ctx) => spoiledExchange(ctx, { verifier: pkce().verifier }),
  },
  {
    id: 'oauth.redirect-uri-token',
    expected: 'a fresh code exchanged with a redirect_uri other than the authorization’s → 400 invalid_grant',
    run: (ctx) => spoiledExchange(ctx, { redirectUri: `${ctx.oauth.redirectUri}x` }),
  },
  {
    id: 'oauth.redirect-uri-exact',
    expected: 'authorize with a redirect_uri that only starts like the registered one → an error page, never a redirect there',
    async run(ctx) {
      const unregistered = `${ctx.oauth.redirectUri.replace(/\/$/, '')}/elsewhere`;
      const { result } = await authorize(ctx, { redirectUri: unregistered });
      if (result.kind === 'stopped')
        return verdict(
          result.status >= 400 && result.status < 500,
          `${result.reason}${result.location ? `, Location ${result.location}` : ''}`,
        );
      return fail(`redirected to the unregistered ${unregistered} with ${result.kind === 'code' ? 'a code' : `error=${result.error}`}`);
    },
  },
  {
    id: 'oauth.pkce-plain-refused',
    expected: 'authorize with code_challenge_method=plain → refused (invalid_request), no code',
    async run(ctx) {
      const { result } = await authorize(ctx, { method: 'plain' });
      if (result.kind === 'code') return fail('a code was issued for a plain challenge');
      return pass(noCode(result));
    },
  },
  {
    id: 'oauth.confidential-without-pkce',
    expected:
      'a confidential client (with its secret) authorizing WITHOUT code_challenge → a code, exchanged without code_verifier → 200 (what `zapier-platform invoke auth start` does)',
    fix: 'Require PKCE only from public clients (no secret); a confidential client that authenticates with its secret may leave it out, and a code issued without a challenge is exchanged without a verifier.',
    async run(ctx) {
      const { clientSecret } = client(ctx);
      if (!clientSecret)
        return skip('the client has no secret (a public client must use PKCE): pass --client-secret to check what the CLI needs');
      const { result } = await authorize(ctx, { method: 'none' });
      if (result.kind !== 'code')
        return fail(
          `no code without a challenge: ${result.kind === 'error' ? `error=${result.error}${result.description ? ` (${result.description})` : ''}` : result.reason}`,
        );
      const { clientId } = client(ctx);
      const response = await http(ctx.oauth.tokenUrl, {
        method: 'POST',
        form: {
          grant_type: 'authorization_code',
          code: result.code,
          redirect_uri: ctx.oauth.redirectUri,
          client_id: clientId,
          client_secret: clientSecret,
        },
        timeoutMs: ctx.requestTimeoutMs,
      });
      return verdict(tokensOf(response) !== null, `code issued; exchange without code_verifier → ${describe(response)}`);
    },
  },
  {
    id: 'oauth.verifier-required',
    expected: 'a code issued for a code_challenge, exchanged WITHOUT code_verifier → 400 invalid_grant (or invalid_request)',
    fix: 'A code issued with a code_challenge is bound to it: refuse its exchange unless the code_verifier matches, also when none is sent.',
    async run(ctx) {
      const { code } = await freshCode(ctx);
      const { clientId, clientSecret } = client(ctx);
      const response = await http(ctx.oauth.tokenUrl, {
        method: 'POST',
        form: {
          grant_type: 'authorization_code',
          code,
          redirect_uri: ctx.oauth.redirectUri,
          client_id: clientId,
          ...(clientSecret ? { client_secret: clientSecret } : {}),
        },
        timeoutMs: ctx.requestTimeoutMs,
      });
      return verdict(
        response.status === 400 && ['invalid_grant', 'invalid_request'].includes(oauthError(response) ?? ''),
        describe(response),
      );
    },
  },
  {
    id: 'oauth.scope-enforced',
    expected: `a token granted only "${NARROW_SCOPE}": GET /v1/me → 200, POST /v1/contacts → 403 insufficient_scope (before the body is even read)`,
    fix: 'Check the token’s scopes on every endpoint (each endpoint’s scope is in docs/openapi.json) and answer 403 insufficient_scope before doing anything else.',
    async run(ctx) {
      const { access } = await freshAccessToken(ctx, NARROW_SCOPE);
      const reading = await me(ctx, access);
      const writing = await http(`${ctx.options.url}/v1/contacts`, {
        method: 'POST',
        json: {},
        headers: { Authorization: `Bearer ${access}` },
        timeoutMs: ctx.requestTimeoutMs,
        ...ctx.throttleWait,
      });
      const problem = envelopeProblem(writing, 'insufficient_scope');
      return verdict(
        reading.status === 200 && writing.status === 403 && !problem,
        `GET /v1/me → ${brief(reading)}; POST /v1/contacts → ${brief(writing)}${writing.status === 422 ? ' (the body was checked: the scope was not)' : ''}`,
      );
    },
  },
  {
    id: 'oauth.refresh-rotates',
    expected: 'grant_type=refresh_token → 200 with a new refresh token (not the one sent) and an access token that works',
    async run(ctx) {
      const { r, tokens } = await rotated(ctx, 'first');
      const answer = await me(ctx, tokens.access);
      return verdict(
        tokens.refresh !== r.r0 && answer.status === 200,
        `${tokens.refresh === r.r0 ? 'the same refresh token came back' : 'a new refresh token'}; GET /v1/me → ${brief(answer)}`,
      );
    },
  },
  {
    id: 'oauth.refresh-rotates-again',
    expected: 'refreshing with the new refresh token rotates again: another new one each time',
    async run(ctx) {
      const { r, tokens } = await rotated(ctx, 'second');
      const previous = [r.r0, tokensOf(r.first)!.refresh];
      return verdict(
        !previous.includes(tokens.refresh),
        previous.includes(tokens.refresh) ? 'an earlier refresh token came back' : 'a new refresh token',
      );
    },
  },
  {
    id: 'oauth.reuse-within-grace',
    expected: 'a just-rotated refresh token used again at once (two Zap runs refreshing together) → 200, a new pair',
    async run(ctx) {
      await rotated(ctx, 'withinGrace');
      return pass('200, a new pair');
    },
  },
  {
    id: 'oauth.invalid-refresh-token',
    expected: 'a refresh token the server never issued → 400 invalid_grant (the integration asks to reconnect only then)',
    async run(ctx) {
      return expectInvalidGrant(await refresh(ctx, `not-a-token-${ctx.tag}`));
    },
  },
  {
    id: 'oauth.reuse-after-grace',
    expected: 'the rotated refresh token used again after the grace period → 400 invalid_grant',
    timeoutMs: slow,
    async run(ctx) {
      return expectInvalidGrant((await reuse(ctx)).late);
    },
  },
  {
    id: 'oauth.reuse-revokes-family',
    expected: 'after that reuse, the family’s newest tokens are revoked: access token → 401, refresh token → invalid_grant',
    timeoutMs: slow,
    async run(ctx) {
      const { access, refresh } = await reuse(ctx);
      const ok = access?.status === 401 && refresh?.status === 400 && oauthError(refresh) === 'invalid_grant';
      return verdict(ok, `access token → ${access ? brief(access) : '?'}, refresh token → ${refresh ? describe(refresh) : '?'}`);
    },
  },
  {
    id: 'oauth.expired-token-refused',
    expected: 'an access token past its expires_in → GET /v1/me 401 (the integration then refreshes)',
    fix: 'Check an access token’s expiry on every request and answer 401 (WWW-Authenticate: Bearer error="invalid_token") once it has passed.',
    timeoutMs: slow,
    async run(ctx) {
      if (ctx.options.expiredToken) {
        const answer = await me(ctx, ctx.options.expiredToken);
        return verdict(answer.status === 401, `--expired-token: GET /v1/me → ${brief(answer)}`);
      }
      const { access, expiresIn } = await freshAccessToken(ctx);
      if (ctx.sandbox) {
        // The sandbox ages this one token at once; a real API's token is waited out.
        const aged = await http(`${ctx.options.url}/_sandbox/tokens/expire`, {
          method: 'POST',
          json: { only: 'this_token' },
          headers: { Authorization: `Bearer ${access}` },
          timeoutMs: ctx.requestTimeoutMs,
        });
        if (aged.status !== 200) return fail(`POST /_sandbox/tokens/expire: ${brief(aged)}`);
      } else {
        const maxWait = ctx.options.maxWaitSeconds ?? 10;
        if (expiresIn === null || expiresIn > maxWait) {
          return skip(
            `the access token lives ${expiresIn ?? '?'} s, longer than --max-wait ${maxWait} s: pass --expired-token (one issued more than its lifetime ago), or run the API with short-lived tokens`,
          );
        }
        await sleep(expiresIn * 1000 + 1500);
      }
      const answer = await me(ctx, access);
      return verdict(answer.status === 401, `after its expiry: GET /v1/me → ${brief(answer)}`);
    },
  },
]);
