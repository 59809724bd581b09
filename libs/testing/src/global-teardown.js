require('./register-paths');
module.exports = require('./infra-teardown.ts').default;
