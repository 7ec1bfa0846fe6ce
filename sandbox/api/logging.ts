// Structured logs (pino, through fastify) that never carry a credential: tokens, client
// secrets, passwords, webhook secrets and signatures are redacted wherever they appear in a
// logged object, and secret-looking query parameters (tokens, OAuth codes) are masked in
// logged URLs. (`code` itself is not a redacted key: error codes must stay readable.)
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Writable } from 'node:stream';
import { pino } from 'pino';

const SECRET_KEYS = [
  'authorization',
  'cookie',
  'access_token',
  'refresh_token',
  'client_secret',
  'password',
  'user_password',
  'secret',
  'signature',
  'code_verifier',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["webhook-signature"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
];

/** Query parameter names whose value is a secret, compared after decoding and lower-casing. */
const SECRET_PARAMS = new Set([
  'access_token',
  'refresh_token',
  'client_secret',
  'password',
  'code',
  'code_verifier',
  'token',
  'id_token',
  'secret',
  'signature',
]);

/** The shape of every credential the sandbox issues (oauth/secrets.ts PREFIX) and of webhook secrets. */
const CREDENTIAL = /^(?:cli|scs|sac|sat|srt|csr|brw|fam|css)_[A-Za-z0-9_-]{20,}$|^whsec_[A-Za-z0-9+/=]{20,}$/;

/** Percent-decoding that never throws (a malformed escape is left as it is). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

const MASK = '[REDACTED]';

/**
 * A URL as logged: secret query parameters and credentials masked. Each name and value is
 * decoded before it is judged, so `client%5Fsecret=`, `;`-separated pairs and a token used as
 * a path segment (`/x/sat_…`, `/x/sat%5F…`) are masked like the plain forms.
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const path = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  const query = question === -1 ? null : withoutFragment.slice(question + 1);
  const maskedPath = path
    .split('/')
    .map((segment) => (CREDENTIAL.test(decoded(segment).trim()) ? MASK : segment))
    .join('/');
  if (query === null) return maskedPath;
  const maskedQuery = query
    .split(/([&;])/)
    .map((part) => {
      if (part === '&' || part === ';') return part;
      const equals = part.indexOf('=');
      const name = decoded(equals === -1 ? part : part.slice(0, equals))
        .trim()
        .toLowerCase();
      const value = equals === -1 ? '' : part.slice(equals + 1);
      if (CREDENTIAL.test(decoded(name))) return MASK;
      if (equals !== -1 && (SECRET_PARAMS.has(name) || CREDENTIAL.test(decoded(value).trim())))
        return `${part.slice(0, equals + 1)}${MASK}`;
      return part;
    })
    .join('');
  return `${maskedPath}?${maskedQuery}`;
}

export function loggerOptions(level: string, stream?: Writable): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      // Anything logged under `req` goes through here: keep it small and mask the query.
      req: (request: { method?: unknown; url?: unknown; ip?: unknown; socket?: { remoteAddress?: string } }) => ({
        method: typeof request.method === 'string' ? request.method : undefined,
        url: typeof request.url === 'string' ? redactUrl(request.url) : undefined,
        remoteAddress: typeof request.ip === 'string' ? request.ip : request.socket?.remoteAddress,
      }),
    },
  };
}

/**
 * The sandbox's one logger, made before the app so that what the app needs (the webhook
 * deliverer) can be built first and handed to it whole.
 */
export function createLogger(level: string, stream?: Writable): FastifyBaseLogger {
  const { stream: _stream, ...options } = loggerOptions(level, stream) as { stream?: Writable } & Record<string, unknown>;
  return (stream ? pino(options, stream) : pino(options)) as unknown as FastifyBaseLogger;
}
