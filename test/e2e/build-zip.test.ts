// The package Zapier receives: `npm run push -- --no-upload` (scripts/push.mjs, exactly what
// `npm run push` does before it uploads) produces build/build.zip; unpacked into an empty folder
// and loaded the way Zapier's runtime loads it (import zapierwrapper.js, call its handler with
// an execute event), it runs an operation against a real sandbox.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, runNode } from './cli.js';
import { startTestSandbox, type TestSandbox } from '../support/index.js';

const ZIP = resolve(ROOT, 'build/build.zip');
let sandbox: TestSandbox;
let unpacked: string;
let pushOutput = '';

beforeAll(async () => {
  sandbox = await startTestSandbox();
  rmSync(ZIP, { force: true });
  const built = await runNode(['scripts/push.mjs', '--no-upload'], { cwd: ROOT, timeoutMs: 170_000 });
  pushOutput = built.stdout + built.stderr;
  if (built.code !== 0) throw new Error(`npm run push -- --no-upload failed:\n${built.stdout}\n${built.stderr}`);
  unpacked = mkdtempSync(join(tmpdir(), 'studio-build-'));
  try {
    execFileSync('unzip', ['-q', ZIP, '-d', unpacked]);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error('The build.zip test unpacks with `unzip`: apt-get install unzip');
    throw error;
  }
}, 180_000);

afterAll(async () => {
  await sandbox?.stop();
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

/** Loads the unpacked build in a fresh Node process, as Zapier's runtime does, and runs one event. */
async function runInZapierRuntime(event: object): Promise<{ results: unknown }> {
  const runner = join(unpacked, 'run-event.mjs');
  writeFileSync(
    runner,
    `const { handler } = await import('./zapierwrapper.js');
     const response = await handler(JSON.parse(process.env.ZAPIER_EVENT), {});
     process.stdout.write('\\n@@RESULT@@' + JSON.stringify(response));`,
  );
  const ran = await runNode([runner], {
    cwd: unpacked,
    env: {
      ZAPIER_EVENT: JSON.stringify(event),
      STUDIO_API_URL: sandbox.url,
      CLIENT_ID: sandbox.studio.client_id,
      CLIENT_SECRET: sandbox.studio.client_secret,
    },
  });
  const marker = ran.stdout.indexOf('@@RESULT@@');
  if (ran.code !== 0 || marker === -1) throw new Error(`the build failed to run (exit ${ran.code}):\n${ran.stdout}\n${ran.stderr}`);
  return JSON.parse(ran.stdout.slice(marker + '@@RESULT@@'.length)) as { results: unknown };
}

describe('build.zip', () => {
  it('is built without copying the project, and leaves no staging folder behind', () => {
    expect(pushOutput).not.toMatch(/Copying project to temp directory|EMFILE/);
    expect(pushOutput).toMatch(/Built build\/build\.zip \(\d+ KB\)/);
    // Its own staging folder (other pushes on the machine may be staging at the same time).
    const staging = /^Staging in (\S+) /m.exec(pushOutput)?.[1];
    expect(staging).toMatch(/studio-zapier-push-/);
    expect(existsSync(staging!)).toBe(false);
  });

  it('holds the bundle and only the runtime packages it requires', () => {
    const listing = execFileSync('unzip', ['-Z1', ZIP], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(
      expect.arrayContaining(['zapierwrapper.js', 'definition.json', 'dist/index.js', 'node_modules/zapier-platform-core/package.json']),
    );
    const packages = new Set(
      listing
        .filter((file) => file.startsWith('node_modules/'))
        .map((file) =>
          file
            .split('/')
            .slice(1, file.startsWith('node_modules/@') ? 3 : 2)
            .join('/'),
        ),
    );
    for (const devOnly of ['zapier-platform-cli', 'typescript', 'jest', 'esbuild', 'fastify', 'node'])
      expect(packages).not.toContain(devOnly);
    expect(listing.some((file) => /^(src|test|sandbox)\//.test(file))).toBe(false);
  });

  it('is small enough to upload', () => {
    const bytes = statSync(ZIP).size;
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('runs Find Gallery against the sandbox from an empty folder', async () => {
    const response = await runInZapierRuntime({
      command: 'execute',
      method: 'searches.find_gallery.operation.perform',
      bundle: { authData: sandbox.authData, inputData: { gallery_id: 'gal_hart_wedding' } },
      calledFromCli: true,
    });
    expect(response.results).toEqual([
      expect.objectContaining({ id: 'gal_hart_wedding', status: expect.stringMatching(/^(online|offline)$/) }),
    ]);
  }, 60_000);

  it('carries the whole app definition', async () => {
    const response = await runInZapierRuntime({ command: 'definition', calledFromCli: true });
    const definition = response.results as { triggers: object; creates: object; searches: object; authentication: { type: string } };
    expect(definition.authentication.type).toBe('oauth2');
    expect(Object.keys(definition.triggers)).toEqual(expect.arrayContaining(['new_order', 'gallery_published', 'new_payment']));
    expect(Object.keys(definition.creates)).toEqual(
      expect.arrayContaining([
        'create_gallery',
        'link_gallery_to_job',
        'unlink_gallery_from_job',
        'create_invoices_from_order',
        'import_order',
        'create_contact',
      ]),
    );
    expect(Object.keys(definition.searches)).toEqual(
      expect.arrayContaining(['find_contact', 'find_latest_confirmed_shoot', 'find_gallery']),
    );
  }, 60_000);
});
