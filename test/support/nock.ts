// `import nock from 'nock'` in a test file resolves here (jest.config.js): the worker's one
// copy of nock, loaded by test/support/environment.cjs, instead of a copy per file.
type Nock = typeof import('nock').default;

const WORKER_NOCK = Symbol.for('studio.test.nock');
const workerNock = (globalThis as unknown as Record<symbol, Nock | undefined>)[WORKER_NOCK];
if (!workerNock) throw new Error('nock is provided by test/support/environment.cjs: run the tests through jest.config.js');

// Intercepting from here to the end of this file (test/support/environment.cjs turns it off).
if (!workerNock.isActive()) workerNock.activate();

export default workerNock;
