/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  testTimeout: 30000,
  // Five on two cores: most spawned-bundle suites spend their time waiting on loopback servers,
  // real timeouts and token lifetimes, not computing (npm test: ~75 s with 3, ~58 s with 5).
  maxWorkers: 5,
};
