// The jest environment of every test file: Node's, plus the worker's one copy of nock.
//
// Under ESM jest gives every test file its own module registry, so a file that imported nock
// got its own copy, which patched Node's http and net modules (shared by the whole worker) on
// top of whatever the copy before it had left. A file whose afterAll hooks never ran (a suite
// whose tests are all skipped, like the browser suites without Chromium) left its copy in
// place, and the next file's requests were answered by that dead copy: "no match", HTTP 501.
// Here nock is loaded once per worker, outside the registries, and test files get this copy
// (jest.config.js maps `nock` to test/support/nock.ts). It intercepts only while a file that
// imports it runs: the import turns it on, and teardown, which runs for every file whatever
// its tests did, forgets every interceptor and listener and turns it off. Files that talk to a
// real sandbox over HTTP (and the sandbox's own webhook deliveries) never pass through it.
const { TestEnvironment } = require('jest-environment-node');
const nock = require('nock').default;
// Loading nock turns interception on; it stays off until a test file imports nock.
nock.restore();

const WORKER_NOCK = Symbol.for('studio.test.nock');

class StudioTestEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    reset();
    this.global[WORKER_NOCK] = nock;
  }

  async teardown() {
    reset();
    await super.teardown();
  }
}

function reset() {
  nock.cleanAll();
  nock.emitter.removeAllListeners();
  nock.enableNetConnect();
  nock.restore();
}

module.exports = StudioTestEnvironment;
