// expect: code/nosql-injection
const express = require('express');
const User = require('./models/user');
const router = express.Router();
router.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const user = await User.findOne({ username, password });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});
module.exports = router;
