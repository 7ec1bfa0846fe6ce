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

const SECRET_QUERY = /([?&](?:access_token|refresh_token|client_secret|password|code|code_verifier|token)=)[^&#]*/gi;

/** A URL as logged: secret query parameters masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[REDACTED]');
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
