// A real sandbox for integration tests: started on a free port with an in-memory database,
// with a demo-seeded studio ready to use. STUDIO_API_URL points the app at it.
//
//   const sandbox = await startTestSandbox();
//   bundle.authData = sandbox.authData;            // the app calls the sandbox as this studio
//   await sandbox.api('POST', '/_sandbox/orders', {...});   // simulate the outside world
//   const other = await sandbox.newStudio();       // an isolated second studio (empty unless seed: 'demo')
//   await sandbox.stop();
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server.js';
import type { StudioCredentials } from '../../sandbox/store/studios.js';

export type { StudioCredentials };

export interface ApiResponse {
  status: number;
  /** Parsed JSON (undefined for an empty body, the raw text when it is not JSON). */
  body: any;
  headers: Headers;
}

export type ApiCall = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse>;

export interface TestStudio {
  studio: StudioCredentials;
  authData: { access_token: string; refresh_token: string };
  /** An authenticated request as this studio. */
  api: ApiCall;
}

export interface NewStudioOptions {
  name?: string;
  country?: string;
  currency?: string;
  timezone?: string;
  seed?: 'demo' | null;
  redirect_uris?: string[];
  /** How the studio's gallery rounds tax in its orders' totals (default per_line). */
  tax_rounding?: 'per_line' | 'per_rate' | 'per_order';
}

export interface TestSandbox extends TestStudio {
  url: string;
  stop(): Promise<void>;
  /** Another isolated studio; also carries its credentials at the top level. */
  newStudio(options?: NewStudioOptions): Promise<TestStudio & StudioCredentials>;
  /** Resolves when every webhook delivery has been sent (or given up). */
  webhooksIdle(): Promise<void>;
  /** The running sandbox, for tests of the sandbox itself. */
  sandbox: Sandbox;
}

async function request(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Creates a studio through POST /_sandbox/studios and returns it ready to call. */
export async function createTestStudio(url: string, options: NewStudioOptions = {}): Promise<TestStudio & StudioCredentials> {
  const created = await request(url, 'POST', '/_sandbox/studios', null, {
    name: options.name ?? 'Other Studio',
    country: options.country ?? 'GB',
    currency: options.currency ?? 'GBP',
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.redirect_uris ? { redirect_uris: options.redirect_uris } : {}),
    ...(options.tax_rounding ? { tax_rounding: options.tax_rounding } : {}),
  });
  if (created.status !== 201) throw new Error(`POST /_sandbox/studios answered ${created.status}: ${JSON.stringify(created.body)}`);
  const studio = created.body as StudioCredentials;
  return {
    ...studio,
    studio,
    authData: { access_token: studio.access_token, refresh_token: studio.refresh_token },
    api: (method, path, body, headers) => request(url, method, path, studio.access_token, body, headers),
  };
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, webhookRetryDelaysMs: [50, 100, 200], webhookTimeoutMs: 2000, ...options });
  try {
    const demo = await createTestStudio(sandbox.url, { name: 'Northlight Photography', country: 'GB', currency: 'GBP', seed: 'demo' });
    process.env.STUDIO_API_URL = sandbox.url;
    return {
      url: sandbox.url,
      studio: demo.studio,
      authData: demo.authData,
      api: demo.api,
      newStudio: (studioOptions) => createTestStudio(sandbox.url, studioOptions),
      webhooksIdle: () => sandbox.webhooksIdle(),
      sandbox,
      stop: () => sandbox.stop(),
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** An authenticated call with whatever token the studio has now (tokens rotate in these tests). */
export async function apiAs(url: string, token: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
}

let counter = 0;
/** A short unique suffix for names and emails made by a test. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}`;
}

let phones = 0;
/** A UK number reserved for drama (07700 900xxx) that no demo contact has (they use 101–107). */
export function uniquePhone(): string {
  phones += 1;
  return `+44 7700 900${String(200 + (phones % 800)).padStart(3, '0')}`;
}

/** A gallery client places an order with prints at 20% and a photo book at 0%; returns its id. */
export async function placePrintOrder(
  api: ApiCall,
  client: { email: string; first_name: string; last_name: string; phone?: string | null },
): Promise<string> {
  const placed = await api('POST', '/_sandbox/orders', {
    currency: 'GBP',
    prices_include_tax: true,
    payment_status: 'paid',
    client: { phone: null, ...client },
    lines: [
      { description: 'Fine art print 8×10"', quantity: 2, unit_price: 2500, tax_rate: '20' },
      { description: 'Hardback photo book', quantity: 1, unit_price: 6500, tax_rate: '0' },
    ],
    shipping: { amount: 495, tax_rate: null },
  });
  if (placed.status !== 201) throw new Error(`placing the order failed: HTTP ${placed.status} ${JSON.stringify(placed.body)}`);
  return placed.body.id as string;
}
