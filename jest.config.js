/** One command runs every test: unit specs, and integration specs against real Kafka and PostgreSQL. */
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/infra', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@rag/infra$': '<rootDir>/infra/src',
    '^@rag/(.*)$': '<rootDir>/libs/$1/src',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/libs/testing/src/summary-reporter.js'],
  // Integration specs restart the shared broker and database: they must not run side by side.
  maxWorkers: 1,
};
