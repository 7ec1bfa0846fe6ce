// What a test run leaves behind, found and removed (jest's globalSetup and globalTeardown).
//
// globalSetup marks the run: it gives it its own temporary folder (TMPDIR, so every mkdtemp
// under os.tmpdir() of the run lands there, apart from other runs on the same machine) and an
// environment variable, STUDIO_TEST_RUN, that every jest worker and every process a test
// starts (sandboxes, the Zapier CLI, Chromium) inherits. globalTeardown then looks for
// processes still carrying the mark and for anything left in the run's folder (or in the
// project's node_modules/.studio-* folders a test made), removes them, and fails the run
// naming them, so a test that times out, fails or is killed without stopping what it started
// is found, and leaves nothing behind. A run that was itself killed (no teardown) is cleaned
// up by the next run's globalSetup: marks and folders carry the run's process id.
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const MARK = 'STUDIO_TEST_RUN';
const RUN_PREFIX = 'studio-test-run-';
const ROOT = resolve(__dirname, '../..');
/** Caches programs keep in the temporary folder (tsx's transforms, Node's compile cache), removed with it, not leftovers. */
const CACHES = /^(tsx-\d+|node-compile-cache)$/;
/** Folders tests make inside the project (test/e2e/build-definition.test.ts). */
const PROJECT_PREFIX = '.studio-';

/** Processes of this machine whose environment carries a run's mark: [{ pid, run, command }]. */
function markedProcesses() {
  if (!existsSync('/proc')) return [];
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ;
    let command;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // gone, or another user's
    }
    const mark = environ.split('\0').find((pair) => pair.startsWith(`${MARK}=`));
    if (mark) found.push({ pid, run: mark.slice(MARK.length + 1), command });
  }
  return found;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function kill(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The jest workers of this run, which jest is ending by itself while teardown runs. */
const isJestWorker = (command) => /jest-worker[/\\]build[/\\]workers[/\\]/.test(command);

function projectFolders() {
  const modules = join(ROOT, 'node_modules');
  if (!existsSync(modules)) return [];
  return readdirSync(modules)
    .filter((name) => name.startsWith(PROJECT_PREFIX))
    .map((name) => join(modules, name));
}

async function setup() {
  // What killed runs left: their processes (their jest is gone) and their folders.
  const base = tmpdir();
  for (const stale of markedProcesses()) {
    const owner = Number(stale.run.split('-')[0]);
    if (!alive(owner)) kill(stale.pid);
  }
  for (const name of readdirSync(base)) {
    const owner = name.startsWith(RUN_PREFIX) ? Number(name.slice(RUN_PREFIX.length).split('-')[0]) : Number.NaN;
    if (Number.isInteger(owner) && !alive(owner)) rmSync(join(base, name), { recursive: true, force: true });
  }

  const run = `${process.pid}-${Date.now().toString(36)}`;
  const folder = join(base, `${RUN_PREFIX}${run}`);
  mkdirSync(folder, { recursive: true });
  process.env[MARK] = run;
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  globalThis.__studioTestRun = { run, folder, tmpdir: previous, projectFolders: projectFolders() };
}

async function teardown() {
  const state = globalThis.__studioTestRun;
  if (!state) return;
  const ours = () => markedProcesses().filter((entry) => entry.run === state.run && !isJestWorker(entry.command));
  // A process a test has just signalled may take a moment to exit.
  let left = ours();
  for (let waited = 0; left.length > 0 && waited < 5000; waited += 250) {
    await new Promise((wake) => setTimeout(wake, 250));
    left = ours();
  }
  for (const entry of left) kill(entry.pid);

  const files = existsSync(state.folder) ? readdirSync(state.folder).filter((name) => !CACHES.test(name)) : [];
  rmSync(state.folder, { recursive: true, force: true });
  const made = projectFolders().filter((folder) => !state.projectFolders.includes(folder));
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
  if (state.tmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = state.tmpdir;

  const problems = [
    ...left.map((entry) => `process ${entry.pid} still running: ${entry.command.slice(0, 200)}`),
    ...files.map((name) => `temporary folder left behind: ${name}`),
    ...made.map((folder) => `folder left behind: ${folder}`),
  ];
  if (problems.length > 0) {
    throw new Error(`The test run left these behind (now removed); a test must stop and remove what it starts:\n${problems.join('\n')}`);
  }
}

module.exports = { setup, teardown, markedProcesses, MARK };
