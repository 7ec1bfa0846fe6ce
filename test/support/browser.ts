// Headless Chromium for the tests of pages people see: Debian's `chromium` driven by
// playwright-core (no browser download), or whichever Chromium-family browser CHROMIUM_PATH
// names (a Mac's Chrome, say). Without one a browser suite skips itself with one clear line,
// unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure. CHROMIUM_PATH pointing
// at nothing is how a machine without a browser is reproduced.
import { describe, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // The machine has no network beyond loopback: keep Chromium from trying.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const chromiumInstalled = existsSync(CHROMIUM);
const browserRequired = process.env.REQUIRE_BROWSER === '1';

/**
 * describe() for a suite that needs Chromium. Without Chromium its tests are reported as
 * skipped (with one line saying why), or, under REQUIRE_BROWSER=1 (CI), fail.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (chromiumInstalled) {
    describe(name, suite);
    return;
  }
  if (browserRequired) {
    describe(name, () => {
      it('needs Chromium (REQUIRE_BROWSER=1)', () => {
        throw new Error(
          `Chromium not found at ${CHROMIUM}, and REQUIRE_BROWSER=1 makes browser tests mandatory (apt-get install chromium).`,
        );
      });
    });
    return;
  }
  process.stderr.write(`Chromium not found at ${CHROMIUM}: browser tests skipped (apt-get install chromium)\n`);
  // Skipped, not left out: a file with no test at all is a failure in jest.
  const skippedSuite = describe.skip;
  skippedSuite(name, suite);
}

/** A fresh headless browser profile; close() also removes it. */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'studio-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
