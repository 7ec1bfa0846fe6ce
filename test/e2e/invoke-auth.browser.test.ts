// A developer connects the app to the local sandbox exactly as the README says:
// `zapier-platform invoke auth start` opens the consent page in a browser (headless Chromium,
// driven as a person would: sign in, Approve), receives the code on its local port, exchanges
// it through the app's getAccessToken and writes the tokens to .env; then `invoke auth test`,
// `auth label`, a search and a create succeed with them.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { freePort, lastJson, ROOT, runNode, zapierCli } from './cli.js';
import { startTestSandbox, type TestSandbox } from '../support/index.js';

/** A copy of the project a developer would have: package.json, node_modules, a built dist/. */
async function projectCopy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-invoke-'));
  copyFileSync(resolve(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const built = await runNode([resolve(ROOT, 'scripts/build.mjs'), '--outfile', join(dir, 'dist/index.js')], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  if (built.code !== 0) throw new Error(`the build failed:\n${built.stdout}${built.stderr}`);
  return dir;
}

/** Stands in for the desktop's browser launcher: `open` runs $BROWSER with the URL. */
function browserLauncher(dir: string): { script: string; urlFile: string } {
  const urlFile = join(dir, 'opened-url.txt');
  const script = join(dir, 'browser.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > '${urlFile}'\n`);
  chmodSync(script, 0o755);
  return { script, urlFile };
}

async function waitForFile(path: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the CLI did not open a browser within ${timeoutMs} ms`);
}

describeInBrowser('zapier-platform invoke against the sandbox', () => {
  let sandbox: TestSandbox;
  let project: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    project = await projectCopy();
  }, 180_000);

  afterAll(async () => {
    await sandbox?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('signs in through the consent page, writes .env, and runs auth test, label, a search and a create', async () => {
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/oauth/callback`;
    const studio = await sandbox.newStudio({ name: 'Harbour Light Studio', seed: 'demo', redirect_uris: [redirectUri] });
    writeFileSync(
      join(project, '.env'),
      `STUDIO_API_URL=${sandbox.url}\nCLIENT_ID=${studio.client_id}\nCLIENT_SECRET=${studio.client_secret}\n`,
    );
    const launcher = browserLauncher(project);

    const cli = zapierCli(
      ['invoke', 'auth', 'start', '--local-port', String(port), '--redirect-uri', redirectUri, '--non-interactive'],
      project,
      { BROWSER: launcher.script, DISPLAY: '' },
    );
    const authorizeUrl = await waitForFile(launcher.urlFile, 60_000);
    expect(new URL(authorizeUrl).origin).toBe(sandbox.url);

    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(authorizeUrl);
      await page.getByLabel('Email').fill(studio.user_email);
      await page.getByLabel('Password').fill(studio.user_password);
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL((url) => url.href.startsWith(redirectUri));
      await expect(page.textContent('body')).resolves.toMatch(/code.*received successfully/i);
    } finally {
      await browser.close();
    }

    const started = await cli;
    expect(started.code).toBe(0);
    const env = readFileSync(join(project, '.env'), 'utf8');
    expect(env).toMatch(/^authData_access_token=.+$/m);
    expect(env).toMatch(/^authData_refresh_token=.+$/m);

    const test = await zapierCli(['invoke', 'auth', 'test', '--non-interactive'], project);
    expect(test.code).toBe(0);
    expect(lastJson(test.stdout)).toMatchObject({ studio: { name: 'Harbour Light Studio' }, user: { email: studio.user_email } });

    const label = await zapierCli(['invoke', 'auth', 'label', '--non-interactive'], project);
    expect(label.code).toBe(0);
    expect(label.stdout).toContain(`Harbour Light Studio (${studio.user_email})`);

    const search = await zapierCli(
      ['invoke', 'search', 'find_contact', '--non-interactive', '-i', JSON.stringify({ email: 'AMELIA.HART@example.com' })],
      project,
    );
    expect(search.code).toBe(0);
    expect(lastJson(search.stdout)).toEqual([expect.objectContaining({ id: 'con_amelia_hart', matched_by: 'email' })]);

    const create = await zapierCli(
      [
        'invoke',
        'create',
        'create_contact',
        '--non-interactive',
        '-i',
        JSON.stringify({ first_name: 'Noor', last_name: 'Haddad', email: 'noor.haddad@example.com', phone: '07700 900321' }),
      ],
      project,
    );
    expect(create.code).toBe(0);
    expect(lastJson(create.stdout)).toMatchObject({ first_name: 'Noor', email: 'noor.haddad@example.com', phone: '+447700900321' });
  }, 180_000);
});
