// The built definition (scripts/build.mjs): dist/index.js is the app's definition as data, with
// a stub for each of its functions that loads dist/app.js on first use. Built into a temporary
// folder, it must be the source definition to the letter wherever that is data, a function
// wherever that is one, and a stub must call the real function with what it was given.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import App from '../../index.js';
import { ROOT, runNode } from './cli.js';

let dir: string;
/** What a fresh Node process read from the built dist/index.js: its shape, and a stub's answer. */
let built: { shape: unknown; stubbed: unknown };

const request = { url: 'https://api.studio.test/v1/me', method: 'GET', headers: {}, params: {} };
const bundle = { authData: { access_token: 'at-1' }, inputData: {} };

beforeAll(async () => {
  // Built into a folder of its own inside the project (where zapier-platform-core resolves, as
  // it does for Zapier's runtime), not over the project's dist/.
  dir = mkdtempSync(join(ROOT, 'node_modules/.studio-definition-test-'));
  const result = await runNode([resolve(ROOT, 'scripts/build.mjs'), '--outfile', join(dir, 'dist/index.js')], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  const script = `
    const shape = ${shape.toString()};
    const { default: definition } = await import(${JSON.stringify(pathToFileURL(join(dir, 'dist/index.js')).href)});
    const stubbed = await definition.beforeRequest[0](${JSON.stringify(request)}, { console }, ${JSON.stringify(bundle)});
    console.log(JSON.stringify({ shape: shape(definition), stubbed }));`;
  const read = await runNode(['--input-type=module', '-e', script], { cwd: ROOT, timeoutMs: 60_000 });
  if (read.code !== 0) throw new Error(`reading the built definition failed:\n${read.stderr}`);
  built = JSON.parse(read.stdout.trim().split('\n').pop()!) as typeof built;
}, 190_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The definition with every function replaced by the word "function": what must match. */
function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, shape(item)]),
    );
  }
  return value;
}

describe('the built definition', () => {
  it('is data and stubs only: it imports nothing, and the code stays in dist/app.js until a function is called', () => {
    const index = readFileSync(join(dir, 'dist/index.js'), 'utf8');
    expect(index).not.toMatch(/^\s*import\s/m);
    expect(index).toContain("import('./app.js')");
    expect(index.length).toBeLessThan(statSync(join(dir, 'dist/app.js')).size / 4);
  });

  it('is the source definition, data to the letter and a function wherever the source has one', () => {
    expect(built.shape).toEqual(shape(App));
  });

  it('calls the real function through a stub, with the arguments and the answer unchanged', async () => {
    const before = (App.beforeRequest as Array<(...args: unknown[]) => unknown>)[0]!;
    expect(built.stubbed).toEqual(await before(structuredClone(request), { console }, structuredClone(bundle)));
  });
});
