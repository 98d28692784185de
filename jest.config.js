/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 30000,
  // Eight on two cores: the suites that wait (token lifetimes, real polling, kills) overlap with
  // the ones that compute, which keep both cores busy (about 70 s of CPU, most of it spawned
  // bundles). npm test here: 40 s with 5 workers, 38 s with 8; more gain nothing.
  maxWorkers: 8,
};
