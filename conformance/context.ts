// What the checks share: the resolved inputs (which studio, which OAuth client), an HTTP helper
// per studio, the webhook receiver, memoised fixtures (records one check makes and others
// reuse), and the clean-up that runs at the end.
import { randomBytes } from 'node:crypto';
import { SkipCheck } from './check.js';
import { http, type HttpResponse } from './http.js';
import type { ConformanceOptions } from './options.js';
import { DEFAULT_REDIRECT_URI, DEFAULT_SCOPE } from './options.js';
import { startReceiver, type Receiver } from './receiver.js';
import type { StudioCredentials } from '../sandbox/store/studios.js';

export interface Studio {
  label: 'main' | 'other';
  token: string;
}

export interface OAuthSetup {
  clientId: string | null;
  clientSecret: string | null;
  login: { email: string; password: string } | null;
  authorizeUrl: string;
  tokenUrl: string;
  redirectUri: string;
  scope: string;
  /** Where the setup came from, for the report ("the kit's own sandbox studio", "flags"). */
  source: string;
}

export interface CallOptions {
  json?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  /** A 429 comes back as it is (the rate-limit checks); otherwise it is waited out once. */
  raw?: boolean;
}

/** The longest Retry-After an ordinary request waits out before it is sent again. */
export const MAX_THROTTLE_WAIT_SECONDS = 120;

/** What POST /_sandbox/studios answers: a new studio with a user, a client and tokens (a type only: the kit never loads the sandbox). */
type SandboxStudio = StudioCredentials;

/** The Retry-After the receiver's /slow/ path answers with: half of --webhook-wait, at least 2 s. */
export function receiverRetryAfterSeconds(options: Pick<ConformanceOptions, 'webhookWaitSeconds'>): number {
  return Math.max(2, Math.ceil((options.webhookWaitSeconds ?? 15) / 2));
}

export class Context {
  /** Marks everything this run creates: names, emails, idempotency keys. */
  readonly tag = `conformance-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  readonly requestTimeoutMs: number;
  readonly notes: string[] = [];
  sandbox = false;
  main!: Studio;
  other: Studio | null = null;
  oauth!: OAuthSetup;
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly cleanups: Array<() => Promise<unknown>> = [];
  private sandboxStudios = 0;
  /** How many 429s outside the rate-limits group were waited out, and for how long in all. */
  throttled = { count: 0, seconds: 0 };

  constructor(readonly options: ConformanceOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  /** Finds out what is being tested and gets the tokens the checks need. */
  async setUp(): Promise<void> {
    const o = this.options;
    this.sandbox = o.sandbox ?? (await this.probeSandbox());
    if (o.token) this.main = { label: 'main', token: o.token };
    else if (this.sandbox) {
      const studio = await this.createSandboxStudio('demo');
      this.main = { label: 'main', token: studio.access_token };
      this.notes.push('--token not given: the checks use a new demo studio made through POST /_sandbox/studios');
    } else {
      throw new Error('--token is required (an access token of a test studio); only the local sandbox can make its own');
    }
    if (o.otherToken) this.other = { label: 'other', token: o.otherToken };
    else if (this.sandbox) this.other = { label: 'other', token: (await this.createSandboxStudio(null)).access_token };

    const endpoints = await this.oauthEndpoints();
    const base = { ...endpoints, redirectUri: o.redirectUri ?? DEFAULT_REDIRECT_URI, scope: o.scope ?? DEFAULT_SCOPE };
    const login = o.loginEmail && o.loginPassword ? { email: o.loginEmail, password: o.loginPassword } : null;
    if (o.clientId || login || o.authorizationCode || o.refreshToken || !this.sandbox) {
      this.oauth = { ...base, clientId: o.clientId ?? null, clientSecret: o.clientSecret ?? null, login, source: 'flags' };
    } else {
      // The sandbox, and no OAuth client given: a studio of the kit's own, whose token family
      // the reuse check may revoke without touching anything else.
      const studio = await this.createSandboxStudio(null);
      this.oauth = {
        ...base,
        redirectUri: DEFAULT_REDIRECT_URI,
        clientId: studio.client_id,
        clientSecret: studio.client_secret || null,
        login: { email: studio.user_email, password: studio.user_password },
        source: 'a new sandbox studio',
      };
    }
  }

  /** The sandbox answers POST /_sandbox/studios {} with a 422 naming its fields; an API without it, 404 (or 401/405). */
  private async probeSandbox(): Promise<boolean> {
    try {
      const response = await http(`${this.options.url}/_sandbox/studios`, { method: 'POST', json: {}, timeoutMs: this.requestTimeoutMs });
      const details = response.body?.error?.details;
      return response.status === 422 && Array.isArray(details) && details.some((d: { field?: unknown }) => d.field === 'name');
    } catch {
      return false;
    }
  }

  private async createSandboxStudio(seed: 'demo' | null): Promise<SandboxStudio> {
    this.sandboxStudios += 1;
    const response = await http(`${this.options.url}/_sandbox/studios`, {
      method: 'POST',
      json: { name: `Conformance ${this.sandboxStudios} ${this.tag}`, country: 'GB', currency: 'GBP', ...(seed ? { seed } : {}) },
      timeoutMs: this.requestTimeoutMs,
    });
    if (response.status !== 201) throw new Error(`POST /_sandbox/studios answered ${response.status}: ${response.text.slice(0, 200)}`);
    return response.body as SandboxStudio;
  }

  private async oauthEndpoints(): Promise<{ authorizeUrl: string; tokenUrl: string }> {
    const o = this.options;
    let discovered: { authorization_endpoint?: unknown; token_endpoint?: unknown } = {};
    if (!o.authorizeUrl || !o.tokenUrl) {
      try {
        const response = await http(`${o.url}/.well-known/oauth-authorization-server`, { timeoutMs: this.requestTimeoutMs });
        if (response.status === 200 && response.body && typeof response.body === 'object') discovered = response.body;
      } catch {
        // no metadata: the conventional paths below
      }
    }
    const pick = (given: string | undefined, found: unknown, path: string) =>
      given ?? (typeof found === 'string' && found !== '' ? found : `${o.url}${path}`);
    return {
      authorizeUrl: pick(o.authorizeUrl, discovered.authorization_endpoint, '/oauth/authorize'),
      tokenUrl: pick(o.tokenUrl, discovered.token_endpoint, '/oauth/token'),
    };
  }

  /** A request to the API as `studio` (null: without a token). */
  async call(studio: Studio | null, method: string, path: string, options: CallOptions = {}): Promise<HttpResponse> {
    const url = new URL(`${this.options.url}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    return http(url.toString(), {
      method,
      headers: { ...(studio ? { Authorization: `Bearer ${studio.token}` } : {}), ...options.headers },
      json: options.json,
      timeoutMs: this.requestTimeoutMs,
      ...(options.raw ? {} : this.throttleWait),
    });
  }

  /** What an ordinary request does on a 429: waits out Retry-After and tries once more. */
  readonly throttleWait = {
    waitOn429Seconds: MAX_THROTTLE_WAIT_SECONDS,
    onThrottled: (seconds: number) => {
      this.throttled.count += 1;
      this.throttled.seconds += seconds;
    },
  };

  api(method: string, path: string, options: CallOptions = {}): Promise<HttpResponse> {
    return this.call(this.main, method, path, options);
  }

  /** The other studio, or a skip saying how to give one. */
  otherStudio(): Studio {
    if (!this.other) throw new SkipCheck('no second studio: pass --other-token (an access token of another test studio)');
    return this.other;
  }

  /** Runs `make` once per run; every check asking for `key` shares its result (or its error). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let found = this.memos.get(key) as Promise<T> | undefined;
    if (!found) {
      found = make();
      found.catch(() => undefined);
      this.memos.set(key, found);
    }
    return found;
  }

  onCleanup(clean: () => Promise<unknown>): void {
    this.cleanups.push(clean);
  }

  receiver(): Promise<Receiver> {
    return this.memo('receiver', async () => {
      const receiver = await startReceiver({
        host: this.options.webhookHost ?? '127.0.0.1',
        port: this.options.webhookPort ?? 0,
        publicUrl: this.options.webhookUrl,
        retryAfterSeconds: receiverRetryAfterSeconds(this.options),
      });
      this.onCleanup(() => receiver.close());
      return receiver;
    });
  }

  async close(): Promise<void> {
    for (const clean of this.cleanups.reverse()) await clean().catch(() => undefined);
  }
}
