const express = require('express');
const User = require('./models/user');
const router = express.Router();
router.post('/login', async (req, res) => {
  const { username } = req.body;
  const user = await User.findOne({ username: { $eq: username } });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});
module.exports = router;
