// Security, end to end through the app and the real sandbox:
// - one studio can never reach another's records, by the API or through any step (404,
//   never 403, never the data);
// - the OAuth flow the app drives refuses a PKCE downgrade, a redirect_uri it was not
//   registered with, and a reused refresh token (which also ends the whole connection);
// - a trigger refuses webhook deliveries that are forged, altered or unsigned, accepts the
//   real one the sandbox delivered, and one correctly signed but run late only once the API
//   confirms its event (and then from the API's copy);
// - nothing secret (tokens, client secret, password, codes, verifiers, webhook secret,
//   signatures) appears in any sandbox log line or in any error message the suite saw.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DEMO_IDS } from '../../sandbox/world/seed.js';
import { DEFAULT_REDIRECT_URI } from '../../sandbox/store/studios.js';
import { signDelivery } from '../../src/hooks/signature.js';
import { agePastGrace } from '../support/oauth.js';
import { LeakWatch, startReliabilitySandbox, type ReliabilitySandbox } from './support.js';
import { type TestStudio, failureOf, methodOf, invokeApp, unique } from '../support/index.js';

let sandbox: ReliabilitySandbox;
const watch = new LeakWatch();
const saved = { clientId: process.env.CLIENT_ID, clientSecret: process.env.CLIENT_SECRET };

beforeAll(async () => {
  sandbox = await startReliabilitySandbox();
  watch.credentials(sandbox.studio);
  process.env.CLIENT_ID = sandbox.studio.client_id;
  process.env.CLIENT_SECRET = sandbox.studio.client_secret;
});
afterAll(async () => {
  await sandbox?.stop();
  process.env.CLIENT_ID = saved.clientId;
  process.env.CLIENT_SECRET = saved.clientSecret;
});

const step = (
  kind: 'trigger' | 'create' | 'search',
  key: string,
  inputData: Record<string, unknown>,
  authData: Record<string, string> = sandbox.authData,
) => invokeApp(methodOf(kind, key), { authData, inputData });
const refused = async (promise: Promise<unknown>) => watch.saw(await failureOf(promise));

describe('another studio’s records', () => {
  let other: TestStudio & { studio_id: string };
  const theirs: Record<string, string> = {};

  beforeAll(async () => {
    // A second studio with records of its own (the demo's readable ids are the same in every
    // demo studio, so only records created here are unique to it).
    other = await sandbox.newStudio({ name: 'Rival Photography', seed: 'demo' });
    watch.credentials(other.studio);
    const created = async (path: string, body: unknown) => {
      const response = await other.api('POST', path, body);
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    theirs.contact = await created('/v1/contacts', {
      first_name: 'Secret',
      last_name: 'Client',
      email: 'secret.client@rival.example',
      phone: '+447700900999',
    });
    theirs.gallery = await created('/v1/galleries', {
      name: 'Rival Wedding',
      slug: 'rival-wedding',
      brand_id: DEMO_IDS.brands.northlight,
      preset_id: DEMO_IDS.presets.classic,
    });
    theirs.order = await created('/_sandbox/orders', {
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'paid',
      client: { email: 'secret.client@rival.example', first_name: 'Secret', last_name: 'Client' },
      lines: [{ description: 'Album', quantity: 1, unit_price: 40000, tax_rate: '20' }],
    });
    theirs.payment = await created('/_sandbox/payments', { job_id: DEMO_IDS.jobs.hartWedding, amount: 10000 });
    theirs.hook = await created('/v1/hooks', { target_url: 'https://hooks.zapier.example/rival', event: 'order.created' });
    const booked = (await step('create', 'create_invoices_from_order', { order_id: theirs.order }, other.authData)) as {
      invoices: Array<{ id: string }>;
    };
    theirs.invoice = booked.invoices[0]!.id;
  });

  it('answer 404 (never 403, never the data) to every direct request', async () => {
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/v1/contacts/${theirs.contact}`],
      ['GET', `/v1/galleries/${theirs.gallery}`],
      ['GET', `/v1/orders/${theirs.order}`],
      ['GET', `/v1/invoices/${theirs.invoice}`],
      ['GET', `/v1/payments/${theirs.payment}`],
      ['DELETE', `/v1/hooks/${theirs.hook}`],
      ['POST', `/v1/jobs/${DEMO_IDS.jobs.hartWedding}/galleries`, { gallery_id: theirs.gallery }],
      ['DELETE', `/v1/jobs/${DEMO_IDS.jobs.hartWedding}/galleries/${theirs.gallery}`],
      ['POST', `/_sandbox/galleries/${theirs.gallery}/publish`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await sandbox.api(method, path, body);
      expect({ method, path, status: response.status, code: response.body?.error?.code }).toEqual({
        method,
        path,
        status: 404,
        code: expect.stringMatching(/not_found/),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/Secret|Rival|rival\.example/);
    }
  });

  it('are not found by any search or filter', async () => {
    const lists = [
      '/v1/contacts?email=secret.client@rival.example',
      '/v1/contacts?q=Secret',
      '/v1/galleries?q=Rival',
      '/v1/galleries?slug=rival-wedding',
      `/v1/invoices?order_id=${theirs.order}`,
      '/v1/hooks',
    ];
    for (const path of lists) {
      const response = await sandbox.api('GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect({ path, found: JSON.stringify(response.body.data).match(/Secret|Rival|rival/g) }).toEqual({ path, found: null });
    }
  });

  it('cannot be reached through any step: searches find nothing, creates stop with “not found” and change nothing', async () => {
    expect(await step('search', 'find_gallery', { gallery_id: theirs.gallery })).toEqual([]);
    expect(await step('search', 'find_contact', { email: 'secret.client@rival.example' })).toEqual([]);
    expect(await step('search', 'find_latest_confirmed_shoot', { contact_id: theirs.contact })).toEqual([]);

    const linking = await refused(step('create', 'link_gallery_to_job', { job_id: DEMO_IDS.jobs.hartWedding, gallery_id: theirs.gallery }));
    expect(linking).toMatchObject({ name: 'AppError', status: 404 });
    expect(linking.message).toMatch(/another Studio account/);
    for (const key of ['create_invoices_from_order', 'import_order']) {
      const booking = await refused(step('create', key, { order_id: theirs.order }));
      expect({ key, name: booking.name, status: booking.status }).toEqual({ key, name: 'AppError', status: 404 });
    }
    // Our order booked onto their contact: the API refuses the foreign contact.
    const foreignContact = await refused(
      step('create', 'create_invoices_from_order', { order_id: DEMO_IDS.orders.hartAlbumCanvas, contact_id: theirs.contact }),
    );
    expect(foreignContact.name).toBe('AppError');
    expect([404, 422]).toContain(foreignContact.status);
    expect((await sandbox.api('GET', `/v1/invoices?order_id=${DEMO_IDS.orders.hartAlbumCanvas}`)).body.data).toEqual([]);

    // Their records are untouched.
    expect((await other.api('GET', `/v1/galleries/${theirs.gallery}`)).body.job_ids).toEqual([]);
    expect((await other.api('GET', `/v1/invoices?order_id=${theirs.order}`)).body.data).toHaveLength(1);
    expect((await other.api('GET', '/v1/hooks')).body.data.map((h: { id: string }) => h.id)).toContain(theirs.hook);
  });
});

// ---- OAuth, driven by the app's own authentication code ----

type Tokens = { access_token: string; refresh_token: string };
const oauth = (
  name: 'authorizeUrl' | 'getAccessToken' | 'refreshAccessToken',
  inputData: Record<string, unknown> = {},
  authData: Record<string, string> = {},
) => invokeApp(`authentication.oauth2Config.${name}`, { authData, inputData });

/** The studio owner in the browser: open the link, sign in, Approve; returns where it sent them. */
async function approve(authorizeUrl: string): Promise<{ status: number; location: string | null }> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  if (page.status !== 200) return { status: page.status, location: page.headers.get('location') };
  const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await page.text())![1]!;
  watch.secret(csrf, cookie.split('=')[1]);
  const submitted = await fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      csrf_token: csrf,
      email: sandbox.studio.user_email,
      password: sandbox.studio.user_password,
      decision: 'approve',
    }).toString(),
  });
  return { status: submitted.status, location: submitted.headers.get('location') };
}

/** Starts a connection with PKCE (as Zapier does) and returns the code and its verifier. */
async function authorizeWithPkce(redirectUri = DEFAULT_REDIRECT_URI): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const url = (await oauth('authorizeUrl', {
    state: 'zap-42',
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })) as string;
  const answer = await approve(url);
  expect(answer.status).toBe(303);
  const code = new URL(answer.location!).searchParams.get('code')!;
  watch.secret(verifier, code);
  return { code, verifier };
}

describe('the OAuth connection', () => {
  it('refuses a PKCE downgrade: a code issued for a challenge is worthless without its verifier', async () => {
    const { code, verifier } = await authorizeWithPkce();
    const downgrade = await refused(oauth('getAccessToken', { code, redirect_uri: DEFAULT_REDIRECT_URI }));
    expect(downgrade.name).toBe('ExpiredAuthError');
    expect(downgrade.message).toMatch(/did not accept the sign-in/);
    // The code was spent by the attempt: the real verifier cannot redeem it afterwards either.
    expect((await refused(oauth('getAccessToken', { code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier }))).name).toBe(
      'ExpiredAuthError',
    );
  });

  it('never sends the browser to a redirect_uri the app did not register, and a code only redeems at its own', async () => {
    const foreign = 'https://attacker.example/callback';
    const url = (await oauth('authorizeUrl', { state: 'zap-42', redirect_uri: foreign })) as string;
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).not.toContain('name="password"');

    const { code, verifier } = await authorizeWithPkce();
    const mismatch = await refused(oauth('getAccessToken', { code, redirect_uri: 'http://localhost:9000/other', code_verifier: verifier }));
    expect(mismatch.name).toBe('ExpiredAuthError');
  });

  it('two Zap runs refreshing the same connection at the same moment both carry on', async () => {
    const { code, verifier } = await authorizeWithPkce();
    const first = (await oauth('getAccessToken', { code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier })) as Tokens;
    watch.secret(first.access_token, first.refresh_token);
    const renewed = (await Promise.all([oauth('refreshAccessToken', {}, first), oauth('refreshAccessToken', {}, first)])) as Tokens[];
    for (const pair of renewed) {
      watch.secret(pair.access_token, pair.refresh_token);
      expect(await step('search', 'find_contact', { email: 'amelia.hart@example.com' }, pair)).toHaveLength(1);
      const next = (await oauth('refreshAccessToken', {}, pair)) as Tokens;
      watch.secret(next.access_token, next.refresh_token);
      expect(await step('search', 'find_contact', { email: 'amelia.hart@example.com' }, next)).toHaveLength(1);
    }
  });

  it('refuses a refresh token reused after its grace period and ends that connection; a fresh connection works', async () => {
    const { code, verifier } = await authorizeWithPkce();
    const first = (await oauth('getAccessToken', { code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier })) as Tokens;
    watch.secret(first.access_token, first.refresh_token);
    const second = (await oauth('refreshAccessToken', {}, first)) as Tokens;
    watch.secret(second.access_token, second.refresh_token);
    expect(await step('search', 'find_contact', { email: 'amelia.hart@example.com' }, second)).toHaveLength(1);

    agePastGrace(sandbox.sandbox.context.db, first.refresh_token);
    const reuse = await refused(oauth('refreshAccessToken', {}, first));
    expect(reuse.name).toBe('ExpiredAuthError');
    expect(reuse.message).toMatch(/Reconnect your Studio account/);
    // The whole family is revoked: the pair the stolen token could have produced is dead too.
    expect((await refused(step('search', 'find_contact', { email: 'amelia.hart@example.com' }, second))).name).toBe('RefreshAuthError');
    expect((await refused(oauth('refreshAccessToken', {}, second))).name).toBe('ExpiredAuthError');
    // Other connections of the studio are untouched.
    expect(await step('search', 'find_contact', { email: 'amelia.hart@example.com' })).toHaveLength(1);
  });
});

// ---- webhooks ----

describe('webhook deliveries to the New Order trigger', () => {
  let receiver: Server;
  let targetUrl: string;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let subscription: { id: string; secret: string };

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    targetUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/zapier/hook`;
    subscription = (await invokeApp('triggers.new_order.operation.performSubscribe', {
      authData: sandbox.authData,
      inputData: { payment_status: 'all' },
      targetUrl,
    })) as { id: string; secret: string };
    watch.secret(subscription.secret);
    const placed = await sandbox.api('POST', '/_sandbox/orders', {
      currency: 'GBP',
      prices_include_tax: true,
      payment_status: 'paid',
      client: { email: 'amelia.hart@example.com', first_name: 'Amelia', last_name: 'Hart' },
      lines: [{ description: 'Canvas 24×16"', quantity: 1, unit_price: 18000, tax_rate: '20' }],
    });
    expect(placed.status).toBe(201);
    await sandbox.webhooksIdle();
    expect(received).toHaveLength(1);
    watch.secret(String(received[0]!.headers['webhook-signature']));
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** A delivery as Zapier hands it to perform: raw body and "Http-" headers. */
  const deliver = (body: string, headers: Record<string, string | undefined>) => {
    const raw: Record<string, string> = { 'Http-Content-Type': 'application/json' };
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) raw[`Http-${name}`] = value;
    return invokeApp('triggers.new_order.operation.perform', {
      authData: sandbox.authData,
      inputData: { payment_status: 'all' },
      subscribeData: subscription,
      rawRequest: { method: 'POST', querystring: '', headers: raw, content: body },
      cleanedRequest: JSON.parse(body),
    }) as Promise<Array<{ id: string }>>;
  };
  const real = () => ({
    body: received[0]!.body,
    id: String(received[0]!.headers['webhook-id']),
    timestamp: String(received[0]!.headers['webhook-timestamp']),
    signature: String(received[0]!.headers['webhook-signature']),
  });
  /** Standard Webhooks headers for a delivery signed with `secret` (its own webhook-id each time). */
  const signedHeaders = (secret: string, body: string, timestamp: string, id = unique('msg_')) => ({
    'Webhook-Id': id,
    'Webhook-Timestamp': timestamp,
    'Webhook-Signature': watchSignature(signDelivery(secret, id, timestamp, body)),
  });
  const watchSignature = (signature: string) => {
    watch.secret(signature);
    return signature;
  };

  it('accepts the delivery the sandbox signed and sent, once: a repeat of its webhook-id triggers nothing', async () => {
    const { body, timestamp } = real();
    // The sandbox's delivery as sent, re-signed under a webhook-id of this test's own, so no
    // other test's handling of the real one counts as a repeat.
    const headers = signedHeaders(subscription.secret, body, timestamp);
    const items = await deliver(body, headers);
    expect(items).toHaveLength(1);
    expect(items[0]!.id).toBe(JSON.parse(body).data.id);
    await expect(deliver(body, headers)).resolves.toEqual([]);
    expect(sandbox.logLines.join('\n')).toMatch(/it repeats delivery msg_/);
    // The same event under a new webhook-id (a new delivery) does trigger.
    await expect(deliver(body, signedHeaders(subscription.secret, body, timestamp))).resolves.toHaveLength(1);
  });

  it('the sandbox sent Standard Webhooks headers: webhook-id is the event id, and the signature verifies', () => {
    const { body, id, timestamp, signature } = real();
    expect(id).toBe(JSON.parse(body).id);
    expect(signature).toBe(signDelivery(subscription.secret, id, timestamp, body));
  });

  it('refuses forged, altered and unsigned deliveries, fresh or old: nothing triggers', async () => {
    const { body, id, timestamp, signature } = real();
    const altered = body.replace('"amount":18000', '"amount":1').replace('18000', '1');
    expect(altered).not.toBe(body);
    const old = String(Number(timestamp) - 10 * 60);
    const forger = `whsec_${Buffer.from(unique('forger')).toString('base64')}`;
    const attempts: Array<[string, string, Record<string, string | undefined>]> = [
      ['forged (signed with another secret)', body, signedHeaders(forger, body, timestamp)],
      ['forged and dated ten minutes ago', body, signedHeaders(forger, body, old)],
      ['altered body, original signature', altered, { 'Webhook-Id': id, 'Webhook-Timestamp': timestamp, 'Webhook-Signature': signature }],
      [
        'replayed signature with a new timestamp',
        body,
        { 'Webhook-Id': id, 'Webhook-Timestamp': String(Number(timestamp) + 1), 'Webhook-Signature': signature },
      ],
      ['replayed signature with an old timestamp', body, { 'Webhook-Id': id, 'Webhook-Timestamp': old, 'Webhook-Signature': signature }],
      [
        'replayed signature under another webhook-id',
        body,
        { 'Webhook-Id': unique('msg_'), 'Webhook-Timestamp': timestamp, 'Webhook-Signature': signature },
      ],
      ['unsigned', body, { 'Webhook-Id': id, 'Webhook-Timestamp': timestamp }],
      ['no timestamp', body, { 'Webhook-Id': id, 'Webhook-Signature': signature }],
      ['no webhook-id', body, { 'Webhook-Timestamp': timestamp, 'Webhook-Signature': signature }],
    ];
    for (const [what, content, headers] of attempts) {
      expect({ what, items: await deliver(content, headers) }).toEqual({ what, items: [] });
    }
  });

  it('triggers a correctly signed delivery run ten minutes late once the API confirms its event, from the API’s copy', async () => {
    const { body, timestamp } = real();
    const old = String(Number(timestamp) - 10 * 60);
    const items = await deliver(body, signedHeaders(subscription.secret, body, old));
    expect(items.map((item) => item.id)).toEqual([JSON.parse(body).data.id]);

    // The body is only used for the event id: a late body changed and signed again still
    // triggers with what the API holds, never with the changed figures.
    const changed = body.replace('"unit_price":18000', '"unit_price":1');
    expect(changed).not.toBe(body);
    const [fromApi] = (await deliver(changed, signedHeaders(subscription.secret, changed, old))) as unknown as Array<{
      lines: Array<{ unit_price: number }>;
    }>;
    expect(fromApi!.lines[0]!.unit_price).toBe(18000);
  });

  it('triggers nothing for a correctly signed late delivery whose event the API does not have', async () => {
    const { body, timestamp } = real();
    const old = String(Number(timestamp) - 10 * 60);
    const invented = JSON.stringify({ ...JSON.parse(body), id: `evt_${unique('invented')}` });
    await expect(deliver(invented, signedHeaders(subscription.secret, invented, old))).resolves.toEqual([]);
    expect(sandbox.logLines.join('\n')).toMatch(/the Studio API has no event "evt_/);
  });
});

// No credential reached a sandbox log line or an error message (OAuth flows, cross-studio
// attempts, webhooks), checked once every test has run.
watch.checkAfterAll(() => sandbox.logLines);
