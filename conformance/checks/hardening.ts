// The Security rules of docs/studio-api.md, as an API's users would meet them: the OAuth
// issuer does not follow the Host header, password guesses are limited per account across
// consent pages, subscriptions are capped, private webhook targets are refused by their
// address (asked for, never connected to: neither the API nor the kit sends anything there),
// and a body trickled a byte at a time is cut off.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { defineChecks, fail, pass, skip, verdict } from '../check.js';
import type { Context } from '../context.js';
import { brief, http } from '../http.js';

/** docs/studio-api.md: wrong passwords per account before sign-in pauses. */
export const GUESS_LIMIT = 5;
/** docs/studio-api.md: webhook subscriptions one studio may hold. */
export const SUBSCRIPTION_CAP = 25;
/** docs/studio-api.md: the longest a request (its body included) may take to arrive, in seconds. */
export const REQUEST_SECONDS = 30;

/** Clearly private targets, each a different spelling trick; none is ever connected to. */
export const PRIVATE_TARGETS = [
  'https://169.254.169.254/latest/meta-data/',
  'https://[::a9fe:a9fe]/latest/meta-data/',
  'https://[::ffff:169.254.169.254]/',
  'https://[64:ff9b::a9fe:a9fe]/',
  'https://[2002:a9fe:a9fe::]/',
  'https://10.0.0.1/hook',
  'https://[::ffff:10.0.0.1]/hook',
  'https://0xa9.0xfe.0xa9.0xfe/',
  'https://2852039166/',
  'https://[fd00::1]/hook',
];

/** The metadata as answered to a request whose Host header names another server. */
function metadataWithHost(base: string, host: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const url = new URL('/.well-known/oauth-authorization-server', base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // Plain options (not a URL object), which every wrapper of http.request reads the same way.
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: url.pathname,
      method: 'GET',
      headers: { host, accept: 'application/json' },
      timeout: timeoutMs,
      servername: url.hostname,
    };
    const request = send(options, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}

/** A consent page of the kit's client: its cookie and CSRF token; null when there is none to read. */
async function consentPage(ctx: Context): Promise<{ cookie: string; csrf: string } | null> {
  const url = new URL(ctx.oauth.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: ctx.oauth.clientId ?? '',
    redirect_uri: ctx.oauth.redirectUri,
    response_type: 'code',
    state: ctx.tag,
    scope: ctx.oauth.scope,
  }).toString();
  const page = await http(url.toString(), { timeoutMs: ctx.requestTimeoutMs, headers: { Accept: 'text/html' } });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
  const cookie = page.headers.getSetCookie?.()[0]?.split(';')[0];
  return page.status === 200 && csrf ? { cookie: cookie ?? '', csrf } : null;
}

export const hardeningChecks = defineChecks('hardening', [
  {
    id: 'hardening.issuer-not-from-host',
    expected: 'the OAuth metadata names the configured issuer, whatever Host header the request carries',
    async run(ctx) {
      const forged = 'evil.example';
      const answer = await metadataWithHost(ctx.options.url, forged, ctx.requestTimeoutMs);
      if (answer.status === 404) return skip('no /.well-known/oauth-authorization-server on this API');
      if (answer.status === 421 || answer.status === 400) return pass(`a request for Host: ${forged} is refused (${answer.status})`);
      let issuer: unknown;
      try {
        issuer = (JSON.parse(answer.text) as { issuer?: unknown }).issuer;
      } catch {
        return fail(`the metadata is not JSON (${answer.status})`);
      }
      return verdict(typeof issuer === 'string' && !issuer.includes(forged), `issuer ${JSON.stringify(issuer)} for Host: ${forged}`);
    },
  },
  {
    id: 'hardening.guess-limit-per-account',
    expected: `after ${GUESS_LIMIT} wrong passwords for one email, on fresh consent pages, the next sign-in is refused (429) for any email, known or not`,
    async run(ctx) {
      if (!ctx.oauth.clientId) return skip('no OAuth client to open a consent page with (--client-id)');
      // An email nobody has: the limit must hold for unknown emails too, and no real account is paused.
      const email = `guess.${ctx.tag}@conformance.example.com`;
      const submit = async (password: string) => {
        const page = await consentPage(ctx);
        if (!page) return null;
        return http(new URL('/oauth/authorize', ctx.oauth.authorizeUrl).toString(), {
          method: 'POST',
          headers: { Accept: 'text/html', ...(page.cookie ? { Cookie: page.cookie } : {}) },
          form: { csrf_token: page.csrf, email, password, decision: 'approve' },
          timeoutMs: ctx.requestTimeoutMs,
        });
      };
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= GUESS_LIMIT; attempt += 1) {
        const answer = await submit(`wrong-${attempt}-${ctx.tag}`);
        if (!answer) return skip('the consent page has no form the kit can read (csrf_token)');
        statuses.push(answer.status);
        if (answer.status === 429) break;
      }
      const last = statuses[statuses.length - 1];
      return verdict(
        last === 429 && statuses.length <= GUESS_LIMIT + 1,
        `answers to ${statuses.length} guesses on fresh pages: ${statuses.join(', ')}`,
      );
    },
  },
  {
    id: 'hardening.private-targets-refused',
    expected: 'subscriptions to private, link-local and tunnelled addresses (in every spelling) are refused with 422, judged by address',
    async run(ctx) {
      const accepted: string[] = [];
      for (const target of PRIVATE_TARGETS) {
        const answer = await ctx.api('POST', '/v1/hooks', { json: { target_url: target, event: 'order.created' } });
        if (answer.status === 201) {
          accepted.push(target);
          const id = answer.body?.id;
          if (typeof id === 'string') await ctx.api('DELETE', `/v1/hooks/${encodeURIComponent(id)}`);
        } else if (answer.status !== 422 && answer.status !== 400) {
          return fail(`${target}: ${brief(answer)}`);
        }
      }
      return verdict(
        accepted.length === 0,
        accepted.length === 0 ? `all ${PRIVATE_TARGETS.length} refused` : `accepted ${accepted.join(', ')}`,
      );
    },
  },
  {
    id: 'hardening.subscription-cap',
    expected: `a studio holds at most ${SUBSCRIPTION_CAP} subscriptions; one more is 422 subscription_limit_reached`,
    timeoutMs: 60_000,
    async run(ctx) {
      const receiver = await ctx.receiver();
      const made: string[] = [];
      ctx.onCleanup(async () => Promise.all(made.map((id) => ctx.api('DELETE', `/v1/hooks/${encodeURIComponent(id)}`))));
      for (let i = 0; i <= SUBSCRIPTION_CAP + 1; i += 1) {
        // An event the kit never makes happen, so nothing is delivered to these.
        const answer = await ctx.api('POST', '/v1/hooks', {
          json: { target_url: receiver.url(`/cap/${ctx.tag}/${i}`), event: 'job.stage_changed' },
        });
        if (answer.status === 201 && typeof answer.body?.id === 'string') {
          made.push(answer.body.id as string);
          continue;
        }
        if (made.length === 0 && answer.status === 422 && answer.body?.error?.code !== 'subscription_limit_reached') {
          return skip(`the kit's receiver cannot be subscribed here (${brief(answer)}): pass --webhook-url`);
        }
        if (answer.status === 400 && made.length === 0) return skip(`event job.stage_changed cannot be subscribed (${brief(answer)})`);
        const code = answer.body?.error?.code;
        return verdict(
          answer.status === 422 && code === 'subscription_limit_reached',
          `${brief(answer)} (${String(code)}) after ${made.length} new subscriptions`,
        );
      }
      return fail(`${made.length} subscriptions accepted, past the cap of ${SUBSCRIPTION_CAP}`);
    },
  },
  {
    id: 'hardening.slow-body-cut-off',
    expected: `a body trickled one byte every 2 s is cut off within ${REQUEST_SECONDS} s (408 or a closed connection)`,
    timeoutMs: (REQUEST_SECONDS + 20) * 1000,
    async run(ctx) {
      if (process.env.CONFORMANCE_SLOW_CLIENTS !== '1')
        return skip(`takes over ${REQUEST_SECONDS} s: set CONFORMANCE_SLOW_CLIENTS=1 to run it`);
      const url = new URL('/v1/hooks', ctx.options.url);
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const began = Date.now();
      const limit = (REQUEST_SECONDS + 10) * 1000;
      const outcome = await new Promise<{ closedMs: number | null; text: string }>((resolve) => {
        const socket: Socket =
          url.protocol === 'https:' ? tlsConnect({ host: url.hostname, port, servername: url.hostname }) : tcpConnect(port, url.hostname);
        let text = '';
        const finish = (closed: boolean) => {
          clearInterval(trickle);
          clearTimeout(timer);
          socket.destroy();
          resolve({ closedMs: closed ? Date.now() - began : null, text });
        };
        const trickle = setInterval(() => socket.writable && socket.write('a'), 2_000);
        const timer = setTimeout(() => finish(false), limit);
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        socket.on('close', () => finish(true));
        socket.on('error', () => undefined);
        socket.write(
          `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${ctx.main.token}\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n`,
        );
      });
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(outcome.text)?.[1];
      if (outcome.closedMs === null) return fail(`still open after ${limit / 1000} s`);
      return verdict(
        outcome.closedMs <= (REQUEST_SECONDS + 5) * 1000,
        `cut off after ${(outcome.closedMs / 1000).toFixed(1)} s${status ? ` with ${status}` : ''}`,
      );
    },
  },
]);
