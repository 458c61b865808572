// expect: code/redos
const express = require('express');

const app = express();
app.use(express.json());

// dot-separated words before the domain: the optional dot lets `([…]+\.?)*` and `[…]+` share
// every letter, so a long local part that fails at the end backtracks exponentially
const EMAIL = /^([a-zA-Z0-9_-]+\.?)*[a-zA-Z0-9_-]+@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

app.post('/signup', (req, res) => {
  const email = String(req.body.email).toLowerCase();
  if (!EMAIL.test(email)) return res.status(400).json({ error: 'invalid email' });
  res.status(201).end();
});

module.exports = app;
