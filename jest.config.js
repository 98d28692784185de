/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  testTimeout: 30000,
  // Five on two cores: the suites that wait (token lifetimes, polling, retries) overlap with the
  // ones that compute. More workers no longer pay: npm test takes 45 s here with 5 and 44 s with
  // 8 or 10, the two cores being busy throughout (about 75 s of CPU, most of it spawned bundles).
  maxWorkers: 5,
};
