// expect: code/weak-cipher
const crypto = require('crypto');
function encrypt(text, key) {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}
module.exports = { encrypt };
