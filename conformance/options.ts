// The kit's inputs: flags, each also readable from an environment variable (CONFORMANCE_ +
// the flag in capitals, e.g. --other-token ↔ CONFORMANCE_OTHER_TOKEN), so CI can keep tokens
// and secrets out of the command line.
import { parseArgs } from 'node:util';
import { OAUTH_SCOPES } from '../src/api/config.js';
import { EventType } from '../src/contract/hooks.js';
import type { Row } from './check.js';
import { GROUPS } from './check.js';

export interface ConformanceOptions {
  /** The Studio API's base URL (without /v1). */
  url: string;
  /** Access token of a test studio (demo-like data, or empty). On the sandbox the kit makes one. */
  token?: string;
  /** A refresh token (of a family the kit may revoke), for the rotation checks without a sign-in. */
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Access token of a second studio, for the isolation checks. */
  otherToken?: string;
  /** Sign in on the consent page (a standard HTML form) as this user. */
  loginEmail?: string;
  loginPassword?: string;
  /** A code a person got by approving the authorize URL (`--print-authorize-url`), and its verifier. */
  authorizationCode?: string;
  codeVerifier?: string;
  /** Registered with the client exactly (default http://localhost:9000/oauth/callback). */
  redirectUri?: string;
  /** Default: RFC 8414 metadata at /.well-known/oauth-authorization-server, else <url>/oauth/authorize. */
  authorizeUrl?: string;
  /** Default: RFC 8414 metadata, else <url>/oauth/token. */
  tokenUrl?: string;
  /** Scopes to ask for (space-separated; default the integration's). */
  scope?: string;
  /** The API's refresh-token grace period; the reuse-after-grace check waits it out when it is at most maxWaitSeconds. */
  graceSeconds?: number;
  /** An access token that has expired (issued more than its expires_in ago), for oauth.expired-token-refused. */
  expiredToken?: string;
  /** The longest the kit waits for a grace period, or a token's expiry, to pass (default 10 s). */
  maxWaitSeconds?: number;
  /** Where the webhook receiver listens (default 127.0.0.1, port 0: a free one). */
  webhookHost?: string;
  webhookPort?: number;
  /** The receiver's public URL when the API reaches it through a tunnel or proxy. */
  webhookUrl?: string;
  /** Shell command that makes an event of `triggerEvent` happen in the studio (not needed on the sandbox). */
  triggerCommand?: string;
  /** The event type the trigger command causes (default order.created). */
  triggerEvent?: EventType;
  /** How long to wait for a delivery, and for its retry (default 15 s). */
  webhookWaitSeconds?: number;
  /** Send this many requests at once to provoke a 429 (an API that is not the sandbox). */
  burst?: number;
  /** true/false: skip the probe. undefined: probe POST /_sandbox/studios. */
  sandbox?: boolean;
  /** Groups or check ids to run / leave out. */
  only?: string[];
  skip?: string[];
  /** One request's time limit (default 10 s) and one check's (default 30 s). */
  requestTimeoutMs?: number;
  checkTimeoutMs?: number;
  /** Called as each row is decided (the CLI prints progress with it). */
  progress?: (row: Row) => void;
}

export const DEFAULT_REDIRECT_URI = 'http://localhost:9000/oauth/callback';
export const DEFAULT_SCOPE = OAUTH_SCOPES.join(' ');

export const HELP = `Studio API conformance kit: checks that a running Studio API behaves as the Studio ⇄ Pic-Time
integration relies on (every rule is in docs/studio-api.md and docs/openapi.json), and prints
check → expected → observed → result, then "What to fix": each failed check as a sentence
saying what to change. Exits 0 when nothing failed, 1 when a check failed, 2 on a usage error.

  npm run conformance -- --url https://api.staging.example --token "$TOKEN" --other-token "$OTHER" \\
      --client-id "$CLIENT_ID" --client-secret "$CLIENT_SECRET" \\
      --login-email kit@studio.example --login-password "$PASSWORD" [options]
  npm run conformance -- --url http://127.0.0.1:4010          # the sandbox: the kit makes its own studios

Every flag can also be set as an environment variable: CONFORMANCE_ and the flag in capitals
(--other-token → CONFORMANCE_OTHER_TOKEN). Prefer variables for tokens and secrets.

The API
  --url URL                 base URL, without /v1 (also STUDIO_API_URL)
  --token TOKEN             access token of a test studio with demo-like data (jobs, galleries,
                            brands, presets, orders), granted every scope. The kit creates records
                            tagged conformance-<run>: contacts, a job, 12 galleries, a few invoices,
                            webhook subscriptions (deleted again). Optional on the sandbox.
  --other-token TOKEN       access token of a SECOND studio, for the isolation checks
  --sandbox / --no-sandbox  skip the probe (POST /_sandbox/studios) that finds the local sandbox

OAuth (group oauth; it runs last, because one check revokes a token family)
  --client-id ID            the OAuth client (also CLIENT_ID); --client-secret SECRET (also
  --client-secret SECRET    CLIENT_SECRET). With a secret the client is confidential: the kit also
                            checks that it may authorize without PKCE, as \`zapier-platform invoke
                            auth start\` does (docs/studio-api.md, "OAuth").
  --redirect-uri URI        registered with the client, exactly (default ${DEFAULT_REDIRECT_URI})
  --login-email EMAIL       sign in on the consent page, which must be a standard HTML form:
  --login-password PASS     email/username and password inputs, hidden inputs kept, an Approve
                            (allow/accept/authorize) submit button; redirects are followed to
                            the redirect_uri, whose code is exchanged. No browser is needed. Each
                            check that needs a code of its own signs in again.
  --print-authorize-url     print an authorize URL with a fresh PKCE challenge, and the
                            --code-verifier to come back with, then exit; a person approves it and
  --authorization-code CODE passes the code from the redirect with
  --code-verifier VERIFIER  the verifier printed with it
  --refresh-token TOKEN     refresh-token checks without a sign-in (the reuse check revokes its family)
  --expired-token TOKEN     an access token issued longer ago than its expires_in, for "an expired
                            token is refused" (otherwise the kit waits a fresh token's expiry out
                            when it is at most --max-wait; the sandbox ages one on request)
  --scope "A B"             scopes to ask for (default: ${DEFAULT_SCOPE})
  --authorize-url URL, --token-url URL
                            default: RFC 8414 metadata (/.well-known/oauth-authorization-server),
                            else <url>/oauth/authorize and <url>/oauth/token
  --grace-seconds N         the refresh-token grace period of the API (the sandbox: 30 unless
                            SANDBOX_REFRESH_GRACE says otherwise)
  --max-wait N              the longest the kit waits for a time limit to pass (default 10 s): the
                            grace period ("reuse after the grace period revokes the family" runs
                            only when --grace-seconds <= N) and a token's expiry. Run the API with
                            a short grace period (e.g. 2 s) and pass --grace-seconds 2, or raise
                            --max-wait to wait the real one out.

Webhooks (group webhooks)
  --webhook-host HOST       where the kit's receiver listens (default 127.0.0.1); --webhook-port N
  --webhook-port N          its port (default 0: any free one)
  --webhook-url URL         the receiver's address as the API must call it (a tunnel, or an https
                            proxy), if not http://host:port. The API refuses private and plain-http
                            targets: allow the receiver's exact origin with the API's test
                            allow-list (docs/studio-api.md, "Webhook targets").
  --trigger-command CMD     shell command that makes an event happen in the --token studio (the
                            sandbox needs none: the kit places an order through /_sandbox/orders).
                            It gets CONFORMANCE_URL, CONFORMANCE_EVENT, CONFORMANCE_TAG; one
                            event reaches every subscription the kit made for it.
  --trigger-event TYPE      the event it causes: ${EventType.options.join(', ')} (default order.created)
  --webhook-wait N          seconds to wait for a delivery and for its retry (default 15; the API's
                            first retry must come within 10 s). The receiver answers its /slow/
                            subscription 429 with Retry-After of half of N (at least 2 s), its
                            /gone/ subscription 410, and the first attempt elsewhere 500.

Rate limits (group rate-limits)
  --burst N                 the most requests the kit sends to reach the limit (default 1000; it
                            sends RateLimit-Remaining + 1 when the API states it). It then waits
                            Retry-After out (up to 120 s) before the next group. An API with no
                            limit fails. Any 429 in another group is waited out too, and counted
                            in the notes.

Run
  --only LIST, --skip LIST  comma-separated groups (${GROUPS.join(', ')}) or check ids
  --list                    print the checks (id and what each expects) and exit
  --json                    print the rows as JSON (each failed row with its "fix") instead of a table
  --request-timeout MS      one request's time limit (default 10000)
  --check-timeout MS        one check's time limit (default 30000; slow checks have their own)
  -h, --help                this text

Groups: contract (every list is a page, every item parses with the contract), pagination (limit,
cursor walks without duplicates or gaps, newest first, max 100), filters (matching by email,
phone, name; a malformed phone is a 422; source_app with source_reference), idempotency
(replays, 409 idempotency_key_reused, errors not stored), errors (404 not_found vs
link_not_found, 422 with details, 401, unknown fields), writes (a job needs a known contact, its
status follows its stage, one event per move and none for the same stage, linking 201 then 200,
at most 10 galleries, PATCH null clears, tax fits the rate, slug suffix), rate-limits (RateLimit
headers, 429 with Retry-After, recovery), webhooks (Standard Webhooks signature, retry with the
same webhook-id, Retry-After honoured, 410 unsubscribes, private targets refused, GET /v1/hooks,
unsubscribe), isolation (another studio's ids are 404, never 403; its lists do not show them),
oauth (authorization code + PKCE S256, a confidential client without PKCE, exact redirect_uri,
scopes enforced, expired tokens refused, refresh rotation and its grace period).`;

export type CliCommand =
  | { kind: 'run'; options: ConformanceOptions; json: boolean }
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'print-authorize-url'; options: ConformanceOptions };

export class UsageError extends Error {
  override name = 'UsageError';
}

export const STRING_FLAGS = [
  'url',
  'token',
  'refresh-token',
  'client-id',
  'client-secret',
  'other-token',
  'login-email',
  'login-password',
  'authorization-code',
  'code-verifier',
  'expired-token',
  'redirect-uri',
  'authorize-url',
  'token-url',
  'scope',
  'grace-seconds',
  'max-wait',
  'webhook-host',
  'webhook-port',
  'webhook-url',
  'trigger-command',
  'trigger-event',
  'webhook-wait',
  'burst',
  'only',
  'skip',
  'request-timeout',
  'check-timeout',
] as const;
export const BOOLEAN_FLAGS = ['json', 'list', 'help', 'sandbox', 'no-sandbox', 'print-authorize-url'] as const;

/** Fallbacks the rest of the project already uses. */
const LEGACY_ENV: Record<string, string> = { url: 'STUDIO_API_URL', 'client-id': 'CLIENT_ID', 'client-secret': 'CLIENT_SECRET' };

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
        ...Object.fromEntries(BOOLEAN_FLAGS.map((flag) => [flag, { type: 'boolean' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };

  const text = (flag: (typeof STRING_FLAGS)[number]): string | undefined => {
    const value = values[flag];
    if (typeof value === 'string') return value;
    const fromEnv = env[`CONFORMANCE_${flag.toUpperCase().replace(/-/g, '_')}`] ?? (LEGACY_ENV[flag] ? env[LEGACY_ENV[flag]] : undefined);
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };
  const number = (flag: (typeof STRING_FLAGS)[number], min: number): number | undefined => {
    const value = text(flag);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min)
      throw new UsageError(`--${flag} must be a number of at least ${min} (got ${JSON.stringify(value)})`);
    return n;
  };
  const list = (flag: 'only' | 'skip'): string[] | undefined =>
    text(flag)
      ?.split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');

  const url = text('url');
  if (!url) throw new UsageError('--url is required (the Studio API base URL, e.g. http://127.0.0.1:4010)');
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url is not a URL: ${JSON.stringify(url)}`);
  }
  const triggerEvent = text('trigger-event');
  const triggerType = triggerEvent === undefined ? undefined : EventType.safeParse(triggerEvent);
  if (triggerType && !triggerType.success) throw new UsageError(`--trigger-event must be one of ${EventType.options.join(', ')}`);
  const envSandbox = env.CONFORMANCE_SANDBOX;
  const sandbox = values.sandbox
    ? true
    : values['no-sandbox']
      ? false
      : envSandbox === '1' || envSandbox === 'true'
        ? true
        : envSandbox === '0' || envSandbox === 'false'
          ? false
          : undefined;

  const options: ConformanceOptions = {
    url: url.replace(/\/+$/, ''),
    token: text('token'),
    refreshToken: text('refresh-token'),
    clientId: text('client-id'),
    clientSecret: text('client-secret'),
    otherToken: text('other-token'),
    loginEmail: text('login-email'),
    loginPassword: text('login-password'),
    authorizationCode: text('authorization-code'),
    codeVerifier: text('code-verifier'),
    expiredToken: text('expired-token'),
    redirectUri: text('redirect-uri'),
    authorizeUrl: text('authorize-url'),
    tokenUrl: text('token-url'),
    scope: text('scope'),
    graceSeconds: number('grace-seconds', 0),
    maxWaitSeconds: number('max-wait', 0),
    webhookHost: text('webhook-host'),
    webhookPort: number('webhook-port', 0),
    webhookUrl: text('webhook-url'),
    triggerCommand: text('trigger-command'),
    triggerEvent: triggerType?.data,
    webhookWaitSeconds: number('webhook-wait', 0),
    burst: number('burst', 1),
    sandbox,
    only: list('only'),
    skip: list('skip'),
    requestTimeoutMs: number('request-timeout', 1),
    checkTimeoutMs: number('check-timeout', 1),
  };
  if (options.authorizationCode && !options.codeVerifier)
    throw new UsageError('--authorization-code needs the --code-verifier its authorize URL was made with (see --print-authorize-url)');
  if (values['print-authorize-url']) {
    if (!options.clientId) throw new UsageError('--print-authorize-url needs --client-id');
    return { kind: 'print-authorize-url', options };
  }
  return { kind: 'run', options, json: values.json === true };
}
