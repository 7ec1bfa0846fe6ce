// ESM TypeScript through ts-jest. Type-checking is `tsc --noEmit` (npm run typecheck),
// so ts-jest only transpiles (isolatedModules in tsconfig.json).
/** @type {import('jest').Config} */
export default {
  // Node's environment plus one copy of nock per worker (see the file for why).
  testEnvironment: '<rootDir>/test/support/environment.cjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^nock$': '<rootDir>/test/support/nock.ts' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Under --randomize, files are shuffled by the seed as well as the tests inside them.
  testSequencer: '<rootDir>/test/support/sequencer.cjs',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // The run gets its own temporary folder and marks the processes it starts; at the end, any
  // process or folder a test left behind is removed and fails the run (see the file).
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  // Collects every message the app makes for a person, and fails a file whose messages do not
  // say what to do within Zapier's first 250 characters (see the file).
  setupFilesAfterEnv: ['<rootDir>/test/support/messages.ts'],
  // Generous: the suite must pass with the machine under load (four busy processes on 2 cores).
  testTimeout: 60000,
  // Two workers on a 2-core machine: most suites wait on sandboxes, browsers and child
  // processes, so two files at once take about 0.6 of the time one at a time does.
  maxWorkers: 2,
  // A worker that grows past this between files is replaced. zapier-platform-core ends its
  // process (process.exit) when it has run more than 250 invocations in it with over 450 MB
  // resident, as Zapier's runtime does; a long-lived test worker would otherwise reach that.
  workerIdleMemoryLimit: '350MB',
};
