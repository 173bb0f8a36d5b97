// Browser end-to-end tests: Node environment, one file at a time (they share one API and browser).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dashboard-e2e',
  rootDir: __dirname,
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.spec.ts'],
  maxWorkers: 1,
  testTimeout: 180_000,
};
