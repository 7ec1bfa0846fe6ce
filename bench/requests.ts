// Requests per operation: how many Studio API requests each operation makes, counted by the
// sandbox's HTTP server, on a first run against a fresh demo studio and on a replay (the
// same step run again). Import Order for a known contact with k tax rates must stay within
// 4 + k: the order, the contact lookup, the shoot lookup, the order's invoices and one POST
// per rate. Looking up the order's invoices first is what keeps a replay after the API has
// forgotten the idempotency keys (a day or a month later) from booking the order again; it
// costs the first run one request and saves the replay k (which finds them and posts none).
// Every instant trigger's poll and delivery: bench/instant-triggers.ts (printed here too).
// Run: npx tsx bench/requests.ts
import './env.js';
import { instantTriggerTable, measureInstantTriggers } from './instant-triggers.js';
import { BENCH_OPERATIONS, runOperation, type BenchOperation } from './operations.js';
import { apiRequests, isMain, printResult, shape, startCountingSandbox, type BenchResult, type CountingSandbox } from './support.js';

export interface RequestCount {
  key: string;
  story: string;
  firstRun: number;
  replay: number;
  requests: string[];
}

async function countRun(
  sandbox: CountingSandbox,
  operation: BenchOperation,
  authData: Record<string, string>,
): Promise<{ count: number; shapes: string[]; output: unknown }> {
  await sandbox.settled();
  sandbox.reset();
  const output = await runOperation(operation, authData);
  await sandbox.settled();
  const requests = apiRequests(sandbox.served);
  return { count: requests.length, shapes: requests.map(shape), output };
}

export async function measureRequestCounts(sandbox: CountingSandbox): Promise<{ rows: RequestCount[]; importOrder: BenchResult }> {
  const rows: RequestCount[] = [];
  let importOrder: BenchResult | null = null;
  for (const operation of BENCH_OPERATIONS) {
    // A fresh demo studio per operation, so the first run is a real first run.
    const studio = await sandbox.newStudio({ name: 'Northlight Photography', seed: 'demo' });
    const first = await countRun(sandbox, operation, studio.authData);
    await operation.prepare?.(studio.api);
    const replay = await countRun(sandbox, operation, studio.authData);
    rows.push({ key: operation.key, story: operation.story, firstRun: first.count, replay: replay.count, requests: first.shapes });
    if (operation.key === 'import_order') {
      const k = (first.output as { invoice_count: number }).invoice_count;
      importOrder = {
        name: `import_order requests (known contact, k = ${k} rates)`,
        value: first.count,
        unit: 'requests',
        baselineName: '4 + k',
        baseline: 4 + k,
        ratio: first.count / (4 + k),
        target: '≤ 1× (≤ 4 + k), a replay ≤ 4',
        met: first.count <= 4 + k && replay.count <= 4,
        note: `replay: ${replay.count} requests (it finds the order's invoices and posts none)`,
      };
    }
  }
  return { rows, importOrder: importOrder! };
}

export function requestTable(rows: readonly RequestCount[]): string {
  const lines = [
    '| operation | input | requests (first run) | requests (replay) | what it asks for (first run) |',
    '|---|---|---:|---:|---|',
  ];
  for (const row of rows) {
    lines.push(`| \`${row.key}\` | ${row.story} | ${row.firstRun} | ${row.replay} | ${row.requests.join(', ')} |`);
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const sandbox = await startCountingSandbox();
  try {
    const { rows, importOrder } = await measureRequestCounts(sandbox);
    console.log('requests per operation (counted by the sandbox)');
    console.log(requestTable(rows));
    printResult(importOrder);
    console.log('\nrequests per poll and per delivery of every instant trigger (counted by the sandbox)');
    const instant = await measureInstantTriggers(sandbox);
    console.log(instantTriggerTable(instant.rows, instant.baseline));
    printResult(instant.result);
  } finally {
    await sandbox.stop();
  }
}
