// Zapier's cursor store, played by a local HTTP server: zapier-platform-core keeps a dropdown's
// next cursor by calling its RPC service ({id, storeKey, method: get_cursor | set_cursor,
// params}) between "Load more" clicks. Used by the dropdown integration tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CursorStore {
  /** The RPC endpoint to pass as the event's rpc_base. */
  url: string;
  cursors: Map<string, string>;
  close(): Promise<void>;
}

export async function startCursorStore(): Promise<CursorStore> {
  const cursors = new Map<string, string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { id, storeKey, method, params } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        id: string;
        storeKey: string;
        method: string;
        params: string[];
      };
      if (method === 'set_cursor') cursors.set(storeKey, params[0] ?? '');
      const result = method === 'get_cursor' ? (cursors.get(storeKey) ?? null) : null;
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/rpc`, cursors, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
