// Shared Jest settings for every project: SWC for speed (with decorator metadata for NestJS),
// path aliases mapped to sources so tests never need a prior build, and UTC everywhere.
const path = require('node:path');
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '^@goodcom/protocol$': path.join(__dirname, 'libs/goodcom-protocol/src/index.ts'),
    '^@shared/types$': path.join(__dirname, 'libs/shared-types/src/index.ts'),
  },
  setupFiles: [path.join(__dirname, 'tools/jest/setup-utc.js')],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
