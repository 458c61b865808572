const crypto = require('crypto');
function createResetToken(user) {
  const resetToken = crypto.randomBytes(32).toString('hex');
  user.resetToken = resetToken;
  return resetToken;
}
module.exports = { createResetToken };
