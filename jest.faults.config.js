/** `npm run test:faults`: the fault suite, which owns its Kafka broker and PostgreSQL (it restarts them). */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 20 * 60 * 1000,
};
