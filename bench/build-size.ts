// build.zip size: what `npm run push` uploads, built offline by the same script stopping before
// the upload (`node scripts/push.mjs --no-upload`; .zapierapprc's includeInBuild adds the .mjs
// files the CLI would otherwise miss). Baseline: the size of
// zapier-platform-core's own files (its package directory without nested node_modules),
// which every Zapier app ships.
// Run: npx tsx bench/build-size.ts
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMain, printResult, type BenchResult } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET_BYTES = 5 * 1024 * 1024;
const MB = 1024 * 1024;

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

export function measureBuildSize(): BenchResult {
  execFileSync(process.execPath, ['scripts/push.mjs', '--no-upload'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  const zipBytes = statSync(resolve(ROOT, 'build/build.zip')).size;
  const coreBytes = directoryBytes(resolve(ROOT, 'node_modules/zapier-platform-core'));
  return {
    name: 'build/build.zip',
    value: zipBytes / MB,
    unit: 'MB',
    baselineName: 'zapier-platform-core’s own files, uncompressed',
    baseline: coreBytes / MB,
    ratio: zipBytes / coreBytes,
    target: '≤ 5 MB',
    met: zipBytes <= TARGET_BYTES,
    note: `${zipBytes.toLocaleString('en-GB')} bytes (compressed, every runtime dependency included) vs ${coreBytes.toLocaleString('en-GB')} bytes`,
  };
}

if (isMain(import.meta.url)) {
  console.log('build.zip size');
  printResult(measureBuildSize());
}
