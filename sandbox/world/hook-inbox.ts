// Stands in for Zapier's hook URL on a developer's machine: a local HTTP receiver that keeps
// the sandbox's webhook deliveries and hands each one over the way Zapier hands it to a
// trigger's `perform` (raw body + "Http-" Camel-Cased headers, and the parsed body).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  /** The raw request as Zapier passes it in bundle.rawRequest. */
  rawRequest: { method: string; querystring: string; headers: Record<string, string>; content: string };
  /** The parsed JSON body, as Zapier passes it in bundle.cleanedRequest. */
  cleanedRequest: unknown;
  receivedAt: Date;
}

export interface HookInbox {
  /** The target URL to subscribe with (http://127.0.0.1:PORT/hooks). */
  url: string;
  deliveries: Delivery[];
  /** Resolves with the first delivery (already received or still to come) that `matches`. */
  waitFor(matches: (body: unknown) => boolean, timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

/** "webhook-signature" → "Http-Webhook-Signature", as Zapier presents request headers. */
export function zapierHeaderName(name: string): string {
  return `Http-${name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-')}`;
}

function zapierHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[zapierHeaderName(name)] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

export async function startHookInbox(): Promise<HookInbox> {
  const deliveries: Delivery[] = [];
  const waiters = new Set<{ matches: (body: unknown) => boolean; resolve: (d: Delivery) => void }>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const content = Buffer.concat(chunks).toString('utf8');
      let cleanedRequest: unknown = content;
      try {
        cleanedRequest = JSON.parse(content);
      } catch {
        // Not JSON: Zapier passes the text on as it is.
      }
      const delivery: Delivery = {
        rawRequest: { method: request.method ?? 'POST', querystring: '', headers: zapierHeaders(request.headers), content },
        cleanedRequest,
        receivedAt: new Date(),
      };
      deliveries.push(delivery);
      for (const waiter of waiters) {
        if (waiter.matches(cleanedRequest)) {
          waiters.delete(waiter);
          waiter.resolve(delivery);
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    waitFor(matches, timeoutMs = 10_000) {
      const already = deliveries.find((d) => matches(d.cleanedRequest));
      if (already) return Promise.resolve(already);
      return new Promise<Delivery>((resolve, reject) => {
        const waiter = {
          matches,
          resolve: (d: Delivery) => {
            clearTimeout(timer);
            resolve(d);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching webhook delivery arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
