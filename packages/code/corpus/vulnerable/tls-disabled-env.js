// expect: code/tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const client = require('./client');
module.exports = client;
