// expect: code/insecure-random
function createResetToken(user) {
  const resetToken = Math.random().toString(36).substring(2) + Date.now().toString(36);
  user.resetToken = resetToken;
  return resetToken;
}
module.exports = { createResetToken };
