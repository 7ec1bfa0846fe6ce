// The webhook receiver the kit subscribes with: it records every delivery (raw body and
// headers) and answers by the path subscribed: under /gone/ always 410 Gone (the API must
// unsubscribe), under /slow/ the first attempt 429 with Retry-After (the retry must wait it
// out), anywhere else the first attempt 500, so the API has to retry.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
  /** What the receiver answered. */
  answered: number;
}

export interface Receiver {
  /** The URL to subscribe with (a path under the receiver's address). */
  url(path: string): string;
  deliveries: Delivery[];
  /** The first delivery (already received or still to come) that `matches`, or null after `timeoutMs`. */
  waitFor(matches: (delivery: Delivery) => boolean, timeoutMs: number): Promise<Delivery | null>;
  close(): Promise<void>;
}

/** The id a delivery is known by: its webhook-id header, else the event id in its body. */
export function deliveryKey(delivery: Pick<Delivery, 'headers' | 'body'>): string {
  const header = delivery.headers['webhook-id'];
  if (header) return `id:${header}`;
  try {
    const id = (JSON.parse(delivery.body) as { id?: unknown }).id;
    if (typeof id === 'string') return `body:${id}`;
  } catch {
    // not JSON: keyed by its text
  }
  return `text:${delivery.body}`;
}

/** Path prefixes that change what the receiver answers. */
export const GONE_PREFIX = '/gone/';
export const SLOW_PREFIX = '/slow/';

export async function startReceiver(options: {
  host: string;
  port: number;
  publicUrl?: string;
  retryAfterSeconds?: number;
}): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const waiters = new Set<{ matches: (delivery: Delivery) => boolean; resolve: (delivery: Delivery) => void }>();
  const seen = new Set<string>();

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const key = deliveryKey({ headers, body });
      // The first attempt fails: a conforming API retries it with the same webhook-id.
      const path = request.url ?? '/';
      const first = request.method === 'POST' && !seen.has(`${path} ${key}`);
      const answered = path.startsWith(GONE_PREFIX) ? 410 : !first ? 204 : path.startsWith(SLOW_PREFIX) ? 429 : 500;
      seen.add(`${path} ${key}`);
      const delivery: Delivery = { path, headers, body, receivedAt: Date.now(), answered };
      deliveries.push(delivery);
      const retryAfter = answered === 429 ? { 'Retry-After': String(options.retryAfterSeconds ?? 1) } : {};
      response
        .writeHead(answered, { 'Content-Type': 'text/plain', ...retryAfter })
        .end(answered === 204 ? '' : 'answering this on purpose');
      for (const waiter of waiters) {
        if (waiter.matches(delivery)) {
          waiters.delete(waiter);
          waiter.resolve(delivery);
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = (options.publicUrl ?? `http://${host}:${address.port}`).replace(/\/+$/, '');

  return {
    url: (path) => `${base}${path.startsWith('/') ? path : `/${path}`}`,
    deliveries,
    waitFor(matches, timeoutMs) {
      const found = deliveries.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const waiter = {
          matches,
          resolve: (delivery: Delivery) => {
            clearTimeout(timer);
            resolve(delivery);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(null);
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
