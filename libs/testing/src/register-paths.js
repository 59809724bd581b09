// Jest's moduleNameMapper does not apply to global setup and teardown: resolve the tsconfig
// path aliases (@rag/*) for them here.
const { join } = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../../tsconfig.base.json');

register({ baseUrl: join(__dirname, '..', '..', '..'), paths: compilerOptions.paths });
