require('./register-paths');
module.exports = require('./infra-setup.ts').default;
