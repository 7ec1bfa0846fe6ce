// `npm run bench`: every benchmark in one run, each printing its figure and its ratio to a
// baseline measured in the same run, then a summary table; the results and the machine they
// ran on are written to bench/RESULTS.local.md (git-ignored), or to the committed
// bench/RESULTS.md with --write-results.
//   npm run bench -- --write-results                 updates the committed bench/RESULTS.md
//   BENCH_SKIP=build-size,cold-load npm run bench   skips the slow ones while iterating.
import './env.js';
import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { measureBuildSize } from './build-size.js';
import { build, measureColdLoad, printColdLoad, type ColdLoad } from './cold-load.js';
import { measureOverheadInChildProcess, overheadTable } from './overhead.js';
import { measurePollInChildProcess } from './poll.js';
import { instantTriggerTable, measureInstantTriggers } from './instant-triggers.js';
import { measureRequestCounts, requestTable } from './requests.js';
import { fmt, printResult, ratioText, startCountingSandbox, type BenchResult } from './support.js';
import { measureTaxSplit } from './tax-split.js';
import { loadResult, loadTable, measureLoad } from './load.js';

const writeCommitted = process.argv.includes('--write-results');
const resultsFile = writeCommitted ? 'RESULTS.md' : 'RESULTS.local.md';
const skip = new Set(
  (process.env.BENCH_SKIP ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);
const results: BenchResult[] = [];
const sections: string[] = [];

function machine(): string[] {
  const [one, five] = loadavg();
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'} (nproc ${cpus().length})`,
    `- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB total, ${(freemem() / 1024 ** 3).toFixed(1)} GiB free`,
    `- Node: ${process.version} (${process.execPath.includes('node_modules') ? 'node_modules/.bin' : process.execPath}), ${process.platform}/${process.arch}`,
    `- load average at the start: ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min): the machine is shared, so ratios to baselines measured in the same run are the figures to compare`,
  ];
}

function add(result: BenchResult): void {
  results.push(result);
  printResult(result);
}

const machineLines = machine();
console.log(`benchmarks on ${machineLines.join('; ').replace(/- /g, '')}\n`);

if (!skip.has('cold-load')) {
  console.log('building dist/ (npm run build)…');
  build();
  const coldLoad: ColdLoad = measureColdLoad();
  printColdLoad(coldLoad);
  results.push(coldLoad.result);
  sections.push(
    '## Cold load',
    '',
    `Median import time in fresh \`node\` processes: zapier-platform-core and dist/index.js ${fmt(coldLoad.result.value)} ms, bare zapier-platform-core ${fmt(coldLoad.result.baseline)} ms (${ratioText(coldLoad.result.ratio)}).`,
    '',
    "Where it goes (each imported after core, in one process). dist/index.js is the definition as data; dist/app.js, one esbuild bundle of the app's code, zod and libphonenumber-js, is loaded by a step's first call, once per runtime (the separate packages are shown only for comparison):",
    '',
    '| part | ms |',
    '|---|---:|',
    ...coldLoad.breakdown.map((part) => `| ${part.part} | ${fmt(part.ms)} |`),
    '',
  );
  console.log();
}

if (!skip.has('sandbox')) {
  const sandbox = await startCountingSandbox();
  try {
    console.log('requests per operation (counted by the sandbox)');
    const counts = await measureRequestCounts(sandbox);
    console.log(requestTable(counts.rows));
    add(counts.importOrder);
    sections.push(
      '## Requests per operation',
      '',
      'Counted by the sandbox’s HTTP server; first run on a fresh demo studio, then the same step again.',
      '',
      requestTable(counts.rows),
      '',
    );
    console.log();

    console.log('requests per poll and per delivery of every instant trigger (counted by the sandbox)');
    const instant = await measureInstantTriggers(sandbox);
    console.log(instantTriggerTable(instant.rows, instant.baseline));
    add(instant.result);
    sections.push(
      '## Requests per poll and per delivery of the instant triggers',
      '',
      'Counted by the sandbox’s HTTP server (bench/instant-triggers.ts). Each poll is performList through Zapier’s handler on an empty studio holding exactly that many new events (a poll returns at most 25 items); the delivery is a real signed webhook from the sandbox run through perform. Events embed the records their items show, so the count does not grow with the events. The baseline row is New Payment’s former way, measured on the same events: the page of events, then each payment’s job and contact.',
      '',
      instantTriggerTable(instant.rows, instant.baseline),
      '',
    );
    console.log();

    console.log('app overhead per operation vs plain fetch of the same requests (in its own process)');
    const overhead = measureOverheadInChildProcess();
    const { floorMs, withDefinitionMs } = overhead.runtime;
    console.log(overheadTable(overhead.rows));
    add(overhead.result);
    sections.push(
      '## App overhead per operation',
      '',
      `Paired runs (app through Zapier’s handler, then the captured requests with plain fetch). Zapier’s runtime before an operation runs (a no-op operation through the same handler, within this app’s definition) costs ${fmt(withDefinitionMs)} ms per invocation: ${fmt(floorMs)} ms in an app of that one operation, and ${fmt(withDefinitionMs - floorMs)} ms more compiling this app’s definition, which core does twice per invocation. “The app’s own” subtracts that no-op, run beside the operation in each iteration.`,
      '',
      overheadTable(overhead.rows),
      '',
    );
    console.log();

    console.log('new_order poll at scale (in its own process)');
    const poll = measurePollInChildProcess();
    add(poll);
    sections.push(
      '## New Order poll at scale',
      '',
      `${poll.name}: ${fmt(poll.value)} ms (demo studio: ${fmt(poll.baseline)} ms). ${poll.note ?? ''}`,
      '',
    );
    console.log();
  } finally {
    await sandbox.stop();
  }
}

if (!skip.has('load')) {
  console.log('the sandbox under load (bench/load.ts, its own process)');
  const load = await measureLoad();
  console.log(loadTable(load));
  add(loadResult(load));
  sections.push(
    '## The sandbox under load',
    '',
    'bench/load.ts: closed-loop clients over loopback against `npm run sandbox` in its own process; each phase runs for a fixed time.',
    '',
    loadTable(load),
    '',
  );
  console.log();
}

if (!skip.has('tax-split')) {
  console.log('tax split (bench/tax-split.ts)');
  add(measureTaxSplit());
  console.log();
}

if (!skip.has('build-size')) {
  console.log('build.zip size (npm run push -- --no-upload)…');
  add(measureBuildSize());
  console.log();
}

const summary = [
  '| benchmark | figure | baseline (same run) | ratio | target | met |',
  '|---|---:|---:|---:|---|---|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ${ratioText(r.ratio)} | ${r.target} | ${r.met ? 'yes' : '**no**'} |`,
  ),
];
console.log('summary');
console.log(summary.join('\n'));

if (skip.size === 0) {
  const notes = results.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  const markdown = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Each figure comes with a baseline measured in the same run.',
    '',
    '## Machine',
    '',
    ...machineLines,
    `- load average at the end: ${loadavg()[0]!.toFixed(2)} (1 min)`,
    '',
    '## Summary',
    '',
    ...summary,
    '',
    ...notes,
    '',
    ...sections,
  ].join('\n');
  writeFileSync(resolve(import.meta.dirname, resultsFile), `${markdown}\n`);
  console.log(
    `\nwrote bench/${resultsFile}${writeCommitted ? '' : ' (git-ignored; `npm run bench -- --write-results` updates bench/RESULTS.md)'}`,
  );
} else {
  console.log(`\nskipped ${[...skip].join(', ')}: no results file written`);
}
