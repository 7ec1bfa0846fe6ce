// `npm run push`: builds the package Zapier runs and uploads it, from a clean staging folder.
//
// zapier-platform-cli's own `build`/`push` copy the whole project, node_modules included (tens of
// thousands of files), into a temporary folder and run `npm install --production` there; on a
// developer's checkout that fails with EMFILE and leaves the folder behind. Here the staging
// folder holds only what the package needs, so the CLI has nothing large to copy:
//   1. `npm run build` bundles the app into dist/ (scripts/build.mjs);
//   2. a temporary folder gets dist/, the tracked source files (for source.zip), .zapierapprc,
//      a package.json without scripts or devDependencies, and the production dependencies of
//      package-lock.json copied from node_modules (each checked against the lockfile's version);
//   3. `zapier-platform build --skip-npm-install` runs in it: zapierwrapper.js, definition.json,
//      validation, build.zip of only the files the entry point requires, source.zip, and the
//      CLI's own test of the zip;
//   4. build/build.zip and build/source.zip are moved into the project, the folder is deleted
//      (also on failure), and `zapier-platform upload` sends them (from the project, so it reads
//      .zapierapprc's app id and your deploy key).
//
//   node scripts/push.mjs                 build, validate (locally and with Zapier), upload
//   node scripts/push.mjs --no-upload     build and validate locally only; no network
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'node_modules/zapier-platform-cli/src/bin/run');
const args = process.argv.slice(2);
const upload = !args.includes('--no-upload');

/** Runs a command, printing what it prints; throws naming the step when it fails. */
function run(step, command, commandArgs, cwd) {
  const ran = spawnSync(command, commandArgs, { cwd, stdio: 'inherit', env: { ...process.env } });
  if (ran.error) throw new Error(`${step} could not start: ${ran.error.message}`);
  if (ran.status !== 0) throw new Error(`${step} failed (exit ${ran.status}); see its output above.`);
}

/** The production packages of package-lock.json: [path in node_modules, locked version]. */
function productionPackages() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const packages = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    // devOptional: a dev dependency that is also an optional dependency of a production one (npm --omit=dev keeps it).
    if (path === '' || entry.dev || entry.link) continue;
    if (!existsSync(join(ROOT, path))) {
      if (entry.optional || entry.peer) continue;
      throw new Error(`${path} ${entry.version} is a production dependency missing from node_modules: run \`npm ci\` first.`);
    }
    const installed = String(JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')).version).replace(/^v/, '');
    if (installed !== entry.version) {
      throw new Error(`${path} is ${installed} in node_modules but ${entry.version} in package-lock.json: run \`npm ci\` first.`);
    }
    packages.push(path);
  }
  return packages;
}

function stage(dir) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  delete pkg.scripts; // the CLI would run `_zapier-build` again, in a folder without the sources' tools
  delete pkg.devDependencies;
  delete pkg.overrides;
  delete pkg.allowScripts;
  // Tracked files make source.zip (what Zapier keeps of the source); the build is dist/.
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(ROOT, file))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  for (const path of productionPackages()) {
    // A package's own nested node_modules are lockfile entries of their own (copied, or dev-only).
    cpSync(join(ROOT, path), join(dir, path), {
      recursive: true,
      filter: (source) => !source.slice(join(ROOT, path).length).includes('/node_modules'),
    });
  }
}

const started = Date.now();
const staging = mkdtempSync(join(tmpdir(), 'studio-zapier-push-'));
console.log(`Staging in ${staging} (deleted at the end)`);
try {
  run('npm run build', 'npm', ['run', 'build', '--silent'], ROOT);
  stage(staging);
  // Without upload, Zapier's remote checks are skipped (they need a login and the network);
  // `zapier-platform validate --without-style` checks the schema here instead.
  if (!upload) run('zapier-platform validate', process.execPath, [CLI, 'validate', '--without-style'], staging);
  run('zapier-platform build', process.execPath, [CLI, 'build', '--skip-npm-install', ...(upload ? [] : ['--skip-validation'])], staging);
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  for (const zip of ['build.zip', 'source.zip']) {
    const from = join(staging, 'build', zip);
    const to = join(ROOT, 'build', zip);
    try {
      renameSync(from, to);
    } catch {
      cpSync(from, to); // another file system (tmpdir on tmpfs)
    }
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
const kb = (file) => Math.round(statSync(join(ROOT, 'build', file)).size / 1024);
console.log(
  `Built build/build.zip (${kb('build.zip')} KB) and build/source.zip (${kb('source.zip')} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);

if (upload) {
  run('zapier-platform upload', process.execPath, [CLI, 'upload'], ROOT);
} else {
  console.log('Not uploaded (--no-upload). `npm run push` uploads.');
}
